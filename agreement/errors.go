package agreement

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Sentinel errors callers branch on with errors.Is. Bad input is reported as
// *dunning.FieldError (which unwraps to dunning.ErrInvalid), with one of
// these as its Err where one applies.
var (
	// ErrNoSolution: an annuity equation (NPER, RATE) has no solution for
	// the given arguments. See SolveError.
	ErrNoSolution = errors.New("agreement: no solution")

	// ErrInstalmentTooSmall: an instalment does not exceed the interest of a
	// period, so the plan would never repay the debt. See TooSmallError.
	ErrInstalmentTooSmall = errors.New("agreement: instalment too small to repay the debt")

	// ErrPaymentConflict: two payments with the same ID differ in date or
	// amount, so which one was meant cannot be known.
	ErrPaymentConflict = errors.New("agreement: conflicting payments with the same id")

	// ErrDefaulted: the plan is breached under the breach rule (E13).
	// Status.Err returns a *BreachError wrapping it.
	ErrDefaulted = errors.New("agreement: plan breached")

	// ErrNoRule: the package has no allocation order for a jurisdiction.
	ErrNoRule = errors.New("agreement: no rule")
)

// SolveError reports that an annuity function found no solution.
type SolveError struct {
	Func   string // "NPER" or "RATE"
	Reason string
}

// Error returns, e.g., "agreement: RATE: no rate solves the annuity equation".
func (e *SolveError) Error() string { return "agreement: " + e.Func + ": " + e.Reason }

// Unwrap returns ErrNoSolution.
func (e *SolveError) Unwrap() error { return ErrNoSolution }

// TooSmallError reports an instalment that cannot repay the debt, with the
// interest it has to exceed. For a plan with a chosen instalment the
// smallest instalment that repays at all is one minor unit more than the
// first period's interest (Period 1), unless a later, longer period needs
// more (Period > 1).
type TooSmallError struct {
	Instalment money.Money // the instalment as given or computed
	Interest   money.Money // the interest of Period, which the instalment must exceed
	Period     int         // the instalment number whose interest is not covered
	Due        date.Date   // its due date
}

// Error returns, e.g., "agreement: instalment 5.00 DKK does not exceed the
// interest of period 1 (due 2025-02-01), 7.50 DKK: instalment too small to
// repay the debt".
func (e *TooSmallError) Error() string {
	return fmt.Sprintf("agreement: instalment %s does not exceed the interest of period %d (due %s), %s: instalment too small to repay the debt",
		e.Instalment, e.Period, e.Due, e.Interest)
}

// Unwrap returns ErrInstalmentTooSmall.
func (e *TooSmallError) Unwrap() error { return ErrInstalmentTooSmall }

// BreachError says since when a plan is breached and which rule was broken.
type BreachError struct {
	Since  date.Date // the first day on which the rule was broken
	Number int       // the instalment that broke it (for the Missed rule: the last one counted)
	Rule   string    // e.g. "instalment 3 unpaid 14 days after its due date 2025-04-01"
}

// Error returns, e.g., "agreement: plan breached since 2025-04-16: instalment
// 3 unpaid 14 days after its due date 2025-04-01".
func (e *BreachError) Error() string {
	return fmt.Sprintf("agreement: plan breached since %s: %s", e.Since, e.Rule)
}

// Unwrap returns ErrDefaulted.
func (e *BreachError) Unwrap() error { return ErrDefaulted }
