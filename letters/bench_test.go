package letters

import (
	"testing"

	"github.com/dunning-go/dunning"
	"golang.org/x/text/language"
)

// BenchmarkRenderReminder renders one reminder (subject, text, HTML and SMS) with two
// invoices, a fee and a three-segment interest calculation.
// Target (docs/design.md): render one reminder (text + HTML) ≤ 30 µs.
func BenchmarkRenderReminder(b *testing.B) {
	r := newRenderer(b)
	d := SampleData(Reminder, dunning.DK)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(Reminder, language.Danish, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew builds a Renderer with the default templates: parsing, escaping and
// compiling 15 kinds × 7 languages. It is paid once per process; docs/design.md sets no
// target.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderDailyReminder renders the letter the daily run renders most: a
// Danish reminder for e-mail (RenderFor, subject, text and HTML), with the
// invoice table with its fee, interest and total, the interest calculation and
// the payment details, and no logo or QR code (the run's creditor has none).
func BenchmarkRenderDailyReminder(b *testing.B) {
	r := newRenderer(b)
	d := SampleData(Reminder, dunning.DK)
	d.Creditor.LogoImage = nil
	d.PaymentQR = nil
	d.Level = 1
	d.PaymentLine = "+71<000000000042017+85123456<"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RenderFor(Reminder, language.Danish, d, Email); err != nil {
			b.Fatal(err)
		}
	}
}
