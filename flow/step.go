package flow

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// FeeRule says what fee a step asks for. The zero FeeRule is FeeNone: no fee.
//
// Whatever the rule asks for, Decide charges only what the fees package allows
// for that reminder on that case (cap, count, spacing, dispute, prior agreement):
// a FeeFixed amount above the law's cap is reduced, never charged in full.
type FeeRule struct {
	Mode   FeeMode     `json:"mode"`
	Amount money.Money `json:"amount"` // for FeeFixed: the fee asked for, VAT included
}

// String returns "none", "max" or "fixed 60.00 SEK".
func (r FeeRule) String() string {
	if r.Mode == FeeFixed {
		return "fixed " + r.Amount.String()
	}
	return r.Mode.String()
}

// Step is one step of a Flow.
type Step struct {
	// Kind is what the step does.
	Kind Kind `json:"kind"`
	// Name is the step's name as a person reads it, such as "Reminder 1"; it is
	// used in reasons (S10) and defaults to the kind's text.
	Name string `json:"name"`
	// Days is the number of days after the previous step was actually taken
	// before this step may be taken; for the first step, the days after the
	// due date plus the postal days (S2, E1). It is never negative.
	Days int `json:"days"`
	// EndOfMonth moves the day the step comes to the last day of the month in
	// which its Days run out (a level that fires at the end of the month, as
	// month-end statement runs do: Odoo, OCA credit control). The day after a
	// previous deadline, a pause and a holiday window still hold it back from
	// there; the law's notice periods are unchanged.
	EndOfMonth bool `json:"endOfMonth,omitempty"`
	// Deadline is the number of days the debtor is given to pay, counted from
	// the day the step is taken: the deadline is the last day to pay, and the
	// next step is not proposed before the day after it. Zero means "until the
	// day before the next step is due" (the next step's Days - 1), and no
	// deadline for the last step or when the next step has 0 Days. Either way
	// Decide never gives less than the law's notice for the step's letter
	// (LawfulDeadline); Validate reports a Deadline set shorter than it.
	Deadline int `json:"deadline,omitempty"`
	// Fee is the fee the step asks for; only reminder kinds (Kind.IsReminder)
	// may carry one.
	Fee FeeRule `json:"fee,omitzero"`
	// Template names the letter template (the letters package's document).
	Template string `json:"template,omitempty"`
	// Channel is how the document is sent; unset means the host's default.
	Channel Channel `json:"channel,omitempty"`
	// BlocksCustomer says the customer may not be invoiced again once this
	// step is taken (S5, "customer has unpaid invoices").
	BlocksCustomer bool `json:"blocksCustomer,omitempty"`
	// Comment is printed on the step's letter (S6).
	Comment string `json:"comment,omitempty"`
	// Discount is, for a SettlementOffer, the discount offered on the debt in
	// percent (20 means 20 %), more than 0 and less than 100 (E1, E11).
	Discount decimal.Decimal `json:"discount,omitzero"`
}

// FeeBearing reports whether the step asks for a fee. What it charges is what the
// law allows on its day (Decide); only a fee actually charged counts against the
// law's limits for the reminders after it (DK: at most 3, 10 days apart).
func (s Step) FeeBearing() bool { return s.Fee.Mode != FeeNone }

// validate appends every problem with s, each a *dunning.FieldError named after
// field (such as "Steps[2]").
func (s Step) validate(field string, errs []error) []error {
	bad := func(sub, value, reason string) {
		errs = append(errs, &dunning.FieldError{Field: field + "." + sub, Value: value, Reason: reason, Err: ErrInvalidFlow})
	}
	if !s.Kind.IsValid() {
		bad("Kind", s.Kind.String(), "is not a step kind")
	}
	if s.Kind == FreeLetter {
		bad("Kind", s.Kind.String(), "is a manual action, not a flow step (E20)")
	}
	if s.Days < 0 {
		bad("Days", strconv.Itoa(s.Days), "is negative")
	}
	if s.Deadline < 0 {
		bad("Deadline", strconv.Itoa(s.Deadline), "is negative")
	}
	if !s.Channel.IsValid() {
		bad("Channel", s.Channel.String(), "is not a channel")
	}
	switch s.Fee.Mode {
	case FeeNone, FeeMax:
	case FeeFixed:
		if !s.Fee.Amount.IsValid() {
			bad("Fee.Amount", s.Fee.Amount.String(), "has no known currency")
		} else if s.Fee.Amount.IsNegative() {
			bad("Fee.Amount", s.Fee.Amount.String(), "is negative")
		}
	default:
		bad("Fee.Mode", s.Fee.Mode.String(), "is not a fee mode")
	}
	if s.Fee.Mode != FeeNone && s.Kind.IsValid() && !s.Kind.IsReminder() {
		bad("Fee", s.Fee.String(), "only a reminder or collection warning may carry a reminder fee")
	}
	if s.Kind == SettlementOffer {
		if s.Discount.Sign() <= 0 || s.Discount.Cmp(hundred) >= 0 {
			bad("Discount", s.Discount.String(), "must be more than 0 and less than 100 percent")
		}
	} else if !s.Discount.IsZero() {
		bad("Discount", s.Discount.String(), "only a settlement offer has a discount")
	}
	return errs
}

var hundred = decimal.NewFromInt(100) // read-only

// Flow is a named, validated list of steps. It is immutable: New copies the steps, and
// Step and All return copies, so a Flow can be shared between goroutines and cases.
//
// The zero Flow has no name and no steps; Decide reports it as finished.
type Flow struct {
	name  string
	steps []Step
}

// New returns the flow called name with the given steps, or every problem with them
// (errors.Join of *dunning.FieldError, each unwrapping to dunning.ErrInvalid and
// ErrInvalidFlow): an empty name, no steps, an undefined kind or channel, negative
// days, a fee on a step that is not a reminder, a discount outside (0, 100) on a
// settlement offer or any discount on another kind. A step without a name is named
// after its kind. New does not check the law: use Validate for that.
func New(name string, steps ...Step) (Flow, error) {
	var errs []error
	if name == "" {
		errs = append(errs, &dunning.FieldError{Field: "Name", Value: name, Reason: "is empty", Err: ErrInvalidFlow})
	}
	if len(steps) == 0 {
		errs = append(errs, &dunning.FieldError{Field: "Steps", Value: "[]", Reason: "a flow needs at least one step", Err: ErrInvalidFlow})
	}
	for i, s := range steps {
		errs = s.validate("Steps["+strconv.Itoa(i)+"]", errs)
	}
	if len(errs) > 0 {
		return Flow{}, fmt.Errorf("flow %q: %w", name, errors.Join(errs...))
	}
	cp := make([]Step, len(steps))
	copy(cp, steps)
	for i := range cp {
		if cp[i].Name == "" {
			cp[i].Name = cp[i].Kind.String()
		}
	}
	return Flow{name: name, steps: cp}, nil
}

// mustNew is New for the presets, whose steps are constants.
func mustNew(name string, steps ...Step) Flow {
	f, err := New(name, steps...)
	if err != nil {
		panic(err) // a preset is wrong: a programming error
	}
	return f
}

// Name returns the flow's name.
func (f Flow) Name() string { return f.name }

// Len returns the number of steps.
func (f Flow) Len() int { return len(f.steps) }

// Step returns step i (0-based); it panics if i is out of range, like a slice index.
func (f Flow) Step(i int) Step { return f.steps[i] }

// All yields the steps with their indexes, in order.
func (f Flow) All() iter.Seq2[int, Step] {
	return func(yield func(int, Step) bool) {
		for i, s := range f.steps {
			if !yield(i, s) {
				return
			}
		}
	}
}

// Offsets returns, for each step, its day counted from the due date plus postal days
// when every step is taken on the first day it is allowed: the flow's schedule.
func (f Flow) Offsets() []int {
	out := make([]int, len(f.steps))
	day := 0
	for i, s := range f.steps {
		day += s.Days
		out[i] = day
	}
	return out
}

// String returns the flow's name and steps, such as
// `Standard: reminder +3, reminder +12, …`.
func (f Flow) String() string {
	b := []byte(f.name)
	b = append(b, ':')
	for i, s := range f.steps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, ' ')
		b = append(b, s.Name...)
		b = append(b, " +"...)
		b = strconv.AppendInt(b, int64(s.Days), 10)
	}
	return string(b)
}

type flowJSON struct {
	Name  string `json:"name"`
	Steps []Step `json:"steps"`
}

// MarshalJSON writes {"name": ..., "steps": [...]}.
func (f Flow) MarshalJSON() ([]byte, error) {
	return json.Marshal(flowJSON{Name: f.name, Steps: f.steps})
}

// UnmarshalJSON reads the form MarshalJSON writes and validates it like New.
func (f *Flow) UnmarshalJSON(b []byte) error {
	var j flowJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	v, err := New(j.Name, j.Steps...)
	if err != nil {
		return err
	}
	*f = v
	return nil
}
