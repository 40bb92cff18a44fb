package tmplexec

import (
	"io"
	"reflect"
	"testing"
	ttemplate "text/template"
	"text/template/parse"
)

const benchSource = `{{.Name}} {{upper .Name}}{{range .Items}} [{{.Label}} {{.Amount}} {{.Double}}]{{end}}` +
	`{{if eq .N 2}} two{{end}}{{with .Ptr}} {{.Label}}{{end}}{{if set .In}} {{(wrap .).Label}}{{end}}`

// BenchmarkAppend executes a template of the common constructs with the compiled
// program; BenchmarkTextTemplate executes the same with text/template. There is no
// target of its own: letters' render target (docs/design.md, ≤ 30 µs) depends on it.
func BenchmarkAppend(b *testing.B) {
	tt := ttemplate.Must(ttemplate.New("t").Funcs(textFuncs).Parse(benchSource))
	p, err := Compile(Set{Lookup: func(string) *parse.Tree { return tt.Tree }, Funcs: fastFuncs(), Methods: fastMethods()},
		"t", reflect.TypeFor[*data]())
	if err != nil {
		b.Fatal(err)
	}
	d := sample(2)
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		if buf, err = p.Append(buf[:0], d, 1<<20); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTextTemplate(b *testing.B) {
	tt := ttemplate.Must(ttemplate.New("t").Funcs(textFuncs).Parse(benchSource))
	d := sample(2)
	b.ReportAllocs()
	for b.Loop() {
		if err := tt.Execute(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
