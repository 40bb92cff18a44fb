package tmplexec

import (
	"errors"
	"fmt"
	htemplate "html/template"
	"reflect"
	"strings"
	"testing"
	ttemplate "text/template"
	"text/template/parse"

	"pgregory.net/rapid"
)

// The test data: every kind of value the subset handles, and some it does not.

type named string

type stringer struct{ V int }

func (s stringer) String() string { return fmt.Sprintf("S(%d)", s.V) }

type ptrStringer struct{ V int }

func (s *ptrStringer) String() string { return fmt.Sprintf("P(%d)", s.V) }

type inner struct {
	Label  string
	Amount int
	Next   *inner
}

func (i inner) Double() int { return 2 * i.Amount }

type embedded struct{ Deep string }

type data struct {
	*embedded
	Name   string
	Alias  named
	HTML   htemplate.HTML
	CSS    htemplate.CSS
	N      int
	U      uint8
	F      float64
	B      bool
	Ptr    *inner
	NilPtr *inner
	Items  []inner
	Arr    [2]string
	Strs   []string
	In     inner
	Str    stringer
	PStr   ptrStringer
	Any    any
	Map    map[string]int
	Err    bool
	hidden string
}

func (d *data) Method() string { return "m:" + d.Name }

func (d data) ValMethod() int { return d.N + 1 }

func (d *data) ErrMethod() (string, error) {
	if d.Err {
		return "", errors.New("failed")
	}
	return "ok", nil
}

func (d *data) Self() *data { return d }

// Markup and the two Tag methods have appending adapters (Appender1); Tag is a
// name two types have.
func (d *data) Markup() htemplate.HTML { return htemplate.HTML(appendMarkup(d, nil)) }

func appendMarkup(d *data, dst []byte) []byte {
	dst = append(dst, "<i>"...)
	dst = append(dst, d.Name...)
	return append(dst, "</i>"...)
}

func (d *data) Tag() string { return string(appendDataTag(d, nil)) }

func appendDataTag(d *data, dst []byte) []byte { return append(append(dst, "d&"...), d.Name...) }

func (i inner) Tag() string { return string(appendInnerTag(i, nil)) }

func appendInnerTag(i inner, dst []byte) []byte {
	return append(append(append(dst, "t<"...), i.Label...), '>')
}

// The functions, as text/template gets them and as Compile gets them.

func upper(s string) string                 { return strings.ToUpper(s) }
func join(a, b string) string               { return a + "|" + b }
func set(x any) bool                        { return !reflect.ValueOf(x).IsZero() }
func wrap(d *data) *inner                   { return &d.In }
func ptrArg(i *inner) string                { return "p" + i.Label }
func valArg(i inner) string                 { return "v" + i.Label }
func pick(d *data, n int, s string) string  { return fmt.Sprint(d.N+n, s) }
func fails(s string) (string, error)        { return "", errors.New("fails: " + s) }
func boom(s string) string                  { panic("boom " + s) }
func count(items []inner) int               { return len(items) }
func markup(s string) htemplate.HTML        { return htemplate.HTML("<b>" + s + "</b>") }
func triple(a string, b int, c bool) string { return fmt.Sprint(a, b, c) }

var textFuncs = ttemplate.FuncMap{
	"upper": upper, "join": join, "set": set, "wrap": wrap, "ptrArg": ptrArg,
	"valArg": valArg, "pick": pick, "fails": fails, "boom": boom, "count": count,
	"markup": markup, "triple": triple,
}

func fastFuncs() map[string]any {
	return map[string]any{
		"upper": Func1(upper), "join": join, "set": Predicate(func(v reflect.Value) bool { return !v.IsZero() }),
		"wrap": Func1(wrap), "ptrArg": Func1(ptrArg), "valArg": Func1(valArg), "pick": Func3(pick),
		"fails": fails, "boom": Func1(boom), "count": Func1(count), "markup": Func1(markup),
		"triple": Func3(triple),
	}
}

// fastMethods are adapters of some of data's methods; the others are called by
// reflection. Double's adapter has the wrong receiver type for .Ptr.Double (a
// pointer), so that call goes through reflection too.
func fastMethods() map[string][]Func {
	return map[string][]Func{
		"Method": {Func1((*data).Method)}, "Self": {Func1((*data).Self)}, "Double": {Func1(inner.Double)},
		"ValMethod": {Func1(func(d *data) string { return "wrong result type" })},
		"Markup":    {Appender1((*data).Markup, appendMarkup)},
		"Tag":       {Appender1((*data).Tag, appendDataTag), Appender1(inner.Tag, appendInnerTag)},
	}
}

// cases are templates with whether they are expected to compile.
var cases = []struct {
	src     string
	compile bool
}{
	{`plain text`, true},
	{`{{/* a comment */}}a{{- " b " -}}c`, true},
	{`{{.Name}} {{.Alias}} {{.HTML}} {{.CSS}}`, true},
	{`{{.N}} {{.U}} {{.F}} {{.B}}`, true},
	{`{{1}} {{"s"}} {{true}} {{1.5}} {{0x10}} {{'a'}} {{1e3}}`, true},
	{`{{.Ptr.Label}} {{.Ptr.Amount}} {{.Ptr}} {{.In}} {{.Items}}`, true},
	{`{{.NilPtr.Label}}`, true},
	{`{{.Str}} {{.PStr}} {{.In.Double}} {{(wrap .).Double}} {{with .Ptr}}{{.Double}}{{end}}`, true},
	{`{{.Method}} {{.ValMethod}} {{.ErrMethod}} {{.Self.Name}} {{.Self.Self.N}}`, true},
	{`{{.Deep}}`, true},
	{`{{range .Items}}[{{.Label}} {{.Amount}} {{.Double}}]{{else}}none{{end}}`, true},
	{`{{range .Arr}}<{{.}}>{{end}}{{range .Strs}}{{.}},{{end}}`, true},
	{`{{range .Items}}{{range $.Strs}}{{.}}{{end}}{{end}}`, true},
	{`{{with .Ptr}}{{.Label}}{{else}}no ptr{{end}} {{with .NilPtr}}x{{else}}nil{{end}}`, true},
	{`{{with .Name}}<{{.}}>{{else}}empty{{end}}`, true},
	{`{{if .B}}yes{{else if .N}}n{{else}}no{{end}} {{if .Items}}items{{end}} {{if .In}}in{{end}}`, true},
	{`{{if eq .N 1}}one{{else if eq .N 2 3 4}}few{{else}}many{{end}}`, true},
	{`{{if ne .Name "x"}}not x{{end}} {{eq .Alias "a"}} {{eq .B true}} {{eq .U 7}}`, true},
	{`{{lt .N 5}} {{le .N 5}} {{gt .N 5}} {{ge .N 5}} {{lt .Name "m"}} {{gt .F 0.5}}`, true},
	{`{{not .B}} {{not .Name}} {{not .Items}} {{len .Items}} {{len .Name}} {{len .Arr}}`, true},
	{`{{.N | eq 3}} {{.Name | len}} {{.B | not}}`, true},
	{`{{upper .Name}} {{.Name | upper}} {{join .Name "-"}} {{"x" | join .Name}}`, true},
	{`{{set .N}} {{if set .In}}set{{else}}unset{{end}} {{if set .Name}}named{{end}} {{if set 0}}zero{{end}}`, true},
	{`{{(wrap .).Label}} {{(wrap .).Double}} {{ptrArg .In}} {{valArg .Ptr}}`, true},
	{`{{pick . 1 "s"}} {{pick $ .N .Name}} {{triple .Name 2 true}} {{count .Items}}`, true},
	{`{{markup .Name}} {{markup "<i>"}}`, true},
	{`{{$.Name}} {{$.Ptr.Label}} {{$}}`, true},
	{`{{define "x"}}[{{.}}]{{end}}{{template "x" .Name}}{{template "x" .N}}{{template "x" .HTML}}`, true},
	{`{{define "r"}}{{.Label}}{{with .Next}}>{{template "r" .}}{{end}}{{end}}{{template "r" .In}}`, true},
	{`{{define "s"}}{{$.N}}{{end}}{{template "s" .}}{{with .Ptr}}{{template "s" $}}{{end}}`, true},
	{`{{define "plain"}}just text{{end}}{{template "plain"}}`, true},
	{`{{fails .Name}}`, true},
	{`{{boom .Name}}`, true},
	{`{{if .Err}}{{.ErrMethod}}{{end}}`, true},
	{`{{.Markup}} {{.Tag}} {{.In.Tag}} {{.Self.Tag}} {{(wrap .).Tag}} {{with .Ptr}}{{.Tag}}{{end}}`, true},
	{`{{range .Items}}{{.Tag}}{{end}} {{if .Markup}}{{.Markup}}{{end}} {{len .Tag}} {{.Method}}`, true},
	{`{{define "x"}}[{{.}}]{{end}}{{template "x" .Markup}}{{template "x" .Tag}} {{.Markup | len}}`, true},
	{`{{.NilPtr.Tag}}`, true},
	// Outside the subset.
	{`{{$x := 1}}{{$x}}`, false},
	{`{{printf "%d" .N}}`, false},
	{`{{.Any}}`, false},
	{`{{.Map.key}}`, false},
	{`{{join .Alias "-"}}`, false},
	{`{{and .B .N}}`, false},
	{`{{range .N}}{{.}}{{end}}`, false},
	{`{{range .Items}}{{break}}{{end}}`, false},
	{`{{index .Strs 0}}`, false},
	{`{{.hidden}}`, false},
	{`{{.Missing}}`, false},
	{`{{nofunc .Name}}`, false},
	{`{{lt .B true}}`, false},
	{`{{lt .U .N}} {{le .N .U}} {{gt .U -1}} {{eq -1 .U}} {{ne .U 7}}`, true},
	{`{{eq .N .Name}}`, false},
}

// sample returns data with every field set; variant changes the values.
func sample(variant int) *data {
	d := &data{
		embedded: &embedded{Deep: "deep"},
		Name:     `Jensen & <Søn> "A/S" +1 'x'`,
		Alias:    "a",
		HTML:     "<em>ok</em>",
		CSS:      "color: <red>",
		N:        variant,
		U:        7,
		F:        0.75,
		B:        variant%2 == 0,
		Ptr:      &inner{Label: "p<1>", Amount: 3},
		Items:    []inner{{Label: "one", Amount: 1}, {Label: "two & more", Amount: 2}},
		Arr:      [2]string{"a", "<b>"},
		Strs:     []string{"x", "y"},
		In:       inner{Label: "in", Amount: 5, Next: &inner{Label: "next", Next: &inner{Label: "last"}}},
		Str:      stringer{V: 4},
		PStr:     ptrStringer{V: 9},
		Any:      "any",
		Map:      map[string]int{"key": 1},
		Err:      variant == 3,
	}
	if variant == 1 {
		d.Name, d.Items, d.Ptr, d.embedded = "", nil, nil, nil
	}
	return d
}

// outcome is what text/template (or html/template) did.
type outcome struct {
	out string
	err error
}

// reference executes src with text/template (mode "text") or html/template ("html")
// on d, and returns what it wrote or its error, and the set's parse trees for Compile
// (for html/template escaped by that execution). ok is false when src does not parse.
func reference(mode, src string, d *data) (lookup func(string) *parse.Tree, want outcome, ok bool) {
	var out strings.Builder
	var err error
	switch mode {
	case "text":
		tt, perr := ttemplate.New("t").Funcs(textFuncs).Parse(src)
		if perr != nil {
			return nil, outcome{}, false
		}
		err = tt.Execute(&out, d)
		lookup = func(name string) *parse.Tree {
			if x := tt.Lookup(name); x != nil {
				return x.Tree
			}
			return nil
		}
	default:
		ht, perr := htemplate.New("t").Funcs(htemplate.FuncMap(textFuncs)).Parse(src)
		if perr != nil {
			return nil, outcome{}, false
		}
		err = ht.Execute(&out, d)
		lookup = func(name string) *parse.Tree {
			if x := ht.Lookup(name); x != nil {
				return x.Tree
			}
			return nil
		}
	}
	return lookup, outcome{out.String(), err}, true
}

// fatalf is what testing.T and rapid.T have in common for failing.
type fatalf interface {
	Fatalf(format string, args ...any)
}

// check compares the fast path with text/template (mode "text") or html/template
// ("html") for one template and data: it must not compile, fall back, or write
// exactly what the template writes, and never write where the template fails. It
// returns whether the template compiled.
func check(t fatalf, mode, src string, d *data) bool {
	lookup, want, ok := reference(mode, src, d)
	if !ok {
		return false
	}
	p, err := Compile(Set{Lookup: lookup, Funcs: fastFuncs(), Methods: fastMethods()}, "t", reflect.TypeOf(d))
	if err != nil {
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("%s %q: Compile error does not wrap ErrUnsupported: %v", mode, src, err)
		}
		return false
	}
	prefix := []byte("prefix:")
	got, err := p.Append(prefix, d, 1<<20)
	switch {
	case err != nil:
		if !errors.Is(err, ErrFallback) {
			t.Fatalf("%s %q: Append error does not wrap ErrFallback: %v", mode, src, err)
		}
	case want.err != nil:
		t.Fatalf("%s %q: fast path wrote %q where the template failed: %v", mode, src, got, want.err)
	case string(got) != "prefix:"+want.out:
		t.Fatalf("%s %q:\n got %q\nwant %q", mode, src, got[len(prefix):], want.out)
	}
	return true
}

func TestSameAsTextTemplate(t *testing.T) {
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			for variant := range 4 {
				if got := check(t, "text", c.src, sample(variant)); got != c.compile {
					t.Fatalf("text: compiled = %v, want %v", got, c.compile)
				}
			}
		})
	}
}

func TestSameAsHTMLTemplate(t *testing.T) {
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			for variant := range 4 {
				check(t, "html", c.src, sample(variant))
			}
		})
	}
}

// TestHTMLContextsFallBack: data in an attribute, a URL, a script or a style needs
// another escaper than HTML text's, which the fast path does not run.
func TestHTMLContextsFallBack(t *testing.T) {
	for _, src := range []string{
		`<a title="{{.Name}}">x</a>`,
		`<a href="/x?q={{.Name}}">x</a>`,
		`<script>var x = {{.Name}};</script>`,
		`<p style="color: {{.Name}}">x</p>`,
		`<textarea>{{.Name}}</textarea>`,
		`<!-- {{.Name}} -->`,
	} {
		if check(t, "html", src, sample(0)) {
			t.Errorf("%q compiled; want ErrUnsupported", src)
		}
	}
	if !check(t, "html", `<p class="x">{{.Name}}</p><td>{{.N}}</td>`, sample(0)) {
		t.Error("HTML text did not compile")
	}
}

// TestRandomData: for random data, the fast path writes what text/template and
// html/template write, for every template of the table.
func TestRandomData(t *testing.T) {
	str := rapid.SampledFrom([]string{"", "a", "<b>", `&"'+`, "\x00", "ø€", "\xff\xfe", "x y"})
	rapid.Check(t, func(rt *rapid.T) {
		d := sample(rapid.IntRange(0, 3).Draw(rt, "variant"))
		d.Name = str.Draw(rt, "name")
		d.Alias = named(str.Draw(rt, "alias"))
		d.N = rapid.IntRange(-2, 6).Draw(rt, "n")
		d.B = rapid.Bool().Draw(rt, "b")
		d.F = rapid.SampledFrom([]float64{0, 0.5, -1, 1e21}).Draw(rt, "f")
		n := rapid.IntRange(0, 3).Draw(rt, "items")
		d.Items = nil
		for i := range n {
			d.Items = append(d.Items, inner{Label: str.Draw(rt, fmt.Sprint("label", i)), Amount: i})
		}
		if rapid.Bool().Draw(rt, "nilptr") {
			d.Ptr = nil
		}
		c := cases[rapid.IntRange(0, len(cases)-1).Draw(rt, "case")]
		check(rt, "text", c.src, d)
		check(rt, "html", c.src, d)
	})
}

func TestLimit(t *testing.T) {
	tt := ttemplate.Must(ttemplate.New("t").Parse(`{{range .Items}}{{.Label}}{{end}}`))
	p, err := Compile(Set{Lookup: func(string) *parse.Tree { return tt.Tree }}, "t", reflect.TypeFor[*data]())
	if err != nil {
		t.Fatal(err)
	}
	d := sample(0)
	if _, err := p.Append(nil, d, 5); !errors.Is(err, ErrFallback) {
		t.Fatalf("Append beyond the limit: %v, want ErrFallback", err)
	}
	if got, err := p.Append(nil, d, 100); err != nil || string(got) != "onetwo & more" {
		t.Fatalf("Append = %q, %v", got, err)
	}
	if _, err := p.Append(nil, "not data", 100); !errors.Is(err, ErrFallback) {
		t.Fatalf("Append of another type: %v, want ErrFallback", err)
	}
}

// FuzzSameAsTextTemplate: for any template that parses, the fast path either does not
// compile, falls back, or writes exactly what text/template and html/template write.
func FuzzSameAsTextTemplate(f *testing.F) {
	for _, c := range cases {
		f.Add(c.src, 0)
	}
	f.Fuzz(func(t *testing.T, src string, variant int) {
		if len(src) > 500 {
			return
		}
		d := sample(variant & 3)
		check(t, "text", src, d)
		check(t, "html", src, d)
	})
}

// TestMethodAdapters: a method with an adapter of the right receiver and result is
// called through it, whether the receiver is a pointer or a value; one with the wrong
// result type is called by reflection.
func TestMethodAdapters(t *testing.T) {
	for _, c := range []struct {
		src  string
		fast bool
	}{
		{`{{.Method}}`, true},
		{`{{.In.Double}}`, true},
		{`{{(wrap .).Double}}`, true},
		{`{{.ValMethod}}`, false},
		{`{{.ErrMethod}}`, false},
		{`{{.Markup}}`, true},
		{`{{.Tag}}`, true},
		{`{{.In.Tag}}`, true},
	} {
		tt := ttemplate.Must(ttemplate.New("t").Funcs(textFuncs).Parse(c.src))
		p, err := Compile(Set{Lookup: func(string) *parse.Tree { return tt.Tree }, Funcs: fastFuncs(), Methods: fastMethods()}, "t", reflect.TypeFor[*data]())
		if err != nil {
			t.Fatal(err)
		}
		var last step
		switch st := p.body.list.(type) {
		case *printStmt:
			fe := st.e.(*fieldExpr)
			last = fe.steps[len(fe.steps)-1]
		case *printMethodStmt:
			last = st.last
		}
		if got := last.fast != nil; got != c.fast {
			t.Errorf("%s: adapter used = %v, want %v", c.src, got, c.fast)
		}
	}
}
