package letters

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/dunning-go/dunning"
)

// The layout — letterhead, addressee, references, subject, body, closing and footer
// — is Go code rather than a template: it is the same for every kind and language
// (its words come from the vocabulary), and building it directly, appending to one
// pooled buffer, keeps it a small part of a letter's rendering time (a template's
// every action is a reflective call). Hosts restyle the HTML through its class names,
// or post-process Letter.HTML.

// layoutText appends the whole plain-text letter around body (the text body as the
// template wrote it; it is normalised here).
func layoutText(b []byte, d *Data, title string, body []byte) []byte {
	v := d.r.words
	l := d.r.lang
	c := d.Creditor
	b = append(b, c.Name...)
	b = append(b, '\n')
	for _, ln := range c.Address.Lines {
		b = append(b, ln...)
		b = append(b, '\n')
	}
	if c.Address.PostalCode != "" || c.Address.City != "" {
		b = appendCity(b, "", c.Address.PostalCode, c.Address.City)
		b = append(b, '\n')
	}
	if c.Registration.Number != "" {
		b = appendRegistration(b, c.Registration)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, d.Debtor.Name...)
	b = append(b, '\n')
	for _, ln := range d.Debtor.Address.Lines {
		b = append(b, ln...)
		b = append(b, '\n')
	}
	if d.Debtor.Address.PostalCode != "" || d.Debtor.Address.City != "" {
		b = appendCity(b, "", d.Debtor.Address.PostalCode, d.Debtor.Address.City)
		b = append(b, '\n')
	}
	if foreign(d) {
		b = append(b, d.Debtor.Address.Country...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, v.Date...)
	b = append(b, ": "...)
	b = l.appendDate(b, d.Date)
	b = append(b, '\n')
	if d.Case != "" {
		b = append(b, v.Case...)
		b = append(b, ": "...)
		b = append(b, d.Case...)
		b = append(b, '\n')
	}
	if d.Debtor.ID != "" {
		b = append(b, v.Customer...)
		b = append(b, ": "...)
		b = append(b, d.Debtor.ID...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, title...)
	b = append(b, "\n\n"...)
	b = appendNormalized(b, body)
	b = append(b, "\n\n"...)
	b = append(b, v.Regards...)
	b = append(b, '\n')
	b = append(b, c.Name...)
	b = append(b, "\n\n--\n"...)

	b = append(b, c.Name...)
	for _, ln := range c.Address.Lines {
		b = append(b, ", "...)
		b = append(b, ln...)
	}
	b = appendCity(b, ", ", c.Address.PostalCode, c.Address.City)
	if c.Registration.Number != "" { // it joins the address line
		b = append(b, "  ·  "...)
		b = appendRegistration(b, c.Registration)
	}
	const sep = "  ·  "
	b = appendLine(b, sep, labelled{v.Phone, c.Phone}, labelled{v.Email, c.Email}, labelled{"", c.Website})
	b = appendLine(b, sep, labelled{"", c.Bank.Name}, labelled{v.Account, c.Bank.Account},
		labelled{v.IBAN, c.Bank.IBAN}, labelled{v.BIC, c.Bank.BIC})
	return b // the body is normalised already; the layout's lines are short
}

// appendCity appends prefix, then the postal code and the city separated by a
// space, with the white space at either end of the two trimmed; nothing at all
// when both are empty (so a separator never stands alone).
func appendCity(b []byte, prefix, postal, city string) []byte {
	postal, city = strings.TrimSpace(postal), strings.TrimSpace(city)
	if postal == "" && city == "" {
		return b
	}
	b = append(b, prefix...)
	b = append(b, postal...)
	if postal != "" && city != "" {
		b = append(b, ' ')
	}
	return append(b, city...)
}

// appendCityHTML is appendCity with the postal code and the city escaped.
func appendCityHTML(b []byte, prefix, postal, city string) []byte {
	postal, city = strings.TrimSpace(postal), strings.TrimSpace(city)
	if postal == "" && city == "" {
		return b
	}
	b = append(b, prefix...)
	b = appendEscaped(b, postal)
	if postal != "" && city != "" {
		b = append(b, ' ')
	}
	return appendEscaped(b, city)
}

// appendRegistration appends registration(r).
func appendRegistration(b []byte, r dunning.Registration) []byte {
	if r.Scheme == dunning.DEHandelsregister || r.Number == "" {
		return append(b, registration(r)...)
	}
	b = append(b, registrationLabel(r.Scheme)...)
	b = append(b, ' ')
	return append(b, r.Number...)
}

// foreign reports whether the debtor's address is in another country than the
// creditor's (or, when the letterhead gives no country, than the jurisdiction's),
// so that the address needs its country line.
func foreign(d *Data) bool {
	home := d.Creditor.Address.Country
	if home == "" && d.Jurisdiction != dunning.EU {
		home = string(d.Jurisdiction)
	}
	return d.Debtor.Address.Country != "" && !strings.EqualFold(d.Debtor.Address.Country, home)
}

// labelled is a value with its label, "Telefon +45 33 12 34 56", left out when the
// value is empty; with no label, the value alone.
type labelled struct{ label, value string }

func (p labelled) append(b []byte, escape bool) []byte {
	if p.label != "" {
		if escape {
			b = appendEscaped(b, p.label)
		} else {
			b = append(b, p.label...)
		}
		b = append(b, ' ')
	}
	if escape {
		return appendEscaped(b, p.value)
	}
	return append(b, p.value...)
}

// appendLine appends the parts with a value on a line of their own, separated by sep.
func appendLine(b []byte, sep string, parts ...labelled) []byte {
	first := true
	for _, p := range parts {
		if p.value == "" {
			continue
		}
		if first {
			b = append(b, '\n')
		} else {
			b = append(b, sep...)
		}
		b = p.append(b, false)
		first = false
	}
	return b
}

// layoutHTML appends the whole letter as a standalone HTML document around body (the
// HTML body as the template wrote it; it is made into paragraphs here). Every value
// from d is escaped.
func layoutHTML(b []byte, d *Data, title string, body []byte) []byte {
	v := d.r.words
	l := d.r.lang
	c := d.Creditor
	b = append(b, "<!DOCTYPE html>\n<html lang=\""...)
	b = append(b, langDirs[l]...)
	b = append(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>"...)
	b = appendEscaped(b, title)
	b = append(b, "</title>\n<style>\n"+styleSheet+"</style>\n</head>\n<body>\n<div class=\"letter "...)
	w := c.Window
	if !w.IsValid() {
		w = WindowDINB
	}
	b = append(b, windowClasses[w]...)
	b = append(b, "\">\n<header class=\"letterhead\">\n<div>"...)
	if len(c.LogoImage) > 0 {
		if mt := logoType(c.LogoImage); mt != "" {
			b = append(b, `<img class="logo" src="data:`...)
			b = append(b, mt...)
			b = append(b, ";base64,"...)
			b = base64.StdEncoding.AppendEncode(b, c.LogoImage)
			b = append(b, `" alt="`...)
			b = appendEscaped(b, c.Name)
			b = append(b, `">`...)
		}
	} else if u := safeURL(c.Logo); u != "" {
		b = append(b, `<img class="logo" src="`...)
		b = appendEscaped(b, u)
		b = append(b, `" alt="`...)
		b = appendEscaped(b, c.Name)
		b = append(b, `">`...)
	}
	b = append(b, "</div>\n<div class=\"creditor\"><strong>"...)
	b = appendEscaped(b, c.Name)
	b = append(b, "</strong>"...)
	for _, ln := range c.Address.Lines {
		b = append(b, "<br>"...)
		b = appendEscaped(b, ln)
	}
	b = appendCityHTML(b, "<br>", c.Address.PostalCode, c.Address.City)
	if c.Registration.Number != "" {
		b = append(b, "<br>"...)
		b = appendEscapedRegistration(b, c.Registration)
	}
	for _, p := range [...]labelled{{v.Phone, c.Phone}, {"", c.Email}} {
		if p.value != "" {
			b = append(b, "<br>"...)
			b = p.append(b, true)
		}
	}
	b = append(b, "</div>\n</header>\n<div class=\"recipient\"><div class=\"return\">"...)
	// The return address above the window's address (DIN 5008's Rücksendeangabe).
	b = appendEscaped(b, c.Name)
	if len(c.Address.Lines) > 0 {
		b = append(b, " · "...)
		b = appendEscaped(b, c.Address.Lines[0])
	}
	b = appendCityHTML(b, " · ", c.Address.PostalCode, c.Address.City)
	b = append(b, "</div>"...)
	b = appendEscaped(b, d.Debtor.Name)
	for _, ln := range d.Debtor.Address.Lines {
		b = append(b, "<br>"...)
		b = appendEscaped(b, ln)
	}
	b = appendCityHTML(b, "<br>", d.Debtor.Address.PostalCode, d.Debtor.Address.City)
	if foreign(d) {
		b = append(b, "<br>"...)
		b = appendEscaped(b, d.Debtor.Address.Country)
	}
	b = append(b, "</div>\n<table class=\"refs\">\n"...)
	// A reference row: its label, then its value (refEnd closes it).
	refStart := func(label string) int {
		b = append(b, "<tr><th>"...)
		b = appendEscaped(b, label)
		b = append(b, "</th><td>"...)
		return len(b)
	}
	refEnd := func(from int) {
		b = append(escapeTail(b, from), "</td></tr>\n"...)
	}
	ref := func(label, value string) {
		if value != "" {
			from := refStart(label)
			b = append(b, value...)
			refEnd(from)
		}
	}
	if !d.Date.IsZero() {
		from := refStart(v.Date)
		b = l.appendDate(b, d.Date)
		refEnd(from)
	}
	ref(v.Case, d.Case)
	ref(v.Customer, d.Debtor.ID)
	b = append(b, "</table>\n<h1>"...)
	b = appendEscaped(b, title)
	b = append(b, "</h1>\n<main>\n"...)
	b = appendParagraphs(b, body)
	b = append(b, "</main>\n<p class=\"closing\">"...)
	b = appendEscaped(b, v.Regards)
	b = append(b, "<br>"...)
	b = appendEscaped(b, c.Name)
	b = append(b, "</p>\n<footer>"...)
	b = appendEscaped(b, c.Name)
	for _, ln := range c.Address.Lines {
		b = append(b, " · "...)
		b = appendEscaped(b, ln)
	}
	b = appendCityHTML(b, " · ", c.Address.PostalCode, c.Address.City)
	if c.Registration.Number != "" {
		b = append(b, " · "...)
		b = appendEscapedRegistration(b, c.Registration)
	}
	if c.Website != "" {
		b = append(b, " · "...)
		b = appendEscaped(b, c.Website)
	}
	sep := "<br>"
	for _, p := range [...]labelled{{"", c.Bank.Name}, {v.Account, c.Bank.Account}, {v.IBAN, c.Bank.IBAN}, {v.BIC, c.Bank.BIC}} {
		if p.value != "" {
			b = append(b, sep...)
			b = p.append(b, true)
			sep = " · "
		}
	}
	return append(b, "</footer>\n</div>\n</body>\n</html>\n"...)
}

// appendEscapedRegistration appends registration(r), escaped.
func appendEscapedRegistration(b []byte, r dunning.Registration) []byte {
	start := len(b)
	return escapeTail(appendRegistration(b, r), start)
}

// escapeTail escapes b[from:] in place as appendEscaped escapes a string.
func escapeTail(b []byte, from int) []byte {
	if bytes.ContainsAny(b[from:], `&'<>"`) {
		s := string(b[from:])
		b = appendEscaped(b[:from], s)
	}
	return b
}

// logoType returns the media type of a logo given as bytes, or "" for a format a
// letter does not embed: PNG, JPEG, GIF or SVG (an SVG in an img element runs no
// script).
func logoType(img []byte) string {
	switch mt := http.DetectContentType(img); mt {
	case "image/png", "image/jpeg", "image/gif":
		return mt
	}
	head := img[:min(len(img), 512)]
	if bytes.Contains(head, []byte("<svg")) {
		return "image/svg+xml"
	}
	return ""
}

// safeURL returns u if it is an http(s) URL, an inline e-mail part (cid:) or a
// data:image URL of a raster format, and "" otherwise (javascript:, data:text/html…).
func safeURL(u string) string {
	lower := strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"https://", "http://", "cid:", "data:image/png;", "data:image/jpeg;", "data:image/gif;"} {
		if strings.HasPrefix(lower, p) {
			return strings.TrimSpace(u)
		}
	}
	return ""
}

// styleSheet is the letter's CSS: a card on screen; on paper an A4 page (@page)
// with the recipient's address in the creditor's envelope window (Creditor.Window;
// positions in millimetres as Window documents), a return-address line above it,
// the references beside the window (DIN 5008's information block), the footer
// at the foot of the (last) page, no background or shadow, and no page break
// inside the payment box or a table row. TestPrintWithChromium prints them.
const styleSheet = `body{font-family:Georgia,"Times New Roman",serif;font-size:11pt;color:#222;background:#f4f4f4;margin:0}
.letter{max-width:46em;margin:1.5em auto;background:#fff;padding:2.5em 3em;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.letterhead{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #1f3b5a;padding-bottom:.8em}
.letterhead .logo{max-height:3.5em;max-width:12em}
.creditor{text-align:right;font-size:9.5pt;line-height:1.4}
.recipient{margin:2.5em 0 1.5em;line-height:1.4}
.recipient .return{font-size:7.5pt;color:#555;border-bottom:.5pt solid #999;display:inline-block;margin-bottom:.4em}
table.refs{font-size:9.5pt;margin-bottom:1.5em;border-collapse:collapse}
table.refs th{text-align:left;font-weight:normal;color:#555;padding-right:1em}
h1{font-size:14pt;color:#1f3b5a;margin:1em 0}
p{line-height:1.45;margin:0 0 .9em}
table.t,table.f{border-collapse:collapse;margin:0 0 1em;font-size:10pt}
table.t{width:100%}
table.t th,table.t td{padding:.25em .5em;border-bottom:1px solid #ddd;text-align:left}
table.t thead th{border-bottom:2px solid #1f3b5a}
table.f th{text-align:left;font-weight:normal;padding:.15em 1.5em .15em 0;color:#444}
table.f td{padding:.15em 0}
.r{text-align:right!important;white-space:nowrap}
tr.total td,tr.total th{font-weight:bold}
.basis{font-size:9pt;color:#555}
.payment{background:#f1f5f9;padding:.6em 1em;margin:0 0 1em;border-left:3px solid #1f3b5a}
.payment table.f{margin:0}
.payment{display:flex;justify-content:space-between;align-items:flex-start;gap:1em}
figure.qr{margin:0;text-align:center;font-size:7.5pt;color:#555}
figure.qr img{width:30mm;height:30mm;display:block}
.closing{margin-top:2em}
footer{margin-top:3em;border-top:1px solid #ccc;padding-top:.6em;font-size:8.5pt;color:#555;line-height:1.5}
@page{size:A4;margin:0}
@media print{
body{background:#fff;font-size:9pt}
.letter{max-width:none;margin:0;padding:0 18mm 15mm 20mm;min-height:296mm;box-sizing:border-box;box-shadow:none;position:relative;display:flow-root;--wt:45mm;--wl:20mm;--ww:85mm;--wh:45mm;--il:125mm}
.letter.w-din-a{--wt:27mm}
.letter.w-nordic-left{--wt:44mm;--wl:15mm;--ww:95mm;--wh:26mm}
.letter.w-nordic-right{--wt:44mm;--wl:100mm;--ww:95mm;--wh:26mm;--il:20mm}
.letterhead{position:absolute;top:8mm;left:20mm;right:18mm;border-bottom:none;padding:0}
.letterhead .logo{max-height:14mm;max-width:50mm}
.creditor{font-size:7.5pt;line-height:1.3}
.w-nordic-right .letterhead{flex-direction:row-reverse}
.w-nordic-right .creditor{text-align:left}
.recipient{position:absolute;margin:0;top:var(--wt);left:var(--wl);width:var(--ww);height:var(--wh);overflow:hidden;box-sizing:border-box;padding:2mm 5mm 0 5mm;line-height:1.3}
.recipient .return{display:block;font-size:6.5pt;margin-bottom:2mm}
table.refs{position:absolute;top:calc(var(--wt) + 5mm);left:var(--il);width:65mm;margin:0;font-size:8pt}
h1{font-size:11pt;margin:calc(var(--wt) + var(--wh) + 3mm) 0 2mm}
p{line-height:1.25;margin:0 0 1.6mm}
table.t,table.f{font-size:7.5pt;margin-bottom:2mm}
table.t th,table.t td{padding:.15mm 1.5mm}
table.f th,table.f td{padding:0 1.5mm 0 0}
.basis{font-size:7pt}
.payment{background:none;border:.75pt solid #1f3b5a;padding:1.2mm 3mm;margin-bottom:2mm}
.payment,tr,.closing,footer{break-inside:avoid;page-break-inside:avoid}
h1{break-after:avoid;page-break-after:avoid}
.closing{margin-top:2.5mm}
footer{position:absolute;left:20mm;right:18mm;bottom:6mm;margin:0;font-size:6.5pt;line-height:1.3;padding-top:1mm}
}
`
