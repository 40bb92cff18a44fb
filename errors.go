package dunning

import (
	"errors"
	"fmt"
)

// ErrInvalid is the sentinel every validation error in the SDK unwraps to, so a caller
// can tell bad input from a failure of the host's systems with errors.Is(err, ErrInvalid).
var ErrInvalid = errors.New("invalid input")

// FieldError says which field of an input is wrong, with the offending value and why. It
// unwraps to [ErrInvalid], and to Err when that is set (for example a sentinel of the
// package that found the problem).
//
// Validation functions return every problem they find at once, each as a *FieldError,
// joined with errors.Join; use errors.As to get at the first, or walk the tree with the
// Unwrap() []error method of the joined error to list them all.
type FieldError struct {
	Field  string // the field's path, such as "Party.Address.PostalCode"
	Value  string // the offending value as the caller gave it
	Reason string // what is wrong, such as "is not a valid CVR number"
	Err    error  // an optional, more specific cause; may be nil
}

// Error returns a message such as `Party.Email "jens@": is not an e-mail address`.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s %q: %s", e.Field, e.Value, e.Reason)
}

// Unwrap returns [ErrInvalid] and, when set, the more specific cause.
func (e *FieldError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalid, e.Err}
	}
	return []error{ErrInvalid}
}
