package interest

import (
	"fmt"
	"sort"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/shopspring/decimal"
)

// Rate is the annual interest rate in force on a day, as a [RateSource]
// reports it.
type Rate struct {
	// Percent is the annual rate in percent: 11.75 means 11.75 % a year.
	Percent decimal.Decimal
	// Until is the first date on which the rate may change: the rate
	// applies from the queried day up to, not including, Until. The zero
	// Date means it never changes.
	Until date.Date
	// Status is the row's research status. Rows a host supplies itself (a contract
	// rate, its own table) are its responsibility: mark them dunning.Verified.
	Status dunning.Status
	// Source names where the figure comes from (law and section, or the
	// authority's notice); empty for host data.
	Source string
}

// RateSource gives the annual rate in force on a day. [Accrue] asks it once
// per segment: the rate on the segment's first day and the date it may next
// change, where the next segment starts, so a source never has to list or
// allocate its change dates.
//
// Implementations must be safe for concurrent use and return an error that
// names the date when they have no rate for it (see [NoRateError]); they must
// return an Until after d, or the zero Date.
type RateSource interface {
	// RateAt returns the rate in force on d.
	RateAt(d date.Date) (Rate, error)
}

// Fixed returns a RateSource with one rate for every day: percent is the
// annual rate in percent (8 means 8 % a year), for example a contractual rate
// or the Swiss 5 % of OR 104. A negative percent is reported by RateAt as a
// *dunning.FieldError for field "Rate". The rate is the caller's to vouch for, so
// its Status is dunning.Verified and its Source says it was given by the caller.
func Fixed(percent decimal.Decimal) RateSource { return fixed{percent} }

type fixed struct{ p decimal.Decimal }

func (f fixed) RateAt(date.Date) (Rate, error) {
	if f.p.IsNegative() {
		return Rate{}, &dunning.FieldError{Field: "Rate", Value: f.p.String(), Reason: "is a negative interest rate"}
	}
	return Rate{Percent: f.p, Status: dunning.Verified, Source: "fixed rate given by the caller"}, nil
}

// Row is one effective-dated row of a [RateTable]: from From (inclusive)
// until the next row's From, the rate is Reference + Margin percent.
type Row struct {
	// From is the first day the row applies. For the statutory tables this
	// is 1 January or 1 July: a rate applies to the days in its half-year,
	// whichever day the claim fell due (research §8.2).
	From date.Date
	// Reference is the reference rate in percent (the central bank's rate,
	// as the table's law defines it).
	Reference decimal.Decimal
	// Margin is the statutory or contractual margin in percentage points.
	Margin decimal.Decimal
	// Status is the research status of this row's rate; see [dunning.Status].
	Status dunning.Status
	// Source cites the law and the notice the rate comes from.
	Source string
}

// Rate returns Reference + Margin, the annual rate in percent.
func (r Row) Rate() decimal.Decimal { return r.Reference.Add(r.Margin) }

// RateTable is an immutable, effective-dated table of annual rates: a
// [RateSource] that knows the rows it was built from, for a letter that shows
// "reference 3.75 % + 8 pp = 11.75 %" with the source of each figure.
//
// A table covers the days from its first row's From up to and including End.
// Asking for a day outside that range is a *NoRateError naming the day; a
// table never guesses a rate it was not given. The zero RateTable has no
// rows and answers every day with a *NoRateError.
type RateTable struct {
	name  string
	rows  []Row
	rates []decimal.Decimal // rows[i].Rate(), precomputed
	end   date.Date         // last day covered (inclusive); zero = open-ended
}

// NewRateTable returns a table named name (used in errors: "no DK statutory
// rate for ...") over rows, which must be sorted by From with no two rows on
// the same day. end is the last day the table covers (inclusive); the zero
// Date means the last row applies indefinitely (a contract rate). rows is
// copied.
//
// Every problem is reported at once, each as a *dunning.FieldError naming
// the row (Field "rows[2].From" and so on) and the value, joined with
// errors.Join: no rows, a zero From, rows out of order or on the same day, a
// negative rate, an undefined dunning.Status, or an end before the last row.
func NewRateTable(name string, end date.Date, rows ...Row) (RateTable, error) {
	var errs []error
	if len(rows) == 0 {
		errs = append(errs, &dunning.FieldError{Field: "rows", Value: "", Reason: "is empty: a rate table needs at least one row"})
	}
	for i, r := range rows {
		f := func(s string) string { return fmt.Sprintf("rows[%d].%s", i, s) }
		if r.From.IsZero() {
			errs = append(errs, &dunning.FieldError{Field: f("From"), Value: "", Reason: "is missing"})
		} else if i > 0 && !rows[i-1].From.IsZero() {
			switch c := r.From.Compare(rows[i-1].From); {
			case c == 0:
				errs = append(errs, &dunning.FieldError{Field: f("From"), Value: r.From.String(), Reason: "duplicates the previous row's date"})
			case c < 0:
				errs = append(errs, &dunning.FieldError{Field: f("From"), Value: r.From.String(),
					Reason: "is before the previous row's date " + rows[i-1].From.String() + " (rows must be sorted)"})
			}
		}
		if r.Rate().IsNegative() {
			errs = append(errs, &dunning.FieldError{Field: f("Rate"), Value: r.Rate().String(), Reason: "is a negative interest rate (reference + margin)"})
		}
		if !r.Status.IsValid() {
			errs = append(errs, &dunning.FieldError{Field: f("Status"), Value: r.Status.String(), Reason: "is not a status"})
		}
	}
	var last date.Date
	for _, r := range rows {
		if r.From.After(last) {
			last = r.From
		}
	}
	if !end.IsZero() && end.Before(last) {
		errs = append(errs, &dunning.FieldError{Field: "end", Value: end.String(), Reason: "is before the last row's date " + last.String()})
	}
	if len(errs) > 0 {
		return RateTable{}, joinErrors(errs)
	}
	t := RateTable{name: name, rows: append([]Row(nil), rows...), rates: make([]decimal.Decimal, len(rows)), end: end}
	for i, r := range t.rows {
		t.rates[i] = r.Rate()
	}
	return t, nil
}

// Name returns the table's name, as given to NewRateTable.
func (t RateTable) Name() string { return t.name }

// Start returns the first day the table covers (the first row's From), or
// the zero Date for an empty table.
func (t RateTable) Start() date.Date {
	if len(t.rows) == 0 {
		return date.Date{}
	}
	return t.rows[0].From
}

// End returns the last day the table covers, inclusive; the zero Date means
// the last row applies indefinitely.
func (t RateTable) End() date.Date { return t.end }

// Rows returns a copy of the table's rows, oldest first.
func (t RateTable) Rows() []Row { return append([]Row(nil), t.rows...) }

// Lookup returns the row in force on d, or a *NoRateError naming d when d is
// before the first row or after End.
func (t RateTable) Lookup(d date.Date) (Row, error) {
	i, err := t.index(d)
	if err != nil {
		return Row{}, err
	}
	return t.rows[i], nil
}

func (t RateTable) index(d date.Date) (int, error) {
	if len(t.rows) == 0 || d.IsZero() || d.Before(t.rows[0].From) || (!t.end.IsZero() && d.After(t.end)) {
		return 0, &NoRateError{Table: t.name, Date: d, Start: t.Start(), End: t.end}
	}
	// The last row whose From is on or before d.
	i := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].From.After(d) }) - 1
	return i, nil
}

// RateAt implements [RateSource]: the row's rate on d, valid until the next
// row's From (or the day after End for the last row).
func (t RateTable) RateAt(d date.Date) (Rate, error) {
	i, err := t.index(d)
	if err != nil {
		return Rate{}, err
	}
	r := Rate{Percent: t.rates[i], Status: t.rows[i].Status, Source: t.rows[i].Source}
	if i+1 < len(t.rows) {
		r.Until = t.rows[i+1].From
	} else if !t.end.IsZero() {
		r.Until = t.end.AddDays(1)
	}
	return r, nil
}
