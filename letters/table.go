package letters

import (
	"html"
	htemplate "html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dunning-go/dunning/money"
)

// table is a table the partials print: aligned columns in text, a <table> in HTML.
// The Go code builds it from Data so the text and HTML variants show the same cells.
type table struct {
	Cols []column
	Rows [][]cell
	Foot []footRow
}

type column struct {
	Head  string
	Right bool
}

type cell struct {
	Text  string
	Right bool
}

// footRow is a labelled figure under the table, aligned with its last column.
type footRow struct {
	Label, Value string
	Strong       bool
}

// facts is a list of labelled values (payment details, plan summary, offer).
type facts struct {
	Rows []fact
}

type fact struct {
	Label, Value string
	Strong       bool
}

func (f *facts) add(label, value string) {
	if value != "" {
		f.Rows = append(f.Rows, fact{Label: label, Value: value})
	}
}

func (t *table) row(cells ...cell) { t.Rows = append(t.Rows, cells) }

func left(s string) cell  { return cell{Text: s} }
func right(s string) cell { return cell{Text: s, Right: true} }

func width(s string) int { return utf8.RuneCountInString(s) }

// Text returns the table with aligned columns (two spaces between columns), the
// foot rows' values right-aligned under the last column.
func (t table) Text() string {
	n := len(t.Cols)
	w := make([]int, n)
	for i, c := range t.Cols {
		w[i] = width(c.Head)
	}
	for _, r := range t.Rows {
		for i, c := range r {
			if i < n && width(c.Text) > w[i] {
				w[i] = width(c.Text)
			}
		}
	}
	total := 0
	for i := range w {
		total += w[i]
	}
	total += 2 * (n - 1)
	for _, f := range t.Foot {
		if need := width(f.Label) + 2 + width(f.Value); need > total {
			w[n-1] += need - total
			total = need
		}
		if width(f.Value) > w[n-1] {
			total += width(f.Value) - w[n-1]
			w[n-1] = width(f.Value)
		}
	}
	var b strings.Builder
	line := func(cells []cell) {
		var l strings.Builder
		for i, c := range cells {
			if i >= n {
				break
			}
			if i > 0 {
				l.WriteString("  ")
			}
			pad := strings.Repeat(" ", w[i]-width(c.Text))
			if c.Right {
				l.WriteString(pad + c.Text)
			} else {
				l.WriteString(c.Text + pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	head := make([]cell, n)
	for i, c := range t.Cols {
		head[i] = cell{Text: c.Head, Right: c.Right}
	}
	line(head)
	b.WriteString(strings.Repeat("-", total))
	b.WriteByte('\n')
	for _, r := range t.Rows {
		line(r)
	}
	if len(t.Foot) > 0 {
		b.WriteString(strings.Repeat("-", total))
		b.WriteByte('\n')
		for _, f := range t.Foot {
			gap := total - width(f.Label) - width(f.Value)
			b.WriteString(f.Label + strings.Repeat(" ", gap) + f.Value + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// Text returns the facts as "Label:  value" lines with the values aligned.
func (f facts) Text() string {
	w := 0
	for _, r := range f.Rows {
		if width(r.Label) > w {
			w = width(r.Label)
		}
	}
	var b strings.Builder
	for i, r := range f.Rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.Label + ":" + strings.Repeat(" ", w-width(r.Label)+2) + r.Value)
	}
	return b.String()
}

// tables builds the tables of one letter in one language. Each is built once per
// letter and shared by the text and the HTML.
type tables struct {
	l lang
	v *vocab
	d *Data

	spec, claims, interest, plan, missed *table
	planSummary, offer                   *facts
}

func cached[T any](p **T, build func() T) T {
	if *p == nil {
		x := build()
		*p = &x
	}
	return **p
}

func (t *tables) amount(m money.Money) string {
	if !m.IsValid() {
		return t.l.formatAmount(money.Zero(t.d.Currency()))
	}
	return t.l.formatAmount(m)
}

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
	cur := " (" + string(t.d.Currency()) + ")"
	tb := table{Cols: []column{
		{Head: t.v.Invoice}, {Head: t.v.Due}, {Head: t.v.Amount + cur, Right: true},
		{Head: t.v.Paid, Right: true}, {Head: t.v.Open, Right: true},
	}}
	for _, c := range t.d.Claims {
		tb.row(left(c.Invoice), left(t.l.formatShortDate(c.Due)), right(t.amount(c.Amount)),
			right(t.amount(c.Paid)), right(t.amount(c.Open)))
	}
	if withCharges {
		for _, c := range t.d.Fees {
			tb.Foot = append(tb.Foot, footRow{Label: t.chargeName(c), Value: t.amount(c.Amount)})
		}
		if t.d.Interest.Total.IsValid() {
			tb.Foot = append(tb.Foot, footRow{Label: t.v.Interest, Value: t.amount(t.d.Interest.Total)})
		}
		for _, c := range t.d.Costs {
			tb.Foot = append(tb.Foot, footRow{Label: t.chargeName(c), Value: t.amount(c.Amount)})
		}
		if t.d.Total.IsValid() {
			tb.Foot = append(tb.Foot, footRow{Label: t.v.Total, Value: t.l.formatMoney(t.d.Total), Strong: true})
		}
	} else if open, err := t.d.ClaimsOpen(); err == nil {
		tb.Foot = append(tb.Foot, footRow{Label: t.v.Total, Value: t.l.formatMoney(open), Strong: true})
	}
	return tb
}

// Spec is the claim specification with every fee, the interest, the costs and the
// total: the whole calculation of what is owed.
func (t *tables) Spec() table { return cached(&t.spec, func() table { return t.claimsTable(true) }) }

// Claims is the invoices alone, with the sum of their open amounts.
func (t *tables) Claims() table {
	return cached(&t.claims, func() table { return t.claimsTable(false) })
}

// Interest is the interest calculation, one row per segment.
func (t *tables) Interest() table { return cached(&t.interest, t.buildInterest) }

func (t *tables) buildInterest() table {
	cur := " (" + string(t.d.Currency()) + ")"
	withInvoice := false
	for _, s := range t.d.Interest.Segments {
		if s.Invoice != "" {
			withInvoice = true
		}
	}
	var tb table
	if withInvoice {
		tb.Cols = append(tb.Cols, column{Head: t.v.Invoice})
	}
	tb.Cols = append(tb.Cols, column{Head: t.v.Period}, column{Head: t.v.Days, Right: true},
		column{Head: t.v.Rate, Right: true}, column{Head: t.v.Balance + cur, Right: true},
		column{Head: t.v.InterestCol, Right: true})
	for _, s := range t.d.Interest.Segments {
		var r []cell
		if withInvoice {
			r = append(r, left(s.Invoice))
		}
		period := t.l.formatShortDate(s.From) + "–" + t.l.formatShortDate(s.To.AddDays(-1))
		r = append(r, left(period), right(strconv.Itoa(s.Days)), right(t.l.formatRate(s.Rate)),
			right(t.amount(s.Balance)), right(t.amount(s.Amount)))
		tb.Rows = append(tb.Rows, r)
	}
	if t.d.Interest.Total.IsValid() {
		tb.Foot = append(tb.Foot, footRow{Label: t.v.Interest, Value: t.l.formatMoney(t.d.Interest.Total), Strong: true})
	}
	return tb
}

// Plan is the instalment table.
func (t *tables) Plan() table { return cached(&t.plan, t.buildPlan) }

func (t *tables) buildPlan() table {
	cur := " (" + string(t.d.Currency()) + ")"
	tb := table{Cols: []column{
		{Head: t.v.No, Right: true}, {Head: t.v.Due}, {Head: t.v.Instalment + cur, Right: true},
		{Head: t.v.InterestCol, Right: true}, {Head: t.v.Principal, Right: true}, {Head: t.v.Remaining, Right: true},
	}}
	for _, in := range t.d.Plan.Instalments {
		tb.row(right(strconv.Itoa(in.No)), left(t.l.formatShortDate(in.Due)), right(t.amount(in.Amount)),
			right(t.amount(in.Interest)), right(t.amount(in.Principal)), right(t.amount(in.Balance)))
	}
	return tb
}

// Missed is the table of missed instalments.
func (t *tables) Missed() table { return cached(&t.missed, t.buildMissed) }

func (t *tables) buildMissed() table {
	cur := " (" + string(t.d.Currency()) + ")"
	tb := table{Cols: []column{{Head: t.v.No, Right: true}, {Head: t.v.Due}, {Head: t.v.Instalment + cur, Right: true}}}
	for _, in := range t.d.Breach.Missed {
		tb.row(right(strconv.Itoa(in.No)), left(t.l.formatShortDate(in.Due)), right(t.amount(in.Amount)))
	}
	if t.d.Breach.Arrears.IsValid() {
		tb.Foot = append(tb.Foot, footRow{Label: t.v.Arrears, Value: t.l.formatMoney(t.d.Breach.Arrears), Strong: true})
	}
	return tb
}

// PlanSummary is what the debtor is told about a plan (E12): term, down payment,
// first and last instalment, rate, total interest, total paid.
func (t *tables) PlanSummary() facts { return cached(&t.planSummary, t.buildPlanSummary) }

func (t *tables) buildPlanSummary() facts {
	p := t.d.Plan
	var f facts
	if p.Principal.IsValid() {
		f.add(t.v.Principal, t.l.formatMoney(p.Principal))
	}
	if p.Term > 0 {
		f.add(t.v.Term, t.l.plural(p.Term, t.v.InstalmentForms))
	}
	if p.DownPayment.IsValid() && !p.DownPayment.IsZero() {
		f.add(t.v.DownPayment, t.l.formatMoney(p.DownPayment)+", "+t.l.formatDate(p.DownPaymentDate))
	}
	if p.Instalment.IsValid() {
		f.add(t.v.Instalment, t.l.formatMoney(p.Instalment))
	}
	f.add(t.v.First, t.l.formatDate(p.First))
	f.add(t.v.Last, t.l.formatDate(p.Last))
	if p.Rate.IsZero() {
		f.add(t.v.PlanRate, t.l.formatRate(p.Rate)+" ("+t.v.InterestFree+")")
	} else {
		f.add(t.v.PlanRate, t.l.formatRate(p.Rate))
	}
	if p.TotalInterest.IsValid() {
		f.add(t.v.TotalInterest, t.l.formatMoney(p.TotalInterest))
	}
	if p.TotalPaid.IsValid() {
		f.add(t.v.TotalPaid, t.l.formatMoney(p.TotalPaid))
		f.Rows[len(f.Rows)-1].Strong = true
	}
	return f
}

// Offer is the settlement offer's figures (E11).
func (t *tables) Offer() facts { return cached(&t.offer, t.buildOffer) }

func (t *tables) buildOffer() facts {
	o := t.d.Offer
	var f facts
	f.add(t.v.OwedNow, t.l.formatMoney(o.OwedNow))
	f.add(t.v.Escalated+" "+t.l.formatDate(o.Horizon), t.l.formatMoney(o.Escalated))
	f.add(t.v.OfferAmount, t.l.formatMoney(o.Amount))
	f.Rows[len(f.Rows)-1].Strong = true
	f.add(t.v.Saving, t.l.formatMoney(o.Saving))
	f.add(t.v.Expires, t.l.formatDate(o.Expires))
	return f
}

// Payment is the payment details: amount, deadline, account, reference.
func (t *tables) Payment(amount money.Money, by string) facts {
	var f facts
	if amount.IsValid() {
		f.add(t.v.AmountToPay, t.l.formatMoney(amount))
	}
	f.add(t.v.PayBy, by)
	b := t.d.Creditor.Bank
	f.add(t.v.Bank, b.Name)
	f.add(t.v.Account, b.Account)
	f.add(t.v.IBAN, b.IBAN)
	f.add(t.v.BIC, b.BIC)
	f.add(t.v.Reference, t.d.PaymentReference)
	return f
}

// Span is the number of columns a foot row's label spans in HTML.
func (t table) Span() int { return len(t.Cols) - 1 }

// HTML returns the table as an HTML <table>, every cell escaped.
func (t table) HTML() htemplate.HTML {
	var b strings.Builder
	b.Grow(256 + 64*len(t.Rows)*len(t.Cols))
	b.WriteString(`<table class="t"><thead><tr>`)
	for _, c := range t.Cols {
		if c.Right {
			b.WriteString(`<th class="r">`)
		} else {
			b.WriteString(`<th>`)
		}
		b.WriteString(html.EscapeString(c.Head))
		b.WriteString(`</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, r := range t.Rows {
		b.WriteString(`<tr>`)
		for _, c := range r {
			if c.Right {
				b.WriteString(`<td class="r">`)
			} else {
				b.WriteString(`<td>`)
			}
			b.WriteString(html.EscapeString(c.Text))
			b.WriteString(`</td>`)
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody>`)
	if len(t.Foot) > 0 {
		b.WriteString(`<tfoot>`)
		span := strconv.Itoa(t.Span())
		for _, f := range t.Foot {
			if f.Strong {
				b.WriteString(`<tr class="total">`)
			} else {
				b.WriteString(`<tr>`)
			}
			b.WriteString(`<td colspan="` + span + `">`)
			b.WriteString(html.EscapeString(f.Label))
			b.WriteString(`</td><td class="r">`)
			b.WriteString(html.EscapeString(f.Value))
			b.WriteString(`</td></tr>`)
		}
		b.WriteString(`</tfoot>`)
	}
	b.WriteString(`</table>`)
	return htemplate.HTML(b.String())
}

// HTML returns the facts as a two-column HTML <table>, every value escaped.
func (f facts) HTML() htemplate.HTML {
	var b strings.Builder
	b.Grow(64 + 80*len(f.Rows))
	b.WriteString(`<table class="f">`)
	for _, r := range f.Rows {
		if r.Strong {
			b.WriteString(`<tr class="total">`)
		} else {
			b.WriteString(`<tr>`)
		}
		b.WriteString(`<th>`)
		b.WriteString(html.EscapeString(r.Label))
		b.WriteString(`</th><td>`)
		b.WriteString(html.EscapeString(r.Value))
		b.WriteString(`</td></tr>`)
	}
	b.WriteString(`</table>`)
	return htemplate.HTML(b.String())
}
