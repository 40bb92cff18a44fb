package pdf_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/pdf"
	pdfreader "github.com/ledongthuc/pdf"
)

func ExampleRender() {
	r, err := letters.New(letters.Options{})
	if err != nil {
		log.Fatal(err)
	}
	d := letters.SampleData(letters.CollectionWarning, dunning.DK)
	d.Creditor.Window = letters.WindowNordicLeft // the creditor's envelopes
	l, err := r.Render(letters.CollectionWarning, d.Debtor.LetterLanguage(), d)
	if err != nil {
		log.Fatal(err)
	}
	b, err := pdf.Render(l, d, pdf.Options{})
	if err != nil {
		log.Fatal(err)
	}

	// Send it with the letter, by post or for print.
	msg := l.Message("case-42/collection-warning/2025-03-03", letters.Print, "Jens Hansen")
	msg.Attachments = append(msg.Attachments,
		letters.Attachment{Name: "inkassovarsel.pdf", ContentType: "application/pdf", Data: b})

	// Read it back.
	doc, err := pdfreader.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		log.Fatal(err)
	}
	page := doc.Page(1).V
	for page.Key("MediaBox").IsNull() { // inherited from the page tree
		page = page.Key("Parent")
	}
	box := page.Key("MediaBox")
	const mm = 25.4 / 72
	fmt.Println("pages:", doc.NumPage())
	fmt.Printf("page size: %.0f × %.0f mm\n", box.Index(2).Float64()*mm, box.Index(3).Float64()*mm)
	// Output:
	// pages: 1
	// page size: 210 × 297 mm
}
