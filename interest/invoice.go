package interest

import (
	"fmt"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// LateInvoice is an invoice that was paid, possibly late: the input of an
// interest invoice (S8).
type LateInvoice struct {
	ID     string
	Due    date.Date   // the invoice's due date; interest runs from it
	Paid   date.Date   // the date it was actually paid; interest runs to it
	Amount money.Money // the amount that was paid late, the interest-bearing balance
}

// InvoiceOptions configure [InvoiceInterest]. Zero amounts mean "no
// minimum" and "no limit".
type InvoiceOptions struct {
	// Rates and Convention are as for [Accrue]; for the statutory rate use
	// [Statutory], for a creditor's own late-payment rate Fixed(percent) (S7).
	Rates      RateSource
	Convention Convention
	// GraceDays: an invoice paid no more than GraceDays days after its due
	// date is charged nothing. An invoice paid later is charged from its
	// due date, not from the end of the grace (S8: "from the due date").
	GraceDays int
	// Minimum: a line whose interest is below it is not charged.
	Minimum money.Money
	// InvoiceLimit caps each line; TotalLimit caps the interest invoice
	// (S7 "an upper limit for an interest invoice"). Lines are cut in input
	// order once the total limit is reached.
	InvoiceLimit money.Money
	TotalLimit   money.Money
}

// Cut says why a line is charged less than its computed interest.
type Cut uint8

const (
	// NotCut: the line is charged its computed interest.
	NotCut Cut = iota
	// CutGrace: paid on time or within the grace days; nothing is charged.
	CutGrace
	// CutMinimum: the interest is below InvoiceOptions.Minimum; nothing is charged.
	CutMinimum
	// CutInvoiceLimit: capped at InvoiceOptions.InvoiceLimit.
	CutInvoiceLimit
	// CutTotalLimit: reduced (possibly to zero) by InvoiceOptions.TotalLimit.
	CutTotalLimit
)

// String returns "", "grace", "minimum", "invoice limit" or "total limit".
func (c Cut) String() string {
	switch c {
	case NotCut:
		return ""
	case CutGrace:
		return "grace"
	case CutMinimum:
		return "minimum"
	case CutInvoiceLimit:
		return "invoice limit"
	case CutTotalLimit:
		return "total limit"
	}
	return fmt.Sprintf("Cut(%d)", uint8(c))
}

// Line is the interest charged for one late invoice.
type Line struct {
	Invoice LateInvoice
	// Days is the number of interest days (0 for a line cut by grace).
	Days int
	// Rate is the annual rate in percent on the due date; when the rate
	// changed while the invoice was overdue, Segments has one entry per rate.
	Rate     decimal.Decimal
	Segments []Segment
	// Computed is the interest before the minimum and the limits, rounded
	// with the convention; Charged is what the line charges.
	Computed money.Money
	Charged  money.Money
	// Cut says which rule reduced Charged below Computed (NotCut if none).
	Cut Cut
}

// Invoice is an interest invoice: one line per late invoice, in input order.
type Invoice struct {
	Lines []Line
	Total money.Money // the sum of the lines' Charged
}

// InvoiceInterest computes an interest invoice for invoices that were paid
// late (S7, S8): for each invoice, interest on Amount from Due to Paid under
// opt.Convention (half-open [Due, Paid) unless EndInclusive), rounded per
// line; then, in order, grace, the minimum, the per-invoice limit and the
// total limit. Every invoice gets a line, in input order, so a letter can
// list what was not charged and why.
//
// Implements S7, S8.
//
// Bad input is reported, all at once, as *dunning.FieldError values: a
// missing ID or date, Paid before Due (Err ErrPeriod), an amount that is
// negative or in another currency than the first invoice (Err
// money.ErrCurrencyMismatch), negative GraceDays, a negative minimum or
// limit, or one in another currency. Errors of the rate source are returned
// as they are, after wrapping with the invoice ID.
func InvoiceInterest(invoices []LateInvoice, opt InvoiceOptions) (Invoice, error) {
	if err := validateInvoices(invoices, opt); err != nil {
		return Invoice{}, err
	}
	if len(invoices) == 0 {
		return Invoice{}, nil
	}
	cur := invoices[0].Amount.Currency()
	total := money.Zero(cur)
	lines := make([]Line, len(invoices))
	for i, inv := range invoices {
		l := Line{Invoice: inv, Computed: money.Zero(cur), Charged: money.Zero(cur)}
		if inv.Due.DaysUntil(inv.Paid) <= opt.GraceDays {
			l.Cut = CutGrace
			lines[i] = l
			continue
		}
		res, err := Accrue(inv.Amount, inv.Due, inv.Paid, opt.Rates, opt.Convention)
		if err != nil {
			return Invoice{}, fmt.Errorf("interest: invoice %q: %w", inv.ID, err)
		}
		l.Days, l.Segments, l.Computed, l.Charged = res.Days, res.Segments, res.Total, res.Total
		if len(res.Segments) > 0 {
			l.Rate = res.Segments[0].Rate
		}
		if opt.Minimum.IsValid() && lt(l.Computed, opt.Minimum) {
			l.Charged, l.Cut = money.Zero(cur), CutMinimum
		}
		if opt.InvoiceLimit.IsValid() && lt(opt.InvoiceLimit, l.Charged) {
			l.Charged, l.Cut = opt.InvoiceLimit, CutInvoiceLimit
		}
		if opt.TotalLimit.IsValid() {
			room, _ := opt.TotalLimit.Sub(total) // same currency: validated
			if lt(room, l.Charged) {
				l.Charged, l.Cut = room, CutTotalLimit
			}
		}
		total, _ = total.Add(l.Charged)
		lines[i] = l
	}
	return Invoice{Lines: lines, Total: total}, nil
}

// lt reports a < b for amounts of one currency.
func lt(a, b money.Money) bool {
	c, _ := a.Compare(b)
	return c < 0
}

func validateInvoices(invoices []LateInvoice, opt InvoiceOptions) error {
	var errs []error
	var cur money.Currency
	if len(invoices) > 0 {
		cur = invoices[0].Amount.Currency()
	}
	for i, inv := range invoices {
		f := "invoices[" + strconv.Itoa(i) + "]"
		if inv.ID == "" {
			errs = append(errs, &dunning.FieldError{Field: f + ".ID", Value: "", Reason: "is missing"})
		}
		switch {
		case inv.Due.IsZero():
			errs = append(errs, &dunning.FieldError{Field: f + ".Due", Value: "", Reason: "is missing", Err: ErrPeriod})
		case inv.Paid.IsZero():
			errs = append(errs, &dunning.FieldError{Field: f + ".Paid", Value: "", Reason: "is missing", Err: ErrPeriod})
		case inv.Paid.Before(inv.Due):
			errs = append(errs, &dunning.FieldError{Field: f + ".Paid", Value: inv.Paid.String(), Reason: "is before the due date " + inv.Due.String(), Err: ErrPeriod})
		}
		switch {
		case !inv.Amount.IsValid():
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: inv.Amount.String(), Reason: "is not a valid amount (no currency)"})
		case inv.Amount.Currency() != cur:
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: inv.Amount.String(), Reason: "is not in " + string(cur) + " like the first invoice", Err: money.ErrCurrencyMismatch})
		case inv.Amount.IsNegative():
			errs = append(errs, &dunning.FieldError{Field: f + ".Amount", Value: inv.Amount.String(), Reason: "is negative", Err: ErrNegativeBalance})
		}
	}
	if opt.GraceDays < 0 {
		errs = append(errs, &dunning.FieldError{Field: "GraceDays", Value: strconv.Itoa(opt.GraceDays), Reason: "is negative"})
	}
	for _, m := range []struct {
		name string
		v    money.Money
	}{{"Minimum", opt.Minimum}, {"InvoiceLimit", opt.InvoiceLimit}, {"TotalLimit", opt.TotalLimit}} {
		switch {
		case !m.v.IsValid(): // not set
		case cur != "" && m.v.Currency() != cur:
			errs = append(errs, &dunning.FieldError{Field: m.name, Value: m.v.String(), Reason: "is not in the invoices' currency " + string(cur), Err: money.ErrCurrencyMismatch})
		case m.v.IsNegative():
			errs = append(errs, &dunning.FieldError{Field: m.name, Value: m.v.String(), Reason: "is negative"})
		}
	}
	if len(invoices) > 0 {
		if opt.Rates == nil {
			errs = append(errs, &dunning.FieldError{Field: "Rates", Value: "nil", Reason: "is missing"})
		}
		if err := opt.Convention.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return joinErrors(errs)
}
