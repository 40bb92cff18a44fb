package collection

import (
	"fmt"
	"strings"

	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
)

// State is where a case stands in its lifecycle on a day: a set of the states
// below, derived from the case by Case.StateOn (one function). A case is in
// exactly one of active, paused, closed, deactivated and deleted (its status on
// the day), and in any of manual, offer, plan, court and agency besides: a
// paused case on a payment plan is StatePaused|StatePlan. The package doc's
// "Lifecycle" table says which commands each state allows; lifecycle (below) is
// that table in code, and every command asks it (Service.allow).
type State uint16

// The states of a case.
const (
	StateActive      State = 1 << iota // running, not paused
	StatePaused                        // paused until a resume date (L1)
	StateClosed                        // closed (P1)
	StateDeactivated                   // deactivated, final (P2–P4)
	StateDeleted                       // deleted (P5)
	StateManual                        // out of batch follow-up (E18)
	StateOffer                         // on the settlement-offer track (E11, E20)
	StatePlan                          // on the payment-plan track (E12, E20)
	StateCourt                         // filed with the court and not withdrawn (E8, E10)
	StateAgency                        // handed over to an agency (S13)
)

var stateNames = [...]string{"active", "paused", "closed", "deactivated", "deleted", "manual", "offer", "plan", "court", "agency"}

// notRunningStates are the states in which the flow does not run: every command that
// acts on the flow or contacts the debtor is refused in them.
const notRunningStates = StateClosed | StateDeactivated | StateDeleted | StateAgency

// String returns the states joined by "+", such as "paused+plan".
func (s State) String() string {
	var parts []string
	for i, n := range stateNames {
		if s&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

// Has reports whether every state of t holds in s.
func (s State) Has(t State) bool { return s&t == t }

// StateOn returns the lifecycle states of the case on day.
func (c Case) StateOn(day date.Date) State {
	var s State
	switch c.StatusOn(day) {
	case StatusActive:
		s = StateActive
	case StatusPaused:
		s = StatePaused
	case StatusClosed:
		s = StateClosed
	case StatusDeactivated:
		s = StateDeactivated
	case StatusDeleted:
		s = StateDeleted
	}
	if c.Progress.Manual {
		s |= StateManual
	}
	switch c.Progress.Track {
	case flow.TrackOffer:
		s |= StateOffer
	case flow.TrackPlan:
		s |= StatePlan
	}
	if c.Court.Filed() && c.Court.State.Stage != court.Withdrawn {
		s |= StateCourt // withdrawn (E10): no longer in court
	}
	if !c.Agency.IsZero() {
		s |= StateAgency
	}
	return s
}

// transition is one row of the lifecycle table: a command, the states it needs
// (all of them) and the states that refuse it (any of them), and what it does.
type transition struct {
	op      string
	needs   State
	refuses State
	// reason, when set, is the refusal's reason whatever state refused it.
	reason string
	// effects says what the command does to the pause date, queued letters,
	// interest and fees, for the package doc's table.
	effects string
}

// lifecycle is the package doc's "Lifecycle" table: the one place that decides
// which command each state allows. A command not listed is a query or needs no
// state (Open, Get, List, AddNote).
var lifecycle = [...]transition{
	{op: "pause", refuses: notRunningStates, effects: "sets the pause date; interest runs on unless the creditor waives it (L1)"},
	{op: "resume", needs: StatePaused, refuses: notRunningStates, effects: "ends the pause today (L2)"},
	{op: "next", refuses: notRunningStates, effects: "query: flow.Decide with the creditor's holidays"},
	{op: "batch", refuses: notRunningStates, effects: "takes the due step: letter, fee, interest, costs (E17)"},
	{op: "switch flow", refuses: notRunningStates, effects: "replaces the pause (E21); keeps every step and fee"},
	{op: "override", refuses: notRunningStates, effects: "changes the next step's deadline or fee (E2), within the law"},
	{op: "delete last action", refuses: notRunningStates, effects: "removes its charges, restores the pause; cancels its unsent letter (E19)"},
	{op: "send letter", refuses: notRunningStates | StatePaused, effects: "queues a free letter (E20)"},
	{op: "set track", refuses: notRunningStates, effects: "moves the case to a track (E20)"},
	{op: "set manual", refuses: notRunningStates, effects: "out of or back into batch follow-up (E18)"},
	{op: "set disputed", refuses: notRunningStates, effects: "no further DK reminder fee"},
	{op: "hand over", refuses: notRunningStates, effects: "the agency runs the case (S13)"},
	{op: "await", refuses: notRunningStates, effects: "waits for a person (N6)"},
	{op: "proceed", refuses: notRunningStates, effects: "ends the wait (N6)"},
	{op: "record foundation", refuses: notRunningStates, effects: "routes a filing to the enforcement court (E7, E8)"},
	{op: "start plan", refuses: notRunningStates | StatePlan, effects: "plan track; letter with a deadline replaces the pause (E12, E21)"},
	{op: "check plan", needs: StatePlan, refuses: notRunningStates, effects: "breach warning once, replacing the pause (E13, E21)"},
	{op: "terminate plan", needs: StatePlan, refuses: notRunningStates, effects: "back into a flow; its deadline holds the next step (E13)"},
	{op: "make offer", refuses: notRunningStates | StateOffer | StatePlan, effects: "offer track; letter replaces the pause (E11, E21)"},
	{op: "file court", refuses: notRunningStates | StateCourt, effects: "court fee; case in court (E8, E9)"},
	{op: "close", refuses: StateClosed | StateDeactivated | StateDeleted, effects: "waives costs and/or interest as asked (P1)"},
	{op: "deactivate", refuses: StateDeactivated | StateDeleted, reason: "the case is already deactivated; deactivation is final (P4)", effects: "locks open invoices; final (P2–P4)"},
	{op: "delete", needs: StateDeactivated, reason: "only a deactivated case can be deleted (P5)", effects: "hidden, audit trail kept (P5)"},
	{op: "publish", refuses: StateDeactivated | StateDeleted, effects: "visible to the debtor"},
	{op: "record payment", refuses: StateDeactivated | StateDeleted, effects: "settles; may close the case as paid (N1)"},
	{op: "credit", refuses: StateDeactivated | StateDeleted, effects: "lowers a claim (N8)"},
	{op: "write off", refuses: StateDeactivated | StateDeleted, effects: "open item or matched as payment (N9)"},
	{op: "interest invoice", refuses: StateDeactivated | StateDeleted, effects: "charges interest on late payments (S8); its letter replaces the pause"},
	{op: "court event", refuses: StateDeactivated | StateDeleted, effects: "court state (E8–E10), on a case ever filed"},
	{op: "agency update", needs: StateAgency, effects: "agency status and payments (N2–N9)"},
}

// allow is the lifecycle table asked for command op on case c on day: nil when
// the case's states allow it, else a *TransitionError saying why. Every command
// that depends on the case's state calls it.
func (s *Service) allow(c Case, op string, day date.Date) error {
	t := transitionFor(op)
	st := c.StateOn(day)
	bad := st & t.refuses
	missing := t.needs &^ st
	if t.needs&StatePlan != 0 && c.Plan.IsZero() {
		missing |= StatePlan // on the plan track without a plan (SetTrack)
	}
	if bad == 0 && missing == 0 {
		return nil
	}
	reason := t.reason
	if reason == "" {
		reason = stateReason(c, op, st, bad, missing)
	}
	return &TransitionError{CaseID: c.ID, Op: op, Status: c.StatusOn(day), Reason: reason}
}

func transitionFor(op string) transition {
	for _, t := range lifecycle {
		if t.op == op {
			return t
		}
	}
	panic("collection: no lifecycle row for " + op) // a programming error, found by every test
}

// stateReason says why a state refuses a command, or why a missing state is needed.
func stateReason(c Case, op string, st, bad, missing State) string {
	switch {
	case bad&StateDeleted != 0, bad&StateDeactivated != 0:
		return notRunning(StatusDeactivated)
	case bad&StateClosed != 0:
		return notRunning(StatusClosed)
	case bad&StateAgency != 0:
		return fmt.Sprintf("the case was handed over to %s; the partner runs it (S13)", c.Agency.Partner)
	case bad&StatePaused != 0:
		return "a paused case is not contacted (L1) until " + c.Progress.Pause.Until.String()
	case bad&StatePlan != 0 && op == "start plan":
		return "a payment plan is already running; terminate it first (E13)"
	case bad&(StateOffer|StatePlan) != 0:
		return "the case is on the " + c.Progress.Track.String() + " track"
	case bad&StateCourt != 0:
		return "the case is already in court (" + c.Court.State.Stage.String() + ")"
	case missing&StatePaused != 0:
		return "the case is not paused"
	case missing&StatePlan != 0:
		return "the case is not on a payment plan"
	case missing&StateAgency != 0:
		return "the case was not handed over to an agency"
	}
	return "the case is " + st.String()
}
