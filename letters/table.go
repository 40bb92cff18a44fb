package letters

import (
	"encoding/base64"
	htemplate "html/template"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// table is a table the partials print: aligned columns in text (Text), a <table>
// in HTML (HTML). The Go code builds it from Data so the text and HTML variants show
// the same cells. The compiled templates print Text and HTML through their appending
// adapters (fastMethods): the table is written straight into the letter, and its
// text never made a string.
type table struct {
	Cols []column
	Rows [][]cell
	Foot []footRow
}

// Text is the table with aligned columns (two spaces between columns), the foot
// rows' values right-aligned under the last column.
func (t *table) Text() string { return string(t.appendText(nil)) }

// HTML is the table as an HTML <table>, every cell escaped.
func (t *table) HTML() htemplate.HTML { return htemplate.HTML(t.appendHTML(nil)) }

type column struct {
	Head  string
	Right bool
	// from and to are where Head is in the builder's buffer, as cell's.
	from, to int32
}

type cell struct {
	Text  string
	Right bool
	// from and to are where Text is in the builder's buffer until the table
	// is done (cells.done); to == 0 when Text is set directly.
	from, to int32
}

// footRow is a labelled figure under the table, aligned with its last column.
type footRow struct {
	Label, Value string
	Strong       bool
	from, to     int32 // where Value is in the builder's buffer, as cell's
}

// cells writes the formatted texts of a table's cells (dates, amounts,
// numbers) into one buffer, and done makes them one string that every cell
// and foot value refers into: a table costs one allocation for its texts, not
// one per cell.
type cells struct {
	t   *tables
	buf []byte
}

// span returns the cell of the text appended to c.buf since from.
func (c *cells) span(from int, right bool) cell {
	return cell{Right: right, from: int32(from), to: int32(len(c.buf))}
}

func (c *cells) amount(m money.Money) cell {
	from := len(c.buf)
	if !m.IsValid() {
		m = money.Zero(c.t.d.Currency())
	}
	c.buf = c.t.f.appendAmount(c.buf, m)
	return c.span(from, true)
}

func (c *cells) money(m money.Money) cell {
	from := len(c.buf)
	c.buf = c.t.f.appendMoney(c.buf, m)
	return c.span(from, true)
}

func (c *cells) shortDate(d date.Date) cell {
	from := len(c.buf)
	c.buf = c.t.l.appendShortDate(c.buf, d)
	return c.span(from, false)
}

func (c *cells) number(n int) cell {
	from := len(c.buf)
	c.buf = strconv.AppendInt(c.buf, int64(n), 10)
	return c.span(from, true)
}

func (c *cells) rate(r decimal.Decimal) cell {
	from := len(c.buf)
	c.buf = c.t.f.appendRate(c.buf, r)
	return c.span(from, true)
}

// period is "from–to" (to the day before s.To), short dates.
func (c *cells) period(s Segment) cell {
	from := len(c.buf)
	c.buf = c.t.l.appendShortDate(c.buf, s.From)
	c.buf = append(c.buf, "–"...)
	c.buf = c.t.l.appendShortDate(c.buf, s.To.AddDays(-1))
	return c.span(from, false)
}

// head is a column headed by name and the currency, "Beløb (DKK)", the text in
// the buffer.
func (c *cells) head(name string, right bool) column {
	from := len(c.buf)
	c.buf = append(c.buf, name...)
	c.buf = append(c.buf, " ("...)
	c.buf = append(c.buf, c.t.d.Currency()...)
	c.buf = append(c.buf, ')')
	return column{Right: right, from: int32(from), to: int32(len(c.buf))}
}

// foot is a foot row whose value is the cell v made.
func foot(label string, v cell, strong bool) footRow {
	return footRow{Label: label, Strong: strong, from: v.from, to: v.to}
}

// done sets the texts of tb's cells and foot values from the buffer, and
// keeps the buffer for the next table.
func (c *cells) done(tb *table) {
	s := string(c.buf)
	for i := range tb.Cols {
		if x := &tb.Cols[i]; x.to > 0 {
			x.Head, x.from, x.to = s[x.from:x.to], 0, 0
		}
	}
	for _, r := range tb.Rows {
		for i := range r {
			if x := &r[i]; x.to > 0 {
				x.Text, x.from, x.to = s[x.from:x.to], 0, 0
			}
		}
	}
	for i := range tb.Foot {
		if f := &tb.Foot[i]; f.to > 0 {
			f.Value, f.from, f.to = s[f.from:f.to], 0, 0
		}
	}
	c.t.cells = c.buf[:0]
}

// rows returns n rows of m cells each, from the render's blocks; nil for none.
func (t *tables) rows(n, m int) [][]cell {
	if n == 0 {
		return nil
	}
	block := carve(&t.blocks.cells, n*m)
	rs := carve(&t.blocks.rows, n)
	for i := range rs {
		rs[i] = block[i*m : (i+1)*m : (i+1)*m]
	}
	return rs
}

// blocks hold the rows, cells, columns and foot rows of a render's tables and
// the rows of its facts, carved from a few arrays that the render's renderBuf
// keeps for the next render (cleared: they hold the host's texts).
type blocks struct {
	cells []cell
	rows  [][]cell
	cols  []column
	foot  []footRow
	facts []fact
}

// clear zeroes what the blocks hold and empties them, keeping their arrays.
func (b *blocks) clear() {
	clear(b.cells)
	clear(b.rows)
	clear(b.cols)
	clear(b.foot)
	clear(b.facts)
	*b = blocks{cells: b.cells[:0], rows: b.rows[:0], cols: b.cols[:0], foot: b.foot[:0], facts: b.facts[:0]}
}

// size is the number of elements the blocks can hold.
func (b *blocks) size() int {
	return cap(b.cells) + cap(b.rows) + cap(b.cols) + cap(b.foot) + cap(b.facts)
}

// carve returns n zero elements appended to *block, as a slice of their own
// (capacity n). When the block's array is full a new one is made; the slices
// carved before keep the old one.
func carve[T any](block *[]T, n int) []T {
	b := slices.Grow(*block, n)
	from := len(b)
	b = b[:from+n]
	clear(b[from:])
	*block = b
	return b[from : from+n : from+n]
}

// facts is a list of labelled values (payment details, plan summary, offer),
// printed as a table's are (Text, HTML).
type facts struct {
	Rows []fact

	// qr is a PNG image shown beside the table in HTML, captioned qrLabel: the
	// payment QR code (Data.PaymentQR).
	qr      []byte
	qrLabel string
}

type fact struct {
	Label, Value string
	Strong       bool
}

func (f *facts) add(label, value string) {
	if value != "" {
		if f.Rows == nil {
			f.Rows = make([]fact, 0, 10) // the most any facts have: one allocation
		}
		f.Rows = append(f.Rows, fact{Label: label, Value: value})
	}
}

// Text is the facts as "Label:  value" lines with the values aligned.
func (f *facts) Text() string { return string(f.appendText(nil)) }

// HTML is the facts as a two-column HTML <table>, every value escaped.
func (f *facts) HTML() htemplate.HTML { return htemplate.HTML(f.appendHTML(nil)) }

func left(s string) cell { return cell{Text: s} }

// appendText appends the table's Text.
func (t *table) appendText(b []byte) []byte {
	n := len(t.Cols)
	var wbuf [8]int
	w := wbuf[:0]
	if n > len(wbuf) {
		w = make([]int, 0, n)
	}
	for _, c := range t.Cols {
		w = append(w, width(c.Head))
	}
	for _, r := range t.Rows {
		for i, c := range r {
			if i < n {
				if cw := width(c.Text); cw > w[i] {
					w[i] = cw
				}
			}
		}
	}
	total := 0
	for i := range w {
		total += w[i]
	}
	total += 2 * (n - 1)
	for _, f := range t.Foot {
		lw, vw := width(f.Label), width(f.Value)
		if need := lw + 2 + vw; need > total {
			w[n-1] += need - total
			total = need
		}
		if vw > w[n-1] {
			total += vw - w[n-1]
			w[n-1] = vw
		}
	}
	start := len(b)
	line := func(text func(i int) (string, bool), cells int) {
		ls := len(b)
		for i := 0; i < cells && i < n; i++ {
			if i > 0 {
				b = append(b, "  "...)
			}
			s, r := text(i)
			pad := w[i] - width(s)
			if r {
				b = appendSpaces(b, pad)
				b = append(b, s...)
			} else {
				b = append(b, s...)
				b = appendSpaces(b, pad)
			}
		}
		for len(b) > ls && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
		b = append(b, '\n')
	}
	line(func(i int) (string, bool) { return t.Cols[i].Head, t.Cols[i].Right }, n)
	b = appendRepeat(b, '-', total)
	b = append(b, '\n')
	for _, r := range t.Rows {
		line(func(i int) (string, bool) { return r[i].Text, r[i].Right }, len(r))
	}
	if len(t.Foot) > 0 {
		b = appendRepeat(b, '-', total)
		b = append(b, '\n')
		for _, f := range t.Foot {
			b = append(b, f.Label...)
			b = appendSpaces(b, total-width(f.Label)-width(f.Value))
			b = append(b, f.Value...)
			b = append(b, '\n')
		}
	}
	for len(b) > start && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return b
}

// appendText appends the facts' Text.
func (f *facts) appendText(b []byte) []byte {
	w := 0
	for _, r := range f.Rows {
		if lw := width(r.Label); lw > w {
			w = lw
		}
	}
	for i, r := range f.Rows {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, r.Label...)
		b = append(b, ':')
		b = appendSpaces(b, w-width(r.Label)+2)
		b = append(b, r.Value...)
	}
	return b
}

// tables builds the tables of one letter in one language. Each is built once per
// letter, with its Text and HTML, and shared by the text and the HTML.
type tables struct {
	l lang
	f *langFormat
	v *vocab
	d *Data

	spec, claims, interest, plan, missed *table
	planSummary, offer, payment          *facts
	// paymentAmount and paymentBy are the arguments payment was built for.
	paymentAmount money.Money
	paymentBy     date.Date
	// cells is scratch for the texts of the tables' cells.
	cells []byte
	// blocks hold the tables' rows and columns and the facts' rows.
	blocks blocks
	// built holds the tables and facts once built, where the pointers above
	// point: no allocation of their own (a table is built once per letter; the
	// payment details, should a template ask for others, are allocated).
	built struct {
		spec, claims, interest, plan, missed table
		planSummary, offer, payment          facts
	}
}

func (t *tables) cachedTable(p **table, slot *table, build func() table) *table {
	if *p == nil {
		*slot = build()
		*p = slot
	}
	return *p
}

func (t *tables) cachedFacts(p **facts, slot *facts, build func() facts) *facts {
	if *p == nil {
		if slot == nil {
			slot = new(facts)
		}
		*slot = build()
		*p = slot
	}
	return *p
}

// newFacts starts facts, with room for the most rows any facts have.
func (t *tables) newFacts() facts { return facts{Rows: carve(&t.blocks.facts, 10)[:0]} }

func (t *tables) money(m money.Money) string { return t.f.formatMoney(m) }

// newCells starts the cells of a table.
func (t *tables) newCells() cells { return cells{t: t, buf: t.cells[:0]} }

func (t *tables) chargeName(c Charge) string {
	if c.Text != "" {
		return c.Text
	}
	switch c.Kind {
	case ReminderFee:
		return t.v.ReminderFee
	case CompensationFee:
		return t.v.CompensationFee
	case CollectionFee:
		return t.v.CollectionFee
	case CourtFee:
		return t.v.CourtFee
	}
	return ""
}

// claimsHead is the head of the invoice columns; the currency is named in the
// amount columns' header.
func (t *tables) claimsTable(withCharges bool) table {
	cs := t.newCells()
	tb := table{Cols: carve(&t.blocks.cols, 5)}
	tb.Cols[0], tb.Cols[1], tb.Cols[2], tb.Cols[3], tb.Cols[4] = column{Head: t.v.Invoice}, column{Head: t.v.Due},
		cs.head(t.v.Amount, true), column{Head: t.v.Paid, Right: true}, column{Head: t.v.Open, Right: true}
	tb.Rows = t.rows(len(t.d.Claims), 5)
	for i, c := range t.d.Claims {
		r := tb.Rows[i]
		r[0], r[1], r[2], r[3], r[4] = left(c.Invoice), cs.shortDate(c.Due), cs.amount(c.Amount), cs.amount(c.Paid), cs.amount(c.Open)
	}
	if withCharges {
		tb.Foot = carve(&t.blocks.foot, len(t.d.Fees)+len(t.d.Costs)+2)[:0]
		for _, c := range t.d.Fees {
			tb.Foot = append(tb.Foot, foot(t.chargeName(c), cs.amount(c.Amount), false))
		}
		if t.d.Interest.Total.IsValid() {
			tb.Foot = append(tb.Foot, foot(t.v.Interest, cs.amount(t.d.Interest.Total), false))
		}
		for _, c := range t.d.Costs {
			tb.Foot = append(tb.Foot, foot(t.chargeName(c), cs.amount(c.Amount), false))
		}
		if t.d.Total.IsValid() {
			tb.Foot = append(tb.Foot, foot(t.v.Total, cs.money(t.d.Total), true))
		}
	} else if open, err := t.d.ClaimsOpen(); err == nil {
		tb.Foot = carve(&t.blocks.foot, 1)
		tb.Foot[0] = foot(t.v.Total, cs.money(open), true)
	}
	cs.done(&tb)
	return tb
}

// Spec is the claim specification with every fee, the interest, the costs and the
// total: the whole calculation of what is owed.
func (t *tables) Spec() *table {
	return t.cachedTable(&t.spec, &t.built.spec, func() table { return t.claimsTable(true) })
}

// Claims is the invoices alone, with the sum of their open amounts.
func (t *tables) Claims() *table {
	return t.cachedTable(&t.claims, &t.built.claims, func() table { return t.claimsTable(false) })
}

// Interest is the interest calculation, one row per segment.
func (t *tables) Interest() *table {
	return t.cachedTable(&t.interest, &t.built.interest, t.buildInterest)
}

func (t *tables) buildInterest() table {
	cs := t.newCells()
	withInvoice := false
	for _, s := range t.d.Interest.Segments {
		if s.Invoice != "" {
			withInvoice = true
		}
	}
	var tb table
	n := 5
	if withInvoice {
		n = 6
	}
	tb.Cols = carve(&t.blocks.cols, n)[:0]
	if withInvoice {
		tb.Cols = append(tb.Cols, column{Head: t.v.Invoice})
	}
	tb.Cols = append(tb.Cols, column{Head: t.v.Period}, column{Head: t.v.Days, Right: true},
		column{Head: t.v.Rate, Right: true}, cs.head(t.v.Balance, true),
		column{Head: t.v.InterestCol, Right: true})
	tb.Rows = t.rows(len(t.d.Interest.Segments), n)
	for i, s := range t.d.Interest.Segments {
		r := tb.Rows[i]
		if withInvoice {
			r[0], r = left(s.Invoice), r[1:]
		}
		r[0], r[1], r[2], r[3], r[4] = cs.period(s), cs.number(s.Days), cs.rate(s.Rate), cs.amount(s.Balance), cs.amount(s.Amount)
	}
	if t.d.Interest.Total.IsValid() {
		tb.Foot = carve(&t.blocks.foot, 1)
		tb.Foot[0] = foot(t.v.Interest, cs.money(t.d.Interest.Total), true)
	}
	cs.done(&tb)
	return tb
}

// Plan is the instalment table.
func (t *tables) Plan() *table { return t.cachedTable(&t.plan, &t.built.plan, t.buildPlan) }

func (t *tables) buildPlan() table {
	cs := t.newCells()
	tb := table{Cols: []column{
		{Head: t.v.No, Right: true}, {Head: t.v.Due}, cs.head(t.v.Instalment, true),
		{Head: t.v.InterestCol, Right: true}, {Head: t.v.Principal, Right: true}, {Head: t.v.Remaining, Right: true},
	}}
	tb.Rows = t.rows(len(t.d.Plan.Instalments), 6)
	for i, in := range t.d.Plan.Instalments {
		r := tb.Rows[i]
		r[0], r[1], r[2], r[3], r[4], r[5] = cs.number(in.No), cs.shortDate(in.Due), cs.amount(in.Amount), cs.amount(in.Interest), cs.amount(in.Principal), cs.amount(in.Balance)
	}
	cs.done(&tb)
	return tb
}

// Missed is the table of missed instalments.
func (t *tables) Missed() *table { return t.cachedTable(&t.missed, &t.built.missed, t.buildMissed) }

func (t *tables) buildMissed() table {
	cs := t.newCells()
	tb := table{Cols: []column{{Head: t.v.No, Right: true}, {Head: t.v.Due}, cs.head(t.v.Instalment, true)}}
	tb.Rows = t.rows(len(t.d.Breach.Missed), 3)
	for i, in := range t.d.Breach.Missed {
		r := tb.Rows[i]
		r[0], r[1], r[2] = cs.number(in.No), cs.shortDate(in.Due), cs.amount(in.Amount)
	}
	if t.d.Breach.Arrears.IsValid() {
		tb.Foot = []footRow{foot(t.v.Arrears, cs.money(t.d.Breach.Arrears), true)}
	}
	cs.done(&tb)
	return tb
}

// PlanSummary is what the debtor is told about a plan (E12): term, down payment,
// first and last instalment, rate, total interest, total paid.
func (t *tables) PlanSummary() *facts {
	return t.cachedFacts(&t.planSummary, &t.built.planSummary, t.buildPlanSummary)
}

func (t *tables) buildPlanSummary() facts {
	p := t.d.Plan
	f := t.newFacts()
	if p.Principal.IsValid() {
		f.add(t.v.Principal, t.money(p.Principal))
	}
	if p.Term > 0 {
		f.add(t.v.Term, t.l.plural(p.Term, t.v.InstalmentForms))
	}
	if p.DownPayment.IsValid() && !p.DownPayment.IsZero() {
		f.add(t.v.DownPayment, t.money(p.DownPayment)+", "+t.l.formatDate(p.DownPaymentDate))
	}
	if p.Instalment.IsValid() {
		f.add(t.v.Instalment, t.money(p.Instalment))
	}
	f.add(t.v.First, t.l.formatDate(p.First))
	f.add(t.v.Last, t.l.formatDate(p.Last))
	if p.Rate.IsZero() {
		f.add(t.v.PlanRate, t.f.formatRate(p.Rate)+" ("+t.v.InterestFree+")")
	} else {
		f.add(t.v.PlanRate, t.f.formatRate(p.Rate))
	}
	if p.TotalInterest.IsValid() {
		f.add(t.v.TotalInterest, t.money(p.TotalInterest))
	}
	if p.TotalPaid.IsValid() {
		f.add(t.v.TotalPaid, t.money(p.TotalPaid))
		f.Rows[len(f.Rows)-1].Strong = true
	}
	return f
}

// Offer is the settlement offer's figures (E11).
func (t *tables) Offer() *facts { return t.cachedFacts(&t.offer, &t.built.offer, t.buildOffer) }

func (t *tables) buildOffer() facts {
	o := t.d.Offer
	f := t.newFacts()
	f.add(t.v.OwedNow, t.money(o.OwedNow))
	f.add(t.v.Escalated+" "+t.l.formatDate(o.Horizon), t.money(o.Escalated))
	f.add(t.v.OfferAmount, t.money(o.Amount))
	f.Rows[len(f.Rows)-1].Strong = true
	f.add(t.v.Saving, t.money(o.Saving))
	f.add(t.v.Expires, t.l.formatDate(o.Expires))
	return f
}

// Payment is the payment details: amount, deadline, account, reference. The text
// and the HTML ask for the same details; the last ones built are kept.
func (t *tables) Payment(amount money.Money, by date.Date) *facts {
	if t.payment != nil && t.paymentBy == by && t.paymentAmount.Equal(amount) {
		return t.payment
	}
	slot := &t.built.payment
	if t.payment != nil {
		slot = nil // other details than before: the ones built before stay as they are
	}
	t.payment, t.paymentAmount, t.paymentBy = nil, amount, by
	return t.cachedFacts(&t.payment, slot, func() facts { return t.buildPayment(amount, by) })
}

func (t *tables) buildPayment(amount money.Money, by date.Date) facts {
	f := t.newFacts()
	if amount.IsValid() {
		f.add(t.v.AmountToPay, t.money(amount))
	}
	f.add(t.v.PayBy, t.l.formatDate(by))
	b := t.d.Creditor.Bank
	f.add(t.v.Bank, b.Name)
	f.add(t.v.Account, b.Account)
	f.add(t.v.IBAN, b.IBAN)
	f.add(t.v.BIC, b.BIC)
	f.add(t.v.Reference, t.d.PaymentReference)
	f.add(t.v.PaymentLine, t.d.PaymentLine)
	if len(t.d.PaymentQR) > 0 && logoType(t.d.PaymentQR) == "image/png" {
		f.qr, f.qrLabel = t.d.PaymentQR, t.v.ScanToPay
	}
	return f
}

// Span is the number of columns a foot row's label spans in HTML.
func (t *table) Span() int { return len(t.Cols) - 1 }

// appendHTML appends the table's HTML.
func (t *table) appendHTML(b []byte) []byte {
	b = append(b, `<table class="t"><thead><tr>`...)
	for _, c := range t.Cols {
		if c.Right {
			b = append(b, `<th class="r">`...)
		} else {
			b = append(b, `<th>`...)
		}
		b = appendEscaped(b, c.Head)
		b = append(b, `</th>`...)
	}
	b = append(b, `</tr></thead><tbody>`...)
	for _, r := range t.Rows {
		b = append(b, `<tr>`...)
		for _, c := range r {
			if c.Right {
				b = append(b, `<td class="r">`...)
			} else {
				b = append(b, `<td>`...)
			}
			b = appendEscaped(b, c.Text)
			b = append(b, `</td>`...)
		}
		b = append(b, `</tr>`...)
	}
	b = append(b, `</tbody>`...)
	if len(t.Foot) > 0 {
		b = append(b, `<tfoot>`...)
		for _, f := range t.Foot {
			if f.Strong {
				b = append(b, `<tr class="total">`...)
			} else {
				b = append(b, `<tr>`...)
			}
			b = append(b, `<td colspan="`...)
			b = strconv.AppendInt(b, int64(t.Span()), 10)
			b = append(b, `">`...)
			b = appendEscaped(b, f.Label)
			b = append(b, `</td><td class="r">`...)
			b = appendEscaped(b, f.Value)
			b = append(b, `</td></tr>`...)
		}
		b = append(b, `</tfoot>`...)
	}
	return append(b, `</table>`...)
}

// appendHTML appends the facts' HTML.
func (f *facts) appendHTML(b []byte) []byte {
	b = append(b, `<table class="f">`...)
	for _, r := range f.Rows {
		if r.Strong {
			b = append(b, `<tr class="total">`...)
		} else {
			b = append(b, `<tr>`...)
		}
		b = append(b, `<th>`...)
		b = appendEscaped(b, r.Label)
		b = append(b, `</th><td>`...)
		b = appendEscaped(b, r.Value)
		b = append(b, `</td></tr>`...)
	}
	b = append(b, `</table>`...)
	if len(f.qr) > 0 {
		b = append(b, `<figure class="qr"><img src="data:image/png;base64,`...)
		b = base64.StdEncoding.AppendEncode(b, f.qr)
		b = append(b, `" alt="`...)
		b = appendEscaped(b, f.qrLabel)
		b = append(b, `"><figcaption>`...)
		b = appendEscaped(b, f.qrLabel)
		b = append(b, `</figcaption></figure>`...)
	}
	return b
}
