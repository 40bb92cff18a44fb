package flow

import (
	"errors"
	"strconv"

	"github.com/dunning-go/dunning/fees"
)

// ErrInvalidFlow is wrapped by every problem New and ReminderModule find in a flow
// definition (each a *dunning.FieldError, which also unwraps to dunning.ErrInvalid).
var ErrInvalidFlow = errors.New("flow: invalid flow")

// ErrUnlawful is wrapped by every way Validate finds a flow to break the law.
var ErrUnlawful = errors.New("flow: flow breaks the law")

// StepError says which step of which flow a problem concerns. It unwraps to
// ErrUnlawful and to Err (the fees package's error, with its own sentinel).
type StepError struct {
	Flow  string // the flow's name
	Index int    // the step's index in the flow, 0-based
	Step  string // the step's name
	Err   error  // what is wrong
	// Problem is the fees package's finding when the error comes from
	// fees.CheckSchedule (Validate); its Reason.Code says which rule is broken.
	Problem fees.Problem
}

// Error returns a message such as
// `flow "Custom": step 4 "Reminder 4": fees: …`.
func (e *StepError) Error() string {
	if e.Err == nil {
		return "flow " + strconv.Quote(e.Flow) + ": step " + strconv.Itoa(e.Index+1) + " " + strconv.Quote(e.Step)
	}
	return "flow " + strconv.Quote(e.Flow) + ": step " + strconv.Itoa(e.Index+1) + " " +
		strconv.Quote(e.Step) + ": " + e.Err.Error()
}

// Unwrap returns ErrUnlawful and Err.
func (e *StepError) Unwrap() []error { return []error{ErrUnlawful, e.Err} }
