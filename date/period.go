package date

import (
	"encoding/json"
	"iter"
	"strings"
)

// Period is the half-open range of dates [From, To): it contains From and
// every date up to, but not including, To. Half-open periods tile without
// gaps or double counting: [Jan 1, Feb 1) and [Feb 1, Mar 1) share no day and
// together cover both months, and Days is simply From.DaysUntil(To).
//
// A Period whose To is not after From, or that has a zero endpoint, is empty:
// it contains no date and has 0 days. The zero Period is empty. Use
// [NewPeriod] to reject reversed or half-missing periods from input.
//
// In JSON a Period is {"from":"2025-01-01","to":"2025-02-01"}; unmarshalling
// validates like NewPeriod (both null is the zero Period).
type Period struct {
	From Date `json:"from"` // the first day in the period
	To   Date `json:"to"`   // the first day after the period
}

// NewPeriod returns the period [from, to). It is an error, wrapping
// [ErrInvalid] and naming both dates, if either date is zero or to is before
// from. from == to gives a valid, empty period.
func NewPeriod(from, to Date) (Period, error) {
	if from.IsZero() || to.IsZero() {
		return Period{}, &PeriodError{From: from, To: to, Reason: "needs both dates"}
	}
	if to.Before(from) {
		return Period{}, &PeriodError{From: from, To: to, Reason: "ends before it starts"}
	}
	return Period{From: from, To: to}, nil
}

// PeriodError describes a rejected period. It unwraps to [ErrInvalid].
type PeriodError struct {
	From, To Date   // the rejected endpoints
	Reason   string // what is wrong, e.g. "ends before it starts"
}

// Error returns, for example,
//
//	date: period [2025-02-01, 2025-01-01) ends before it starts
//
// A zero endpoint prints as "(no date)".
func (e *PeriodError) Error() string {
	return "date: period [" + orNone(e.From) + ", " + orNone(e.To) + ") " + e.Reason
}

// Unwrap returns [ErrInvalid].
func (e *PeriodError) Unwrap() error { return ErrInvalid }

func orNone(d Date) string {
	if d.IsZero() {
		return "(no date)"
	}
	return d.String()
}

// IsEmpty reports whether p contains no date: an endpoint is zero or To is
// not after From.
func (p Period) IsEmpty() bool {
	return p.From.IsZero() || p.To.IsZero() || !p.From.Before(p.To)
}

// Days returns the number of dates in p, From.DaysUntil(To), or 0 if p is
// empty. [2025-01-01, 2025-02-01) has 31 days.
func (p Period) Days() int {
	if p.IsEmpty() {
		return 0
	}
	return p.From.DaysUntil(p.To)
}

// Contains reports whether From <= d < To. It is false for the zero Date and
// for an empty period.
func (p Period) Contains(d Date) bool {
	return !p.IsEmpty() && !d.IsZero() && !d.Before(p.From) && d.Before(p.To)
}

// Overlap returns the dates p and o have in common, and whether there are
// any. Adjacent periods such as [Jan 1, Feb 1) and [Feb 1, Mar 1) do not
// overlap. When ok is false the Period is the zero Period.
func (p Period) Overlap(o Period) (overlap Period, ok bool) {
	if p.IsEmpty() || o.IsEmpty() {
		return Period{}, false
	}
	r := Period{From: p.From, To: p.To}
	if o.From.After(r.From) {
		r.From = o.From
	}
	if o.To.Before(r.To) {
		r.To = o.To
	}
	if r.IsEmpty() {
		return Period{}, false
	}
	return r, true
}

// All yields every date in p in ascending order, nothing if p is empty. The
// iterator can be ranged over more than once.
func (p Period) All() iter.Seq[Date] {
	return func(yield func(Date) bool) {
		if p.IsEmpty() {
			return
		}
		for d := p.From; d.Before(p.To); d = d.AddDays(1) {
			if !yield(d) {
				return
			}
		}
	}
}

// String returns p in interval notation, "[2025-01-01, 2025-02-01)"; zero
// endpoints print as empty, so the zero Period is "[, )". [ParsePeriod]
// reads the output back for periods that [NewPeriod] accepts.
func (p Period) String() string {
	return "[" + p.From.String() + ", " + p.To.String() + ")"
}

// ParsePeriod parses the form [Period.String] produces,
// "[2025-01-01, 2025-02-01)", with extended-format dates, and validates it like
// [NewPeriod]. Errors unwrap to [ErrInvalid] and name the input.
func ParsePeriod(s string) (Period, error) {
	inner, ok := strings.CutPrefix(s, "[")
	if ok {
		inner, ok = strings.CutSuffix(inner, ")")
	}
	var from, to string
	if ok {
		from, to, ok = strings.Cut(inner, ", ")
	}
	if !ok || len(from) != 10 || len(to) != 10 {
		return Period{}, &ParseError{Input: s, Reason: "is not a period (want [YYYY-MM-DD, YYYY-MM-DD))"}
	}
	f, err := Parse(from)
	if err != nil {
		return Period{}, err
	}
	t, err := Parse(to)
	if err != nil {
		return Period{}, err
	}
	return NewPeriod(f, t)
}

// UnmarshalJSON implements json.Unmarshaler for {"from": ..., "to": ...},
// validating like [NewPeriod]; a period with both dates null is the zero
// Period.
func (p *Period) UnmarshalJSON(b []byte) error {
	var raw struct {
		From Date `json:"from"`
		To   Date `json:"to"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.From.IsZero() && raw.To.IsZero() {
		*p = Period{}
		return nil
	}
	v, err := NewPeriod(raw.From, raw.To)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
