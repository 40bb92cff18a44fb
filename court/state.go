package court

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Stage is where a Danish court case stands. The zero value is invalid.
// Implements E8 and E10.
type Stage uint8

// The stages.
const (
	// Filed: the payment claim or enforcement request reached the court; a payment claim
	// waits to be served on the debtor.
	Filed Stage = iota + 1
	// ObjectionWindow: the payment claim was served; the debtor may object until
	// State.Until, inclusive (ObjectionDays).
	ObjectionWindow
	// Objected: the debtor objected in time; the payment claim ends unless the creditor
	// takes the case to the civil court (Sue).
	Objected
	// InCivilCourt: the claim is tried as a civil case.
	InCivilCourt
	// Enforceable: the creditor holds a title (an endorsed payment claim or a judgment)
	// and may ask the enforcement court for execution.
	Enforceable
	// Enforcing: enforcement (udlæg) was requested from the fogedret.
	Enforcing
	// Withdrawn: the creditor withdrew the case (for example because the debtor paid).
	// Final.
	Withdrawn
)

var stageNames = []string{"", "filed", "objection-window", "objected", "in-civil-court", "enforceable", "enforcing", "withdrawn"}

// String returns the stage's name, such as "objection-window".
func (s Stage) String() string { return enumString(s, stageNames, "Stage") }

// IsValid reports whether s is one of the constants.
func (s Stage) IsValid() bool { return enumValid(s, stageNames) }

// MarshalText implements encoding.TextMarshaler.
func (s Stage) MarshalText() ([]byte, error) { return enumMarshal(s, stageNames, "Stage") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Stage) UnmarshalText(b []byte) error {
	v, err := ParseStage(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseStage reads the String form of a Stage (any case).
func ParseStage(s string) (Stage, error) { return enumParse[Stage](s, stageNames, "Stage") }

// ObjectionDays is how long the debtor has to object to a served Danish payment claim:
// 14 days from service (E8, seed 003; the research's statute extracts do not give it).
const ObjectionDays = 14

// State is a Danish court case as a small value: the stage it is in since which date,
// and what later steps need to know. Its methods are pure: each returns the next State
// (the receiver is unchanged) and, where the step costs a court fee, that Fee; a step
// that costs nothing returns the zero Fee. A refused step returns a *TransitionError
// (ErrTransition) and changes nothing. Implements E8 and E10.
//
// Fees already paid are not refunded by a later step: a withdrawal costs nothing and
// returns nothing (SE states this for its fee; for DK the research only mentions the
// hearing-fee refund when a case ends at least 2 weeks before the hearing).
type State struct {
	Route    Route
	District District
	// Claim is the value court fees are computed from (see Filing.Claim).
	Claim money.Money
	Stage Stage
	// Since is the date the current stage began.
	Since date.Date
	// Until is the last day of the objection window in stage ObjectionWindow; zero
	// otherwise.
	Until date.Date
	// FeePaid is the date the last fogedret fee was paid (the filing date of a charged
	// payment claim or enforcement request): steps within 12 months are covered.
	FeePaid date.Date
	// CivilCaseOnObjection records that the creditor asked, when filing, for an
	// objection to turn the payment claim into a civil case (E8).
	CivilCaseOnObjection bool
}

// FileOptions are the choices made when filing.
type FileOptions struct {
	// District is the court filed at. Required.
	District District
	// CivilCaseOnObjection asks the court to turn the payment claim into a civil case if
	// the debtor objects (E8). The conversion fee is UNVERIFIED (see Rules,
	// "DK-2021-conversion").
	CivilCaseOnObjection bool
}

// File starts a Danish court case: a payment claim (f.Proceeding PaymentOrder, route
// ByPaymentClaim) or an enforcement request (Enforcement, route ByEnforcementRequest,
// which needs a valid Foundation — see RouteFor). It returns the new State and the fee
// payable on filing (FeeFor(f)). Only DK is modelled; other jurisdictions are refused
// with a *dunning.FieldError.
func File(f Filing, o FileOptions) (State, Fee, error) {
	if f.Jurisdiction != dunning.DK {
		return State{}, Fee{}, fieldErr("Filing.Jurisdiction", string(f.Jurisdiction), "the court State models the Danish procedure only (E8, E10)", nil)
	}
	var route Route
	switch f.Proceeding {
	case PaymentOrder:
		route = ByPaymentClaim
	case Enforcement:
		route = ByEnforcementRequest
	default:
		return State{}, Fee{}, fieldErr("Filing.Proceeding", f.Proceeding.String(), "a case is filed as a payment-order or an enforcement request", nil)
	}
	if !o.District.IsValid() {
		return State{}, Fee{}, fieldErr("FileOptions.District", o.District.String(), "is required: one of the 24 district courts", nil)
	}
	fee, err := FeeFor(f)
	if err != nil {
		return State{}, Fee{}, err
	}
	s := State{Route: route, District: o.District, Claim: f.Claim, Stage: Filed, Since: f.Date,
		FeePaid: f.FeePaid, CivilCaseOnObjection: o.CivilCaseOnObjection && route == ByPaymentClaim}
	if route == ByEnforcementRequest {
		s.Stage = Enforcing
	}
	if fee.Amount.IsPositive() {
		s.FeePaid = f.Date
	}
	return s, fee, nil
}

// refuse builds the error of a refused step.
func (s State) refuse(step string, on date.Date, reason string) error {
	return &TransitionError{Stage: s.Stage, Step: step, On: on, Reason: reason}
}

// check refuses a step in the wrong stage or with a bad date.
func (s State) check(step string, on date.Date, from ...Stage) error {
	if on.IsZero() {
		return s.refuse(step, on, "the date is required")
	}
	if on.Before(s.Since) {
		return s.refuse(step, on, "the date is before the stage began on "+s.Since.String())
	}
	for _, st := range from {
		if s.Stage == st {
			return nil
		}
	}
	names := ""
	for i, st := range from {
		if i > 0 {
			names += " or "
		}
		names += st.String()
	}
	return s.refuse(step, on, "allowed only in stage "+names)
}

// Serve records that the court served the payment claim on the debtor on the given date:
// the objection window runs until on + ObjectionDays.
func (s State) Serve(on date.Date) (State, error) {
	if err := s.check("Serve", on, Filed); err != nil {
		return s, err
	}
	if s.Route != ByPaymentClaim {
		return s, s.refuse("Serve", on, "only a payment claim is served for objection")
	}
	s.Stage, s.Since, s.Until = ObjectionWindow, on, on.AddDays(ObjectionDays)
	return s, nil
}

// Object records the debtor's objection on the given date, which must fall in the
// window. If the creditor asked for it when filing, the case becomes a civil case at
// once and the conversion fee is due (DK: UNVERIFIED, see Rules); otherwise the case
// stops at Objected and the returned Fee is zero.
func (s State) Object(on date.Date) (State, Fee, error) {
	if err := s.check("Object", on, ObjectionWindow); err != nil {
		return s, Fee{}, err
	}
	if on.After(s.Until) {
		return s, Fee{}, s.refuse("Object", on, "the objection window closed on "+s.Until.String())
	}
	if !s.CivilCaseOnObjection {
		s.Stage, s.Since, s.Until = Objected, on, date.Date{}
		return s, Fee{}, nil
	}
	fee, err := FeeFor(Filing{Jurisdiction: dunning.DK, Proceeding: Conversion, Claim: s.Claim, Date: on})
	if err != nil {
		return s, Fee{}, err
	}
	s.Stage, s.Since, s.Until = InCivilCourt, on, date.Date{}
	return s, fee, nil
}

// Sue takes an objected payment claim to the civil court on the given date, at the
// civil-case filing fee (FeeFor with CivilCase). The hearing fee, due later if the case
// goes to a main hearing, is FeeFor with Hearing.
func (s State) Sue(on date.Date) (State, Fee, error) {
	if err := s.check("Sue", on, Objected); err != nil {
		return s, Fee{}, err
	}
	fee, err := FeeFor(Filing{Jurisdiction: dunning.DK, Proceeding: CivilCase, Claim: s.Claim, Date: on})
	if err != nil {
		return s, Fee{}, err
	}
	s.Stage, s.Since = InCivilCourt, on
	return s, fee, nil
}

// Endorse records that the objection window passed without objection and the court
// endorsed the payment claim (anden påtegning) on the given date, a day after the window
// at the earliest. The endorsed claim is a foundation (E8), returned for the case's
// records.
func (s State) Endorse(on date.Date) (State, Foundation, error) {
	if err := s.check("Endorse", on, ObjectionWindow); err != nil {
		return s, Foundation{}, err
	}
	if !on.After(s.Until) {
		return s, Foundation{}, s.refuse("Endorse", on, "the objection window is open until "+s.Until.String())
	}
	s.Stage, s.Since, s.Until = Enforceable, on, date.Date{}
	return s, Foundation{Kind: EndorsedPaymentClaim, Date: on}, nil
}

// Judge records a judgment for the creditor in the civil case on the given date; the
// judgment is a foundation (E8), returned for the case's records.
func (s State) Judge(on date.Date) (State, Foundation, error) {
	if err := s.check("Judge", on, InCivilCourt); err != nil {
		return s, Foundation{}, err
	}
	s.Stage, s.Since = Enforceable, on
	return s, Foundation{Kind: Judgment, Date: on}, nil
}

// Enforce asks the enforcement court for execution (udlæg) on the given date. The fee is
// FeeFor with Enforcement; from 2021-10-01 it is covered (0 DKK) within 12 months of
// the fee paid on filing the payment claim.
func (s State) Enforce(on date.Date) (State, Fee, error) {
	if err := s.check("Enforce", on, Enforceable); err != nil {
		return s, Fee{}, err
	}
	fee, err := FeeFor(Filing{Jurisdiction: dunning.DK, Proceeding: Enforcement, Claim: s.Claim, Date: on, FeePaid: s.FeePaid})
	if err != nil {
		return s, Fee{}, err
	}
	s.Stage, s.Since = Enforcing, on
	if fee.Amount.IsPositive() {
		s.FeePaid = on
	}
	return s, fee, nil
}

// Withdraw withdraws the case from the court on the given date, from any stage but
// Withdrawn, for example because the debtor paid. It costs nothing and refunds nothing.
// Implements E10.
func (s State) Withdraw(on date.Date) (State, error) {
	if err := s.check("Withdraw", on, Filed, ObjectionWindow, Objected, InCivilCourt, Enforceable, Enforcing); err != nil {
		return s, err
	}
	s.Stage, s.Since, s.Until = Withdrawn, on, date.Date{}
	return s, nil
}
