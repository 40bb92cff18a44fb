package pdf

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/gif" // decodes logos that fpdf cannot embed as they are
	_ "image/jpeg"
	"image/png"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
)

// Units: lengths are in millimetres, type sizes in points.
const (
	ptMM = 25.4 / 72 // millimetres per point
	// The Go fonts' ascent and descent (hhea), in em: every accented capital of
	// the seven languages stays within them.
	ascent  = 1935.0 / 2048
	descent = 432.0 / 2048
	// monoAdvance is the width of every character of Go Mono, in em.
	monoAdvance = 1229.0 / 2048

	topMargin      = 20.0  // the top of the body on pages after the first
	letterheadTop  = 10.0  // the top of the letterhead and the logo
	footerBaseline = 289.0 // the baseline of the footer's last line
	bodyGap        = 6.0   // between the address field or references and the subject
	logoMaxW       = 50.0
	logoMaxH       = 18.0

	// minScale is the smallest type scale a letter is set at to fit on one page.
	minScale = 0.85
	// shortTable is the share of a page up to which a table is kept on one page.
	shortTable = 0.4
	scaleStep  = 0.05
)

// Type sizes in points; the body's are scaled.
const (
	sizeName       = 12.0 // the creditor's name in the letterhead
	sizeHead       = 8.5  // the rest of the letterhead
	sizeReturn     = 8.0  // the return address (DIN 5008 recommends 8 pt, at least 6 pt)
	sizeMinReturn  = 6.0
	sizeAddress    = 10.0
	sizeMinAddress = 8.0 // DIN 5008's minimum for the address
	sizeRefs       = 9.0
	sizeSubject    = 11.0
	sizeText       = 10.0
	sizeMono       = 8.2
	sizeBox        = 9.5
	sizeFooter     = 7.0
)

// layout sets one letter on its pages.
type layout struct {
	f  *fpdf.Fpdf
	p  parts
	d  letters.Data
	g  geometry
	w  letters.Window
	tr *trace

	logo         string  // the registered logo's name; "" without one
	logoW, logoH float64 // its size on the page
	qr           string  // the registered payment QR code's name; "" without one

	pages int // the number of pages, known before the pages are drawn
}

// run sets the letter: it tries the type scales from 1 down to minScale until the
// letter fits on one page (without drawing), and draws it at the first that does, or
// at 1 over as many pages as it needs.
func (lo *layout) run() error {
	bodyTop, err := lo.head(false)
	if err != nil {
		return err
	}
	scale, pages := 1.0, 0
	for i := 0; ; i++ {
		s := 1 - float64(i)*scaleStep
		if s < minScale-1e-9 {
			break
		}
		n := lo.body(false, s, bodyTop)
		if i == 0 {
			pages = n
		}
		if n == 1 {
			scale, pages = s, 1
			break
		}
	}
	lo.pages = pages
	lo.f.AddPage()
	lo.footer(1)
	if _, err := lo.head(true); err != nil {
		return err
	}
	lo.body(true, scale, bodyTop)
	if lo.tr != nil {
		lo.tr.scale, lo.tr.pages, lo.tr.window = scale, lo.f.PageCount(), lo.g.window
	}
	return lo.f.Error()
}

func (lo *layout) font(family, style string, size float64) { lo.f.SetFont(family, style, size) }
func (lo *layout) width(s string) float64                  { return lo.f.GetStringWidth(s) }

// baseline is where a line of type size pt goes in a line box of height lead at top.
func baseline(top, lead, pt float64) float64 {
	return top + (lead-(ascent+descent)*pt*ptMM)/2 + ascent*pt*ptMM
}

// textBox is the box of a line of text: from the ascent above its baseline to the
// descent below.
func textBox(x, base, w, pt float64) rect {
	return rect{x, base - ascent*pt*ptMM, w, (ascent + descent) * pt * ptMM}
}

// head places the first page's letterhead, logo, return address, recipient's
// address and references, drawing them when draw is set, and returns where the
// body starts.
func (lo *layout) head(draw bool) (float64, error) {
	f, g := lo.f, lo.g
	right := pageW - marginR
	if lo.logo != "" {
		x := right - lo.logoW
		if draw {
			f.ImageOptions(lo.logo, x, letterheadTop, lo.logoW, lo.logoH, false, fpdf.ImageOptions{}, 0, "")
			if lo.tr != nil {
				lo.tr.logo = rect{x, letterheadTop, lo.logoW, lo.logoH}
			}
		}
		right = x - 5
	}
	bottom := g.window.bottom()

	// The letterhead, top left, above the window and the references.
	limit := min(g.window.y, g.info.y) - 2
	leadName, leadHead := sizeName*ptMM*1.25, sizeHead*ptMM*1.35
	need := leadName + float64(len(lo.p.letterhead)-1)*leadHead
	k := 1.0
	if avail := limit - letterheadTop; need > avail {
		k = max(avail/need, 0.6)
	}
	y := letterheadTop
	for i, ln := range lo.p.letterhead {
		style, size, lead := "", sizeHead*k, leadHead*k
		if i == 0 {
			style, size, lead = "B", sizeName*k, leadName*k
		}
		lo.font(sans, style, size)
		size = lo.fitWidth(ln, right-marginL, size, 5)
		lo.font(sans, style, size)
		if draw {
			f.SetTextColor(0, 0, 0)
			if i > 0 {
				f.SetTextColor(70, 70, 70)
			}
			f.Text(marginL, baseline(y, lead, size), ln)
		}
		y += lead
	}
	bottom = max(bottom, y)

	// The return address, one line directly above the recipient's address.
	ret := lo.returnAddress()
	maxW := g.window.right() - g.textX - 2
	lo.font(sans, "", sizeReturn)
	size := lo.fitWidth(ret, maxW, sizeReturn, sizeMinReturn)
	lo.font(sans, "", size)
	ret = lo.truncate(ret, maxW)
	base := g.returnBottom - descent*size*ptMM
	if draw {
		f.SetTextColor(70, 70, 70)
		f.Text(g.textX, base, ret)
		if lo.tr != nil {
			lo.tr.returnLine = textBox(g.textX, base, lo.width(ret), size)
		}
	}

	// The recipient's address, in 10 pt, or smaller down to 8 pt to fit the window.
	addr := lo.p.recipient
	var lead float64
	for size = sizeAddress; ; size -= 0.5 {
		if size < sizeMinAddress {
			return 0, &dunning.FieldError{Field: "Data.Debtor.Address", Value: strings.Join(addr, ", "),
				Reason: "does not fit the envelope window " + lo.w.String() + " even in 8 pt type"}
		}
		lead = size * ptMM * 1.2
		lo.font(sans, "", size)
		h := float64(len(addr)-1)*lead + (ascent+descent)*size*ptMM
		w := 0.0
		for _, ln := range addr {
			w = max(w, lo.width(ln))
		}
		if g.addressTop+h <= g.window.bottom()-0.5 && w <= maxW {
			break
		}
	}
	if draw {
		f.SetTextColor(0, 0, 0)
		first := g.addressTop + ascent*size*ptMM
		w := 0.0
		for i, ln := range addr {
			f.Text(g.textX, first+float64(i)*lead, ln)
			w = max(w, lo.width(ln))
		}
		if lo.tr != nil {
			lo.tr.address = rect{g.textX, g.addressTop, w,
				float64(len(addr)-1)*lead + (ascent+descent)*size*ptMM}
		}
	}

	// The references (date, case, customer number) beside the window.
	y = g.info.y
	leadRefs := sizeRefs * ptMM * 1.4
	lo.font(sans, "", sizeRefs)
	labelW := 0.0
	for _, ln := range lo.p.refs {
		if label, _, ok := strings.Cut(ln, ": "); ok {
			labelW = max(labelW, lo.width(label+":"))
		}
	}
	for _, ln := range lo.p.refs {
		if draw {
			b := baseline(y, leadRefs, sizeRefs)
			if label, value, ok := strings.Cut(ln, ": "); ok && labelW+3+lo.width(value) <= g.info.w {
				f.SetTextColor(90, 90, 90)
				f.Text(g.info.x, b, label+":")
				f.SetTextColor(0, 0, 0)
				f.Text(g.info.x+labelW+3, b, value)
			} else {
				f.SetTextColor(0, 0, 0)
				f.Text(g.info.x, b, lo.truncate(ln, g.info.w))
			}
		}
		y += leadRefs
	}
	bottom = max(bottom, y)
	f.SetTextColor(0, 0, 0)
	return bottom + bodyGap, nil
}

// returnAddress is the creditor's name, first address line, postal code and city on
// one line, as the HTML letter prints it; with the creditor's country when the
// recipient's address has a country line (the letter goes abroad).
func (lo *layout) returnAddress() string {
	c := lo.d.Creditor
	parts := []string{c.Name}
	if len(c.Address.Lines) > 0 {
		parts = append(parts, c.Address.Lines[0])
	}
	parts = append(parts, strings.TrimSpace(c.Address.PostalCode)+" "+strings.TrimSpace(c.Address.City))
	addr := lo.p.recipient
	if country := strings.TrimSpace(lo.d.Debtor.Address.Country); country != "" && len(addr) > 1 &&
		addr[len(addr)-1] == country {
		parts = append(parts, c.Address.Country)
	}
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return clean(strings.Join(out, " · "))
}

// fitWidth returns the type size, at most size and at least minSize, at which s
// fits in w; the current font's family and style are kept.
func (lo *layout) fitWidth(s string, w, size, minSize float64) float64 {
	if sw := lo.width(s); sw > w {
		size = max(minSize, size*w/sw)
		lo.f.SetFontSize(size)
	}
	return size
}

// truncate shortens s with an ellipsis until it fits in w in the current font.
func (lo *layout) truncate(s string, w float64) string {
	if lo.width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lo.width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// wrap breaks s into lines no wider than w in the current font, at spaces (a
// no-break space binds); a word wider than w is broken where it must.
func (lo *layout) wrap(s string, w float64) []string {
	var lines []string
	cur := ""
	for word := range strings.SplitSeq(s, " ") {
		if word == "" {
			continue
		}
		if cur != "" && lo.width(cur+" "+word) <= w {
			cur += " " + word
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = word
		for lo.width(cur) > w && utf8.RuneCountInString(cur) > 1 {
			r := []rune(cur)
			n := len(r) - 1
			for n > 1 && lo.width(string(r[:n])) > w {
				n--
			}
			lines = append(lines, string(r[:n]))
			cur = string(r[n:])
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// footerLines are the footer's lines, wrapped to the body's width between their
// "·"-separated items.
func (lo *layout) footerLines() []string {
	lo.font(sans, "", sizeFooter)
	const sep = "  ·  "
	var out []string
	for _, ln := range lo.p.footer {
		cur := ""
		for item := range strings.SplitSeq(ln, sep) {
			switch {
			case cur == "":
				cur = item
			case lo.width(cur+sep+item) <= bodyW:
				cur += sep + item
			default:
				out = append(out, lo.wrap(cur, bodyW)...)
				cur = item
			}
		}
		out = append(out, lo.wrap(cur, bodyW)...)
	}
	return out
}

const footerLead = sizeFooter * ptMM * 1.4

// footerTop is the top of the footer's rule: the body ends above it.
func (lo *layout) footerTop() float64 {
	n := len(lo.footerLines())
	return footerBaseline - float64(n-1)*footerLead - ascent*sizeFooter*ptMM - 2
}

// footer draws the footer at the bottom of page n, with the page number when the
// letter has more than one page.
func (lo *layout) footer(n int) {
	f := lo.f
	lines := lo.footerLines()
	top := lo.footerTop()
	f.SetDrawColor(170, 170, 170)
	f.SetLineWidth(0.2)
	f.Line(marginL, top, pageW-marginR, top)
	f.SetTextColor(90, 90, 90)
	lo.font(sans, "", sizeFooter)
	for i, ln := range lines {
		f.Text(marginL, footerBaseline-float64(len(lines)-1-i)*footerLead, ln)
	}
	if lo.pages > 1 {
		s := strconv.Itoa(n) + "/" + strconv.Itoa(lo.pages)
		f.Text(pageW-marginR-lo.width(s), top-1.2, s)
	}
	f.SetTextColor(0, 0, 0)
}

// pass is one run over the body at one type scale: a dry run counts the pages, the
// last run draws.
type pass struct {
	lo     *layout
	draw   bool
	s      float64
	page   int
	y      float64
	bottom float64
}

func (ps *pass) newPage() {
	ps.page++
	ps.y = topMargin
	if ps.draw {
		lo := ps.lo
		lo.f.AddPage()
		lo.footer(ps.page)
		// the subject, small, at the head of the following pages
		lo.font(sans, "", sizeFooter+0.5)
		lo.f.SetTextColor(90, 90, 90)
		lo.f.Text(marginL, 12, lo.truncate(lo.p.subject, bodyW))
		lo.f.SetTextColor(0, 0, 0)
	}
}

// keep starts a new page unless h millimetres fit on this one; a block taller than a
// page starts where it is.
func (ps *pass) keep(h float64) {
	if ps.y+h > ps.bottom+1e-6 && h <= ps.bottom-topMargin && ps.y > topMargin+1e-6 {
		ps.newPage()
	}
}

// line sets one line of text in a line box of height lead, on a new page if this one
// is full.
func (ps *pass) line(family, style string, size, lead, x float64, s string) {
	ps.keep(lead)
	if ps.draw {
		ps.lo.font(family, style, size)
		ps.lo.f.Text(x, baseline(ps.y, lead, size), s)
	}
	ps.y += lead
}

// gap adds space between blocks, unless at the top of a page.
func (ps *pass) gap(h float64) {
	if ps.y > topMargin+1e-6 {
		ps.y += h
	}
}

// body sets the subject, the body and the closing from top at scale s, drawing them
// when draw is set, and returns the number of pages.
func (lo *layout) body(draw bool, s, top float64) int {
	ps := &pass{lo: lo, draw: draw, s: s, page: 1, y: top, bottom: lo.footerTop() - 3}
	textSize, textLead := sizeText*s, sizeText*s*ptMM*1.22
	gap := textLead * 0.5

	// The subject in bold.
	size := sizeSubject * s
	lo.font(sans, "B", size)
	for _, ln := range lo.wrap(lo.p.subject, bodyW) {
		ps.line(sans, "B", size, size*ptMM*1.2, marginL, ln)
	}

	for _, b := range lo.p.body {
		if b.gap {
			ps.gap(gap)
		}
		switch b.kind {
		case prose:
			lo.font(sans, "", textSize)
			var lines []string
			for _, ln := range b.lines {
				lines = append(lines, lo.wrap(ln, bodyW)...)
			}
			if len(lines) <= 3 {
				ps.keep(float64(len(lines)) * textLead)
			} else {
				ps.keep(2 * textLead) // no single line at the foot of a page
			}
			for _, ln := range lines {
				ps.line(sans, "", textSize, textLead, marginL, ln)
			}
		case fixed:
			ps.table(b.lines)
		case payment:
			ps.box(b.lines)
		}
	}

	// The closing, kept together.
	ps.gap(gap * 1.5)
	lo.font(sans, "", textSize)
	ps.keep(float64(len(lo.p.closing)) * textLead)
	for _, ln := range lo.p.closing {
		ps.line(sans, "", textSize, textLead, marginL, ln)
	}
	return ps.page
}

// table sets lines with aligned columns in Go Mono, so that the columns stay
// aligned, smaller if the widest line would not fit the body; rules (lines of
// dashes) become thin lines. A table of up to 40 % of a page is kept on one page; a
// longer one breaks between rows and repeats its head (the lines down to its first
// rule) on the next page.
func (ps *pass) table(lines []string) {
	size := sizeMono * ps.s
	cols := 0
	for _, ln := range lines {
		cols = max(cols, utf8.RuneCountInString(ln))
	}
	if w := float64(cols) * monoAdvance * size * ptMM; w > bodyW {
		size *= bodyW / w
	}
	lead := size * ptMM * 1.18
	ruleLead := lead * 0.5
	height := func(ln string) float64 {
		if isRule(ln) {
			return ruleLead
		}
		return lead
	}
	h := 0.0
	for _, ln := range lines {
		h += height(ln)
	}
	var head []string
	if i := slices.IndexFunc(lines, isRule); i > 0 && i <= 2 {
		head = lines[:i+1]
	}
	// A short table moves to the next page whole; a long one starts here if its head
	// and three rows fit.
	if h <= shortTable*(ps.bottom-topMargin) {
		ps.keep(h)
	} else {
		start := 0.0
		for _, ln := range lines[:min(len(lines), len(head)+3)] {
			start += height(ln)
		}
		ps.keep(start)
	}
	for i, ln := range lines {
		if ps.y+height(ln) > ps.bottom+1e-6 && ps.y > topMargin+1e-6 {
			ps.newPage()
			if i > len(head) {
				for _, hl := range head {
					ps.row(hl, size, lead, ruleLead)
				}
			}
		}
		ps.row(ln, size, lead, ruleLead)
	}
}

// row sets one line of a table: text, or a rule as wide as its dashes.
func (ps *pass) row(ln string, size, lead, ruleLead float64) {
	if !isRule(ln) {
		ps.line(mono, "", size, lead, marginL, ln)
		return
	}
	if ps.draw {
		f := ps.lo.f
		f.SetDrawColor(110, 110, 110)
		f.SetLineWidth(0.2)
		y := ps.y + ruleLead/2
		f.Line(marginL, y, marginL+float64(len(ln))*monoAdvance*size*ptMM, y)
	}
	ps.y += ruleLead
}

// box sets the payment details, "label:  value" lines, as two columns in a frame
// that is never split between pages.
func (ps *pass) box(lines []string) {
	lo := ps.lo
	size := sizeBox * ps.s
	lead := size * ptMM * 1.25
	pad := 2.2
	lo.font(sans, "", size)
	labelW := 0.0
	for _, ln := range lines {
		label, _, _ := fact(ln)
		labelW = max(labelW, lo.width(label))
	}
	lo.font(sans, "B", size)
	valueW := 0.0
	for _, ln := range lines {
		_, value, _ := fact(ln)
		valueW = max(valueW, lo.width(value))
	}
	w := min(bodyW, max(95, pad+labelW+5+valueW+pad))
	h := 2*pad + float64(len(lines))*lead
	qrSize := 0.0
	if lo.qr != "" {
		qrSize = 28 // mm: the EPC guideline's minimum module size is met at this size for a full payload
		w = bodyW
		h = max(h, qrSize+2*pad)
	}
	ps.keep(h)
	if ps.draw {
		f := lo.f
		f.SetDrawColor(60, 60, 60)
		f.SetLineWidth(0.35)
		f.Rect(marginL, ps.y, w, h, "D")
		for i, ln := range lines {
			label, value, _ := fact(ln)
			b := baseline(ps.y+pad+float64(i)*lead, lead, size)
			lo.font(sans, "", size)
			f.Text(marginL+pad, b, label)
			lo.font(sans, "B", size)
			f.Text(marginL+pad+labelW+5, b, lo.truncate(value, w-2*pad-labelW-5-qrSize))
		}
		if qrSize > 0 {
			f.ImageOptions(lo.qr, marginL+w-pad-qrSize, ps.y+pad, qrSize, qrSize, false, fpdf.ImageOptions{}, 0, "")
		}
	}
	ps.y += h
}

// registerLogo embeds the logo b (from field) and sizes it to fit
// logoMaxW × logoMaxH.
func (lo *layout) registerLogo(b []byte, field string) error {
	typ := rasterType(b)
	if typ == "" {
		return logoError(field, "is not a PNG, JPEG or GIF image", nil)
	}
	f := lo.f
	name := "logo"
	info := f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(b))
	if f.Error() != nil {
		// fpdf embeds 8-bit, non-interlaced PNGs and baseline JPEGs; others are
		// decoded and embedded as an 8-bit PNG.
		f.ClearError()
		img, _, err := image.Decode(bytes.NewReader(b))
		if err != nil {
			return logoError(field, "cannot be decoded", err)
		}
		rgba := image.NewNRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
		var buf bytes.Buffer
		if err := png.Encode(&buf, rgba); err != nil {
			return logoError(field, "cannot be encoded", err)
		}
		name = "logo8"
		info = f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
		if err := f.Error(); err != nil {
			f.ClearError()
			return logoError(field, "cannot be embedded", err)
		}
	}
	w, h := info.Width(), info.Height()
	if w <= 0 || h <= 0 {
		return logoError(field, "is empty", nil)
	}
	k := min(logoMaxW/w, logoMaxH/h)
	lo.logo, lo.logoW, lo.logoH = name, w*k, h*k
	return nil
}

func logoError(field, reason string, err error) error {
	return &dunning.FieldError{Field: field, Reason: reason, Err: err}
}

// rasterType returns fpdf's name of b's image format, PNG, JPG or GIF, by its
// signature; "" for another format (an SVG, say).
func rasterType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return "JPG"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "GIF"
	}
	return ""
}

// clean replaces the characters the Go fonts lack by their nearest equivalents: the
// narrow no-break space (which CLDR puts in some amounts) and the figure space by a
// no-break space, the thin spaces by a space.
func clean(s string) string {
	if !strings.ContainsAny(s, "\u202f\u2007\u2009\u2008\u200a") {
		return s
	}
	return strings.NewReplacer("\u202f", "\u00a0", "\u2007", "\u00a0",
		"\u2009", " ", "\u2008", " ", "\u200a", " ").Replace(s)
}
