package money

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error this package returns wraps exactly one of them, so
// callers branch with errors.Is; the typed errors below carry the details.
var (
	// ErrCurrencyMismatch is wrapped by errors from arithmetic and comparison of
	// amounts in different currencies (see MismatchError).
	ErrCurrencyMismatch = errors.New("money: currency mismatch")

	// ErrDivisionByZero is wrapped by errors from dividing by zero. The package
	// checks every divisor, so shopspring/decimal never panics inside it.
	ErrDivisionByZero = errors.New("money: division by zero")

	// ErrUnknownCurrency is wrapped by errors about a currency code that is not in
	// the pinned ISO 4217 table, is malformed, has no minor units in ISO 4217
	// ("N.A.", e.g. XAU), or is missing (see CurrencyError).
	ErrUnknownCurrency = errors.New("money: unknown currency")

	// ErrInvalidAmount is wrapped by errors about an amount that is not a plain
	// decimal number (see AmountError).
	ErrInvalidAmount = errors.New("money: invalid amount")

	// ErrTooPrecise is wrapped by errors about an amount with more fraction digits
	// than its currency has minor units, such as "10.005" EUR (see AmountError).
	ErrTooPrecise = errors.New("money: too many fraction digits")

	// ErrOverflow is wrapped by errors about a result that does not fit the
	// requested representation, such as MinorUnits beyond int64.
	ErrOverflow = errors.New("money: overflow")

	// ErrInvalidArgument is wrapped by errors about an argument outside its domain:
	// a split into zero parts, negative or all-zero ratios, an unknown rounding mode.
	ErrInvalidArgument = errors.New("money: invalid argument")
)

// CurrencyError reports a currency code that cannot be used. It unwraps to
// ErrUnknownCurrency.
type CurrencyError struct {
	Code   string // the code as given; "" for a missing currency
	Reason string // what is wrong with it, in words
}

// Error returns, e.g., `money: currency "EUX" is not in ISO 4217 (list of 2026-01-01)`.
func (e *CurrencyError) Error() string {
	return "money: currency " + strconv.Quote(e.Code) + " " + e.Reason
}

// Unwrap returns ErrUnknownCurrency.
func (e *CurrencyError) Unwrap() error { return ErrUnknownCurrency }

// AmountError reports an amount that cannot be used in its currency. Err is
// ErrInvalidAmount (not a plain decimal number), ErrTooPrecise (more fraction digits
// than the currency's minor units) or ErrOverflow; Unwrap returns it.
type AmountError struct {
	Input    string   // the amount as given
	Currency Currency // the currency it was given in, if known
	Reason   string   // what is wrong with it, in words
	Err      error    // the sentinel
}

// Error returns, e.g., `money: "10.005" has 3 fraction digits, EUR allows 2`.
func (e *AmountError) Error() string {
	return "money: " + strconv.Quote(e.Input) + " " + e.Reason
}

// Unwrap returns e.Err.
func (e *AmountError) Unwrap() error { return e.Err }

// MismatchError reports an operation on amounts in two different currencies. It
// unwraps to ErrCurrencyMismatch.
type MismatchError struct {
	Op   string   // "add", "subtract", "compare"
	A, B Currency // the currency of the receiver and of the argument
}

// Error returns, e.g., "money: cannot add DKK to EUR: currency mismatch".
func (e *MismatchError) Error() string {
	switch e.Op {
	case "add":
		return "money: cannot add " + string(e.B) + " to " + string(e.A) + ": currency mismatch"
	case "subtract":
		return "money: cannot subtract " + string(e.B) + " from " + string(e.A) + ": currency mismatch"
	}
	return "money: cannot " + e.Op + " " + string(e.A) + " with " + string(e.B) + ": currency mismatch"
}

// Unwrap returns ErrCurrencyMismatch.
func (e *MismatchError) Unwrap() error { return ErrCurrencyMismatch }
