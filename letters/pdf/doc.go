// Package pdf renders the letters of package letters as print-ready A4 PDFs, for
// post and for print-yourself, without a browser: a sub-package, so that package
// letters and the SDK's core keep their few dependencies. It uses fpdf
// (codeberg.org/go-pdf/fpdf) and embeds the Go fonts (golang.org/x/image/font/gofont),
// so it needs no system fonts and no network.
//
// Render takes the letters.Letter and the letters.Data it was rendered from, and
// takes the creditor's print settings from the Data, as the HTML letter does: the
// envelope window (Creditor.Window) and the logo (Creditor.LogoImage):
//
//	d.Creditor.Window = letters.WindowNordicLeft
//	l, err := renderer.Render(letters.CollectionWarning, lang, d)
//	...
//	b, err := pdf.Render(l, d, pdf.Options{})
//	...
//	msg := l.Message(id, letters.Print, recipient)
//	msg.Attachments = append(msg.Attachments,
//		letters.Attachment{Name: "letter.pdf", ContentType: "application/pdf", Data: b})
//
// # Layout
//
// The words are those of Letter.Text, set on the page the way the HTML letter shows
// them: the creditor's letterhead (name, address, registration) at the top left and
// the logo (Creditor.LogoImage as PNG, JPEG or GIF, or Options.Logo) at the top
// right; a one-line return address in small type directly above the recipient's
// address, both inside the envelope window; the date and references beside the window (DIN 5008's information block);
// the subject in bold; the body, its running text wrapped anew to the page, its
// tables and aligned lists (the lines of Letter.Text whose columns are aligned with
// spaces) in Go Mono so the columns stay aligned, with their rules drawn as lines;
// the payment details (the aligned list with the payment reference or the
// creditor's account) in a framed box; the closing; and the footer (the lines after
// "--") in small type at the foot of every page. The left margin is DIN 5008's
// 25 mm, the right 20 mm.
//
// A letter is set at 10 pt (tables 8.2 pt) or, when that takes more than one page,
// at the largest of 95, 90 and 85 % that fits one; a letter that does not fit one
// page at 85 % is set at 100 % over several, with the subject at the head and page
// numbers at the foot of each. A table row, the payment box, the closing and a short
// paragraph are never split between pages; a table of up to 40 % of a page is kept
// on one, and a longer one repeats its head on the next. Every reminder, collection
// warning and demand letter of the default templates with up to ten invoices (and
// the sample's three lines of interest) is one page, in every language and window
// (the tests check it). With a line of interest per invoice as well, seven invoices
// are one page in every window; ten may take two in the DIN 5008 form B window,
// whose address field sits lowest.
//
// # Envelope windows
//
// Data.Creditor.Window (letters.Window) says where the address goes; an invalid
// value is DIN 5008 form B, as in the HTML letter. Positions are in millimetres from
// the top left corner of the sheet (x, y, width × height of the area the window
// shows):
//
//	letters.Window     area              address text at  return line             status
//	WindowDINB         20, 45, 85 × 45   x 25, y 62.7     foot of the 17.7 mm     secondary sources [1] [2] agree
//	WindowDINA         20, 27, 85 × 45   x 25, y 44.7     zone above the address  secondary sources [1] [2] agree
//	WindowNordicLeft   15, 44, 95 × 26   x 25, y 48.4     first line of the area  one secondary source [3]
//	WindowNordicRight  100, 44, 95 × 26  x 105, y 48.4    first line of the area  UNVERIFIED
//
// DIN 5008 (form A and B): the address field is 85 × 45 mm, 20 mm from the left
// edge and 27 mm (form A) or 45 mm (form B) from the top; its first 17.7 mm are the
// zone for the return address and postal notes (five lines of 8 pt, written from the
// bottom up), the remaining 27.3 mm the address itself (six lines), so the address
// starts 44.7 mm (A) or 62.7 mm (B) from the top; text starts at the 25 mm alignment
// line. Sources: [1] "DIN 5008 von A bis Z – Anschriftenfeld",
// https://www.din-5008-richtlinien.de/startseite/anschriftenfeld/ (85 × 45 mm, the
// 44.7 / 62.7 mm line, 17.7 mm / 5 lines and 27.3 mm / 6 lines); [2] sekretaria.de,
// "Absender", https://www.sekretaria.de/bueroorganisation/korrespondenz/din-5008/absender/
// (the zone begins 27 or 45 mm from the top and 20 mm from the left, 17.7 mm, 8 pt,
// bottom-aligned). The standard's own text (DIN 5008:2020, paid) was not read.
//
// Nordic window envelopes (C5 for A4 folded once, E65 for A4 folded twice): [3]
// Office Consult, "Brevmaler: plassering av mottakerfelt i vinduskonvolutter",
// https://officeconsult.no/blogg/brevmaler-plassering-av-mottakerfelt-i-vinduskonvolutter/
// gives windows 15 mm from the left edge: C5 44 mm from the top, 105 × 35 mm; E6/5
// (E65) 40 mm, 95 × 30 mm; C6/5 39 mm, 100 × 35 mm; EC4 42 mm, 100 × 40 mm.
// WindowNordicLeft is the area that both the C5 and the E65 window show (x 15–110,
// y 44–70). It is one Norwegian secondary source, not checked against a Swedish
// (SIS), Danish (DS) or Norwegian (NS) standard or an envelope maker's drawing: check
// it against your envelopes. [4] Harry Kuvert's guide,
// https://www.harrykuvert.se/kuvertguide/, says a Swedish standard fixes two window
// positions, left (V2) and right (H2), the same for every envelope size, but gives
// no measurements; WindowNordicRight is the left area mirrored (15 mm from the right
// edge) and is UNVERIFIED. (The print styles of the HTML letter place the Nordic
// windows elsewhere, 52 mm from the top, 85 × 40 mm, marked UNVERIFIED there; the
// two should be brought together once the positions are checked.)
//
// The address is set in 10 pt, or smaller down to 8 pt (DIN 5008's minimum) when its
// lines do not fit the area; an address that does not fit even then is an error. The
// country line is the one Letter.Text has (only when the debtor's country is not the
// creditor's); the return address then ends with the creditor's country.
//
// # Fonts and determinism
//
// Go Regular, Go Bold and Go Mono are embedded as subsets (TrueType, FontFile2) with
// Unicode mappings, so the text can be searched and copied (fpdf writes the mapping
// as one range, <0000>–<FFFF>, which poppler's pdftotext reads, but which a strict
// reader such as github.com/ledongthuc/pdf decodes wrongly above U+00FF: "€" as "¬"). They cover every
// character of the seven languages' letters (a test checks every sample letter);
// the narrow no-break space and thin spaces, which they lack, are printed as
// (no-break) spaces. Text in scripts they do not cover (CJK, Arabic, …) would print
// as empty boxes.
//
// The output depends only on the letter, the data and the options: the document's
// creation and modification dates are the letter's date (Data.Date, at midnight
// UTC), and its resources are written in a sorted order, so the same input gives the
// same bytes. Render does no I/O, never fetches anything (Data.Creditor.Logo, a URL,
// is not used) and does not read the clock.
package pdf
