package flow

import (
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Progress is where a case stands in its flow: what has been done, what is changed
// about the next step, whether the case is paused, which track it is on.
//
// Progress is a value: copying it is cheap (a few words and a slice header), and the
// methods that change it return a new Progress and never write to the Taken slice of
// the receiver, so a Progress handed out (or stored) stays as it was. Its exported
// fields marshal to JSON for the host's store. The zero Progress is a case that has
// taken no step, on the main track, in batch follow-up, for a flow with no name; use
// Start to begin a flow.
type Progress struct {
	// Flow is the name of the flow in use; Decide checks it against its Flow.
	Flow string `json:"flow"`
	// Next is the index in the flow of the next step to propose.
	Next int `json:"next"`
	// Taken lists the steps and manual letters taken, oldest first.
	Taken []Taken `json:"taken,omitempty"`
	// Override changes the next step before it is sent (E2).
	Override Override `json:"override,omitzero"`
	// Pause holds the case back until a resume date (L1, L2, E21).
	Pause Pause `json:"pause,omitzero"`
	// Track is the line the case is on (E3, E20).
	Track Track `json:"track,omitempty"`
	// Awaiting says a person must decide the next step (N6).
	Awaiting bool `json:"awaiting,omitempty"`
	// Manual says the case is out of batch follow-up and handled by hand (E18).
	Manual bool `json:"manual,omitempty"`
}

// Taken is a step or manual letter that was taken.
type Taken struct {
	Kind     Kind        `json:"kind"`
	Index    int         `json:"index"` // index in Flow; -1 for a manual letter (E20)
	Flow     string      `json:"flow"`  // the flow in use when it was taken
	Name     string      `json:"name"`
	On       date.Date   `json:"on"`                 // the day it was taken (sent)
	Fee      money.Money `json:"fee"`                // the fee charged; Money{} for none
	Deadline date.Date   `json:"deadline,omitempty"` // the deadline given to the debtor
	// Message is the id of the letter the action sent, where the caller records
	// one (the collection package does), so that deleting the action can cancel
	// a letter not yet sent (E19).
	Message string `json:"message,omitempty"`
	// Replaced is the state taking the step replaced; Rewind restores it (E19).
	Replaced Replaced `json:"replaced,omitzero"`
}

// Replaced is the state of a Progress that taking a step cleared.
type Replaced struct {
	Override Override `json:"override,omitzero"`
	Pause    Pause    `json:"pause,omitzero"`
	Awaiting bool     `json:"awaiting,omitempty"`
}

// Override changes the next step before it is sent (E2). The zero Override changes
// nothing. It applies to the next step only: taking that step clears it.
type Override struct {
	// Deadline replaces the step's deadline (the debtor's last day to pay);
	// zero keeps it.
	Deadline date.Date `json:"deadline,omitempty"`
	// Fee replaces the fee the step asks for when it is a valid Money (Money{}
	// keeps it). The fees package still caps it: an override never charges more
	// than the law allows.
	Fee money.Money `json:"fee"`
}

// Pause holds a case back: no step is proposed before Until, and the case resumes by
// itself on Until (L1, L2). The zero Pause is no pause.
type Pause struct {
	Until  date.Date `json:"until,omitempty"` // the resume date: the first day steps may be taken again
	Reason string    `json:"reason,omitempty"`
}

// Active reports whether the pause holds on day today: today is before Until.
func (p Pause) Active(today date.Date) bool { return !p.Until.IsZero() && today.Before(p.Until) }

// Start returns the Progress of a case that begins flow f.
func Start(f Flow) Progress { return Progress{Flow: f.name} }

// appendTaken returns p.Taken plus t in a new backing array whenever p.Taken has no
// spare capacity of its own to give: the receiver's slice is never written to.
func (p Progress) appendTaken(t Taken) []Taken {
	out := make([]Taken, len(p.Taken)+1)
	copy(out, p.Taken)
	out[len(p.Taken)] = t
	return out
}

// Take records that the step d proposes was taken on day on, with d's fee and
// deadline, and moves to the next step. Taking a step clears the Override and the
// Awaiting mark; a step that gives the debtor a deadline also replaces the pause
// (E21): the deadline is the case's new follow-up date. A Decision without a step
// (d.Index < 0) changes nothing.
func (p Progress) Take(d Decision, on date.Date) Progress {
	if d.Index < 0 {
		return p
	}
	t := Taken{Kind: d.Step.Kind, Index: d.Index, Flow: p.Flow, Name: d.Step.Name, On: on,
		Fee: d.Fee, Deadline: d.Deadline,
		Replaced: Replaced{Override: p.Override, Awaiting: p.Awaiting}}
	if !d.Deadline.IsZero() {
		t.Replaced.Pause = p.Pause
		p.Pause = Pause{}
	}
	p.Taken = p.appendTaken(t)
	p.Next = d.Index + 1
	p.Override = Override{}
	p.Awaiting = false
	return p
}

// Letter records a free letter sent on day on. It does not move the flow, and the
// next step's days still count from the last flow step (E20).
func (p Progress) Letter(on date.Date) Progress {
	p.Taken = p.appendTaken(Taken{Kind: FreeLetter, Index: -1, Flow: p.Flow, Name: FreeLetter.String(), On: on})
	return p
}

// LetterWithDeadline records a letter called name, sent on day on outside the
// flow, that gives the debtor until deadline to pay (a plan's termination, E13).
// It does not move the flow, but the next step waits for the day after deadline:
// a letter's promise holds. Rewind removes it like any letter (E19).
func (p Progress) LetterWithDeadline(name string, on, deadline date.Date) Progress {
	if name == "" {
		name = FreeLetter.String()
	}
	p.Taken = p.appendTaken(Taken{Kind: FreeLetter, Index: -1, Flow: p.Flow, Name: name, On: on, Deadline: deadline})
	return p
}

// WithPause pauses the case until the resume date until, for reason (L1). It replaces
// any earlier pause. A zero until removes the pause.
func (p Progress) WithPause(until date.Date, reason string) Progress {
	p.Pause = Pause{Until: until, Reason: reason}
	return p
}

// Resume ends the pause now (L2: "or earlier by an explicit resume").
func (p Progress) Resume() Progress {
	p.Pause = Pause{}
	return p
}

// WithDeadline sets the deadline of the next step before it is sent (E2).
func (p Progress) WithDeadline(d date.Date) Progress {
	p.Override.Deadline = d
	return p
}

// WithFee sets the fee the next step asks for before it is sent (E2); the law still
// caps it.
func (p Progress) WithFee(m money.Money) Progress {
	p.Override.Fee = m
	return p
}

// WithTrack moves the case to track t (E20: a payment plan moves it to TrackPlan, a
// settlement offer to TrackOffer). Back on TrackMain the flow continues where it was.
func (p Progress) WithTrack(t Track) Progress {
	p.Track = t
	return p
}

// WithManual takes the case out of batch follow-up (true) or puts it back (E18).
func (p Progress) WithManual(manual bool) Progress {
	p.Manual = manual
	return p
}

// Await marks the case as waiting for a person to decide what happens next, as when
// an invoice is rejected from the draft or approved list (N6). Decide proposes
// nothing until Proceed, Take, Switch or Rewind.
func (p Progress) Await() Progress {
	p.Awaiting = true
	return p
}

// Proceed records that a person decided to go on with the flow: it clears the mark
// Await set (N6). To get past a Wait step of the flow itself, Take it.
func (p Progress) Proceed() Progress {
	p.Awaiting = false
	return p
}

// Last returns the last flow step taken (manual letters are skipped), and false if
// none was.
func (p Progress) Last() (Taken, bool) {
	i := p.lastStep()
	if i < 0 {
		return Taken{}, false
	}
	return p.Taken[i], true
}

// lastDeadline is the latest deadline any step or letter taken gave the debtor,
// and the name of what gave it; zero for none. The next step waits for the day
// after it.
func lastDeadline(taken []Taken) (date.Date, string) {
	var d date.Date
	var name string
	for i := range taken {
		if dl := taken[i].Deadline; dl.After(d) {
			d, name = dl, taken[i].Name
		}
	}
	return d, name
}

func (p Progress) lastStep() int {
	for i := len(p.Taken) - 1; i >= 0; i-- {
		if p.Taken[i].Index >= 0 {
			return i
		}
	}
	return -1
}

// Switch moves the case to flow to, keeping everything that was done (E2). The pause
// is replaced (E21), the Override and Awaiting mark are cleared, and the case returns
// to the main track (E13: a terminated plan goes back into a chosen flow).
//
// The matching rule: the case continues after the furthest step of to that it has
// already reached. Step i of to is reached when the case has taken at least as many
// steps of its kind (in any flow, manual letters aside) as to has in steps 0..i. So
// after Reminder 1 and 2 of Standard, FastToCourt continues at its warning; after a
// collection warning sent as the first reminder (E5), a flow with two reminders before
// its warning continues after the warning. The days of the next step still count from
// the day the last step was actually taken.
func Switch(p Progress, to Flow) Progress {
	var taken [Wait + 1]int
	for _, t := range p.Taken {
		if t.Index >= 0 && t.Kind.IsValid() {
			taken[t.Kind]++
		}
	}
	var seen [Wait + 1]int
	next := 0
	for i, s := range to.steps {
		seen[s.Kind]++
		if seen[s.Kind] <= taken[s.Kind] {
			next = i + 1
		}
	}
	p.Flow = to.name
	p.Next = next
	p.Pause = Pause{}
	p.Override = Override{}
	p.Awaiting = false
	p.Track = TrackMain
	return p
}

// Rewind removes the last action, so the next proposal is that action again (E19),
// and restores what taking it replaced (override, pause, awaiting mark). Removing a
// manual letter leaves the flow where it is. If the removed step was taken in another
// flow than the one in use (a Switch came after it), the position in the current flow
// is left unchanged: call Switch again to re-match. Rewind on a Progress with nothing
// taken returns it unchanged.
func Rewind(p Progress) Progress {
	n := len(p.Taken)
	if n == 0 {
		return p
	}
	last := p.Taken[n-1]
	p.Taken = p.Taken[: n-1 : n-1]
	if last.Index < 0 {
		return p
	}
	if last.Flow == p.Flow {
		p.Next = last.Index
	}
	p.Override = last.Replaced.Override
	p.Awaiting = last.Replaced.Awaiting
	if !last.Deadline.IsZero() {
		p.Pause = last.Replaced.Pause
	}
	return p
}
