package letters

import (
	"errors"
	"fmt"
)

// Sentinel errors. Detail errors unwrap to them; match with errors.Is.
var (
	// ErrTemplate means a template failed to load: it does not parse, refers to an
	// unknown field or function, lacks a required block, or fails on sample data.
	ErrTemplate = errors.New("letters: bad template")
	// ErrMissingTranslation means a template asks for a word the vocabulary of its
	// language does not have, or a kind has no template in a language.
	ErrMissingTranslation = errors.New("letters: missing translation")
	// ErrStatutory means a letter lacks an element the law of its jurisdiction
	// requires (see CheckStatutory). It is always wrapped in a *dunning.FieldError
	// naming the field.
	ErrStatutory = errors.New("letters: statutory content missing")
	// ErrNoWayToPay means a letter that asks for payment (Kind.AsksForPayment)
	// has no account to pay to: Data.Creditor.Bank has neither an IBAN nor a
	// domestic account. It is wrapped in a *dunning.FieldError naming the field;
	// Render refuses such a letter, so it is never sent.
	ErrNoWayToPay = errors.New("letters: the letter asks for payment but gives no account to pay to")
)

// TemplateError says which template failed to load and why. It unwraps to
// ErrTemplate and to the underlying cause.
type TemplateError struct {
	Path string // the template's path in the template file system, such as "da/reminder.tmpl"
	Err  error  // the cause: a parse or execution error, or ErrMissingTranslation
}

// Error returns a message such as `letters: bad template da/reminder.tmpl: …`.
func (e *TemplateError) Error() string {
	return fmt.Sprintf("letters: bad template %s: %v", e.Path, e.Err)
}

// Unwrap returns ErrTemplate and the cause.
func (e *TemplateError) Unwrap() []error { return []error{ErrTemplate, e.Err} }
