package interest

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning/date"
)

// Sentinels for the conditions a caller may branch on. Every error this
// package returns for bad input is a *dunning.FieldError (which also unwraps
// to dunning.ErrInvalid) naming the field and the value; the sentinels below
// are its Err, or are wrapped by the typed errors.
var (
	// ErrDayCount is the cause for an unknown or invalid [DayCount].
	ErrDayCount = errors.New("interest: invalid day count")
	// ErrNoRate is wrapped by every *NoRateError: a rate source has no rate
	// for a day that needs one.
	ErrNoRate = errors.New("interest: no rate")
	// ErrNegativeBalance is the cause when an opening balance is negative or
	// a payment would take the balance below zero.
	ErrNegativeBalance = errors.New("interest: negative balance")
	// ErrPeriod is the cause when an accrual period is missing a date or
	// ends before it starts.
	ErrPeriod = errors.New("interest: invalid period")
	// ErrUnsupported is returned by [Statutory] for a jurisdiction and party
	// kind the SDK has no statutory table for (for example EU consumers:
	// Directive 2011/7/EU covers commercial transactions only).
	ErrUnsupported = errors.New("interest: no statutory rate table")
)

// NoRateError reports a day a [RateTable] has no rate for: before its first
// row or after its end. It unwraps to [ErrNoRate].
type NoRateError struct {
	Table string    // the table's name, such as "DK statutory"
	Date  date.Date // the day asked for
	Start date.Date // the table's first day (zero for an empty table)
	End   date.Date // the table's last day, inclusive (zero: open-ended)
}

// Error returns a message such as
// "interest: no DK statutory rate for 2027-01-15; the table ends 2026-06-30".
func (e *NoRateError) Error() string {
	name := e.Table
	if name != "" {
		name += " "
	}
	switch {
	case e.Date.IsZero():
		return fmt.Sprintf("interest: no %srate for a missing date", name)
	case e.Start.IsZero():
		return fmt.Sprintf("interest: no %srate for %s; the table is empty", name, e.Date)
	case e.Date.Before(e.Start):
		return fmt.Sprintf("interest: no %srate for %s; the table starts %s", name, e.Date, e.Start)
	}
	return fmt.Sprintf("interest: no %srate for %s; the table ends %s", name, e.Date, e.End)
}

// Unwrap returns [ErrNoRate].
func (e *NoRateError) Unwrap() error { return ErrNoRate }

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
