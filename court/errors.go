package court

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
)

// Sentinels callers branch on with errors.Is. Bad input is reported as a
// *dunning.FieldError (which unwraps to dunning.ErrInvalid); the readiness problems of
// CheckPaymentClaim are *dunning.FieldError values whose Err is one of the ErrNotReady
// family below.
var (
	// ErrNoRule means the tables hold no fee rule for the jurisdiction, proceeding and
	// filing date asked for: the date lies before the first known rule or after the last,
	// the jurisdiction has no such proceeding in the tables, or (NO) the rettsgebyr of the
	// filing year is not known. The SDK never guesses a fee.
	ErrNoRule = errors.New("court: no fee rule")

	// ErrNotReady is what every problem found by CheckPaymentClaim unwraps to: the payment
	// claim would be rejected by the court as it stands.
	ErrNotReady = errors.New("court: payment claim not ready for filing")
	// ErrIncomplete: a required field of the payment claim is missing or malformed.
	ErrIncomplete = fmt.Errorf("%w: incomplete", ErrNotReady)
	// ErrSpecification: the claim specification does not add up (amounts, interest
	// periods and rates, costs).
	ErrSpecification = fmt.Errorf("%w: claim specification does not add up", ErrNotReady)
	// ErrAboveCap: the collection costs claimed exceed the cap of package fees.
	ErrAboveCap = fmt.Errorf("%w: costs above the statutory cap", ErrNotReady)
	// ErrTimeBarred: an invoice is time-barred on the filing date (forældelsesloven § 3).
	ErrTimeBarred = fmt.Errorf("%w: time-barred", ErrNotReady)
	// ErrTooEarly: the collection warning's deadline (inkassoloven § 10) has not passed
	// on the filing date, or the warning gave less than 10 days.
	ErrTooEarly = fmt.Errorf("%w: collection warning deadline not respected", ErrNotReady)
	// ErrCurrency: an amount of a Danish payment claim is not in DKK.
	ErrCurrency = fmt.Errorf("%w: amount not in DKK", ErrNotReady)

	// ErrTransition means a court State cannot take the step asked for (for example an
	// objection after the window closed, or any step after a withdrawal).
	ErrTransition = errors.New("court: step not allowed in this stage")
)

// NoRuleError says which fee was asked for and why the tables have none. It unwraps to
// [ErrNoRule].
type NoRuleError struct {
	Jurisdiction dunning.Jurisdiction
	Proceeding   Proceeding
	Date         date.Date // the filing date asked for
	Reason       string
}

// Error returns a message such as
// "court: no fee rule for DK payment-order on 2020-05-01: before the first known rule (2021-10-01)".
func (e *NoRuleError) Error() string {
	return fmt.Sprintf("court: no fee rule for %s %s on %s: %s", e.Jurisdiction, e.Proceeding, e.Date, e.Reason)
}

// Unwrap returns [ErrNoRule].
func (e *NoRuleError) Unwrap() error { return ErrNoRule }

// TransitionError says which step a State refused and why. It unwraps to [ErrTransition].
type TransitionError struct {
	Stage  Stage     // the stage the state was in
	Step   string    // the step asked for, such as "Object"
	On     date.Date // the date of the step
	Reason string
}

// Error returns a message such as
// "court: Object on 2025-03-20 not allowed in stage objection-window: the window closed on 2025-03-15".
func (e *TransitionError) Error() string {
	return fmt.Sprintf("court: %s on %s not allowed in stage %s: %s", e.Step, e.On, e.Stage, e.Reason)
}

// Unwrap returns [ErrTransition].
func (e *TransitionError) Unwrap() error { return ErrTransition }

// Problems lists the problems in an error returned by [CheckPaymentClaim] (or any
// validation in this package), in order: every *dunning.FieldError in the tree of err.
// It returns nil for a nil error.
func Problems(err error) []*dunning.FieldError {
	var out []*dunning.FieldError
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if fe, ok := e.(*dunning.FieldError); ok {
			out = append(out, fe)
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// fieldErr builds the *dunning.FieldError every validation in the package returns.
func fieldErr(field, value, reason string, err error) *dunning.FieldError {
	return &dunning.FieldError{Field: field, Value: value, Reason: reason, Err: err}
}
