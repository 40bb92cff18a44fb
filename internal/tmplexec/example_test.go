package tmplexec_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/dunning-go/dunning/internal/tmplexec"
)

type invoice struct {
	Number string
	Lines  []line
}

type line struct {
	Text   string
	Amount int
}

// Compile a text/template for one data type and run it; a template outside the
// subset is left to text/template.
func Example() {
	funcs := template.FuncMap{"upper": strings.ToUpper}
	t := template.Must(template.New("invoice").Funcs(funcs).Parse(
		`Invoice {{upper .Number}}:{{range .Lines}} {{.Text}} {{.Amount}};{{end}}`))

	set := tmplexec.Set{
		Lookup: func(name string) *parse.Tree { return t.Lookup(name).Tree },
		Funcs:  map[string]any{"upper": tmplexec.Func1(strings.ToUpper)},
	}
	p, err := tmplexec.Compile(set, "invoice", reflect.TypeFor[*invoice]())
	if err != nil {
		panic(err)
	}
	inv := &invoice{Number: "f-1001", Lines: []line{{"Consulting", 1200}, {"Travel", 80}}}
	out, err := p.Append(nil, inv, 1<<20)
	if errors.Is(err, tmplexec.ErrFallback) {
		var b strings.Builder
		err = t.Execute(&b, inv)
		out = []byte(b.String())
	}
	fmt.Println(string(out), err)

	// printf is not in the subset.
	u := template.Must(template.New("u").Parse(`{{printf "%05d" 42}}`))
	_, err = tmplexec.Compile(tmplexec.Set{Lookup: func(string) *parse.Tree { return u.Tree }}, "u", reflect.TypeFor[*invoice]())
	fmt.Println(errors.Is(err, tmplexec.ErrUnsupported))
	// Output:
	// Invoice F-1001: Consulting 1200; Travel 80; <nil>
	// true
}
