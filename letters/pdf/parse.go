package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
)

// parts is a letter's plain text (letters.Letter.Text) taken apart into the pieces
// the page places: the layout letters writes is letterhead, addressee, references,
// subject, body, closing and, after a line "--", the footer, each followed by a
// blank line.
type parts struct {
	letterhead []string
	recipient  []string
	refs       []string
	subject    string
	body       []block
	closing    []string
	footer     []string
}

// blockKind is what a run of body lines is.
type blockKind uint8

const (
	prose   blockKind = iota // running text: its lines are joined and wrapped anew
	fixed                    // a table or list with aligned columns: monospace, as it is
	payment                  // the payment details: a framed box
)

// block is a run of body lines of one kind. gap says whether a blank line
// preceded it in the text.
type block struct {
	kind  blockKind
	lines []string
	gap   bool
}

// wrapWidth is the column at which package letters wraps running text.
const wrapWidth = 76

// parseText takes l's text apart and checks that it is the letter of d.
func parseText(l letters.Letter, d letters.Data) (parts, error) {
	text := clean(strings.ReplaceAll(l.Text, "\r\n", "\n"))
	main, foot, ok := cutFooter(text)
	if !ok {
		return parts{}, textError("has no footer after a line \"--\"")
	}
	paras := paragraphs(main)
	if len(paras) < 5 {
		return parts{}, textError("lacks letterhead, address, references, subject or closing")
	}
	p := parts{
		letterhead: paras[0],
		recipient:  paras[1],
		refs:       paras[2],
		closing:    paras[len(paras)-1],
		footer:     nonEmpty(strings.Split(foot, "\n")),
	}
	if len(paras[3]) != 1 {
		return parts{}, textError("has no one-line subject after the references")
	}
	p.subject = paras[3][0]
	if p.letterhead[0] != clean(strings.TrimSpace(d.Creditor.Name)) {
		return parts{}, &dunning.FieldError{Field: "Data.Creditor.Name", Value: d.Creditor.Name,
			Reason: "is not the letterhead of the letter (" + p.letterhead[0] + "): the Data is not the letter's"}
	}
	if p.recipient[0] != clean(strings.TrimSpace(d.Debtor.Name)) {
		return parts{}, &dunning.FieldError{Field: "Data.Debtor.Name", Value: d.Debtor.Name,
			Reason: "is not the addressee of the letter (" + p.recipient[0] + "): the Data is not the letter's"}
	}
	for _, para := range paras[4 : len(paras)-1] {
		p.body = append(p.body, classify(para, d)...)
	}
	return p, nil
}

func textError(reason string) error {
	return &dunning.FieldError{Field: "Letter.Text", Reason: reason + "; it is not a letter of package letters"}
}

// cutFooter splits text at its last line "--".
func cutFooter(text string) (main, foot string, ok bool) {
	if i := strings.LastIndex(text, "\n--\n"); i >= 0 {
		return text[:i], text[i+len("\n--\n"):], true
	}
	if main, ok := strings.CutSuffix(text, "\n--"); ok {
		return main, "", true
	}
	return "", "", false
}

// paragraphs splits text into its runs of non-blank lines, with trailing white space
// removed.
func paragraphs(text string) [][]string {
	var paras [][]string
	var cur []string
	for ln := range strings.SplitSeq(text, "\n") {
		ln = strings.TrimRight(ln, " \t")
		if ln == "" {
			if cur != nil {
				paras = append(paras, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, ln)
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	return paras
}

func nonEmpty(lines []string) []string {
	out := lines[:0]
	for _, ln := range lines {
		if ln = strings.TrimRight(ln, " \t"); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

// classify splits one paragraph of the body into runs of running text and of
// aligned columns, and recognises the payment details among the latter.
func classify(para []string, d letters.Data) []block {
	var blocks []block
	for i := 0; i < len(para); {
		isFixed := fixedLine(para[i])
		j := i + 1
		for j < len(para) && fixedLine(para[j]) == isFixed {
			j++
		}
		b := block{kind: prose, lines: para[i:j], gap: i == 0}
		if isFixed && tooWide(b.lines) {
			// a host's paragraph with a double space somewhere, not a table
			isFixed = false
		}
		if isFixed {
			b.kind = fixed
			if isPayment(b.lines, d) {
				b.kind = payment
			}
		} else {
			b.lines = reflow(b.lines)
		}
		blocks = append(blocks, b)
		i = j
	}
	return blocks
}

// maxColumns is the widest table the monospace font sets at a readable size;
// wider "tables" are running text with double spaces in it.
const maxColumns = 110

func tooWide(lines []string) bool {
	for _, ln := range lines {
		if utf8.RuneCountInString(ln) > maxColumns {
			return true
		}
	}
	return false
}

// fixedLine reports whether ln is part of a table or an aligned list: package
// letters never wraps such lines, and separates their columns by two spaces or
// more; a table's rules are lines of dashes.
func fixedLine(ln string) bool {
	return strings.Contains(strings.TrimLeft(ln, " "), "  ") || isRule(ln)
}

// isRule reports whether ln is a table's rule: dashes only.
func isRule(ln string) bool {
	return len(ln) >= 3 && strings.Trim(ln, "-") == ""
}

// fact splits a line "Label:  value" of an aligned list.
func fact(ln string) (label, value string, ok bool) {
	i := strings.Index(ln, ":  ")
	if i <= 0 {
		return "", "", false
	}
	return ln[:i+1], strings.TrimSpace(ln[i+1:]), true
}

// isPayment reports whether lines are the payment details: an aligned list that
// gives the payment reference or the creditor's account.
func isPayment(lines []string, d letters.Data) bool {
	found := false
	for _, ln := range lines {
		_, v, ok := fact(ln)
		if !ok {
			return false
		}
		for _, want := range [...]string{d.PaymentReference, d.Creditor.Bank.IBAN, d.Creditor.Bank.Account} {
			if want != "" && v == strings.TrimSpace(want) {
				found = true
			}
		}
	}
	return found
}

// reflow joins the lines package letters wrapped at 76 columns back into the
// logical lines the template wrote: a line break is a wrap when the next line's
// first word would not have fitted on the line. Lines the template broke itself
// stay broken.
func reflow(lines []string) []string {
	out := []string{lines[0]}
	prev := lines[0] // the previous line as package letters wrapped it
	for _, ln := range lines[1:] {
		first, _, _ := strings.Cut(ln, " ")
		// "kr.." became "kr." after wrapping: a line may be a column shorter.
		slack := strings.Count(prev, "kr.") + strings.Count(first, "kr.")
		if first != "" && utf8.RuneCountInString(prev)+1+utf8.RuneCountInString(first)+slack > wrapWidth {
			out[len(out)-1] += " " + ln
		} else {
			out = append(out, ln)
		}
		prev = ln
	}
	return out
}
