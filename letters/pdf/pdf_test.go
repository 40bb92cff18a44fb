package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	pdfreader "github.com/ledongthuc/pdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/language"
)

// jurisdictions are the shipped jurisdictions; each writes in one of the seven
// languages (EU in English).
var jurisdictions = []dunning.Jurisdiction{dunning.EU, dunning.DK, dunning.SE, dunning.NO, dunning.DE, dunning.NL, dunning.FI}

// home returns the jurisdiction whose language lang is.
func home(t *testing.T, lang language.Tag) dunning.Jurisdiction {
	t.Helper()
	for _, j := range jurisdictions {
		if j.Language() == lang {
			return j
		}
	}
	t.Fatalf("no jurisdiction writes %v", lang)
	return ""
}

func newRenderer(t testing.TB) *letters.Renderer {
	t.Helper()
	r, err := letters.New(letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// windows are the window positions of letters.Window.
var windows = []letters.Window{letters.WindowDINB, letters.WindowDINA, letters.WindowNordicLeft, letters.WindowNordicRight}

// onePage are the kinds that must fit on one page, with up to ten invoices.
var onePage = []letters.Kind{letters.Reminder, letters.CollectionWarning, letters.DemandLetter}

// info is what the tests read back from a PDF.
type info struct {
	pages      int
	mediaBoxes [][]float64 // per page, in points
	fonts      []string    // the base fonts of every page
	fontFiles  int         // the fonts with an embedded TrueType program (FontFile2)
	images     int         // image XObjects
	text       string      // the text of every page, as the reader decodes it
}

// inspect reads b with a pure-Go PDF reader (github.com/ledongthuc/pdf), which
// also decompresses the content streams.
func inspect(t *testing.T, b []byte) info {
	t.Helper()
	r, err := pdfreader.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the PDF does not read: %v", err)
	}
	var in info
	in.pages = r.NumPage()
	var text strings.Builder
	for i := 1; i <= in.pages; i++ {
		p := r.Page(i)
		var box []float64
		for v := p.V; !v.IsNull(); v = v.Key("Parent") { // MediaBox is inheritable
			if mb := v.Key("MediaBox"); !mb.IsNull() {
				for k := range mb.Len() {
					box = append(box, mb.Index(k).Float64())
				}
				break
			}
		}
		in.mediaBoxes = append(in.mediaBoxes, box)
		for _, name := range p.Fonts() {
			font := p.Font(name)
			in.fonts = append(in.fonts, font.BaseFont())
			fd := font.V.Key("DescendantFonts").Index(0).Key("FontDescriptor")
			if fd.Key("FontFile2").Kind() == pdfreader.Stream {
				in.fontFiles++
			}
		}
		xo := p.Resources().Key("XObject")
		for _, k := range xo.Keys() {
			if xo.Key(k).Key("Subtype").Name() == "Image" {
				in.images++
			}
		}
		s, err := p.GetPlainText(nil)
		if err != nil {
			t.Fatalf("page %d: no text: %v", i, err)
		}
		text.WriteString(s)
	}
	in.text = text.String()
	return in
}

// readerFold is s as the reader decodes the text of a PDF of fpdf: fpdf's ToUnicode
// CMap maps the whole range <0000>–<FFFF> in one bfrange, and the reader, as the
// CMap specification allows it to, increments only the last byte, so a character
// above U+00FF comes back as U+00xx ("€" as "¬"). pdftotext decodes them right.
func readerFold(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xff && r <= 0xffff {
			return r & 0xff
		}
		return r
	}, s)
}

// amounts returns the amounts d states, as the letter formats them: the total
// with its currency, the open amounts of the claims and the fees without.
func amounts(d letters.Data, lang language.Tag) []string {
	out := []string{d.Total.Format(lang), d.Total.FormatNumber(lang)}
	for _, c := range d.Claims {
		out = append(out, c.Open.FormatNumber(lang))
	}
	for _, f := range d.Fees {
		out = append(out, f.Amount.FormatNumber(lang))
	}
	return out
}

const (
	a4W = 210 / 25.4 * 72 // A4 in points
	a4H = 297 / 25.4 * 72
)

// checkPDF checks what every letter's PDF must be: A4 pages, embedded fonts, and
// every amount the letter states in its text.
func checkPDF(t *testing.T, l letters.Letter, d letters.Data, b []byte) info {
	t.Helper()
	in := inspect(t, b)
	if in.pages < 1 {
		t.Fatal("no pages")
	}
	for i, box := range in.mediaBoxes {
		if len(box) != 4 || box[0] != 0 || box[1] != 0 || math.Abs(box[2]-a4W) > 0.01 || math.Abs(box[3]-a4H) > 0.01 {
			t.Errorf("page %d: MediaBox %v, want A4 [0 0 %.2f %.2f]", i+1, box, a4W, a4H)
		}
	}
	if len(in.fonts) == 0 || in.fontFiles != len(in.fonts) {
		t.Errorf("fonts %v: %d of %d embedded (FontFile2)", in.fonts, in.fontFiles, len(in.fonts))
	}
	if bytes.Count(b, []byte("/FontFile2")) < 3 {
		t.Errorf("%d fonts embedded as FontFile2, want the three Go fonts", bytes.Count(b, []byte("/FontFile2")))
	}
	for _, a := range amounts(d, l.Lang) {
		if strings.Contains(l.Text, a) && !strings.Contains(in.text, readerFold(a)) {
			t.Errorf("the letter states %q, the PDF's text does not", a)
		}
	}
	return in
}

func TestRenderEveryKindAndLanguage(t *testing.T) {
	r := newRenderer(t)
	for _, lang := range letters.Languages() {
		j := home(t, lang)
		for _, k := range letters.Kinds() {
			t.Run(lang.String()+"/"+k.String(), func(t *testing.T) {
				d := letters.SampleData(k, j)
				l, err := r.Render(k, lang, d)
				if err != nil {
					t.Fatal(err)
				}
				b, err := Render(l, d, Options{})
				if err != nil {
					t.Fatal(err)
				}
				in := checkPDF(t, l, d, b)
				if slices.Contains(onePage, k) {
					if in.pages != 1 {
						t.Errorf("%d pages, want 1", in.pages)
					}
					for _, a := range amounts(d, lang) {
						if !strings.Contains(l.Text, a) {
							t.Errorf("the letter does not state %q", a)
						}
					}
				}
				if !strings.Contains(strings.Join(strings.Fields(in.text), " "), readerFold(l.Subject)) {
					t.Errorf("the subject %q is not in the PDF", l.Subject)
				}
			})
		}
	}
}

// withInvoices returns d with claims added until it has n, its figures still
// adding up; with interest, each new claim has a segment of interest too.
func withInvoices(t *testing.T, d letters.Data, n int, interest bool) letters.Data {
	t.Helper()
	cur := d.Total.Currency()
	m := func(minor int) money.Money {
		return money.MustNew(fmt.Sprintf("%d.%02d", minor/100, minor%100), cur)
	}
	add := func(a, b money.Money) money.Money {
		s, err := a.Add(b)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	d.Claims = slices.Clone(d.Claims)
	d.Interest.Segments = slices.Clone(d.Interest.Segments)
	rate := d.Interest.Segments[0].Rate
	for i := len(d.Claims); i < n; i++ {
		inv := strconv.Itoa(1101 + 7*i)
		due := d.Date.AddDays(-20 - 5*i)
		open := m(12345 + 98765*i)
		d.Claims = append(d.Claims, letters.Claim{Invoice: inv, Date: due.AddDays(-30), Due: due,
			Amount: open, Paid: money.Zero(cur), Open: open})
		d.Total = add(d.Total, open)
		if interest {
			seg := letters.Segment{Invoice: inv, From: due.AddDays(1), To: d.Date, Days: due.AddDays(1).DaysUntil(d.Date),
				Rate: rate, Balance: open, Amount: m(123 + 211*i)}
			d.Interest.Segments = append(d.Interest.Segments, seg)
			d.Interest.Total = add(d.Interest.Total, seg.Amount)
			d.Total = add(d.Total, seg.Amount)
		}
	}
	if err := letters.Validate(letters.Reminder, d); err != nil {
		t.Fatalf("the extended sample does not add up: %v", err)
	}
	return d
}

func TestTenInvoicesFitOnePage(t *testing.T) {
	r := newRenderer(t)
	for _, lang := range letters.Languages() {
		j := home(t, lang)
		for _, k := range onePage {
			for _, w := range windows {
				t.Run(lang.String()+"/"+k.String()+"/"+w.String(), func(t *testing.T) {
					d := withInvoices(t, letters.SampleData(k, j), 10, false)
					d.Creditor.Window = w
					l, err := r.Render(k, lang, d)
					if err != nil {
						t.Fatal(err)
					}
					var tr trace
					b, err := render(l, d, Options{}, &tr)
					if err != nil {
						t.Fatal(err)
					}
					in := checkPDF(t, l, d, b)
					if in.pages != 1 || tr.pages != 1 {
						t.Errorf("%d pages, want 1", in.pages)
					}
					for _, c := range d.Claims {
						if !strings.Contains(in.text, c.Open.FormatNumber(lang)) {
							t.Errorf("invoice %s's open amount %s is not in the PDF", c.Invoice, c.Open.FormatNumber(lang))
						}
					}
					if tr.scale < minScale {
						t.Errorf("set at scale %.2f, below %.2f", tr.scale, minScale)
					}
				})
			}
		}
	}
}

// TestLongLetterRunsOn checks that a letter too long for one page continues on the
// next, without splitting a table row or the payment box.
func TestLongLetterRunsOn(t *testing.T) {
	r := newRenderer(t)
	d := withInvoices(t, letters.SampleData(letters.CollectionWarning, dunning.DK), 60, true)
	l, err := r.Render(letters.CollectionWarning, language.Danish, d)
	if err != nil {
		t.Fatal(err)
	}
	var tr trace
	b, err := render(l, d, Options{}, &tr)
	if err != nil {
		t.Fatal(err)
	}
	in := checkPDF(t, l, d, b)
	if in.pages < 2 || tr.scale != 1 {
		t.Errorf("%d pages at scale %.2f, want more than one at 1", in.pages, tr.scale)
	}
	for _, c := range d.Claims { // every row whole, on some page
		row := c.Invoice + "     "
		if !strings.Contains(in.text, row) || !strings.Contains(in.text, c.Open.FormatNumber(language.Danish)) {
			t.Errorf("invoice %s's row is not in the PDF", c.Invoice)
		}
	}
	if !strings.Contains(in.text, "1/"+strconv.Itoa(in.pages)) {
		t.Errorf("no page numbers")
	}
	// The claims table starts on the first page and repeats its head on the next.
	head, _, _ := strings.Cut(l.Text[strings.Index(l.Text, "Faktura  "):], "\n")
	if n := strings.Count(in.text, head); n < 2 {
		t.Errorf("the head %q %d times, want it on each page the table runs over", head, n)
	}
	if tr.pages != in.pages {
		t.Errorf("counted %d pages, made %d", tr.pages, in.pages)
	}
}

// TestFreeLetterWithDoubleSpaces checks that running text with a double space in
// it is not set as a table.
func TestFreeLetterWithDoubleSpaces(t *testing.T) {
	d := letters.SampleData(letters.FreeLetter, dunning.EU)
	long := strings.Repeat("This paragraph is long and has a double space  here. ", 6)
	d.Paragraphs = []string{long, "Amount  due:  100"}
	l, err := newRenderer(t).Render(letters.FreeLetter, language.English, d)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseText(l, d)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]blockKind{}
	for _, b := range p.body {
		kinds[b.lines[0][:10]] = b.kind
	}
	if kinds[long[:10]] != prose || kinds["Amount  du"] != fixed {
		t.Errorf("blocks %v, want the long paragraph as text and the short line as a table", kinds)
	}
	b, err := Render(l, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, l, d, b)
}

// TestConcurrent renders in parallel: Render shares nothing between calls (run with
// -race).
func TestConcurrent(t *testing.T) {
	r := newRenderer(t)
	type job struct {
		l    letters.Letter
		d    letters.Data
		want []byte
	}
	var jobs []job
	for _, j := range jurisdictions[:4] {
		d := letters.SampleData(letters.Reminder, j)
		l, err := r.Render(letters.Reminder, j.Language(), d)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Render(l, d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{l, d, b})
	}
	errs := make(chan error, len(jobs)*3)
	for range 3 {
		for _, jb := range jobs {
			go func() {
				b, err := Render(jb.l, jb.d, Options{})
				if err == nil && !bytes.Equal(b, jb.want) {
					err = errors.New("different bytes")
				}
				errs <- err
			}()
		}
	}
	for range len(jobs) * 3 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestWindow(t *testing.T) {
	// The positions the package documents, in mm: left, top, width, height.
	want := map[letters.Window]rect{
		letters.WindowDINB:        {20, 45, 85, 45},
		letters.WindowDINA:        {20, 27, 85, 45},
		letters.WindowNordicLeft:  {15, 44, 95, 26},
		letters.WindowNordicRight: {100, 44, 95, 26},
		letters.Window(99):        {20, 45, 85, 45}, // invalid: DIN 5008 B, as in the HTML
	}
	r := newRenderer(t)
	type sample struct {
		name string
		k    letters.Kind
		d    letters.Data
	}
	var samples []sample
	for _, j := range jurisdictions {
		samples = append(samples, sample{string(j), letters.CollectionWarning, letters.SampleData(letters.CollectionWarning, j)})
	}
	// A debtor abroad (a country line) with a c/o line: six lines.
	abroad := letters.SampleData(letters.Reminder, dunning.DK)
	abroad.Debtor.Address = dunning.Address{Lines: []string{"c/o Lindqvist", "Kungsgatan 14 lgh 1102", "Box 123"},
		PostalCode: "411 19", City: "Göteborg", Country: "SE"}
	samples = append(samples, sample{"abroad", letters.Reminder, abroad})

	for w, area := range want {
		for _, s := range samples {
			t.Run(w.String()+"/"+s.name, func(t *testing.T) {
				d := s.d
				d.Creditor.Window = w
				l, err := r.Render(s.k, d.Debtor.LetterLanguage(), d)
				if err != nil {
					t.Fatal(err)
				}
				var tr trace
				if _, err := render(l, d, Options{}, &tr); err != nil {
					t.Fatal(err)
				}
				if tr.window != area {
					t.Errorf("window %v, want %v", tr.window, area)
				}
				if !tr.window.contains(tr.address) {
					t.Errorf("the address %v is not inside the window %v", tr.address, tr.window)
				}
				if !tr.window.contains(tr.returnLine) {
					t.Errorf("the return address %v is not inside the window %v", tr.returnLine, tr.window)
				}
				if tr.returnLine.bottom() > tr.address.y || tr.address.y-tr.returnLine.bottom() > 2 {
					t.Errorf("the return address %v is not directly above the address %v", tr.returnLine, tr.address)
				}
				if tr.address.w == 0 || tr.returnLine.w == 0 {
					t.Error("nothing recorded")
				}
			})
		}
	}
}

// testPNG is a 240 × 80 logo with transparency.
func testPNG(t *testing.T, deep bool) []byte {
	t.Helper()
	var img image.Image
	if deep {
		m := image.NewRGBA64(image.Rect(0, 0, 240, 80))
		for x := range 240 {
			m.Set(x, x%80, color.RGBA64{0x1f00, 0x3b00, 0x5a00, 0xffff})
		}
		img = m
	} else {
		m := image.NewNRGBA(image.Rect(0, 0, 240, 80))
		for x := range 240 {
			for y := range 80 {
				m.Set(x, y, color.NRGBA{0x1f, 0x3b, 0x5a, uint8(x)})
			}
		}
		img = m
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLogo(t *testing.T) {
	r := newRenderer(t)
	d := letters.SampleData(letters.Reminder, dunning.DK)
	l, err := r.Render(letters.Reminder, language.Danish, d)
	if err != nil {
		t.Fatal(err)
	}
	var jpg, gf bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 300, 100)), nil); err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 90, 30), color.Palette{color.White, color.Black})
	if err := gif.Encode(&gf, pal, nil); err != nil {
		t.Fatal(err)
	}
	logos := map[string][]byte{"png": testPNG(t, false), "png16": testPNG(t, true), "jpeg": jpg.Bytes(), "gif": gf.Bytes()}
	for name, logo := range logos {
		for _, w := range windows {
			for _, viaOptions := range []bool{false, true} {
				t.Run(name+"/"+w.String()+"/options="+strconv.FormatBool(viaOptions), func(t *testing.T) {
					d := d
					d.Creditor.Window = w
					var opts Options
					if viaOptions {
						d.Creditor.LogoImage = []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)
						opts.Logo = logo
					} else {
						d.Creditor.LogoImage = logo
					}
					var tr trace
					b, err := render(l, d, opts, &tr)
					if err != nil {
						t.Fatal(err)
					}
					in := checkPDF(t, l, d, b)
					if in.images != 1 {
						t.Errorf("%d image XObjects on the page, want the logo", in.images)
					}
					if !bytes.Contains(b, []byte("/Subtype /Image")) {
						t.Error("no image XObject")
					}
					lg := tr.logo
					if lg.w <= 0 || lg.w > logoMaxW+1e-9 || lg.h > logoMaxH+1e-9 || lg.right() > pageW-marginR+1e-9 {
						t.Errorf("logo at %v, want within %v × %v mm at the top right", lg, logoMaxW, logoMaxH)
					}
					if math.Abs(lg.w/lg.h-3) > 0.01 {
						t.Errorf("logo %v × %v mm, want the image's 3:1", lg.w, lg.h)
					}
					g := geometryOf(w)
					if lg.bottom() > g.info.y || (lg.x < g.window.right() && lg.bottom() > g.window.y) {
						t.Errorf("logo %v overlaps the window %v or the references at %v", lg, g.window, g.info.y)
					}
				})
			}
		}
	}
	// No logo: none given, an SVG, which the HTML letter shows and a PDF leaves out,
	// or bytes of no known format, which both leave out.
	for _, none := range [][]byte{nil, {}, []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
		[]byte("not an image")} {
		d := d
		d.Creditor.LogoImage = none
		b, err := Render(l, d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if in := inspect(t, b); in.images != 0 {
			t.Errorf("%d images without a logo", in.images)
		}
	}
	for name, logo := range map[string][]byte{"svg": []byte("<svg/>"), "garbage": []byte("not an image"),
		"broken png": []byte("\x89PNG\r\n\x1a\nbroken")} {
		t.Run(name, func(t *testing.T) {
			_, err := Render(l, d, Options{Logo: logo})
			var fe *dunning.FieldError
			if !errors.As(err, &fe) || fe.Field != "Options.Logo" || !errors.Is(err, dunning.ErrInvalid) {
				t.Errorf("error %v, want a *dunning.FieldError for Options.Logo", err)
			}
			if name != "broken png" {
				return
			}
			d := d
			d.Creditor.LogoImage = logo
			_, err = Render(l, d, Options{})
			if !errors.As(err, &fe) || fe.Field != "Data.Creditor.LogoImage" {
				t.Errorf("error %v, want a *dunning.FieldError for Data.Creditor.LogoImage", err)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	regular, bold, monoTTF := bytes.Clone(goregular.TTF), bytes.Clone(gobold.TTF), bytes.Clone(gomono.TTF)
	r := newRenderer(t)
	d := letters.SampleData(letters.CollectionWarning, dunning.SE)
	l, err := r.Render(letters.CollectionWarning, language.Swedish, d)
	if err != nil {
		t.Fatal(err)
	}
	d.Creditor.Window = letters.WindowNordicRight
	opts := Options{Logo: testPNG(t, false)}
	first, err := Render(l, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, err := Render(l, d, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, first) {
			t.Fatal("the same letter gave different bytes")
		}
	}
	for _, k := range letters.Kinds() { // each renders the same twice
		d := letters.SampleData(k, dunning.FI)
		l, err := r.Render(k, language.Finnish, d)
		if err != nil {
			t.Fatal(err)
		}
		d.Creditor.Window = letters.WindowNordicLeft
		a, err := Render(l, d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Render(l, d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%v: the same letter gave different bytes", k)
		}
	}
	if !bytes.Equal(goregular.TTF, regular) || !bytes.Equal(gobold.TTF, bold) || !bytes.Equal(gomono.TTF, monoTTF) {
		t.Error("rendering changed the Go fonts' bytes")
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20250303000000)")) {
		t.Error("the creation date is not the letter's date")
	}
}

func TestErrors(t *testing.T) {
	r := newRenderer(t)
	d := letters.SampleData(letters.Reminder, dunning.DK)
	l, err := r.Render(letters.Reminder, language.Danish, d)
	if err != nil {
		t.Fatal(err)
	}
	other := letters.SampleData(letters.Reminder, dunning.DE)
	noDebtor := d
	noDebtor.Debtor.Name = "Someone Else"
	garbled := l
	garbled.Text = "Dear customer,\n\nplease pay.\n"
	headless := l
	headless.Text = l.Text[strings.Index(l.Text, "\n\n")+2:]
	huge := d
	huge.Debtor.Address.Lines = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}
	huge.Creditor.Window = letters.WindowNordicLeft
	lHuge, err := r.Render(letters.Reminder, language.Danish, huge)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		l     letters.Letter
		d     letters.Data
		opts  Options
		field string
	}{
		{"other creditor", l, other, Options{}, "Data.Creditor.Name"},
		{"other debtor", l, noDebtor, Options{}, "Data.Debtor.Name"},
		{"not a letter", garbled, d, Options{}, "Letter.Text"},
		{"no letterhead", headless, d, Options{}, "Data.Creditor.Name"},
		{"empty", letters.Letter{}, d, Options{}, "Letter.Text"},
		{"address too long", lHuge, huge, Options{}, "Data.Debtor.Address"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := Render(c.l, c.d, c.opts)
			var fe *dunning.FieldError
			if !errors.As(err, &fe) || fe.Field != c.field || !errors.Is(err, dunning.ErrInvalid) || b != nil {
				t.Errorf("error %v, want a *dunning.FieldError for %s", err, c.field)
			}
		})
	}
}

// TestFontsCoverTheLetters checks that the Go fonts have a glyph for every
// character of every sample letter in every language, after clean.
func TestFontsCoverTheLetters(t *testing.T) {
	var fonts []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, gomono.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, f)
	}
	r := newRenderer(t)
	var buf sfnt.Buffer
	missing := map[rune]string{}
	for _, lang := range letters.Languages() {
		for _, j := range jurisdictions {
			for _, k := range letters.Kinds() {
				d := letters.SampleData(k, j)
				l, err := r.Render(k, lang, d)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range clean(l.Text + l.Subject) {
					if c == '\n' {
						continue
					}
					for _, f := range fonts {
						if g, err := f.GlyphIndex(&buf, c); err != nil || g == 0 {
							missing[c] = lang.String() + "/" + string(j) + "/" + k.String()
						}
					}
				}
			}
		}
	}
	for c, where := range missing {
		t.Errorf("no glyph for %U %q (in %s)", c, c, where)
	}
}

func TestReflow(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{ // wrapped at 76 columns: one line
			[]string{
				"Har du spørgsmål til kravet, eller kan du ikke betale hele beløbet, er du",
				"velkommen til at kontakte os på bogholderi@nordlys-tekstil.dk eller telefon",
				"+45 33 12 34 56. Vi finder gerne en løsning sammen med dig.",
			},
			[]string{"Har du spørgsmål til kravet, eller kan du ikke betale hele beløbet, er du " +
				"velkommen til at kontakte os på bogholderi@nordlys-tekstil.dk eller telefon " +
				"+45 33 12 34 56. Vi finder gerne en løsning sammen med dig."},
		},
		{ // the template's own line breaks stay
			[]string{
				"Fordringshaver: Nordlys Tekstil ApS, Vesterbrogade 12, 1620 København V,",
				"CVR-nr. 24256790",
				"Skyldner: Jens Hansen, Nørregade 7, 2. th., 8000 Aarhus C",
			},
			[]string{
				"Fordringshaver: Nordlys Tekstil ApS, Vesterbrogade 12, 1620 København V, CVR-nr. 24256790",
				"Skyldner: Jens Hansen, Nørregade 7, 2. th., 8000 Aarhus C",
			},
		},
		{[]string{"Med venlig hilsen", "Nordlys Tekstil ApS"}, []string{"Med venlig hilsen", "Nordlys Tekstil ApS"}},
	} {
		if got := reflow(c.in); !slices.Equal(got, c.want) {
			t.Errorf("reflow(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestClassify(t *testing.T) {
	d := letters.SampleData(letters.SettlementOffer, dunning.DK)
	l, err := newRenderer(t).Render(letters.SettlementOffer, language.Danish, d)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseText(l, d)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []blockKind
	payments := 0
	for _, b := range p.body {
		kinds = append(kinds, b.kind)
		if b.kind == payment {
			payments++
			if !strings.Contains(strings.Join(b.lines, "\n"), d.PaymentReference) {
				t.Errorf("payment box %q lacks the reference", b.lines)
			}
		}
	}
	if payments != 1 || !slices.Contains(kinds, fixed) {
		t.Errorf("blocks %v: want one payment box and the offer as a list", kinds)
	}
	if p.subject != l.Subject || len(p.footer) == 0 || len(p.refs) < 1 || p.recipient[0] != d.Debtor.Name {
		t.Errorf("parts %+v", p)
	}
}

func BenchmarkRender(b *testing.B) {
	r := newRenderer(b)
	d := letters.SampleData(letters.CollectionWarning, dunning.DK)
	l, err := r.Render(letters.CollectionWarning, language.Danish, d)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(l, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPaymentQR: a letter's payment QR code (letters.Data.PaymentQR) is embedded
// in the payment box as an image; a broken one is an error naming the field.
func TestPaymentQR(t *testing.T) {
	r, err := letters.New(letters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := letters.SampleData(letters.Reminder, dunning.DE)
	d.Creditor.LogoImage = nil
	var buf bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	d.PaymentQR = buf.Bytes()
	l, err := r.Render(letters.Reminder, language.German, d)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Render(l, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(doc, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images, want the QR code", n)
	}
	d.PaymentQR = []byte("not a png")
	if _, err := Render(l, d, Options{}); !errors.Is(err, dunning.ErrInvalid) {
		t.Errorf("a broken QR code: %v", err)
	}
}
