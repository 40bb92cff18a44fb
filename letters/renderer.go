package letters

import (
	"embed"
	"errors"
	"fmt"
	htemplate "html/template"
	"io"
	"io/fs"
	"reflect"
	"strings"
	ttemplate "text/template"
	"text/template/parse"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/internal/tmplexec"
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
	formats [numLangs]*langFormat
	sets    [len(kindNames)][numLangs]templateSet
}

// templateSet is the templates of one kind in one language, with the blocks looked up
// and compiled once, in New. html/template escapes the HTML body in New too (see
// parseSet) and keeps the escaped tree: it is never cloned or re-parsed per letter.
type templateSet struct {
	subject, sms, textBody, htmlBody block
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
			t, err := ttemplate.New(textPartials).Funcs(funcs(newLangFormat(langEN))).Parse(textSrc)
			return lookupText{t}, err
		},
		htmlPartials: func() (interface{ Lookup(string) bool }, error) {
			t, err := htemplate.New(htmlPartials).Funcs(funcs(newLangFormat(langEN))).Parse(htmlSrc)
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
		r.formats[l] = newLangFormat(l)
	}
	for l := range numLangs {
		fm := funcs(r.formats[l])
		fast := tmplexec.Set{Funcs: fastFuncs(r.formats[l]), Methods: fastMethods()}
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
			set, err := parseSet(tbase, hbase, fast, path, src)
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

// parseSet parses the template of one kind and language with the partials, escapes
// its HTML variant, and compiles each block with tmplexec. A block tmplexec cannot
// execute (a host's template may use anything text/template offers) keeps only its
// template, which then executes every letter.
func parseSet(tbase *ttemplate.Template, hbase *htemplate.Template, fast tmplexec.Set, path, src string) (templateSet, error) {
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
	// html/template escapes a template, and every template it calls, when it first
	// executes it; executing without data stops at the first value, after escaping.
	// An error of escaping (a value in a context it cannot escape for) is the
	// template's error; any other is the missing data's.
	var escErr *htemplate.Error
	if err := ht.ExecuteTemplate(io.Discard, "body", nil); errors.As(err, &escErr) {
		return templateSet{}, err
	}
	textTree := func(name string) *parse.Tree {
		if t := tt.Lookup(name); t != nil {
			return t.Tree
		}
		return nil
	}
	htmlTree := func(name string) *parse.Tree {
		if t := ht.Lookup(name); t != nil {
			return t.Tree
		}
		return nil
	}
	compile := func(name string, lookup func(string) *parse.Tree) *tmplexec.Program {
		set := fast
		set.Lookup = lookup
		p, err := tmplexec.Compile(set, name, dataType)
		if err != nil {
			return nil // outside tmplexec's subset: text/template executes it
		}
		return p
	}
	return templateSet{
		subject:  block{compile("subject", textTree), tt.Lookup("subject")},
		sms:      block{compile("sms", textTree), tt.Lookup("sms")},
		textBody: block{compile("body", textTree), tt.Lookup("body")},
		htmlBody: block{compile("body", htmlTree), ht.Lookup("body")},
	}, nil
}

// dataType is the type templates execute on.
var dataType = reflect.TypeFor[*Data]()

// fastMethods returns the methods the templates call, adapted so that tmplexec calls
// them without reflection.
func fastMethods() map[string][]tmplexec.Func {
	return map[string][]tmplexec.Func{
		"Spec":        {tmplexec.Func1((*tables).Spec)},
		"Claims":      {tmplexec.Func1((*tables).Claims)},
		"Interest":    {tmplexec.Func1((*tables).Interest)},
		"Plan":        {tmplexec.Func1((*tables).Plan)},
		"Missed":      {tmplexec.Func1((*tables).Missed)},
		"PlanSummary": {tmplexec.Func1((*tables).PlanSummary)},
		"Offer":       {tmplexec.Func1((*tables).Offer)},
		"Span":        {tmplexec.Func1((*table).Span)},
		// A table's and the facts' Text and HTML are appended to the letter.
		"Text": {tmplexec.Appender1((*table).Text, (*table).appendText),
			tmplexec.Appender1((*facts).Text, (*facts).appendText)},
		"HTML": {tmplexec.Appender1((*table).HTML, (*table).appendHTML),
			tmplexec.Appender1((*facts).HTML, (*facts).appendHTML)},
		"FromReceipt":  {tmplexec.Func1((*Data).FromReceipt)},
		"Consumer":     {tmplexec.Func1((*Data).Consumer)},
		"DeadlineDays": {tmplexec.Func1((*Data).DeadlineDays)},
	}
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
	return r.renderParts(kind, lang, d, allParts)
}

// RenderFor is Render for a message on channel ch: it renders only what
// Letter.Message puts in such a message. For SMS that is the subject and
// Letter.SMS, with Text and HTML left empty; for the other channels the
// subject, Text and HTML, with SMS left empty. It costs what it leaves out
// less: the daily run renders its letters with it. The parts it renders are
// those Render renders, byte for byte. A ch that is not a Channel is a
// *dunning.FieldError naming it.
func (r *Renderer) RenderFor(kind Kind, lang language.Tag, d Data, ch Channel) (Letter, error) {
	if !ch.IsValid() {
		return Letter{}, &dunning.FieldError{Field: "Channel", Value: ch.String(), Reason: "is not a channel"}
	}
	return r.renderParts(kind, lang, d, partsFor(ch))
}

func (r *Renderer) renderParts(kind Kind, lang language.Tag, d Data, p parts) (Letter, error) {
	if !kind.IsValid() {
		return Letter{}, &dunning.FieldError{Field: "Kind", Value: kind.String(), Reason: "is not a document kind"}
	}
	if err := Validate(kind, d); err != nil {
		return Letter{}, err
	}
	rb := bufPool.Get().(*renderBuf)
	defer rb.release()
	rb.data = d
	return r.renderWith(rb, kind, match(r.matcher, lang), &rb.data, p)
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

// isSetValue is isSet for a value tmplexec passes: the same answer, without boxing
// the types the templates test most.
func isSetValue(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch v.Type() {
	case moneyType:
		m, _ := reflect.TypeAssert[money.Money](v)
		return m.IsValid() && !m.IsZero()
	case dateType:
		d, _ := reflect.TypeAssert[date.Date](v)
		return !d.IsZero()
	case stringType:
		return v.String() != ""
	}
	return isSet(v.Interface())
}

var (
	moneyType  = reflect.TypeFor[money.Money]()
	dateType   = reflect.TypeFor[date.Date]()
	stringType = reflect.TypeFor[string]()
)

func registration(r dunning.Registration) string {
	if r.Number == "" {
		return ""
	}
	if r.Scheme == dunning.DEHandelsregister {
		return r.Number // "HRB 12345 Amtsgericht München" names itself
	}
	return registrationLabel(r.Scheme) + " " + r.Number
}

// registrationLabel is the name a registration number is printed with.
func registrationLabel(s dunning.RegistrationScheme) string {
	switch s {
	case dunning.CVR:
		return "CVR-nr."
	case dunning.CPR:
		return "CPR-nr."
	case dunning.SEOrgNr:
		return "Org.nr"
	case dunning.NOOrgNr:
		return "Org.nr."
	case dunning.NLKvK:
		return "KvK"
	case dunning.FIYTunnus:
		return "Y-tunnus"
	}
	return string(s)
}

// invoices returns the invoice numbers of the claims, comma-separated: "1001, 1017".
func invoices(d *Data) string { return string(appendInvoices(d, nil)) }

// appendInvoices appends invoices(d).
func appendInvoices(d *Data, b []byte) []byte {
	for i, c := range d.Claims {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, c.Invoice...)
	}
	return b
}

// greeting returns the salutation of the letter in its language.
func greeting(d *Data) string {
	if d.r == nil {
		return ""
	}
	return string(appendGreeting(d, nil))
}

// appendGreeting appends greeting(d).
func appendGreeting(d *Data, b []byte) []byte {
	if d.r == nil {
		return b
	}
	name := d.Debtor.Name
	switch d.r.lang {
	case langDA:
		return append(append(b, "Kære "...), name...)
	case langSV:
		return append(append(append(b, "Hej "...), name...), ',')
	case langNB:
		return append(append(append(b, "Hei "...), name...), ',')
	case langDE:
		if d.Consumer() {
			return append(append(append(b, "Guten Tag "...), name...), ',')
		}
		return append(b, "Sehr geehrte Damen und Herren,"...)
	case langNL:
		if d.Consumer() {
			return append(append(append(b, "Geachte "...), name...), ',')
		}
		return append(b, "Geachte heer, mevrouw,"...)
	case langFI:
		return append(b, "Hyvä asiakas,"...)
	}
	return append(append(append(b, "Dear "...), name...), ',')
}
