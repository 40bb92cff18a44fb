// Command lettergallery writes every kind of letter in every language to HTML files
// and, beside each, the same letter as an A4 PDF (package letters/pdf, no browser
// needed), with an index.html that links them all, so a person can read — and
// print — what debtors receive.
//
//	go run ./examples/lettergallery -out ./out/letters
//
// Each letter is rendered from letters.SampleData for the jurisdiction whose
// language it is (English uses the EU baseline with an Irish creditor). The ways
// to pay are filled in as a host's would be (package letters/payslip): the EPC QR
// code on EUR letters, the Finnish virtual bar code, the Danish FIK line.
package main

import (
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/letters/payslip/qrcode"
	"github.com/dunning-go/dunning/letters/pdf"
	"golang.org/x/text/language"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lettergallery:", err)
		os.Exit(1)
	}
}

// jurisdictionOf is the jurisdiction whose sample a language's letters show.
func jurisdictionOf(tag language.Tag) dunning.Jurisdiction {
	for _, j := range dunning.Jurisdictions() {
		if j.Language() == tag {
			return j
		}
	}
	return dunning.EU
}

type entry struct {
	Kind     letters.Kind
	Lang     string
	Href     string
	PDF      string
	Subject  string
	SMS      string
	Segments int
	Encoding string
}

type row struct {
	Kind    letters.Kind
	Entries []entry
}

// run parses args, renders the gallery into the output directory and reports where.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("lettergallery", flag.ContinueOnError)
	out := fs.String("out", filepath.Join(".", "out", "letters"), "directory to write the gallery to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r, err := letters.New(letters.Options{})
	if err != nil {
		return err
	}
	var rows []row
	langs := letters.Languages()
	for _, k := range letters.Kinds() {
		rw := row{Kind: k}
		for _, tag := range langs {
			d := letters.SampleData(k, jurisdictionOf(tag))
			if err := payFields(&d, k); err != nil {
				return fmt.Errorf("%s in %s: %w", k, tag, err)
			}
			letter, err := r.Render(k, tag, d)
			if err != nil {
				return fmt.Errorf("%s in %s: %w", k, tag, err)
			}
			dir := filepath.Join(*out, tag.String())
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			name := k.String() + ".html"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(letter.HTML), 0o644); err != nil {
				return err
			}
			doc, err := pdf.Render(letter, d, pdf.Options{})
			if err != nil {
				return fmt.Errorf("%s in %s: PDF: %w", k, tag, err)
			}
			pdfName := k.String() + ".pdf"
			if err := os.WriteFile(filepath.Join(dir, pdfName), doc, 0o644); err != nil {
				return err
			}
			rw.Entries = append(rw.Entries, entry{
				Kind: k, Lang: tag.String(), Href: tag.String() + "/" + name, PDF: tag.String() + "/" + pdfName, Subject: letter.Subject,
				SMS: letter.SMS.Text, Segments: letter.SMS.Segments, Encoding: letter.SMS.Encoding.String(),
			})
		}
		rows = append(rows, rw)
	}
	f, err := os.Create(filepath.Join(*out, "index.html"))
	if err != nil {
		return err
	}
	if err := index.Execute(f, map[string]any{"Langs": langs, "Rows": rows}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d letters (HTML and PDF) and %s\n", len(rows)*len(langs), filepath.Join(*out, "index.html"))
	return nil
}

// payFields fills the ways to pay of a sample letter that asks for payment with
// payslip.For, as the collection package does for a case: the Danish FIK line (with a sample FI
// creditor number), the Finnish virtual bar code, and the EPC QR code of a EUR
// letter.
func payFields(d *letters.Data, k letters.Kind) error {
	if !k.AsksForPayment() || !d.Total.IsPositive() {
		return nil
	}
	// The case's payment reference in the jurisdiction's scheme, from the
	// sample case number's digits (as collection.PaymentReference makes it).
	ref, err := letters.NewReference(letters.ReferenceForJurisdiction(d.Jurisdiction), strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, d.Case))
	if err != nil {
		return err
	}
	d.PaymentReference = ref.Display()
	if d.Jurisdiction == dunning.DK {
		d.Creditor.Bank.FIKCreditor = "81234567" // a sample FI creditor number
	}
	f := payslip.For(*d, ref)
	d.PaymentLine = f.Line
	if f.EPC == "" {
		return nil
	}
	d.PaymentQR, err = qrcode.PNG(f.EPC, 240)
	return err
}

var index = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dunning: letter gallery</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.4em .6em;vertical-align:top;font-size:10pt}
th{background:#f1f5f9;text-align:left}
td a{display:block;font-weight:600;margin-bottom:.3em}
td a.pdf{display:inline;font-weight:normal;font-size:8.5pt}
.sms{color:#555;font-size:8.5pt;max-width:16em}
</style>
</head>
<body>
<h1>Letter gallery</h1>
<p>Every kind of letter in every language, rendered from the package's sample data
(fictitious creditors and debtors; the figures add up). Each cell links to the HTML
letter and its A4 PDF, and shows its SMS form.</p>
<table>
<thead><tr><th>Kind</th>{{range .Langs}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th>{{.Kind}}</th>{{range .Entries}}<td><a href="{{.Href}}" title="{{.Subject}}">{{.Subject}}</a><a class="pdf" href="{{.PDF}}">PDF</a><div class="sms">SMS ({{.Encoding}}, {{.Segments}}): {{.SMS}}</div></td>{{end}}</tr>
{{end}}</tbody>
</table>
</body>
</html>
`))
