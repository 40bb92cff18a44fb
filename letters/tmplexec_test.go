package letters

import (
	"testing"

	"github.com/dunning-go/dunning"
)

// reference returns a copy of r that executes every block with text/template and
// html/template: the reference the compiled programs are checked against.
func (r *Renderer) reference() *Renderer {
	ref := *r
	for k := range ref.sets {
		for l := range ref.sets[k] {
			s := &ref.sets[k][l]
			s.subject.fast, s.sms.fast, s.textBody.fast, s.htmlBody.fast = nil, nil, nil, nil
		}
	}
	return &ref
}

// TestDefaultTemplatesCompile: every block of every default template runs on
// tmplexec's compiled programs, not on text/template (the render target depends on it).
func TestDefaultTemplatesCompile(t *testing.T) {
	r := newRenderer(t)
	for _, k := range Kinds() {
		for l := range numLangs {
			s := &r.sets[k][l]
			for name, b := range map[string]block{"subject": s.subject, "sms": s.sms, "text body": s.textBody, "HTML body": s.htmlBody} {
				if b.fast == nil {
					t.Errorf("%s: %s is not compiled", templatePath(k, l), name)
				}
			}
		}
	}
}

// TestCompiledSameAsTemplates: the compiled programs write exactly what text/template
// and html/template write, for every kind, language and sample (the golden files check
// the same for one sample each).
func TestCompiledSameAsTemplates(t *testing.T) {
	r := newRenderer(t)
	ref := r.reference()
	for _, k := range Kinds() {
		for l := range numLangs {
			for _, j := range []dunning.Jurisdiction{homeJurisdiction(l), dunning.NL, dunning.DE} {
				for _, d := range []Data{SampleData(k, j), sparse(SampleData(k, j))} {
					got, err1 := r.Render(k, l.tag(), d)
					want, err2 := ref.Render(k, l.tag(), d)
					if err1 != nil || err2 != nil {
						t.Fatalf("%s %s: %v / %v", templatePath(k, l), j, err1, err2)
					}
					if got != want {
						t.Errorf("%s %s: compiled output differs from the templates'", templatePath(k, l), j)
					}
				}
			}
		}
	}
}
