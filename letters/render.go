package letters

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/internal/tmplexec"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// renderState is what the template functions need besides the Data while one letter
// is rendered: its language and kind, the vocabulary, the formats and the tables
// (built once, shared by text and HTML). Templates execute on the *Data itself (a
// private copy), not on a wrapper, because text/template looks fields up by
// reflection and a wrapper embedding Data makes every lookup a breadth-first search.
type renderState struct {
	kind   Kind
	lang   lang
	words  *vocab
	f      *langFormat
	tables tables
}

// renderBuf is the scratch space of one render: the template blocks' output, one
// after another, and the letter being laid out. Its contents never outlive the render
// that took it from bufPool.
type renderBuf struct {
	// data is Render's copy of the caller's Data, and state the render's state:
	// here rather than on the heap of their own.
	data    Data
	state   renderState
	tmpl    []byte
	w       limitWriter
	out     []byte
	scratch []byte
	cells   []byte // the texts of the tables' cells (tables.cells)
	blocks  blocks // the tables' rows and columns (tables.blocks), cleared
}

// maxPooled is the largest buffer kept for reuse: a letter is a few KiB, and a
// runaway host template's megabyte is not worth keeping.
const maxPooled = 64 << 10

// maxPooledBlocks is the most elements of tables' blocks kept for reuse: a
// letter's tables have some dozens of cells.
const maxPooledBlocks = 4096

// bufPool holds renderBufs for reuse across renders and goroutines. It is the
// package's only package-level variable that changes, and only as a cache: sync.Pool
// is safe for concurrent use, a buffer is taken by one render and returned at its
// end, and nothing rendered depends on what a buffer held before (every use starts
// from length zero).
var bufPool = sync.Pool{New: func() any { return new(renderBuf) }}

func (rb *renderBuf) release() {
	if cap(rb.tmpl) > maxPooled || cap(rb.out) > maxPooled || cap(rb.scratch) > maxPooled ||
		cap(rb.cells) > maxPooled || rb.blocks.size() > maxPooledBlocks {
		return
	}
	rb.tmpl = rb.tmpl[:0]
	rb.data, rb.state = Data{}, renderState{} // keep no host data, no tables
	bufPool.Put(rb)
}

// span is where one block's output is in renderBuf.tmpl.
type span struct{ from, to int }

// block is one template block: its compiled program, when the template is within
// what tmplexec executes, and the text/template or html/template template, which
// executes it otherwise and whenever the program falls back.
type block struct {
	fast *tmplexec.Program
	tmpl interface{ Execute(io.Writer, any) error }
}

// exec executes one block, appending its output.
func (rb *renderBuf) exec(b block, d *Data) (span, error) {
	from := len(rb.tmpl)
	if b.fast != nil {
		out, err := b.fast.Append(rb.tmpl, d, maxOutput)
		rb.tmpl = out
		if err == nil {
			return span{from, len(rb.tmpl)}, nil
		}
		rb.tmpl = rb.tmpl[:from] // the template runs again, on text/template
	}
	rb.w = limitWriter{buf: &rb.tmpl, from: from}
	err := b.tmpl.Execute(&rb.w, d)
	return span{from, len(rb.tmpl)}, err
}

func (r *Renderer) render(k Kind, l lang, d *Data) (Letter, error) {
	rb := bufPool.Get().(*renderBuf)
	defer rb.release()
	return r.renderWith(rb, k, l, d, allParts)
}

// parts are the parts of a letter renderWith renders; the subject always.
type parts uint8

const (
	partBody parts = 1 << iota // Letter.Text and Letter.HTML
	partSMS                    // Letter.SMS
	allParts = partBody | partSMS
)

// partsFor are the parts a Message on channel ch carries: the one decision
// Letter.Message and RenderFor share.
func partsFor(ch Channel) parts {
	if ch == SMS {
		return partSMS
	}
	return partBody
}

// renderWith renders the parts p with the scratch space rb; d may be rb.data.
func (r *Renderer) renderWith(rb *renderBuf, k Kind, l lang, d *Data, p parts) (Letter, error) {
	set := &r.sets[k][l]
	rb.tmpl = rb.tmpl[:0]
	st := &rb.state
	*st = renderState{kind: k, lang: l, words: &vocabularies[l], f: r.formats[l]}
	st.tables = tables{l: l, f: st.f, v: st.words, d: d, cells: rb.cells[:0], blocks: rb.blocks}
	d.r = st
	defer func() {
		// Keep the grown scratch, the blocks cleared of the host's texts.
		st.tables.blocks.clear()
		rb.cells, rb.blocks = st.tables.cells, st.tables.blocks
		d.r = nil
	}()
	subj, err := rb.exec(set.subject, d)
	if err != nil {
		return Letter{}, err
	}
	var sms, bodyText, bodyHTML span
	if p&partSMS != 0 {
		if sms, err = rb.exec(set.sms, d); err != nil {
			return Letter{}, err
		}
	}
	if p&partBody != 0 {
		if bodyText, err = rb.exec(set.textBody, d); err != nil {
			return Letter{}, err
		}
		if bodyHTML, err = rb.exec(set.htmlBody, d); err != nil {
			return Letter{}, err
		}
	}
	out := rb.tmpl

	// The subject on one line; the layouts print it as it is, and Letter.Subject
	// with its abbreviations fixed.
	rb.scratch = appendFields(rb.scratch[:0], out[subj.from:subj.to])
	title := string(rb.scratch)
	letter := Letter{Kind: k, Lang: l.tag(), Subject: fixAbbrev(title)}

	if p&partBody != 0 {
		// Text and HTML in one string: one allocation for both.
		rb.out = layoutText(rb.out[:0], d, title, out[bodyText.from:bodyText.to])
		rb.out = fixAbbrevBytes(rb.out)
		n := len(rb.out)
		rb.out = layoutHTML(rb.out, d, title, out[bodyHTML.from:bodyHTML.to])
		rb.out = append(rb.out[:n], fixAbbrevBytes(rb.out[n:])...)
		both := string(rb.out)
		letter.Text, letter.HTML = both[:n], both[n:]
	}
	if p&partSMS != 0 {
		rb.scratch = appendSMS(rb.scratch[:0], fixAbbrevBytes(out[sms.from:sms.to]))
		letter.SMS = newSMSText(string(rb.scratch))
	}
	return letter, nil
}

// fixAbbrev drops the sentence's full stop after an amount that ends in an
// abbreviation's ("1.100,00 kr.." becomes "1.100,00 kr."), as Danish typography does.
func fixAbbrev(s string) string {
	if !strings.Contains(s, "kr..") {
		return s
	}
	return strings.ReplaceAll(s, "kr..", "kr.")
}

// fixAbbrevBytes is fixAbbrev in place: each "kr.." becomes "kr.", scanning from the
// left without overlapping, as strings.ReplaceAll does.
func fixAbbrevBytes(b []byte) []byte {
	i := indexKr(b)
	if i < 0 {
		return b
	}
	w := i
	for i < len(b) {
		if j := indexKr(b[i:]); j == 0 {
			w += copy(b[w:], "kr.")
			i += 4
		} else {
			if j < 0 {
				j = len(b) - i
			}
			w += copy(b[w:], b[i:i+j])
			i += j
		}
	}
	return b[:w]
}

// indexKr returns the index of the first "kr.." in b, or -1.
func indexKr(b []byte) int { return bytes.Index(b, []byte("kr..")) }

// funcs returns the template functions of one language. They are the same for the
// text and the HTML variant.
func funcs(f *langFormat) map[string]any {
	l := f.l
	v := &vocabularies[l]
	return map[string]any{
		// money formats an amount with its currency: "1.234,50 kr.", "€ 1.234,50".
		"money": f.formatMoney,
		// amount formats an amount without the currency: "1.234,50".
		"amount": f.formatAmount,
		// date formats a date as running text shows it: "31. januar 2025".
		"date": l.formatDate,
		// shortdate formats a date as tables show it: "31-01-2025".
		"shortdate": l.formatShortDate,
		// rate formats an annual rate given in percent: "10,25 %".
		"rate": f.formatRate,
		// days, months, instalments: "14 dage", "1 måned", "12 afdrag".
		"days":        func(n int) string { return l.plural(n, v.DayForms) },
		"months":      func(n int) string { return l.plural(n, v.MonthForms) },
		"instalments": func(n int) string { return l.plural(n, v.InstalmentForms) },
		// set reports whether a value is present: a valid non-zero Money, a non-zero
		// Date, a non-empty string or slice.
		"set": isSet,
		// reg writes a registration number with its register's name: "CVR-nr. 24256790".
		"reg": registration,
		// invoices: the claims' invoice numbers, "1001, 1017".
		"invoices": invoices,
		// greeting: the salutation in the letter's language.
		"greeting": greeting,
		// pay: payment details for an amount and a day, for the "facts" partial.
		"pay": pay,
		// tables: the letter's tables (Spec, Claims, Interest, Plan, Missed,
		// PlanSummary, Offer) for the "table" and "facts" partials.
		"tables": func(d *Data) *tables {
			if d.r == nil {
				return &tables{l: l, f: f, v: v, d: d}
			}
			return &d.r.tables
		},
	}
}

// fastFuncs returns the functions of funcs as tmplexec calls them: each adapted to
// its signature, so that a call converts its arguments without allocating, and set
// as a predicate on the reflect.Value, so that testing a Money does not box it. A
// function of a signature not adapted here is still called, by reflection.
func fastFuncs(f *langFormat) map[string]any {
	m := funcs(f)
	for name, fn := range m {
		switch fn := fn.(type) {
		case func(money.Money) string:
			m[name] = tmplexec.Func1(fn)
		case func(date.Date) string:
			m[name] = tmplexec.Func1(fn)
		case func(decimal.Decimal) string:
			m[name] = tmplexec.Func1(fn)
		case func(int) string:
			m[name] = tmplexec.Func1(fn)
		case func(dunning.Registration) string:
			m[name] = tmplexec.Func1(fn)
		case func(*Data) string:
			m[name] = tmplexec.Func1(fn)
		case func(*Data) *tables:
			m[name] = tmplexec.Func1(fn)
		case func(*Data, money.Money, date.Date) *facts:
			m[name] = tmplexec.Func3(fn)
		}
	}
	m["set"] = tmplexec.Predicate(isSetValue)
	// The functions whose result a template prints append it to the letter.
	l := f.l
	m["money"] = tmplexec.Appender1(f.formatMoney, func(x money.Money, b []byte) []byte { return f.appendMoney(b, x) })
	m["amount"] = tmplexec.Appender1(f.formatAmount, func(x money.Money, b []byte) []byte { return f.appendAmount(b, x) })
	m["rate"] = tmplexec.Appender1(f.formatRate, func(x decimal.Decimal, b []byte) []byte { return f.appendRate(b, x) })
	m["date"] = tmplexec.Appender1(l.formatDate, func(x date.Date, b []byte) []byte { return l.appendDate(b, x) })
	m["invoices"] = tmplexec.Appender1(invoices, appendInvoices)
	m["greeting"] = tmplexec.Appender1(greeting, appendGreeting)
	return m
}

// pay returns the payment details for paying amount by the given day: amount,
// deadline, bank account and payment reference. An unset amount or day is left out.
// A Dutch consumer's 14-day letter shows no date: its period runs from the day after
// delivery and is stated in words (see Data.FromReceipt).
func pay(d *Data, amount money.Money, by date.Date) *facts {
	if d.r == nil {
		return &facts{}
	}
	if d.r.kind == CollectionWarning && d.FromReceipt() {
		by = date.Date{}
	}
	return d.r.tables.Payment(amount, by)
}

// appendFields appends the words of s separated by single spaces: strings.Join of
// strings.Fields, without the slice.
func appendFields(dst, s []byte) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		n := 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		} else {
			var r rune
			r, n = utf8.DecodeRune(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = true
		} else {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

// appendNormalized appends s with trailing spaces trimmed, runs of blank lines
// collapsed into one, leading and trailing blank lines dropped, and prose lines longer
// than 76 characters wrapped at spaces. Lines with two consecutive spaces (tables,
// aligned facts) are kept as they are; no-break spaces never break.
func appendNormalized(dst, s []byte) []byte {
	start := len(dst)
	blank := true // suppresses leading blank lines
	pending := false
	for {
		ln, rest, found := cutLine(s)
		ln = trimTrailingSpace(ln)
		if len(ln) == 0 {
			if !blank {
				pending = true
			}
			blank = true
		} else {
			if pending {
				dst = append(dst, '\n')
				pending = false
			}
			blank = false
			dst = appendWrapped(dst, ln, 76)
		}
		if !found {
			break
		}
		s = rest
	}
	for len(dst) > start && dst[len(dst)-1] == '\n' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// trimTrailingSpace is bytes.TrimRight(b, " \t\r"), without building the cutset.
func trimTrailingSpace(b []byte) []byte {
	for len(b) > 0 {
		switch b[len(b)-1] {
		case ' ', '\t', '\r':
			b = b[:len(b)-1]
		default:
			return b
		}
	}
	return b
}

// appendWrapped appends ln and a newline, a prose line longer than max characters
// wrapped at single spaces: each word goes on the line before it unless that would
// make it longer than max (a word longer than max stands alone). A line with two
// consecutive spaces after its indentation is kept as it is. The wrapped line is
// ln with some of its spaces made newlines, so it is copied once and those spaces
// are replaced in place.
func appendWrapped(dst, ln []byte, max int) []byte {
	from := len(dst)
	dst = append(dst, ln...)
	if len(ln) <= max || runeCount(ln) <= max || hasDoubleSpace(bytes.TrimLeft(ln, " ")) {
		return append(dst, '\n')
	}
	out := dst[from:]
	col := 0
	for at := 0; ; {
		w := ln[at:]
		j := bytes.IndexByte(w, ' ')
		if j >= 0 {
			w = w[:j]
		}
		n := runeCount(w)
		if at > 0 { // the space before the word, at at-1
			if col+1+n > max {
				out[at-1] = '\n'
				col = 0
			} else {
				col++
			}
		}
		col += n
		if j < 0 {
			break
		}
		at += j + 1
	}
	return append(dst, '\n')
}

// runeCount is utf8.RuneCount, which converts a non-ASCII tail to a string (an
// allocation when it is longer than 32 bytes).
func runeCount(b []byte) int {
	n := 0
	i := 0
	for ; i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0; i += 8 {
		n += 8 // eight ASCII bytes
	}
	for ; i < len(b); n++ {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return n
}

// hasDoubleSpace reports whether b contains two consecutive spaces.
func hasDoubleSpace(b []byte) bool { return bytes.Contains(b, []byte("  ")) }

// cutLine returns the text before the first newline of s and the text after it.
func cutLine(s []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, nil, false
}

// appendParagraphs appends the HTML-escaped body as paragraphs: blocks separated by
// blank lines become <p> elements, their line breaks <br>. A block that starts with
// "<" is markup from a partial (a table) and is kept as it is; data from the host
// cannot start one, because html/template escaped its "<".
func appendParagraphs(dst, s []byte) []byte {
	inBlock, para := false, false
	flush := func() {
		if inBlock {
			if para {
				dst = append(dst, "</p>"...)
			}
			dst = append(dst, '\n')
			inBlock = false
		}
	}
	for {
		ln, rest, found := cutLine(s)
		ln = bytes.TrimSpace(ln)
		switch {
		case len(ln) == 0:
			flush()
		case !inBlock:
			inBlock, para = true, ln[0] != '<'
			if para {
				dst = append(dst, "<p>"...)
			}
			dst = append(dst, ln...)
		default:
			if para {
				dst = append(dst, "<br>\n"...)
			} else {
				dst = append(dst, '\n')
			}
			dst = append(dst, ln...)
		}
		if !found {
			break
		}
		s = rest
	}
	flush()
	return dst
}

// maxOutput bounds what one template block may write, so a runaway loop in a host's
// template fails instead of exhausting memory.
const maxOutput = 1 << 20

// errTooLong is returned when a template block writes more than maxOutput bytes.
var errTooLong = errors.New("letters: template output exceeds 1 MiB")

// limitWriter appends to buf, failing once the block that began at from would exceed
// maxOutput.
type limitWriter struct {
	buf  *[]byte
	from int
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if len(*w.buf)-w.from+len(p) > maxOutput {
		return 0, errTooLong
	}
	*w.buf = append(*w.buf, p...)
	return len(p), nil
}
