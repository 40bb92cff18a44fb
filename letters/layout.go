package letters

import (
	"html"
	"strings"
)

// The layout — letterhead, addressee, references, subject, body, closing and footer
// — is Go code rather than a template: it is the same for every kind and language
// (its words come from the vocabulary), and building it directly keeps a rendered
// reminder within the 30 µs budget (a template's every action is a reflective call).
// Hosts restyle the HTML through its class names, or post-process Letter.HTML.

// layoutText returns the whole plain-text letter around body.
func layoutText(d *Data, title, body string) string {
	v := d.r.words
	l := d.r.lang
	var b strings.Builder
	b.Grow(len(body) + 1024)
	c := d.Creditor
	b.WriteString(c.Name + "\n")
	for _, ln := range c.Address.Lines {
		b.WriteString(ln + "\n")
	}
	writeCity(&b, c.Address.PostalCode, c.Address.City, "\n")
	if r := registration(c.Registration); r != "" {
		b.WriteString(r + "\n")
	}
	b.WriteString("\n" + d.Debtor.Name + "\n")
	for _, ln := range d.Debtor.Address.Lines {
		b.WriteString(ln + "\n")
	}
	writeCity(&b, d.Debtor.Address.PostalCode, d.Debtor.Address.City, "\n")
	if foreign(d) {
		b.WriteString(d.Debtor.Address.Country + "\n")
	}
	b.WriteString("\n" + v.Date + ": " + l.formatDate(d.Date) + "\n")
	if d.Case != "" {
		b.WriteString(v.Case + ": " + d.Case + "\n")
	}
	if d.Debtor.ID != "" {
		b.WriteString(v.Customer + ": " + d.Debtor.ID + "\n")
	}
	b.WriteString("\n" + title + "\n\n" + body + "\n\n" + v.Regards + "\n" + c.Name + "\n\n--\n")

	b.WriteString(c.Name)
	for _, ln := range c.Address.Lines {
		b.WriteString(", " + ln)
	}
	writeCity(&b, ", "+c.Address.PostalCode, c.Address.City, "")
	joinLine(&b, "  ·  ", registration(c.Registration))
	joinLine(&b, "  ·  ", labelled(v.Phone, c.Phone), labelled(v.Email, c.Email), c.Website)
	joinLine(&b, "  ·  ", c.Bank.Name, labelled(v.Account, c.Bank.Account), labelled(v.IBAN, c.Bank.IBAN), labelled(v.BIC, c.Bank.BIC))
	return b.String() // the body is normalised already; the layout's lines are short
}

func writeCity(b *strings.Builder, postal, city, end string) {
	if postal == "" && city == "" {
		return
	}
	b.WriteString(strings.TrimSpace(postal + " " + city))
	b.WriteString(end)
}

func foreign(d *Data) bool {
	return d.Debtor.Address.Country != "" && d.Debtor.Address.Country != d.Creditor.Address.Country
}

func labelled(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + value
}

// joinLine writes the non-empty parts on a line of their own, separated by sep (the
// registration joins the address line instead, when it is the only part).
func joinLine(b *strings.Builder, sep string, parts ...string) {
	if len(parts) == 1 {
		if parts[0] != "" {
			b.WriteString(sep + parts[0])
		}
		return
	}
	first := true
	for _, p := range parts {
		if p == "" {
			continue
		}
		if first {
			b.WriteByte('\n')
		} else {
			b.WriteString(sep)
		}
		b.WriteString(p)
		first = false
	}
}

// layoutHTML returns the whole letter as a standalone HTML document around body
// (already HTML). Every value from d is escaped.
func layoutHTML(d *Data, title, body string) string {
	v := d.r.words
	l := d.r.lang
	e := html.EscapeString
	c := d.Creditor
	var b strings.Builder
	b.Grow(len(body) + len(styleSheet) + 2048)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + langDirs[l] + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	b.WriteString(e(title))
	b.WriteString("</title>\n<style>\n" + styleSheet + "</style>\n</head>\n<body>\n<div class=\"letter\">\n<header class=\"letterhead\">\n<div>")
	if u := safeURL(c.Logo); u != "" {
		b.WriteString(`<img class="logo" src="` + e(u) + `" alt="` + e(c.Name) + `">`)
	}
	b.WriteString("</div>\n<div class=\"creditor\"><strong>" + e(c.Name) + "</strong>")
	for _, ln := range c.Address.Lines {
		b.WriteString("<br>" + e(ln))
	}
	writeCity(&b, "<br>"+e(c.Address.PostalCode), e(c.Address.City), "")
	for _, s := range []string{registration(c.Registration), labelled(v.Phone, c.Phone), c.Email} {
		if s != "" {
			b.WriteString("<br>" + e(s))
		}
	}
	b.WriteString("</div>\n</header>\n<div class=\"recipient\">" + e(d.Debtor.Name))
	for _, ln := range d.Debtor.Address.Lines {
		b.WriteString("<br>" + e(ln))
	}
	writeCity(&b, "<br>"+e(d.Debtor.Address.PostalCode), e(d.Debtor.Address.City), "")
	if foreign(d) {
		b.WriteString("<br>" + e(d.Debtor.Address.Country))
	}
	b.WriteString("</div>\n<table class=\"refs\">\n")
	ref := func(label, value string) {
		if value != "" {
			b.WriteString("<tr><th>" + e(label) + "</th><td>" + e(value) + "</td></tr>\n")
		}
	}
	ref(v.Date, l.formatDate(d.Date))
	ref(v.Case, d.Case)
	ref(v.Customer, d.Debtor.ID)
	b.WriteString("</table>\n<h1>" + e(title) + "</h1>\n<main>\n")
	b.WriteString(body)
	b.WriteString("</main>\n<p class=\"closing\">" + e(v.Regards) + "<br>" + e(c.Name) + "</p>\n<footer>" + e(c.Name))
	for _, ln := range c.Address.Lines {
		b.WriteString(" · " + e(ln))
	}
	writeCity(&b, " · "+e(c.Address.PostalCode), e(c.Address.City), "")
	for _, s := range []string{registration(c.Registration), c.Website} {
		if s != "" {
			b.WriteString(" · " + e(s))
		}
	}
	sep := "<br>"
	for _, s := range []string{c.Bank.Name, labelled(v.Account, c.Bank.Account), labelled(v.IBAN, c.Bank.IBAN), labelled(v.BIC, c.Bank.BIC)} {
		if s != "" {
			b.WriteString(sep + e(s))
			sep = " · "
		}
	}
	b.WriteString("</footer>\n</div>\n</body>\n</html>\n")
	return b.String()
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
