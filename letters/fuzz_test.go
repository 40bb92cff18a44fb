package letters

import (
	"testing"
	"testing/fstest"

	"github.com/dunning-go/dunning"
	"golang.org/x/text/language"
)

// FuzzTemplateOverride: a host's template source either fails to load with an error
// or renders without panicking.
func FuzzTemplateOverride(f *testing.F) {
	f.Add(`{{define "subject"}}Hi{{end}}{{define "body"}}{{template "specification" .}}{{end}}{{define "sms"}}x{{end}}`)
	f.Add(`{{define "subject"}}{{.Debtor.Name}}{{end}}{{define "body"}}{{money .Total}} {{date .Deadline}}{{end}}{{define "sms"}}{{rate .Plan.Rate}}{{end}}`)
	f.Add(`{{define "subject"}}{{.Nope}}{{end}}`)
	f.Add(`{{define "subject"}}{{range .Claims}}{{.Invoice}}{{end}}{{end}}{{define "body"}}<script>{{.Comment}}</script>{{end}}{{define "sms"}}{{index .Claims 9}}{{end}}`)
	f.Add(`{{define "subject"}}x{{end}}{{define "body"}}{{with .Offer}}{{money .Amount}}{{end}}{{end}}{{define "sms"}}{{days -1}}{{end}}`)
	f.Fuzz(func(t *testing.T, src string) {
		r, err := New(Options{Templates: fstest.MapFS{"en/free-letter.tmpl": {Data: []byte(src)}}})
		if err != nil {
			return
		}
		for _, j := range []dunning.Jurisdiction{dunning.EU, dunning.DK, dunning.NL} {
			_, _ = r.Render(FreeLetter, language.English, SampleData(FreeLetter, j))
		}
	})
}
