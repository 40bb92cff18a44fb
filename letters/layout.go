package letters

import (
	"bytes"
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
	b = append(b, l.formatDate(d.Date)...)
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

// appendCity appends prefix, the postal code and the city, separated by a space,
// with the white space at either end trimmed (strings.TrimSpace of the three).
func appendCity(b []byte, prefix, postal, city string) []byte {
	start := len(b)
	b = append(b, prefix...)
	b = append(b, postal...)
	b = append(b, ' ')
	b = append(b, city...)
	t := bytes.TrimSpace(b[start:])
	n := copy(b[start:], t)
	return b[:start+n]
}

// appendCityHTML is appendCity with the postal code and the city escaped.
func appendCityHTML(b []byte, prefix, postal, city string) []byte {
	start := len(b)
	b = append(b, prefix...)
	b = appendEscaped(b, postal)
	b = append(b, ' ')
	b = appendEscaped(b, city)
	t := bytes.TrimSpace(b[start:])
	n := copy(b[start:], t)
	return b[:start+n]
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

func foreign(d *Data) bool {
	return d.Debtor.Address.Country != "" && d.Debtor.Address.Country != d.Creditor.Address.Country
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
	b = append(b, "</title>\n<style>\n"+styleSheet+"</style>\n</head>\n<body>\n<div class=\"letter\">\n<header class=\"letterhead\">\n<div>"...)
	if u := safeURL(c.Logo); u != "" {
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
	b = append(b, "</div>\n</header>\n<div class=\"recipient\">"...)
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
	ref := func(label, value string) {
		if value != "" {
			b = append(b, "<tr><th>"...)
			b = appendEscaped(b, label)
			b = append(b, "</th><td>"...)
			b = appendEscaped(b, value)
			b = append(b, "</td></tr>\n"...)
		}
	}
	ref(v.Date, l.formatDate(d.Date))
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
	b = appendRegistration(b, r)
	if bytes.ContainsAny(b[start:], `&'<>"`) {
		s := string(b[start:])
		b = appendEscaped(b[:start], s)
	}
	return b
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

const styleSheet = `body{font-family:Georgia,"Times New Roman",serif;font-size:11pt;color:#222;background:#f4f4f4;margin:0}
.letter{max-width:46em;margin:1.5em auto;background:#fff;padding:2.5em 3em;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.letterhead{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #1f3b5a;padding-bottom:.8em}
.letterhead .logo{max-height:3.5em;max-width:12em}
.creditor{text-align:right;font-size:9.5pt;line-height:1.4}
.recipient{margin:2.5em 0 1.5em;line-height:1.4}
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
.closing{margin-top:2em}
footer{margin-top:3em;border-top:1px solid #ccc;padding-top:.6em;font-size:8.5pt;color:#555;line-height:1.5}
`
