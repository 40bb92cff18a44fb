package letters

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// renderer is built once for the package's tests (New is deterministic and the
// Renderer is safe for concurrent use).
var renderer = sync.OnceValues(func() (*Renderer, error) { return New(Options{}) })

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := renderer()
	require.NoError(t, err)
	return r
}

// TestGolden renders every kind in every language from the sample of the language's
// jurisdiction and compares text (with the SMS) and HTML with testdata/*.golden.
// Implements E14 (templates), E15 (SMS), S6, S8, S12, E7, E11, E12, E13.
func TestGolden(t *testing.T) {
	r := newRenderer(t)
	for l := range numLangs {
		for _, k := range Kinds() {
			name := k.String() + "." + langDirs[l]
			t.Run(name, func(t *testing.T) {
				letter, err := r.Render(k, l.tag(), SampleData(k, homeJurisdiction(l)))
				require.NoError(t, err)
				text := "Subject: " + letter.Subject + "\n\n" + letter.Text + "\n\n-- SMS (" +
					letter.SMS.Encoding.String() + ", " + itoa(letter.SMS.Segments) + " segments)\n" + letter.SMS.Text + "\n"
				golden(t, filepath.Join("testdata", name+".txt.golden"), text)
				golden(t, filepath.Join("testdata", name+".html.golden"), letter.HTML)
			})
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestDefaultTemplatesPassLoadCheck runs the load-time check (execution against the
// samples) on every default template; New skips it for templates not overridden.
func TestDefaultTemplatesPassLoadCheck(t *testing.T) {
	r := newRenderer(t)
	for l := range numLangs {
		for _, k := range Kinds() {
			require.NoError(t, r.check(k, l), templatePath(k, l))
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./letters -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// TestEveryKindHasTemplateInEveryLanguage checks the embedded defaults: 15 kinds × 7
// languages.
func TestEveryKindHasTemplateInEveryLanguage(t *testing.T) {
	for l := range numLangs {
		for _, k := range Kinds() {
			b, err := defaultTemplates.ReadFile("templates/" + templatePath(k, l))
			require.NoError(t, err, "kind %s has no template in %s", k, langDirs[l])
			for _, block := range []string{`{{define "subject"}}`, `{{define "body"}}`, `{{define "sms"}}`} {
				require.Contains(t, string(b), block, "%s", templatePath(k, l))
			}
		}
	}
}

// TestVocabularyComplete fails when a word of the layout or partials is missing in a
// language (the x/text lesson: a missing translation must not print a key).
func TestVocabularyComplete(t *testing.T) {
	for l := range numLangs {
		v := vocabularies[l]
		fields := map[string]string{
			"Date": v.Date, "Case": v.Case, "Customer": v.Customer, "Regards": v.Regards,
			"Invoice": v.Invoice, "Due": v.Due, "Amount": v.Amount, "Paid": v.Paid, "Open": v.Open,
			"Total": v.Total, "ReminderFee": v.ReminderFee, "CompensationFee": v.CompensationFee,
			"CollectionFee": v.CollectionFee, "CourtFee": v.CourtFee, "Interest": v.Interest,
			"InterestCol": v.InterestCol, "Period": v.Period, "Days": v.Days, "Rate": v.Rate,
			"Balance": v.Balance, "No": v.No, "Instalment": v.Instalment, "Principal": v.Principal,
			"Remaining": v.Remaining, "Term": v.Term, "DownPayment": v.DownPayment, "First": v.First,
			"Last": v.Last, "PlanRate": v.PlanRate, "TotalInterest": v.TotalInterest,
			"TotalPaid": v.TotalPaid, "InterestFree": v.InterestFree, "OwedNow": v.OwedNow,
			"Escalated": v.Escalated, "OfferAmount": v.OfferAmount, "Saving": v.Saving,
			"Expires": v.Expires, "AmountToPay": v.AmountToPay, "PayBy": v.PayBy, "Account": v.Account,
			"IBAN": v.IBAN, "BIC": v.BIC, "Reference": v.Reference, "Bank": v.Bank, "Missed": v.Missed,
			"Arrears": v.Arrears, "Phone": v.Phone, "Email": v.Email,
		}
		for name, w := range fields {
			if w == "" {
				t.Errorf("%s: word %s missing", langDirs[l], name)
			}
		}
		for i, m := range v.Months {
			if m == "" {
				t.Errorf("%s: month %d missing", langDirs[l], i+1)
			}
		}
		for _, f := range [][2]string{v.DayForms, v.MonthForms, v.InstalmentForms} {
			if f[0] == "" || f[1] == "" {
				t.Errorf("%s: plural forms missing", langDirs[l])
			}
		}
	}
}

var (
	leakRe        = regexp.MustCompile(`\{\{|\}\}|<no value>|%!|ZgotmplZ|\bnil\b|Money\{|0001-01-01`)
	emptyPlaceRe  = regexp.MustCompile(`\(\s*\)|\s[,.;:](\s|$)|:\s*$|\s–\s*$`)
	emptyLineRe   = regexp.MustCompile(`\(\s*\)|\s[,.;:](\s|$)|:\s*[,.]|^\s*[,.:]`)
	htmlTagRe     = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)
	vocabularyKey = regexp.MustCompile(`\b(Words|Tables)\.`)
)

// TestNoLeaks fails when any output of any kind in any language, for any sample
// variant, shows a template key, "<no value>", a fmt error verb, or an empty
// placeholder (an unset value leaving "( )", " ." or a dangling colon).
func TestNoLeaks(t *testing.T) {
	r := newRenderer(t)
	for l := range numLangs {
		for _, k := range Kinds() {
			for _, j := range []dunning.Jurisdiction{homeJurisdiction(l), dunning.NL, dunning.DE} {
				for _, d := range []Data{SampleData(k, j), sparse(SampleData(k, j))} {
					letter, err := r.Render(k, l.tag(), d)
					require.NoError(t, err)
					for what, out := range map[string]string{"subject": letter.Subject, "text": letter.Text, "html": letter.HTML, "sms": letter.SMS.Text} {
						if m := leakRe.FindString(out); m != "" {
							t.Errorf("%s/%s/%s %s leaks %q", langDirs[l], k, j, what, m)
						}
						if m := vocabularyKey.FindString(out); m != "" {
							t.Errorf("%s/%s/%s %s prints a key %q", langDirs[l], k, j, what, m)
						}
					}
					for _, out := range []string{letter.Subject, letter.SMS.Text} {
						if m := emptyPlaceRe.FindString(out); m != "" {
							t.Errorf("%s/%s/%s: empty placeholder %q in %q", langDirs[l], k, j, m, out)
						}
					}
					for ln := range strings.SplitSeq(letter.Text, "\n") {
						if strings.Contains(ln, "  ") {
							continue // table rows
						}
						if m := emptyLineRe.FindString(ln); m != "" {
							t.Errorf("%s/%s/%s: empty placeholder %q in line %q", langDirs[l], k, j, m, ln)
						}
					}
					if m := htmlTagRe.FindString(letter.Text); m != "" {
						t.Errorf("%s/%s: plain text contains markup %q", langDirs[l], k, m)
					}
					if j == homeJurisdiction(l) && (letter.SMS.Encoding != GSM7 || letter.SMS.Segments > 2) {
						t.Errorf("%s/%s: default SMS is %s in %d segments: %q", langDirs[l], k, letter.SMS.Encoding, letter.SMS.Segments, letter.SMS.Text)
					}
					if letter.SMS.Segments > 3 {
						t.Errorf("%s/%s: SMS of %d segments: %q", langDirs[l], k, letter.SMS.Segments, letter.SMS.Text)
					}
				}
			}
		}
	}
}

// TestHTMLEscapesHostData: a debtor named <script>… stays text in HTML, and the
// plain text has no markup of ours. Implements E14 (free text is printed as text).
func TestHTMLEscapesHostData(t *testing.T) {
	r := newRenderer(t)
	const evil = `<script>alert(1)</script>`
	for _, k := range Kinds() {
		d := SampleData(k, dunning.DK)
		d.Debtor.Name = evil
		d.Comment = evil
		d.Paragraphs = []string{evil, "<b>bold</b> & \"quoted\""}
		d.Subject = evil
		d.Creditor.Logo = "javascript:alert(1)"
		d.Claims[0].Invoice = `"><img src=x onerror=alert(1)>`
		letter, err := r.Render(k, language.Danish, d)
		require.NoError(t, err)
		require.NotContains(t, letter.HTML, "<script>", k.String())
		require.NotContains(t, letter.HTML, "<img src=x", k.String())
		require.NotContains(t, letter.HTML, "javascript:", k.String())
		require.NotContains(t, letter.HTML, "<b>bold", k.String())
		require.Contains(t, letter.HTML, "&lt;script&gt;", k.String())
		require.Contains(t, letter.Text, evil, "plain text prints data as it is")
	}
}

// TestHTMLParagraphs: prose becomes <p>, partials stay blocks.
func TestHTMLParagraphs(t *testing.T) {
	letter, err := newRenderer(t).Render(Reminder, language.English, SampleData(Reminder, dunning.EU))
	require.NoError(t, err)
	require.NotContains(t, letter.HTML, "<p><table")
	require.NotContains(t, letter.HTML, "<p><div")
	require.Contains(t, letter.HTML, "<p>Dear John Smith,</p>")
}

func TestLanguageMatching(t *testing.T) {
	r := newRenderer(t)
	for _, c := range []struct{ in, want string }{
		{"da", "da"}, {"da-DK", "da"}, {"no", "nb"}, {"nn", "nb"}, {"nb-NO", "nb"}, {"sv-FI", "sv"},
		{"de-AT", "de"}, {"de-CH", "de"}, {"nl-BE", "nl"}, {"fi", "fi"}, {"en-GB", "en"},
		{"fr", "en"}, {"und", "en"}, {"ja", "en"},
	} {
		letter, err := r.Render(Reminder, language.MustParse(c.in), SampleData(Reminder, dunning.DK))
		require.NoError(t, err)
		require.Equal(t, c.want, letter.Lang.String(), c.in)
	}
}

func TestDateFormats(t *testing.T) {
	d := date.MustParse("2025-01-31")
	want := map[lang][2]string{
		langDA: {"31. januar 2025", "31-01-2025"}, langSV: {"31 januari 2025", "2025-01-31"},
		langNB: {"31. januar 2025", "31.01.2025"}, langDE: {"31.01.2025", "31.01.2025"},
		langNL: {"31 januari 2025", "31-01-2025"}, langFI: {"31.1.2025", "31.1.2025"},
		langEN: {"31 January 2025", "31 Jan 2025"},
	}
	for l, w := range want {
		require.Equal(t, w[0], l.formatDate(d), langDirs[l])
		require.Equal(t, w[1], l.formatShortDate(d), langDirs[l])
	}
	require.Equal(t, "", langDA.formatDate(date.Date{}))
}

func TestPlurals(t *testing.T) {
	require.Equal(t, "1 dag", langDA.plural(1, vocabularies[langDA].DayForms))
	require.Equal(t, "14 dage", langDA.plural(14, vocabularies[langDA].DayForms))
	require.Equal(t, "1 päivä", langFI.plural(1, vocabularies[langFI].DayForms))
	require.Equal(t, "14 päivää", langFI.plural(14, vocabularies[langFI].DayForms))
	require.Equal(t, "1 Rate", langDE.plural(1, vocabularies[langDE].InstalmentForms))
	require.Equal(t, "6 Raten", langDE.plural(6, vocabularies[langDE].InstalmentForms))
}

func TestValidateReportsEveryProblem(t *testing.T) {
	d := SampleData(Reminder, dunning.DK)
	d.Claims[0].Open = money.MustNew("999.99", money.DKK)
	d.Total = money.MustNew("1.00", money.DKK)
	d.CostIfUnpaid = money.MustNew("1.00", money.EUR)
	d.Creditor.Name = ""
	d.Level = 0
	err := Validate(Reminder, d)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	for _, field := range []string{"Data.Claims[0].Open", "Data.CostIfUnpaid", "Data.Creditor.Name", "Data.Level"} {
		require.Contains(t, err.Error(), field)
	}
	_, err = newRenderer(t).Render(Reminder, language.Danish, d)
	require.ErrorIs(t, err, dunning.ErrInvalid)

	d = SampleData(Reminder, dunning.DK)
	d.Total = money.MustNew("1.00", money.DKK)
	require.ErrorContains(t, Validate(Reminder, d), "Data.Total")

	_, err = newRenderer(t).Render(Kind(99), language.Danish, SampleData(Reminder, dunning.DK))
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

// TestSampleDataIsValid: every sample adds up, for every kind and jurisdiction.
func TestSampleDataIsValid(t *testing.T) {
	for _, j := range dunning.Jurisdictions() {
		for _, k := range Kinds() {
			require.NoError(t, Validate(k, SampleData(k, j)), "%s %s", k, j)
		}
	}
}

func TestValidatePlanTotals(t *testing.T) {
	d := SampleData(PlanOverview, dunning.DK)
	d.Plan.TotalPaid = money.MustNew("1.00", money.DKK)
	d.Plan.Instalments[2].Amount = money.MustNew("2.00", money.DKK)
	err := Validate(PlanOverview, d)
	require.ErrorContains(t, err, "Data.Plan.Instalments[2].Amount")

	d = SampleData(SettlementOffer, dunning.DK)
	d.Offer.Saving = money.MustNew("1.00", money.DKK)
	require.ErrorContains(t, Validate(SettlementOffer, d), "Data.Offer.Saving")
}

func TestKindText(t *testing.T) {
	for _, k := range Kinds() {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back Kind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
	}
	require.Len(t, Kinds(), 15)
	_, err := ParseKind("rykker")
	require.ErrorIs(t, err, dunning.ErrInvalid)
	_, err = Kind(200).MarshalText()
	require.Error(t, err)
	require.Equal(t, "Kind(200)", Kind(200).String())
	k, err := ParseKind(" Collection-Warning ")
	require.NoError(t, err)
	require.Equal(t, CollectionWarning, k)
}

func TestChannelText(t *testing.T) {
	for _, c := range []Channel{Email, SMS, Post, Print} {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back Channel
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, c, back)
	}
	_, err := ParseChannel("fax")
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

func TestOverrideTemplate(t *testing.T) {
	fsys := fstest.MapFS{"da/reminder.tmpl": {Data: []byte(
		`{{define "subject"}}Husk {{invoices .}}{{end}}{{define "body"}}Hej {{.Debtor.Name}}, betal {{money .Total}}.{{end}}{{define "sms"}}Betal {{money .Total}}{{end}}`)}}
	r, err := Load(fsys)
	require.NoError(t, err)
	letter, err := r.Render(Reminder, language.Danish, SampleData(Reminder, dunning.DK))
	require.NoError(t, err)
	require.Equal(t, "Husk 1001, 1017", letter.Subject)
	require.Contains(t, letter.Text, "Hej Jens Hansen, betal 4.643,97\u00a0kr.")
	// the other templates are still the defaults
	other, err := r.Render(Reminder, language.Swedish, SampleData(Reminder, dunning.SE))
	require.NoError(t, err)
	require.Contains(t, other.Subject, "Påminnelse 2")
}

// TestOverrideFailsAtLoad: a template that refers to an unknown field or function,
// lacks a block, or sits at an unknown path fails in New, naming its path.
func TestOverrideFailsAtLoad(t *testing.T) {
	for name, c := range map[string]struct{ path, src string }{
		"unknown field":    {"de/reminder.tmpl", `{{define "subject"}}{{.Nope}}{{end}}{{define "body"}}x{{end}}{{define "sms"}}x{{end}}`},
		"unknown function": {"de/reminder.tmpl", `{{define "subject"}}{{shout .Total}}{{end}}{{define "body"}}x{{end}}{{define "sms"}}x{{end}}`},
		"missing block":    {"de/reminder.tmpl", `{{define "subject"}}x{{end}}{{define "body"}}x{{end}}`},
		"does not parse":   {"de/reminder.tmpl", `{{define "subject"}}{{if}}{{end}}`},
		"unknown path":     {"fr/reminder.tmpl", `x`},
		"misspelt kind":    {"da/remindr.tmpl", `x`},
		"bad partial":      {"partials/html.tmpl", `{{define "table"}}{{.Nope}}{{end}}`},
		"runaway loop":     {"de/reminder.tmpl", `{{define "subject"}}{{range 100000000}}xxxxxxxxxx{{end}}{{end}}{{define "body"}}x{{end}}{{define "sms"}}x{{end}}`},
		"partial no parse": {"partials/text.tmpl", `{{define "table"}}{{end`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := New(Options{Templates: fstest.MapFS{c.path: {Data: []byte(c.src)}}})
			require.ErrorIs(t, err, ErrTemplate)
			var te *TemplateError
			require.True(t, errors.As(err, &te))
			require.Contains(t, err.Error(), strings.SplitN(c.path, "/", 2)[0])
		})
	}
}

func TestMessageAndDispatcher(t *testing.T) {
	letter, err := newRenderer(t).Render(Reminder, language.Danish, SampleData(Reminder, dunning.DK))
	require.NoError(t, err)
	seen := map[string]int{}
	var mu sync.Mutex
	d := DispatcherFunc(func(_ context.Context, m Message) error {
		mu.Lock()
		defer mu.Unlock()
		seen[m.ID]++ // an idempotent dispatcher would skip a repeated ID
		return nil
	})
	email := letter.Message("case-42/reminder-2/2025-03-03", Email, "jens@example.dk")
	require.Equal(t, letter.HTML, email.HTML)
	sms := letter.Message("case-42/reminder-2/2025-03-03/sms", SMS, "+4512345678")
	require.Equal(t, letter.SMS.Text, sms.Text)
	require.Empty(t, sms.HTML)
	require.NoError(t, d.Deliver(t.Context(), email))
	require.NoError(t, d.Deliver(t.Context(), email))
	require.Equal(t, 2, seen[email.ID])
}

// TestSegmentCount: GSM-7 160/153 septets, extension characters count twice and never
// straddle parts; UCS-2 70/67 code units. Implements E15 (SMS).
func TestSegmentCount(t *testing.T) {
	for _, c := range []struct {
		text string
		enc  Encoding
		segs int
	}{
		{"", GSM7, 1},
		{strings.Repeat("a", 160), GSM7, 1},
		{strings.Repeat("a", 161), GSM7, 2},
		{strings.Repeat("a", 306), GSM7, 2},
		{strings.Repeat("a", 307), GSM7, 3},
		{strings.Repeat("€", 80), GSM7, 1},                                  // 160 septets
		{strings.Repeat("€", 81), GSM7, 2},                                  // 162 septets
		{strings.Repeat("a", 152) + "€" + strings.Repeat("a", 10), GSM7, 2}, // € moves to part 2
		{"Søren Åberg, Ærø: 1.234,50 kr.", GSM7, 1},
		{strings.Repeat("ë", 70), UCS2, 1},
		{strings.Repeat("ë", 71), UCS2, 2},
		{strings.Repeat("ë", 134), UCS2, 2},
		{strings.Repeat("ë", 135), UCS2, 3},
		{"😀" + strings.Repeat("a", 68), UCS2, 1}, // a surrogate pair is 2 units
	} {
		enc, segs := SegmentCount(c.text)
		require.Equal(t, c.enc, enc, "%q", c.text)
		require.Equal(t, c.segs, segs, "%q", c.text)
	}
	// Nordic amounts use no-break spaces and U+2212; the SMS maps them to GSM.
	s := newSMS("Betal \u22121\u00a0234,50\u00a0kr \u2013 tak")
	require.Equal(t, "Betal -1 234,50 kr - tak", s.Text)
	require.Equal(t, GSM7, s.Encoding)
}

// TestNoWayToPay: a letter that asks for payment without an account is refused,
// naming the field; the court documents and a free letter need none.
func TestNoWayToPay(t *testing.T) {
	for _, k := range Kinds() {
		d := SampleData(k, dunning.DK)
		d.Creditor.Bank = Bank{Name: "Danske Bank", BIC: "DABADKKK"}
		err := Validate(k, d)
		if !k.AsksForPayment() {
			require.NoError(t, err, k)
			continue
		}
		require.ErrorIs(t, err, ErrNoWayToPay, k)
		var fe *dunning.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "Data.Creditor.Bank", fe.Field)
		d.Creditor.Bank.Account = "Reg.nr. 1234 konto 0012345678"
		require.NoError(t, Validate(k, d), k)
	}
	require.False(t, FreeLetter.AsksForPayment())
	require.True(t, Reminder.AsksForPayment())
}

// TestRenderForRendersWhatTheChannelCarries checks RenderFor against Render for
// every kind, language, jurisdiction's sample and channel: the message a channel
// carries (Letter.Message) is byte for byte the same, and the parts the channel
// does not carry are left empty.
func TestRenderForRendersWhatTheChannelCarries(t *testing.T) {
	r := newRenderer(t)
	for l := range numLangs {
		for _, k := range Kinds() {
			for _, j := range dunning.Jurisdictions() {
				d := SampleData(k, j)
				all, err := r.Render(k, l.tag(), d)
				require.NoError(t, err)
				for _, ch := range []Channel{Email, SMS, Post, Print} {
					got, err := r.RenderFor(k, l.tag(), d, ch)
					require.NoError(t, err)
					require.Equal(t, all.Message("m", ch, "x"), got.Message("m", ch, "x"), "%s %s %s %s", k, langDirs[l], j, ch)
					require.Equal(t, all.Subject, got.Subject)
					if ch == SMS {
						require.Equal(t, all.SMS, got.SMS)
						require.Empty(t, got.Text+got.HTML)
					} else {
						require.Equal(t, all.Text, got.Text)
						require.Equal(t, all.HTML, got.HTML)
						require.Empty(t, got.SMS.Text)
					}
				}
			}
		}
	}
	_, err := r.RenderFor(Kind(0), language.English, Data{}, Email)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "Kind", fe.Field)
	for _, ch := range []Channel{0, Print + 1} {
		_, err = r.RenderFor(Reminder, language.English, SampleData(Reminder, dunning.DK), ch)
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "Channel", fe.Field)
	}
}
