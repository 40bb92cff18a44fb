package letters

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htemplate "html/template"
	"io/fs"
	"strings"
	ttemplate "text/template"
	"unicode/utf8"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// defaultTemplates holds the default templates: templates/<lang>/<kind>.tmpl and the
// partials and layouts in templates/partials/{text,html}.tmpl. embed.FS is
// read-only.
//
//go:embed templates
var defaultTemplates embed.FS

// The partials files, one per output format.
const (
	textPartials = "partials/text.tmpl"
	htmlPartials = "partials/html.tmpl"
)

// Options configure a Renderer. The zero value renders with the default templates.
type Options struct {
	// Templates overrides default templates. A file at the same path as a default
	// ("da/reminder.tmpl", "partials/html.tmpl") replaces it; every other template is
	// the default. A .tmpl file at any other path is an error, so a misspelt override
	// is not silently ignored. Use fs.Sub to point at a subdirectory.
	Templates fs.FS
}

// Renderer renders letters from templates. It is built once by New or Load, which
// check every template, and is then safe for concurrent use.
type Renderer struct {
	matcher language.Matcher
	sets    [len(kindNames)][numLangs]templateSet
}

type templateSet struct {
	text *ttemplate.Template
	html *htemplate.Template
}

// Letter is a rendered letter.
type Letter struct {
	Kind Kind
	// Lang is the language the letter is written in: one of Languages, matched from the
	// requested language.
	Lang    language.Tag
	Subject string
	// Text is the whole letter as plain text: letterhead, addressee, references,
	// subject, body, closing and footer. It contains no markup.
	Text string
	// HTML is the whole letter as a standalone HTML document. Every value that came
	// from Data is escaped.
	HTML string
	// SMS is the short form for an SMS, with its encoding and segment count.
	SMS SMSText
}

// Load returns a Renderer whose templates are those of fsys, with the defaults for
// any fsys does not have. It is New(Options{Templates: fsys}).
func Load(fsys fs.FS) (*Renderer, error) { return New(Options{Templates: fsys}) }

// New returns a Renderer with the default templates and the overrides of
// opts.Templates. It parses every template (16 kinds × 7 languages, each in a text
// and an HTML variant) and executes each against fully populated sample Data
// (SampleData, for a consumer and a business debtor and for a Dutch consumer, whose
// letters take other branches); the embedded defaults are checked by the package's
// own tests and are re-checked only when a partial they call is replaced. A template
// that does not parse, lacks one of the
// blocks "subject", "body" and "sms", refers to an unknown field or function, or
// fails on the samples is reported here, as a *TemplateError naming its path, and
// never when a letter is sent. All problems are returned, joined.
func New(opts Options) (*Renderer, error) {
	def, err := fs.Sub(defaultTemplates, "templates")
	if err != nil {
		return nil, err
	}
	known := map[string]bool{textPartials: true, htmlPartials: true}
	for l := range numLangs {
		for _, k := range Kinds() {
			known[templatePath(k, l)] = true
		}
	}
	var errs []error
	if opts.Templates != nil {
		err := fs.WalkDir(opts.Templates, ".", func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.HasSuffix(path, ".tmpl") && !known[path] {
				errs = append(errs, &TemplateError{Path: path, Err: errors.New("no such template: want <lang>/<kind>.tmpl or " + textPartials)})
			}
			return nil
		})
		if err != nil {
			return nil, &TemplateError{Path: ".", Err: err}
		}
	}
	overridden := map[string]bool{}
	read := func(path string) (string, error) {
		if opts.Templates != nil {
			b, err := fs.ReadFile(opts.Templates, path)
			if err == nil {
				overridden[path] = true
				return string(b), nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return "", &TemplateError{Path: path, Err: err}
			}
		}
		b, err := fs.ReadFile(def, path)
		if err != nil {
			return "", &TemplateError{Path: path, Err: fmt.Errorf("%w: %v", ErrMissingTranslation, err)}
		}
		return string(b), nil
	}
	textSrc, err1 := read(textPartials)
	htmlSrc, err2 := read(htmlPartials)
	if err := errors.Join(err1, err2); err != nil {
		return nil, errors.Join(append(errs, err)...)
	}

	// The partials must parse and define every partial the default templates call.
	for path, parse := range map[string]func() (interface{ Lookup(string) bool }, error){
		textPartials: func() (interface{ Lookup(string) bool }, error) {
			t, err := ttemplate.New(textPartials).Funcs(funcs(langEN)).Parse(textSrc)
			return lookupText{t}, err
		},
		htmlPartials: func() (interface{ Lookup(string) bool }, error) {
			t, err := htemplate.New(htmlPartials).Funcs(funcs(langEN)).Parse(htmlSrc)
			return lookupHTML{t}, err
		},
	} {
		t, err := parse()
		if err != nil {
			errs = append(errs, &TemplateError{Path: path, Err: err})
			continue
		}
		for _, name := range partialNames {
			if !t.Lookup(name) {
				errs = append(errs, &TemplateError{Path: path, Err: fmt.Errorf("no {{define %q}}", name)})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	r := &Renderer{matcher: newMatcher()}
	for l := range numLangs {
		fm := funcs(l)
		tbase, err := ttemplate.New(textPartials).Funcs(fm).Parse(textSrc)
		if err != nil {
			errs = append(errs, &TemplateError{Path: textPartials, Err: err})
			continue
		}
		hbase, err := htemplate.New(htmlPartials).Funcs(fm).Parse(htmlSrc)
		if err != nil {
			errs = append(errs, &TemplateError{Path: htmlPartials, Err: err})
			continue
		}
		for _, k := range Kinds() {
			path := templatePath(k, l)
			src, err := read(path)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			set, err := parseSet(tbase, hbase, path, src)
			if err == nil {
				r.sets[k][l] = set
				// The embedded defaults are checked by this package's tests; a set is
				// checked again when the host replaced its template or a partial.
				if overridden[path] || overridden[textPartials] || overridden[htmlPartials] {
					err = r.check(k, l)
				}
			}
			if err != nil {
				r.sets[k][l] = templateSet{}
				errs = append(errs, &TemplateError{Path: path, Err: err})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// partialNames are the templates the partials files must define.
var partialNames = [...]string{"greeting", "table", "facts", "specification", "claims",
	"interest", "plan", "plansummary", "offer", "missed", "payment", "comment", "paragraphs"}

type lookupText struct{ t *ttemplate.Template }

func (l lookupText) Lookup(name string) bool { return l.t != nil && l.t.Lookup(name) != nil }

type lookupHTML struct{ t *htemplate.Template }

func (l lookupHTML) Lookup(name string) bool { return l.t != nil && l.t.Lookup(name) != nil }

func templatePath(k Kind, l lang) string { return langDirs[l] + "/" + k.String() + ".tmpl" }

func parseSet(tbase *ttemplate.Template, hbase *htemplate.Template, path, src string) (templateSet, error) {
	tt, err := tbase.Clone()
	if err != nil {
		return templateSet{}, err
	}
	if _, err := tt.New(path).Parse(src); err != nil {
		return templateSet{}, err
	}
	ht, err := hbase.Clone()
	if err != nil {
		return templateSet{}, err
	}
	if _, err := ht.New(path).Parse(src); err != nil {
		return templateSet{}, err
	}
	for _, name := range []string{"subject", "body", "sms"} {
		if tt.Lookup(name) == nil || ht.Lookup(name) == nil {
			return templateSet{}, fmt.Errorf("no {{define %q}}", name)
		}
	}
	return templateSet{text: tt, html: ht}, nil
}

// check renders the template set against the samples: it must not fail, and must not
// print "<no value>".
func (r *Renderer) check(k Kind, l lang) error {
	home := homeJurisdiction(l)
	samples := []Data{SampleData(k, home), sparse(SampleData(k, home))}
	if home != dunning.NL {
		samples = append(samples, SampleData(k, dunning.NL))
	}
	for _, d := range samples {
		letter, err := r.render(k, l, &d)
		if err != nil {
			return err
		}
		for _, out := range []string{letter.Subject, letter.Text, letter.HTML, letter.SMS.Text} {
			if strings.Contains(out, "<no value>") || strings.Contains(out, "&lt;no value&gt;") {
				return errors.New("prints <no value>: a template refers to a value the data does not have")
			}
		}
		if letter.Subject == "" || letter.SMS.Text == "" {
			return errors.New("renders an empty subject or SMS")
		}
	}
	return nil
}

// Render writes a letter of the given kind in the language that best matches lang,
// from d. The language is matched against Languages: "no" and "nn" give Norwegian
// Bokmål, a regional variant its language, anything else English. d is checked with
// Validate first; a letter is never rendered from figures that do not add up.
//
// Render does not check the law (see CheckStatutory) and does not dispatch.
func (r *Renderer) Render(kind Kind, lang language.Tag, d Data) (Letter, error) {
	if !kind.IsValid() {
		return Letter{}, &dunning.FieldError{Field: "Kind", Value: kind.String(), Reason: "is not a document kind"}
	}
	if err := Validate(kind, d); err != nil {
		return Letter{}, err
	}
	return r.render(kind, match(r.matcher, lang), &d)
}

// renderState is what the template functions need besides the Data while one letter
// is rendered: its language and kind, the vocabulary and the tables (built once,
// shared by text and HTML). Templates
// execute on the *Data itself (a private copy), not on a wrapper, because
// text/template looks fields up by reflection and a wrapper embedding Data makes
// every lookup a breadth-first search.
type renderState struct {
	kind   Kind
	lang   lang
	words  *vocab
	tables tables
}

func (r *Renderer) render(k Kind, l lang, d *Data) (Letter, error) {
	set := r.sets[k][l]
	d.r = &renderState{kind: k, lang: l, words: &vocabularies[l]}
	d.r.tables = tables{l: l, v: d.r.words, d: d}
	defer func() { d.r = nil }()
	v := d
	var buf bytes.Buffer
	buf.Grow(4096)

	w := &limitWriter{buf: &buf}
	exec := func(name string, html bool) (string, error) {
		buf.Reset()
		var err error
		if html {
			err = set.html.ExecuteTemplate(w, name, v)
		} else {
			err = set.text.ExecuteTemplate(w, name, v)
		}
		return buf.String(), err
	}
	subject, err := exec("subject", false)
	if err != nil {
		return Letter{}, err
	}
	subject = strings.Join(strings.Fields(subject), " ")
	sms, err := exec("sms", false)
	if err != nil {
		return Letter{}, err
	}
	bodyText, err := exec("body", false)
	if err != nil {
		return Letter{}, err
	}
	text := layoutText(d, subject, normalizeText(bodyText))
	bodyHTML, err := exec("body", true)
	if err != nil {
		return Letter{}, err
	}
	html := layoutHTML(d, subject, htmlParagraphs(bodyHTML))
	return Letter{
		Kind: k, Lang: l.tag(), Subject: fixAbbrev(subject),
		Text: fixAbbrev(text), HTML: fixAbbrev(html), SMS: newSMS(fixAbbrev(sms)),
	}, nil
}

// fixAbbrev drops the sentence's full stop after an amount that ends in an
// abbreviation's ("1.100,00 kr.." becomes "1.100,00 kr."), as Danish typography does.
func fixAbbrev(s string) string {
	if !strings.Contains(s, "kr..") {
		return s
	}
	return strings.ReplaceAll(s, "kr..", "kr.")
}

// funcs returns the template functions of one language. They are the same for the
// text and the HTML variant.
func funcs(l lang) map[string]any {
	v := &vocabularies[l]
	return map[string]any{
		// money formats an amount with its currency: "1.234,50 kr.", "€ 1.234,50".
		"money": l.formatMoney,
		// amount formats an amount without the currency: "1.234,50".
		"amount": l.formatAmount,
		// date formats a date as running text shows it: "31. januar 2025".
		"date": l.formatDate,
		// shortdate formats a date as tables show it: "31-01-2025".
		"shortdate": l.formatShortDate,
		// rate formats an annual rate given in percent: "10,25 %".
		"rate": l.formatRate,
		// days, months, instalments: "14 dage", "1 måned", "12 afdrag".
		"days":        func(n int) string { return l.plural(n, v.DayForms) },
		"months":      func(n int) string { return l.plural(n, v.MonthForms) },
		"instalments": func(n int) string { return l.plural(n, v.InstalmentForms) },
		// set reports whether a value is present: a valid non-zero Money, a non-zero
		// Date, a non-empty string or slice.
		"set": isSet,
		// reg writes a registration number with its register's name: "CVR-nr. 24256790".
		"reg": registration,
		// invoices: the claims' invoice numbers, "1001, 1017".
		"invoices": invoices,
		// greeting: the salutation in the letter's language.
		"greeting": greeting,
		// pay: payment details for an amount and a day, for the "facts" partial.
		"pay": pay,
		// tables: the letter's tables (Spec, Claims, Interest, Plan, Missed,
		// PlanSummary, Offer) for the "table" and "facts" partials.
		"tables": func(d *Data) *tables {
			if d.r == nil {
				return &tables{l: l, v: v, d: d}
			}
			return &d.r.tables
		},
	}
}

func isSet(x any) bool {
	switch v := x.(type) {
	case money.Money:
		return v.IsValid() && !v.IsZero()
	case date.Date:
		return !v.IsZero()
	case string:
		return v != ""
	case decimal.Decimal:
		return !v.IsZero()
	case int:
		return v != 0
	case []Claim:
		return len(v) > 0
	case []Charge:
		return len(v) > 0
	case []Segment:
		return len(v) > 0
	case []Instalment:
		return len(v) > 0
	case []string:
		return len(v) > 0
	case bool:
		return v
	case nil:
		return false
	}
	return true
}

func registration(r dunning.Registration) string {
	if r.Number == "" {
		return ""
	}
	var label string
	switch r.Scheme {
	case dunning.CVR:
		label = "CVR-nr."
	case dunning.CPR:
		label = "CPR-nr."
	case dunning.SEOrgNr:
		label = "Org.nr"
	case dunning.NOOrgNr:
		label = "Org.nr."
	case dunning.DEHandelsregister:
		return r.Number // "HRB 12345 Amtsgericht München" names itself
	case dunning.NLKvK:
		label = "KvK"
	case dunning.FIYTunnus:
		label = "Y-tunnus"
	default:
		label = string(r.Scheme)
	}
	return label + " " + r.Number
}

// normalizeText trims trailing spaces, collapses runs of blank lines into one, drops
// leading and trailing blank lines, and wraps prose lines longer than 76 characters
// at spaces. Lines with two consecutive spaces (tables, aligned facts) are kept as
// they are; no-break spaces never break.
func normalizeText(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s) + 64)
	blank := true // suppresses leading blank lines
	pending := false
	for _, ln := range lines {
		ln = strings.TrimRight(ln, " \t\r")
		if ln == "" {
			if !blank {
				pending = true
			}
			blank = true
			continue
		}
		if pending {
			b.WriteByte('\n')
			pending = false
		}
		blank = false
		writeWrapped(&b, ln, 76)
	}
	return strings.TrimRight(b.String(), "\n")
}

func writeWrapped(b *strings.Builder, ln string, max int) {
	if utf8.RuneCountInString(ln) <= max || strings.Contains(strings.TrimLeft(ln, " "), "  ") {
		b.WriteString(ln)
		b.WriteByte('\n')
		return
	}
	col := 0
	for i, w := range strings.Split(ln, " ") {
		n := utf8.RuneCountInString(w)
		if i > 0 {
			if col+1+n > max {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += n
	}
	b.WriteByte('\n')
}

// htmlParagraphs turns the HTML-escaped body into paragraphs: blocks separated by
// blank lines become <p> elements, their line breaks <br>. A block that starts with
// "<" is markup from a partial (a table) and is kept as it is; data from the host
// cannot start one, because html/template escaped its "<".
func htmlParagraphs(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 256)
	var block []string
	flush := func() {
		if len(block) == 0 {
			return
		}
		if strings.HasPrefix(block[0], "<") {
			b.WriteString(strings.Join(block, "\n"))
		} else {
			b.WriteString("<p>")
			b.WriteString(strings.Join(block, "<br>\n"))
			b.WriteString("</p>")
		}
		b.WriteByte('\n')
		block = block[:0]
	}
	for _, ln := range strings.Split(s, "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			flush()
			continue
		}
		block = append(block, ln)
	}
	flush()
	return b.String()
}

// pay returns the payment details for paying amount by the given day: amount,
// deadline, bank account and payment reference. An unset amount or day is left out.
// A Dutch consumer's 14-day letter shows no date: its period runs from the day after
// delivery and is stated in words (see Data.FromReceipt).
func pay(d *Data, amount money.Money, by date.Date) facts {
	if d.r == nil {
		return facts{}
	}
	if d.r.kind == CollectionWarning && d.FromReceipt() {
		by = date.Date{}
	}
	return d.r.tables.Payment(amount, d.r.lang.formatDate(by))
}

// invoices returns the invoice numbers of the claims, comma-separated: "1001, 1017".
func invoices(d *Data) string {
	var b strings.Builder
	for i, c := range d.Claims {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Invoice)
	}
	return b.String()
}

// greeting returns the salutation of the letter in its language.
func greeting(d *Data) string {
	if d.r == nil {
		return ""
	}
	name := d.Debtor.Name
	switch d.r.lang {
	case langDA:
		return "Kære " + name
	case langSV:
		return "Hej " + name + ","
	case langNB:
		return "Hei " + name + ","
	case langDE:
		if d.Consumer() {
			return "Guten Tag " + name + ","
		}
		return "Sehr geehrte Damen und Herren,"
	case langNL:
		if d.Consumer() {
			return "Geachte " + name + ","
		}
		return "Geachte heer, mevrouw,"
	case langFI:
		return "Hyvä asiakas,"
	}
	return "Dear " + name + ","
}

// maxOutput bounds what one template block may write, so a runaway loop in a host's
// template fails instead of exhausting memory.
const maxOutput = 1 << 20

// errTooLong is returned when a template block writes more than maxOutput bytes.
var errTooLong = errors.New("letters: template output exceeds 1 MiB")

type limitWriter struct{ buf *bytes.Buffer }

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > maxOutput {
		return 0, errTooLong
	}
	return w.buf.Write(p)
}
