package collection

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinels for the conditions a caller branches on with errors.Is. Each is
// wrapped by a typed error with the details.
var (
	// ErrNotFound: no case with that id (a deleted case is not found either).
	ErrNotFound = errors.New("collection: not found")
	// ErrConflict: the case was changed by someone else since it was loaded.
	ErrConflict = errors.New("collection: version conflict")
	// ErrExists: a case with that id already exists (Open, Reopen).
	ErrExists = errors.New("collection: case already exists")
	// ErrInvalidTransition: the command is not allowed for the case as it is
	// (a closed case cannot be paused, a deactivated case never comes back, P4).
	ErrInvalidTransition = errors.New("collection: not allowed in this state")
	// ErrAcknowledgementRequired: deactivation needs an acknowledgement the caller
	// did not give (P3).
	ErrAcknowledgementRequired = errors.New("collection: acknowledgement required")
	// ErrInvoiceInUse: an invoice is already in a running case, or is locked by a
	// deactivation and may only be re-opened with Reopen (P6).
	ErrInvoiceInUse = errors.New("collection: invoice already in a case")
	// ErrUnknownFlow: no flow of that name is configured in Options.Flows.
	ErrUnknownFlow = errors.New("collection: unknown flow")
	// ErrUnsupported: the Store does not offer an optional capability
	// (EventReader, OutboxReader).
	ErrUnsupported = errors.New("collection: not supported by the store")
)

// NotFoundError says which case was not found. It unwraps to ErrNotFound.
type NotFoundError struct {
	CaseID CaseID
}

// Error returns a message such as `collection: case "c1" not found`.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("collection: case %q not found", string(e.CaseID))
}

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// ConflictError says that a Save found another version stored than the one the
// case was loaded at. It unwraps to ErrConflict. Have is 0 when the case is not
// stored at all.
type ConflictError struct {
	CaseID CaseID
	Want   Version // the version the writer loaded (Case.Version)
	Have   Version // the version stored
}

// Error returns a message such as `collection: case "c1": version 3 is stale, stored is 4`.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("collection: case %q: version %d is stale, stored is %d", string(e.CaseID), e.Want, e.Have)
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// ExistsError says that a case with the id already exists. It unwraps to ErrExists.
type ExistsError struct {
	CaseID CaseID
}

// Error returns a message such as `collection: case "c1" already exists`.
func (e *ExistsError) Error() string {
	return fmt.Sprintf("collection: case %q already exists", string(e.CaseID))
}

// Unwrap returns ErrExists.
func (e *ExistsError) Unwrap() error { return ErrExists }

// TransitionError says that a command is not allowed for a case as it is, and
// why. It unwraps to ErrInvalidTransition.
type TransitionError struct {
	CaseID CaseID
	Op     string // the command, such as "pause"
	Status Status // the case's status on the day of the command
	Reason string // why, such as "a deactivated case can never be reactivated"
}

// Error returns a message such as `collection: pause case "c1" (closed): a closed case cannot be paused`.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("collection: %s case %q (%s): %s", e.Op, string(e.CaseID), e.Status, e.Reason)
}

// Unwrap returns ErrInvalidTransition.
func (e *TransitionError) Unwrap() error { return ErrInvalidTransition }

// AcknowledgementError says which acknowledgements deactivating a case needs and
// were not given (P3). Each condition is reported on its own. It unwraps to
// ErrAcknowledgementRequired.
type AcknowledgementError struct {
	CaseID CaseID
	// Published: the case was visible to the debtor; acknowledge with
	// Acknowledgements.Published.
	Published bool
	// StepsTaken: at least one letter was sent; acknowledge with
	// Acknowledgements.StepsTaken.
	StepsTaken bool
}

// Error returns a message naming every missing acknowledgement, such as
// `collection: deactivate case "c1": acknowledge that the case was published and that steps were taken`.
func (e *AcknowledgementError) Error() string {
	var parts []string
	if e.Published {
		parts = append(parts, "that the case was published (visible to the debtor)")
	}
	if e.StepsTaken {
		parts = append(parts, "that steps were taken (the debtor was sent a letter)")
	}
	return fmt.Sprintf("collection: deactivate case %q: acknowledge %s", string(e.CaseID), strings.Join(parts, " and "))
}

// Unwrap returns ErrAcknowledgementRequired.
func (e *AcknowledgementError) Unwrap() error { return ErrAcknowledgementRequired }

// InvoiceError says that an invoice cannot join a case because it is in another
// one. It unwraps to ErrInvoiceInUse.
type InvoiceError struct {
	InvoiceID string
	// CaseID is the case that holds the invoice.
	CaseID CaseID
	// Locked: the invoice is locked in a deactivated case; Reopen puts it in a new
	// case (P6). Otherwise the other case is running.
	Locked bool
}

// Error returns a message such as `collection: invoice "i1" is locked in deactivated case "c1"; use Reopen`.
func (e *InvoiceError) Error() string {
	if e.Locked {
		return fmt.Sprintf("collection: invoice %q is locked in deactivated case %q; re-open it with Reopen", e.InvoiceID, string(e.CaseID))
	}
	return fmt.Sprintf("collection: invoice %q is already in case %q", e.InvoiceID, string(e.CaseID))
}

// Unwrap returns ErrInvoiceInUse.
func (e *InvoiceError) Unwrap() error { return ErrInvoiceInUse }
