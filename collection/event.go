package collection

import (
	"maps"
	"time"
)

// EventType names what happened to a case. The Service uses the constants below;
// the payload (Event.Data) of each type is listed next to it.
type EventType string

// The event types (E16). Data keys are given after each.
const (
	EventOpened         EventType = "case.opened"      // flow, currency, jurisdiction, invoices, reopenedFrom
	EventPaused         EventType = "case.paused"      // until, reason, interestWaived (only when true)
	EventResumed        EventType = "case.resumed"     // auto ("true" when the resume date had come), by (the letter whose deadline replaced the pause, E21)
	EventClosed         EventType = "case.closed"      // reason, waivedCosts, waivedInterest, credited
	EventChargeWaived   EventType = "charge.waived"    // kind, amount, on
	EventClaimCredited  EventType = "claim.credited"   // invoice
	EventClaimLocked    EventType = "claim.locked"     // invoice
	EventDeactivated    EventType = "case.deactivated" // ackPublished, ackStepsTaken
	EventDeleted        EventType = "case.deleted"     //
	EventPublished      EventType = "case.published"   //
	EventFlowSwitched   EventType = "flow.switched"    // from, to
	EventStepOverridden EventType = "step.overridden"  // deadline, fee
	EventActionDeleted  EventType = "action.deleted"   // kind, name, on
	EventLetterQueued   EventType = "letter.queued"    // message, channel
	EventTrackChanged   EventType = "track.changed"    // from, to
	EventBatchChanged   EventType = "batch.changed"    // manual
	EventClaimDisputed  EventType = "claim.disputed"   // invoice, disputed
	EventNoteAdded      EventType = "note.added"       // invoice
	EventHandedOver     EventType = "case.handed-over" // partner, reference
	EventAwaiting       EventType = "case.awaiting"    // reason
	EventReleased       EventType = "case.released"    //
)

// Event is one entry of a case's append-only audit trail (E16). Every command
// that changes a case appends at least one, in the same Save.
type Event struct {
	// CaseID is the case the event is about.
	CaseID CaseID `json:"caseId"`
	// Seq is the version of the case the event produced; the events of one Save
	// share it and keep their order.
	Seq Version `json:"seq"`
	// At is when it happened, from the Service's Clock.
	At time.Time `json:"at"`
	// Type says what happened.
	Type EventType `json:"type"`
	// Actor is who did it, if the Service was told (Service.WithActor).
	Actor string `json:"actor,omitempty"`
	// Data is a small payload of strings (amounts as "12.50 EUR", dates as
	// "2025-03-01"); its keys depend on Type.
	Data map[string]string `json:"data,omitempty"`
}

// Clone returns a copy of e that shares no map with it.
func (e Event) Clone() Event {
	e.Data = maps.Clone(e.Data)
	return e
}
