package letters

import (
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// TestStatutoryDeadlines checks the minimum deadline of warning letters per
// jurisdiction (docs/research/jurisdictions.md §§ 1.5, 2.5, 3.5, 5.1, 6.1): one day short
// is reported, the minimum itself is lawful.
func TestStatutoryDeadlines(t *testing.T) {
	sent := date.MustParse("2025-03-03") // a Monday
	for _, c := range []struct {
		name    string
		j       dunning.Jurisdiction
		kind    Kind
		debtor  dunning.PartyKind
		minimum date.Date // the earliest lawful deadline
	}{
		{"DK inkassovarsel, inkassoloven § 10: 10 days from dispatch", dunning.DK, CollectionWarning, dunning.Consumer, sent.AddDays(10)},
		{"DK inkassovarsel to a business", dunning.DK, CollectionWarning, dunning.Business, sent.AddDays(10)},
		{"NO inkassovarsel, inkassoloven § 9: 14 days from dispatch", dunning.NO, CollectionWarning, dunning.Consumer, sent.AddDays(14)},
		{"NO betalingsoppfordring, inkassoloven § 10: 14 days", dunning.NO, DemandLetter, dunning.Business, sent.AddDays(14)},
		{"SE inkassokrav, god inkassosed: 8 days from dispatch", dunning.SE, DemandLetter, dunning.Consumer, sent.AddDays(8)},
		{"SE inkassovarning: 8 days from dispatch", dunning.SE, CollectionWarning, dunning.Consumer, sent.AddDays(8)},
		// Monday 3rd → presumed delivered Wednesday 5th (Tuesday, Wednesday; not
		// Sundays or Mondays) → 14 days from the day after: 19th.
		{"NL 14-dagenbrief, art. 6:96 lid 6 BW: 14 days from the day after receipt", dunning.NL, CollectionWarning, dunning.Consumer, date.MustParse("2025-03-19")},
		{"FI consumer, KKV 2024: 10 days", dunning.FI, CollectionWarning, dunning.Consumer, sent.AddDays(10)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, rule, ok := EarliestDeadline(c.kind, c.j, c.debtor, sent)
			require.True(t, ok)
			require.Equal(t, c.minimum, got)
			require.NotEmpty(t, rule.Source)
			require.NotEmpty(t, rule.Status)

			d := SampleData(c.kind, c.j)
			d.Debtor.Kind = c.debtor
			d.Date = sent
			d.Deadline = c.minimum
			require.NoError(t, CheckStatutory(c.kind, d))

			d.Deadline = c.minimum.AddDays(-1)
			err := CheckStatutory(c.kind, d)
			require.ErrorIs(t, err, ErrStatutory)
			require.ErrorIs(t, err, dunning.ErrInvalid)
			require.ErrorContains(t, err, "Data.Deadline")
			require.ErrorContains(t, err, c.minimum.String())
		})
	}
}

// TestStatutoryNoRule: DE, EU and B2B in NL and FI set no deadline.
func TestStatutoryNoRule(t *testing.T) {
	sent := date.MustParse("2025-03-03")
	for _, c := range []struct {
		j      dunning.Jurisdiction
		debtor dunning.PartyKind
	}{{dunning.DE, dunning.Consumer}, {dunning.EU, dunning.Business}, {dunning.NL, dunning.Business}, {dunning.FI, dunning.Business}} {
		_, _, ok := EarliestDeadline(CollectionWarning, c.j, c.debtor, sent)
		require.False(t, ok, "%s %s", c.j, c.debtor)
		d := SampleData(CollectionWarning, c.j)
		d.Debtor.Kind = c.debtor
		d.Deadline = sent.AddDays(1)
		require.NoError(t, CheckStatutory(CollectionWarning, d))
	}
}

// TestStatutoryReportsEveryMissingElement: creditor identity, cost amount and
// deadline are all reported at once.
func TestStatutoryReportsEveryMissingElement(t *testing.T) {
	d := SampleData(CollectionWarning, dunning.DK)
	d.Creditor.Name = ""
	d.Creditor.Address = dunning.Address{}
	d.CostIfUnpaid = money.Money{}
	d.Deadline = d.Date.AddDays(5)
	err := CheckStatutory(CollectionWarning, d)
	for _, f := range []string{"Data.Creditor.Name", "Data.Creditor.Address", "Data.CostIfUnpaid", "Data.Deadline"} {
		require.ErrorContains(t, err, f)
	}
	require.ErrorContains(t, err, "inkassoloven § 10")

	d = SampleData(CollectionWarning, dunning.NL)
	d.Deadline = date.Date{} // the 14-day letter may state the period in words only
	require.NoError(t, CheckStatutory(CollectionWarning, d))
	d.Date = date.Date{}
	require.ErrorContains(t, CheckStatutory(CollectionWarning, d), "Data.Date")
}

// TestStatutoryContentsRendered asserts that the default warning letters print what
// the law requires: the deadline (or, for the Dutch consumer letter, the accepted
// wording), the amount added if the debtor does not pay, incl. VAT in NL, that paying
// in time costs nothing more, and the creditor's identity.
func TestStatutoryContentsRendered(t *testing.T) {
	r := newRenderer(t)
	for _, c := range []struct {
		j    dunning.Jurisdiction
		lang string
		kind Kind
		want []string
	}{
		{dunning.DK, "da", CollectionWarning, []string{"senest den 17. marts 2025", "1.100,00\u00a0kr.", "ikke yderligere omkostninger", "Nordlys Tekstil ApS, CVR-nr. 24256790", "Inkassovarsel"}},
		{dunning.NO, "nb", CollectionWarning, []string{"innen 17. mars 2025", "560,00\u00a0kr", "ingen ytterligere kostnader", "Fjordvik Verksted AS, Org.nr. 974760673", "Inkassovarsel"}},
		{dunning.NO, "nb", DemandLetter, []string{"innen 17. mars 2025", "560,00\u00a0kr", "Betalingsoppfordring"}},
		{dunning.SE, "sv", DemandLetter, []string{"senast den 17 mars 2025", "180,00\u00a0kr", "Inkassokrav", "Fjällbacka Trä AB"}},
		{dunning.NL, "nl", CollectionWarning, []string{
			"binnen veertien dagen vanaf de dag nadat deze brief bij u is bezorgd",
			"€\u00a0695,69 (inclusief €\u00a0120,74 btw)", "geen verdere kosten", "Van Dijk Installatietechniek B.V., KvK 12345678"}},
		{dunning.NL, "en", CollectionWarning, []string{"within fourteen days from the day after this letter has been delivered to you", "€695.69 (including €120.74 VAT)"}},
		{dunning.DE, "de", CollectionWarning, []string{"bis spätestens 17.03.2025", "231,95\u00a0€", "keine weiteren Kosten", "Hansen Maschinenbau GmbH"}},
		{dunning.FI, "fi", CollectionWarning, []string{"viimeistään 17.3.2025", "50,00\u00a0€", "lisäkuluja ei peritä", "Järvinen Rakennus Oy"}},
	} {
		t.Run(string(c.j)+"/"+c.lang+"/"+c.kind.String(), func(t *testing.T) {
			d := SampleData(c.kind, c.j)
			require.NoError(t, CheckStatutory(c.kind, d))
			letter, err := r.Render(c.kind, language.MustParse(c.lang), d)
			require.NoError(t, err)
			flat := strings.Join(strings.FieldsFunc(letter.Text, func(r rune) bool { return r == ' ' || r == '\n' }), " ") // undo line wrapping
			for _, w := range c.want {
				require.Contains(t, flat, w)
				require.Contains(t, letter.HTML, strings.ReplaceAll(w, "&", "&amp;"))
			}
			if c.j == dunning.NL {
				// a fixed date would contradict the period counted from receipt
				require.NotContains(t, letter.Text, "19 maart")
				require.NotContains(t, letter.Text, "na dagtekening")
			}
		})
	}
}

func TestPresumedDelivery(t *testing.T) {
	for sent, want := range map[string]string{
		"2025-03-03": "2025-03-05", // Mon → Tue, Wed
		"2025-03-07": "2025-03-11", // Fri → Sat, (Sun, Mon skipped), Tue
		"2025-03-08": "2025-03-12", // Sat → (Sun, Mon), Tue, Wed
	} {
		require.Equal(t, date.MustParse(want), PresumedDelivery(date.MustParse(sent)), sent)
	}
}

func TestNoticeRulesHaveSources(t *testing.T) {
	for _, r := range NoticeRules() {
		require.NotEmpty(t, r.Source)
		require.Contains(t, []Status{Verified, Secondary, Derived, Unverified}, r.Status)
		require.Positive(t, r.MinDays)
	}
}
