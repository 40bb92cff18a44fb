package date

import (
	"iter"
	"maps"
	"slices"
	"time"
)

// Calendar says which dates are business days. The SDK ships only
// [Weekends]; public holidays differ by country, region and year, so hosts
// plug in their own data with [NewHolidays], a [CalendarFunc] or their own
// type. Implementations must be safe for concurrent use and should return
// false for the zero Date.
//
// Wherever this package takes a Calendar, nil means [Weekends]{}.
type Calendar interface {
	// IsBusinessDay reports whether d is a business day.
	IsBusinessDay(d Date) bool
}

// Weekends is the default [Calendar]: Monday to Friday are business days,
// Saturday and Sunday are not, and there are no holidays.
type Weekends struct{}

// IsBusinessDay reports whether d is a Monday to Friday; false for the zero Date.
func (Weekends) IsBusinessDay(d Date) bool {
	if d.IsZero() {
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// CalendarFunc adapts a function to a [Calendar].
type CalendarFunc func(Date) bool

// IsBusinessDay returns f(d).
func (f CalendarFunc) IsBusinessDay(d Date) bool { return f(d) }

// Holidays is a [Calendar] made of a base calendar plus a fixed set of
// non-business days, such as a country's public holidays or a creditor's
// closing days. Build it with [NewHolidays]; it cannot be changed afterwards,
// so one value can be shared between goroutines. A nil *Holidays is
// [Weekends] with no holidays.
type Holidays struct {
	base Calendar
	days map[Date]struct{}
}

// NewHolidays returns a calendar in which d is a business day if base says so
// and d is not one of days. A nil base means [Weekends]{}. The days are copied;
// zero Dates among them are ignored.
func NewHolidays(base Calendar, days ...Date) *Holidays {
	h := &Holidays{base: base, days: make(map[Date]struct{}, len(days))}
	for _, d := range days {
		if !d.IsZero() {
			h.days[d] = struct{}{}
		}
	}
	return h
}

// IsBusinessDay reports whether d is a business day in the base calendar and
// not a holiday.
func (h *Holidays) IsBusinessDay(d Date) bool {
	if h == nil {
		return Weekends{}.IsBusinessDay(d)
	}
	if _, ok := h.days[d]; ok {
		return false
	}
	return orWeekends(h.base).IsBusinessDay(d)
}

// IsHoliday reports whether d is one of the days given to [NewHolidays].
func (h *Holidays) IsHoliday(d Date) bool {
	if h == nil {
		return false
	}
	_, ok := h.days[d]
	return ok
}

// All yields the holidays in ascending order.
func (h *Holidays) All() iter.Seq[Date] {
	if h == nil {
		return func(func(Date) bool) {}
	}
	return slices.Values(slices.SortedFunc(maps.Keys(h.days), Date.Compare))
}

// MaxBusinessDaySearch is how many days [NextBusinessDay] and the other
// business-day functions look at before giving up, so that a calendar with
// no business days (a bug in host data) cannot make them loop forever. Ten
// years is far more than any real run of holidays.
const MaxBusinessDaySearch = 3660

func orWeekends(c Calendar) Calendar {
	if c == nil {
		return Weekends{}
	}
	return c
}

// NextBusinessDay returns the first business day in c strictly after d. A nil
// c means [Weekends]{}. It returns the zero Date if d is zero, or if there is
// no business day within [MaxBusinessDaySearch] days or before 9999-12-31.
func NextBusinessDay(c Calendar, d Date) Date {
	return step(orWeekends(c), d, 1)
}

// PreviousBusinessDay returns the last business day in c strictly before d,
// with the same rules as [NextBusinessDay].
func PreviousBusinessDay(c Calendar, d Date) Date {
	return step(orWeekends(c), d, -1)
}

// AdjustForward returns d if it is a business day in c, and otherwise
// [NextBusinessDay]: the "following" convention for a due date that falls on
// a weekend or holiday. A nil c means [Weekends]{}; a zero d gives zero.
func AdjustForward(c Calendar, d Date) Date {
	c = orWeekends(c)
	if d.IsZero() || c.IsBusinessDay(d) {
		return d
	}
	return step(c, d, 1)
}

// AdjustBackward returns d if it is a business day in c, and otherwise
// [PreviousBusinessDay] (the "preceding" convention).
func AdjustBackward(c Calendar, d Date) Date {
	c = orWeekends(c)
	if d.IsZero() || c.IsBusinessDay(d) {
		return d
	}
	return step(c, d, -1)
}

// AddBusinessDays returns the n-th business day in c after d (n > 0) or
// before d (n < 0); whether d itself is a business day does not matter.
// AddBusinessDays(c, d, 0) returns d unchanged. A nil c means [Weekends]{}.
// It returns the zero Date if d is zero or a step finds no business day (see
// [NextBusinessDay]).
func AddBusinessDays(c Calendar, d Date, n int) Date {
	c = orWeekends(c)
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	for ; n > 0 && !d.IsZero(); n-- {
		d = step(c, d, dir)
	}
	return d
}

// step searches from d in direction dir (+1 or -1) for a business day.
func step(c Calendar, d Date, dir int) Date {
	for range MaxBusinessDaySearch {
		d = d.AddDays(dir)
		if d.IsZero() {
			return Date{}
		}
		if c.IsBusinessDay(d) {
			return d
		}
	}
	return Date{}
}
