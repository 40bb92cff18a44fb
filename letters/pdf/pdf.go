package pdf

import (
	"bytes"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// Options configure the PDF beyond what the letter's Data says. The zero value
// takes everything from the Data.
type Options struct {
	// Logo is the logo for the PDF as PNG, JPEG or GIF bytes, in place of
	// Data.Creditor.LogoImage: for a creditor whose logo is an SVG, which the HTML
	// letter shows and a PDF cannot embed, or a logo made for print. Nil or empty
	// uses Data.Creditor.LogoImage.
	Logo []byte
}

// Render renders l, a letter that a letters.Renderer rendered from d, as a
// print-ready A4 PDF: the creditor's letterhead with the logo, a return address and
// the recipient's address in the envelope window that d.Creditor.Window gives (an
// invalid window is DIN 5008 form B, as in the HTML letter), the references beside
// it, the subject, the body with its tables in a monospace font, the payment details
// in a framed box, the closing, and the footer at the foot of every page. The words
// are l.Text's; d gives the window, the logo (d.Creditor.LogoImage, or opts.Logo),
// the return address, tells the payment details from other lists (they show
// d.PaymentReference or the creditor's account), and dates the document (its
// creation date is d.Date, so the same letter gives the same bytes).
//
// The logo is printed at the top right, at most 50 × 18 mm, from PNG, JPEG or GIF
// bytes; a d.Creditor.LogoImage in another format (an SVG) is left out, as the HTML
// letter leaves out a format it does not know (give a PNG in opts.Logo). A logo is
// never fetched by URL: d.Creditor.Logo is not used.
//
// A letter that fits on one page at a slightly smaller type size (down to 85 %) is
// set at that size: a reminder, a collection warning or a demand letter with ten
// invoices is one page. A longer letter runs on, with page numbers; no table row
// and no payment box is split between pages.
//
// Render returns a *dunning.FieldError (unwrapping to dunning.ErrInvalid) when
// opts.Logo is not a PNG, JPEG or GIF image, a logo does not decode, l.Text is not
// laid out as package letters lays out a letter, d is not the letter's data (the
// creditor's or the debtor's name differs), or the recipient's address does not fit
// the window even in 8 pt type. It is safe for concurrent use, does no I/O and does
// not read the clock.
func Render(l letters.Letter, d letters.Data, opts Options) ([]byte, error) {
	return render(l, d, opts, nil)
}

// trace records where render put things, for the tests.
type trace struct {
	window     rect    // the envelope window
	returnLine rect    // the return address's line
	address    rect    // the recipient's address
	logo       rect    // the logo; zero without one
	scale      float64 // the type scale of the body
	pages      int
}

// The font families, from the Go fonts (golang.org/x/image/font/gofont), which
// cover Latin, Greek and Cyrillic with their accents.
const (
	sans = "Go"
	mono = "GoMono"
)

func render(l letters.Letter, d letters.Data, opts Options, tr *trace) ([]byte, error) {
	p, err := parseText(l, d)
	if err != nil {
		return nil, err
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true) // resources in a fixed order: the same input gives the same bytes
	created := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if !d.Date.IsZero() {
		created = d.Date.Time(time.UTC)
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle(clean(l.Subject), true)
	f.SetAuthor(clean(d.Creditor.Name), true)
	f.SetCreator("github.com/dunning-go/dunning/letters/pdf", false)
	if lang := l.Lang.String(); lang != "und" {
		f.SetLang(lang)
	}
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(marginL, topMargin, marginR)
	// fpdf writes into the font bytes it is given while it subsets them (fpdf
	// v0.12.0, utf8FontFile.getMetrics appends to a slice of them), so each PDF gets
	// its own copy: the gofont variables stay intact and renders stay independent.
	f.AddUTF8FontFromBytes(sans, "", bytes.Clone(goregular.TTF))
	f.AddUTF8FontFromBytes(sans, "B", bytes.Clone(gobold.TTF))
	f.AddUTF8FontFromBytes(mono, "", bytes.Clone(gomono.TTF))
	if err := f.Error(); err != nil {
		return nil, err
	}
	w := d.Creditor.Window
	if !w.IsValid() {
		w = letters.WindowDINB
	}
	lo := &layout{f: f, p: p, d: d, g: geometryOf(w), w: w, tr: tr}
	switch {
	case len(opts.Logo) > 0:
		err = lo.registerLogo(opts.Logo, "Options.Logo")
	case rasterType(d.Creditor.LogoImage) != "":
		err = lo.registerLogo(d.Creditor.LogoImage, "Data.Creditor.LogoImage")
	}
	if err != nil {
		return nil, err
	}
	if len(d.PaymentQR) > 0 {
		// The payment QR code (letters.Data.PaymentQR) goes into the payment box.
		f.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(d.PaymentQR))
		if err := f.Error(); err != nil {
			return nil, &dunning.FieldError{Field: "Data.PaymentQR", Value: fmt.Sprintf("%d bytes", len(d.PaymentQR)), Reason: "is not a PNG image fpdf can embed", Err: err}
		}
		lo.qr = "qr"
	}
	if err := lo.run(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
