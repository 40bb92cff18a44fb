package collection

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// The event types of payment plans, settlement offers and interest invoices
// (E16). Data keys are given after each.
const (
	EventPlanStarted       EventType = "plan.started"       // principal, count, instalment, first, last, rate, message
	EventPlanBreachWarned  EventType = "plan.breach-warned" // since, rule, message
	EventPlanTerminated    EventType = "plan.terminated"    // flow, outstanding, message
	EventOfferMade         EventType = "offer.made"         // owed, pay, expires, message
	EventOfferLapsed       EventType = "offer.lapsed"       // expires, auto
	EventOfferAccepted     EventType = "offer.accepted"     // pay, waived
	EventInterestInvoiced  EventType = "interest.invoiced"  // invoices, amount, message
	EventChargeAdded       EventType = "charge.added"       // kind, amount, on, source
	EventInterestNotCharge EventType = "interest.none"      // invoices (nothing to charge: within grace or below the minimum)
	EventPlanChecked       EventType = "plan.checked"       // check (the plan's next follow-up date moved)
)

// letterDays is the deadline the Service gives in the plan breach warning, the
// plan termination and the interest invoice: 14 days from the letter's date,
// which meets every notice period of letters.NoticeRules.
const letterDays = 14

// PlanRecord is the payment plan of a case (E12, E13). The plan itself is
// recomputed from Terms with agreement.NewPlan whenever it is needed, which is
// deterministic, so only the terms are stored.
type PlanRecord struct {
	// Terms are the agreed terms; Terms.Principal is what the case owed when the
	// plan started, Terms.Start the day it started.
	Terms agreement.Terms `json:"terms"`
	// Breach is when the plan counts as breached.
	Breach agreement.BreachRule `json:"breach,omitzero"`
	// Check is the next day the plan must be looked at (the day an unpaid
	// instalment would breach it); it is the case's NextDue on the plan track.
	Check date.Date `json:"check,omitempty"`
	// Warned is the day the breach warning was sent (E13); zero if never.
	Warned date.Date `json:"warned,omitempty"`
	// Terminated is the day the plan was terminated (E13); zero while it runs.
	Terminated date.Date `json:"terminated,omitempty"`
}

// IsZero reports whether the case never had a plan: p is nil or has no start.
func (p *PlanRecord) IsZero() bool { return p == nil || p.Terms.Start == (date.Date{}) }

// Plan recomputes the plan from its terms.
func (p *PlanRecord) Plan() (agreement.Plan, error) {
	if p == nil {
		return agreement.Plan{}, &dunning.FieldError{Field: "Plan", Value: "<nil>", Reason: "the case has no payment plan"}
	}
	return agreement.NewPlan(p.Terms)
}

// OfferRecord is the settlement offer of a case (E11).
type OfferRecord struct {
	// Made is the day the offer was made; Expires the last day it can be accepted.
	Made    date.Date `json:"made"`
	Expires date.Date `json:"expires"`
	// Owed is what the debtor owed when the offer was made; Pay what settles it.
	Owed money.Money `json:"owed"`
	Pay  money.Money `json:"pay"`
	// Accepted is the day payments reached Pay; Lapsed the day the offer lapsed.
	Accepted date.Date `json:"accepted,omitempty"`
	Lapsed   date.Date `json:"lapsed,omitempty"`
	// Escalated is what the letter said the debt grows to by Horizon if the case
	// goes on (Owed when no escalation was given); Horizon is zero then.
	Escalated money.Money `json:"escalated"`
	Horizon   date.Date   `json:"horizon,omitempty"`
	// Flow says a settlement-offer step of the flow made the offer (E1): the case
	// stayed on its main track, and the flow's next step comes after Expires.
	Flow bool `json:"flow,omitempty"`
}

// letter returns the offer's figures as its letter prints them: the letter shows
// what the case records, never a figure computed beside it.
func (o *OfferRecord) letter() letters.Offer {
	if o.IsZero() {
		return letters.Offer{}
	}
	esc, horizon := o.Escalated, o.Horizon
	if !esc.IsValid() {
		esc = o.Owed
	}
	if horizon.IsZero() {
		horizon = o.Expires.AddDays(1) // no escalation given: the debt stays what it is
	}
	saving, _ := esc.Sub(o.Pay)
	return letters.Offer{OwedNow: o.Owed, Escalated: esc, Horizon: horizon, Amount: o.Pay, Saving: saving, Expires: o.Expires}
}

// IsZero reports whether the case never had an offer: o is nil or was never made.
func (o *OfferRecord) IsZero() bool { return o == nil || o.Made == (date.Date{}) }

// Open reports whether the offer can still be accepted on day: made, not
// accepted, and day is no later than Expires.
func (o *OfferRecord) Open(day date.Date) bool {
	return !o.IsZero() && o.Accepted == (date.Date{}) && o.Lapsed == (date.Date{}) && !day.After(o.Expires)
}

// Delivery says how the Service sends a letter it writes. The zero Delivery
// sends it by e-mail to the debtor's address, or by post when the debtor has
// no e-mail address.
type Delivery struct {
	Channel   letters.Channel
	Recipient string // empty: the debtor's address for the channel
}

func (d Delivery) resolve(debtor dunning.Party) (letters.Channel, string) {
	ch := d.Channel
	if ch == 0 {
		ch = letters.Email
		if debtor.Email == "" {
			ch = letters.Post
		}
	}
	r := d.Recipient
	if r == "" {
		r = defaultRecipient(debtor, ch)
	}
	return ch, r
}

// PlanRequest starts a payment plan (E12).
type PlanRequest struct {
	// Terms are the plan's terms. A zero Terms.Principal means everything the case
	// owes today (Ledger.Outstanding); a zero Start means today. Set Count or
	// Instalment; with neither, the plan is agreement.Propose's default (E12:
	// clears the debt within Proposal.Months, 12 by default).
	Terms agreement.Terms
	// Proposal configures the default plan when Terms has neither Count nor
	// Instalment.
	Proposal agreement.Proposal
	// Breach is when the plan counts as breached (E13).
	Breach agreement.BreachRule
	// Delivery is how the plan overview is sent.
	Delivery Delivery
}

// StartPlan agrees a payment plan on a running case (E12, E20): it computes the
// plan (agreement.NewPlan or Propose), moves the case to the plan track, stores
// the terms, adds the plan's interest to the debt as an interest charge, and
// queues the plan-overview letter (letters.PlanOverview) with the idempotency
// key "<case>/plan-overview/<version>". Payments from then on are followed with
// agreement.Track (CheckPlan). A case already on a running plan is a
// *TransitionError; bad terms are the agreement package's errors. Before the
// case is read the request is checked against the input limits, each problem a
// *dunning.FieldError: amounts positive and at most MaxAmount, a rate of 0 to
// MaxPercent, dates within MinYear..MaxYear, a start no more than
// MaxPlanStartDaysPast days before today (nor MaxPlanStartDaysAhead after),
// counts and grace days within their bounds, a valid Delivery.
// Implements E12, E20.
func (s *Service) StartPlan(ctx context.Context, id CaseID, r PlanRequest) (Case, error) {
	if err := checkPlanRequest(id, r, s.Today()); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "start plan", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "start plan", today); err != nil {
			return err
		}
		l, err := c.Ledger()
		if err != nil {
			return err
		}
		t := r.Terms
		if t.Principal == (money.Money{}) {
			t.Principal = l.Outstanding
		}
		if t.Start == (date.Date{}) {
			t.Start = today
		}
		var errs []error
		checkAmount(&errs, "Terms.Principal", t.Principal, c.Currency, false)
		if len(errs) == 0 {
			if err := notAbove(t.Principal, l.Outstanding, "Terms.Principal", "what the case owes"); err != nil {
				errs = append(errs, err)
			}
		}
		if err := joinErrs(errs); err != nil {
			return err
		}
		var p agreement.Plan
		if t.Count == 0 && !t.Instalment.IsValid() {
			p, err = agreement.Propose(t, r.Proposal)
		} else {
			p, err = agreement.NewPlan(t)
		}
		if err != nil {
			return err
		}
		sum := p.Summary()
		c.Plan = &PlanRecord{Terms: p.Terms(), Breach: r.Breach}
		c.Progress = c.Progress.WithTrack(flow.TrackPlan)
		if sum.TotalInterest.Sign() > 0 {
			c.Charges = append(c.Charges, Charge{Kind: ChargeInterest, Amount: sum.TotalInterest, On: today, Source: planInterestSource + " " + sum.Rate.String() + " % (E12)"})
			ch.add(EventChargeAdded, "kind", ChargeInterest.String(), "amount", sum.TotalInterest.String(), "on", today.String(), "source", "plan")
		}
		if err := s.planCheckDate(c, today); err != nil {
			return err
		}
		d, err := s.letterData(ctx, *c, today)
		if err != nil {
			return err
		}
		d.Plan = planData(p)
		msg, err := s.queueLetter(c, letters.PlanOverview, d, "plan-overview", r.Delivery, ch)
		if err != nil {
			return err
		}
		ch.add(EventPlanStarted, "principal", sum.Principal.String(), "count", strconv.Itoa(sum.Count), "instalment", sum.Instalment.String(),
			"first", sum.First.String(), "last", sum.Last.String(), "rate", sum.Rate.String(), "message", msg)
		return nil
	})
}

// planPayments are the case's payments made since the plan started.
func planPayments(c Case) []agreement.Payment {
	var ps []agreement.Payment
	for _, p := range c.Payments {
		if !p.On.Before(c.Plan.Terms.Start) {
			ps = append(ps, agreement.Payment{ID: p.ID, Date: p.On, Amount: p.Amount})
		}
	}
	return ps
}

// trackPlan is agreement.Track for the case's plan on day.
func trackPlan(c Case, day date.Date, terminated date.Date) (agreement.Plan, agreement.Status, error) {
	p, err := c.Plan.Plan()
	if err != nil {
		return p, agreement.Status{}, err
	}
	st, err := agreement.Track(p, planPayments(c), day, agreement.Tracking{Order: allocationOrder(c.Jurisdiction), Breach: c.Plan.Breach, Terminated: terminated})
	return p, st, err
}

// planCheckDate sets Plan.Check: the day the first instalment not paid in full
// would breach the plan, or zero when the plan is paid or was already warned
// (then a person decides: TerminatePlan, E22).
func (s *Service) planCheckDate(c *Case, today date.Date) error {
	if c.Plan.IsZero() {
		return nil
	}
	c.Plan.Check = date.Date{}
	if c.Plan.Warned != (date.Date{}) || c.Plan.Terminated != (date.Date{}) {
		return nil
	}
	_, st, err := trackPlan(*c, today, date.Date{})
	if err != nil {
		return err
	}
	if warnable(st) {
		c.Plan.Check = today
		return nil
	}
	for is := range st.All() {
		if is.State != agreement.Paid {
			c.Plan.Check = is.Due.AddDays(c.Plan.Breach.GraceDays + 1)
			if c.Plan.Check.Before(today) {
				c.Plan.Check = today
			}
			return nil
		}
	}
	return nil
}

// PlanStatus is what CheckPlan found.
type PlanStatus struct {
	// Case is the case after the check.
	Case Case
	// Status is agreement.Track's status of the plan today.
	Status agreement.Status
	// Warned says this check sent the breach warning.
	Warned bool
}

// CheckPlan follows the payment plan of a case today (E13): it tracks the
// case's payments since the plan started with agreement.Track and, when the
// plan is breached and no warning was sent yet, queues the plan breach warning
// (letters.PlanBreachWarning, "<case>/plan-breach-warning/<version>"). The
// daily run calls it for plan cases on their NextDue (Plan.Check). A case not
// on the plan track is a *TransitionError. The Delivery is checked before the
// case is read. Implements E13.
func (s *Service) CheckPlan(ctx context.Context, id CaseID, d Delivery) (PlanStatus, error) {
	if err := s.checkDelivery(id, "", "", d); err != nil {
		return PlanStatus{}, err
	}
	var res PlanStatus
	c, err := s.update(ctx, id, "check plan", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		res = PlanStatus{}
		if err := s.allow(*c, "check plan", today); err != nil {
			return err
		}
		var err error
		res.Warned, res.Status, err = s.checkPlan(ctx, c, today, d, ch)
		return err
	})
	if err != nil {
		return PlanStatus{}, err
	}
	if !res.Warned {
		_, res.Status, err = trackPlan(c, s.Today(), date.Date{})
		if err != nil {
			return PlanStatus{}, err
		}
	}
	res.Case = c
	return res, nil
}

// checkPlan is the daily hook for a case on the plan track: it warns once on
// breach (E13). It reports whether it warned.
func (s *Service) checkPlan(ctx context.Context, c *Case, today date.Date, dl Delivery, ch *change) (bool, agreement.Status, error) {
	p, st, err := trackPlan(*c, today, date.Date{})
	if err != nil {
		return false, st, err
	}
	if !warnable(st) || c.Plan.Warned != (date.Date{}) {
		old := c.Plan.Check
		if err := s.planCheckDate(c, today); err != nil {
			return false, st, err
		}
		if old != c.Plan.Check {
			ch.add(EventPlanChecked, "check", c.Plan.Check.String())
		}
		return false, st, nil
	}
	d, err := s.letterData(ctx, *c, today)
	if err != nil {
		return false, st, err
	}
	d.Plan = planData(p)
	d.Breach = breachData(st)
	d.Deadline = today.AddDays(letterDays)
	msg, err := s.queueLetter(c, letters.PlanBreachWarning, d, "plan-breach-warning", dl, ch)
	if err != nil {
		return false, st, err
	}
	c.Plan.Warned = today
	c.Plan.Check = date.Date{}
	var rule string
	var be *agreement.BreachError
	if errors.As(st.Err(), &be) {
		rule = be.Rule
	}
	ch.add(EventPlanBreachWarned, "since", st.BreachedOn.String(), "rule", rule, "message", msg)
	return true, st, nil
}

// dailyPlan is the daily run's hook for a case on the plan track whose NextDue
// (Plan.Check) has come on day: CheckPlan's body with the default Delivery,
// dated day. Commit calls it in its per-case command (E13); it does nothing
// (nil) for other cases.
func (s *Service) dailyPlan(ctx context.Context, c *Case, day date.Date, ch *change) (*PlanCheck, error) {
	if c.Progress.Track != flow.TrackPlan || c.Plan.IsZero() || c.Plan.Check == (date.Date{}) || c.Plan.Check.After(day) || !c.Status.Running() {
		return nil, nil
	}
	n := len(ch.outbox)
	warned, _, err := s.checkPlan(ctx, c, day, Delivery{}, ch)
	if err != nil {
		return nil, err
	}
	pc := &PlanCheck{CaseID: c.ID, Warned: warned, Check: c.Plan.Check}
	if warned && len(ch.outbox) > n {
		pc.MessageID = ch.outbox[len(ch.outbox)-1].ID
	}
	return pc, nil
}

// planWouldWarn reports whether the plan check of c on day would send the
// breach warning (Preview): the plan is breached and was not warned.
func (s *Service) planWouldWarn(c Case, day date.Date) (bool, error) {
	if c.Plan.IsZero() || c.Plan.Warned != (date.Date{}) {
		return false, nil
	}
	_, st, err := trackPlan(c, day, date.Date{})
	return err == nil && warnable(st), err
}

// warnable reports whether a plan is breached with instalments overdue today:
// the breach warning lists them (E13). A plan breached by a late payment that
// the debtor has since made good has nothing to warn about; its check moves to
// the next instalment.
func warnable(st agreement.Status) bool {
	if !st.Breached() {
		return false
	}
	for is := range st.All() {
		if is.Overdue {
			return true
		}
	}
	return false
}

// TerminatePlan terminates the payment plan of a case (E13): the plan is
// accelerated (agreement.Tracking.Terminated: everything falls due today, with
// the plan's interest only up to today, so the interest charge is cut to it),
// the plan-termination letter is queued ("<case>/plan-termination/<version>"),
// and the case goes back into the flow called backToFlow, on the main track
// (flow.Switch). The flow's name and the Delivery are checked before the case
// is read. Implements E13.
func (s *Service) TerminatePlan(ctx context.Context, id CaseID, backToFlow string, d Delivery) (Case, error) {
	if err := s.checkDelivery(id, "backToFlow", backToFlow, d); err != nil {
		return Case{}, err
	}
	to := s.mustFlow(backToFlow)
	return s.update(ctx, id, "terminate plan", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		if err := s.allow(*c, "terminate plan", today); err != nil {
			return err
		}
		p, st, err := trackPlan(*c, today, today)
		if err != nil {
			return err
		}
		// The plan's interest is due only up to today (acceleration).
		planInterest, _ := st.Paid.Interest.Add(st.Outstanding.Interest)
		for i := range c.Charges {
			chg := &c.Charges[i]
			if chg.Kind == ChargeInterest && !chg.Waived && chg.Action == 0 && isPlanInterest(chg.Source) && !chg.Amount.Equal(planInterest) {
				ch.add(EventChargeWaived, "kind", chg.Kind.String(), "amount", chg.Amount.String(), "on", chg.On.String(), "replacedBy", planInterest.String())
				chg.Amount = planInterest
				if chg.Amount.IsZero() {
					chg.Waived, chg.WaivedOn = true, today
				}
			}
		}
		c.Plan.Terminated = today
		c.Plan.Check = date.Date{}
		switchFlow(c, to, today)
		data, err := s.letterData(ctx, *c, today)
		if err != nil {
			return err
		}
		data.Plan = planData(p)
		data.Breach = breachData(st)
		if data.Breach.Since == (date.Date{}) {
			data.Breach.Since = today // terminated without a breach: due since today
		}
		data.Deadline = today.AddDays(letterDays)
		// The letter gives the debtor until its deadline: the flow's next step
		// waits for the day after it (E13, E21).
		c.Progress = c.Progress.LetterWithDeadline("plan termination", today, data.Deadline)
		msg, err := s.queueLetter(c, letters.PlanTermination, data, "plan-termination", d, ch)
		if err != nil {
			return err
		}
		c.Progress.Taken[len(c.Progress.Taken)-1].Message = msg
		l, err := c.Ledger()
		if err != nil {
			return err
		}
		ch.add(EventPlanTerminated, "flow", backToFlow, "outstanding", l.Outstanding.String(), "message", msg)
		return nil
	})
}

// planInterestSource starts the Source of the interest charge of a plan.
const planInterestSource = "agreement: payment plan interest"

func isPlanInterest(source string) bool { return strings.HasPrefix(source, planInterestSource) }

// OfferRequest makes a settlement offer (E11).
type OfferRequest struct {
	// Discount is what the offer takes off what is owed now (set exactly one
	// field, as agreement.Discount says).
	Discount agreement.Discount
	// Expires is the last day the offer can be accepted; it lapses by itself the
	// day after. Required, not before today.
	Expires date.Date
	// Escalation is what the debt grows to if the case goes on (optional; the
	// letter then shows the saving against it).
	Escalation agreement.Escalation
	// Rounding rounds a percentage discount (agreement.Offer.Rounding).
	Rounding *money.RoundingPolicy
	// Delivery is how the offer letter is sent.
	Delivery Delivery
}

// MakeOffer makes a settlement offer on a running case (E11, E20): the figures
// come from agreement.Settle on what the case owes now by component (its
// Ledger), the case moves to the offer track, and the settlement-offer letter is
// queued ("<case>/settlement-offer/<version>"). The offer lapses by itself the
// day after Expires: the case's NextDue is that day, and the first command or
// batch run on or after it puts the case back on its main flow where it was
// ("offer.lapsed", auto). Payments dated from the offer to Expires that reach
// the offer's amount settle the case: the rest is waived (charges) and written
// off matched as payment (principal), and the case is closed as settled and
// archived. The request is checked before the case is read (a discount above 0
// and below MaxPercent percent or a positive amount of at most MaxAmount, dates
// within MinYear..MaxYear, a valid Delivery), each problem a *dunning.FieldError.
// Implements E11, E20.
func (s *Service) MakeOffer(ctx context.Context, id CaseID, r OfferRequest) (Case, error) {
	if err := checkOffer(id, r, s.Today()); err != nil {
		return Case{}, err
	}
	return s.update(ctx, id, "make offer", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		return s.makeOffer(ctx, c, r, today, ch)
	})
}

// makeOffer is the body of MakeOffer; the daily run may call it for a flow's
// SettlementOffer step.
func (s *Service) makeOffer(ctx context.Context, c *Case, r OfferRequest, today date.Date, ch *change) error {
	if r.Expires.Before(today) {
		return &dunning.FieldError{Field: "Expires", Value: r.Expires.String(), Reason: "is before today, " + today.String()}
	}
	if err := s.allow(*c, "make offer", today); err != nil {
		return err
	}
	l, err := c.Ledger()
	if err != nil {
		return err
	}
	owed := owedByComponent(*c, l)
	st, err := agreement.Settle(agreement.Offer{Owed: owed, Discount: r.Discount, Expires: r.Expires, Escalation: r.Escalation, Rounding: r.Rounding})
	if err != nil {
		return err
	}
	c.Offer = &OfferRecord{Made: today, Expires: r.Expires, Owed: st.Owed, Pay: st.Pay, Escalated: st.Escalated, Horizon: st.Horizon}
	c.Progress = c.Progress.WithTrack(flow.TrackOffer)
	d, err := s.letterData(ctx, *c, today)
	if err != nil {
		return err
	}
	d.Offer = c.Offer.letter()
	d.Deadline = r.Expires
	msg, err := s.queueLetter(c, letters.SettlementOffer, d, "settlement-offer", r.Delivery, ch)
	if err != nil {
		return err
	}
	ch.add(EventOfferMade, "owed", st.Owed.String(), "pay", st.Pay.String(), "expires", r.Expires.String(), "message", msg)
	return nil
}

// owedByComponent splits what the case owes into costs, interest and principal.
func owedByComponent(c Case, l Ledger) agreement.Amounts {
	z := money.Zero(c.Currency)
	a := agreement.Amounts{Costs: z, Interest: z, Principal: z}
	for _, cl := range l.Claims {
		a.Principal, _ = a.Principal.Add(cl.Outstanding)
	}
	for j, acc := range l.Charges {
		if c.Charges[j].Kind == ChargeInterest {
			a.Interest, _ = a.Interest.Add(acc.Outstanding)
		} else {
			a.Costs, _ = a.Costs.Add(acc.Outstanding)
		}
	}
	return a
}

// lapseOffer puts a case whose settlement offer lapsed back on its main track
// (E11: the offer lapses by itself the day after it expires). update calls it
// before every command, as it resumes an ended pause.
func lapseOffer(c *Case, today date.Date, ch *change) {
	if c.Progress.Track != flow.TrackOffer || c.Offer.IsZero() || c.Offer.Open(today) || c.Offer.Accepted != (date.Date{}) || c.Offer.Lapsed != (date.Date{}) {
		return
	}
	if !c.Status.Running() {
		return
	}
	c.Offer.Lapsed = c.Offer.Expires.AddDays(1)
	c.Progress = c.Progress.WithTrack(flow.TrackMain)
	ch.add(EventOfferLapsed, "expires", c.Offer.Expires.String(), "auto", "true")
}

// acceptOffer settles a case on the offer track whose payments from the offer
// to its expiry reach the offer's amount (E11): the rest is waived.
func (s *Service) acceptOffer(c *Case, today date.Date, ch *change) error {
	// A payment dated by the expiry but booked after the offer lapsed still
	// accepts it: the debtor paid in time.
	if c.Offer.IsZero() || c.Offer.Accepted != (date.Date{}) || !c.Status.Running() ||
		(c.Progress.Track != flow.TrackOffer && c.Offer.Lapsed == (date.Date{}) && !c.Offer.Flow) {
		return nil
	}
	paid := money.Zero(c.Currency)
	var last date.Date
	for _, p := range c.Payments {
		if !p.On.Before(c.Offer.Made) && !p.On.After(c.Offer.Expires) {
			paid, _ = paid.Add(p.Amount)
			last = p.On
		}
	}
	if n, err := paid.Compare(c.Offer.Pay); err != nil || n < 0 {
		return nil
	}
	waived := money.Zero(c.Currency)
	l, err := c.Ledger()
	if err != nil {
		return err
	}
	for j := range c.Charges {
		chg := &c.Charges[j]
		if !chg.Waived && l.Charges[j].Outstanding.Sign() > 0 {
			chg.Waived, chg.WaivedOn = true, today
			waived, _ = waived.Add(chg.Amount)
			ch.add(EventChargeWaived, "kind", chg.Kind.String(), "amount", chg.Amount.String(), "on", chg.On.String(), "reason", "settlement offer accepted")
		}
	}
	if l, err = c.Ledger(); err != nil {
		return err
	}
	for i, acc := range l.Claims {
		if acc.Outstanding.Sign() > 0 {
			w := WriteOff{ID: fmt.Sprintf("%s/offer/%s/%s", c.ID, c.Offer.Made, acc.InvoiceID), InvoiceID: c.Claims[i].InvoiceID, On: last, Amount: acc.Outstanding, Mode: MatchedAsPayment}
			c.WriteOffs = append(c.WriteOffs, w)
			waived, _ = waived.Add(acc.Outstanding)
			ch.add(EventWrittenOff, "writeOff", w.ID, "invoice", w.InvoiceID, "amount", w.Amount.String(), "on", w.On.String(), "mode", w.Mode.String())
		}
	}
	c.Offer.Accepted = last
	c.Progress = c.Progress.WithTrack(flow.TrackMain)
	ch.add(EventOfferAccepted, "pay", c.Offer.Pay.String(), "waived", waived.String())
	return nil
}

// trackDue is the NextDue of a case on the plan or offer track: the plan's check
// date, or the day the offer lapses. ok is false on the main track.
func trackDue(c Case) (date.Date, bool) {
	switch c.Progress.Track {
	case flow.TrackPlan:
		if !c.Plan.IsZero() {
			return c.Plan.Check, true
		}
	case flow.TrackOffer:
		if !c.Offer.IsZero() && c.Offer.Accepted == (date.Date{}) && c.Offer.Lapsed == (date.Date{}) {
			return c.Offer.Expires.AddDays(1), true
		}
	}
	return date.Date{}, false
}

// InterestRequest configures an interest invoice (S8).
type InterestRequest struct {
	// Invoice passes the grace days, minimum and limits to interest.InvoiceInterest.
	// A nil Invoice.Rates means the statutory rate of the case's jurisdiction and
	// debtor kind, with its convention (the law pack's Interest).
	Invoice interest.InvoiceOptions
	// Deadline is the last day to pay the interest invoice; zero means 14 days
	// after today.
	Deadline date.Date
	// Delivery is how the interest invoice is sent.
	Delivery Delivery
}

// InterestResult is what InterestInvoice charged.
type InterestResult struct {
	Case Case
	// Invoice is the calculation, one line per payment that paid a claim late.
	Invoice interest.Invoice
}

// InterestInvoice charges late-payment interest for the claims of a case that
// were paid after their due date and not yet interest-invoiced (S8): interest
// from the due date to the day each payment paid them (so a claim paid in parts
// gets one line per part), computed by interest.InvoiceInterest with the
// request's rate, grace, minimum and limits. Days the batch run already charged
// interest for (Charge.Period) are not charged again: a line then runs from the
// end of the claim's last such charge (and its grace counts from there). What
// the lines of a claim charge is added as a ChargeInterest of that claim whose
// Period is the days they cover (Action 0), so the batch run never charges those
// days again either; the claims are marked (Claim.InterestInvoiced), and the
// interest-invoice letter is queued ("<case>/interest-invoice/<version>").
// When nothing is to be charged (within grace, below the minimum) the claims are
// marked and no letter is sent. A closed case keeps its status: the charge is
// a new debt the debtor is asked to pay on it. The request is checked before
// the case is read (grace days 0 to MaxGraceDays, amounts at most MaxAmount, a
// deadline not before today, a valid Delivery). Implements S8.
func (s *Service) InterestInvoice(ctx context.Context, id CaseID, r InterestRequest) (InterestResult, error) {
	var p problems
	p.caseID(id)
	p.interestRequest(r, s.Today())
	if err := p.err(); err != nil {
		return InterestResult{}, err
	}
	var res InterestResult
	c, err := s.update(ctx, id, "interest invoice", func(c *Case, _ time.Time, today date.Date, ch *change) error {
		res = InterestResult{}
		if err := s.allow(*c, "interest invoice", today); err != nil {
			return err
		}
		l, err := c.Ledger()
		if err != nil {
			return err
		}
		var late []interest.LateInvoice
		var lateClaim []int // the claim of each line of late
		var marked []int
		for i, cl := range c.Claims {
			acc := l.Claims[i]
			if cl.Status != ClaimPaid || cl.InterestInvoiced != (date.Date{}) || acc.PaidOn == (date.Date{}) {
				continue
			}
			marked = append(marked, i)
			// The batch run may have charged the claim's interest up to a step
			// (Charge.Period): those days are not charged again, so the line runs
			// from the end of the last such charge.
			from := cl.Due
			if to := interestChargedTo(c, &cl); to.After(from) {
				from = to
			}
			for _, a := range l.Allocations {
				if a.WriteOff || a.Component != agreement.Principal || a.InvoiceID != cl.InvoiceID || !a.On.After(from) {
					continue
				}
				late = append(late, interest.LateInvoice{ID: fmt.Sprintf("%s@%s", cl.InvoiceID, a.On), Due: from, Paid: a.On, Amount: a.Amount})
				lateClaim = append(lateClaim, i)
			}
		}
		if len(marked) == 0 {
			return &TransitionError{CaseID: c.ID, Op: "interest invoice", Status: c.StatusOn(today), Reason: "no claim of the case was paid and is not yet interest-invoiced"}
		}
		opt := r.Invoice
		if opt.Rates == nil {
			tab, conv, err := s.lawOf(c.Jurisdiction).Interest(c.Debtor.Kind, interest.ClaimDates{})
			if err != nil {
				return err
			}
			opt.Rates, opt.Convention = tab, conv
		}
		var inv interest.Invoice
		if len(late) > 0 {
			if inv, err = interest.InvoiceInterest(late, opt); err != nil {
				return err
			}
		}
		res.Invoice = inv
		var ids []string
		for _, i := range marked {
			c.Claims[i].InterestInvoiced = today
			ids = append(ids, c.Claims[i].InvoiceID)
		}
		if len(late) == 0 || inv.Total.Sign() <= 0 {
			ch.add(EventInterestNotCharge, "invoices", joinIDs(ids))
			return nil
		}
		// One charge per claim, with the days its lines cover (Charge.Period,
		// Action 0): the batch run charges none of those days again
		// (chargeInterest leaves them out of its accrual), and a later
		// interest invoice starts after them.
		for _, i := range marked {
			cl := &c.Claims[i]
			amount := money.Zero(c.Currency)
			var period date.Period
			for k, line := range inv.Lines {
				if lateClaim[k] != i {
					continue
				}
				amount, _ = amount.Add(line.Charged)
				if period.From.IsZero() || line.Invoice.Due.Before(period.From) {
					period.From = line.Invoice.Due
				}
				to := line.Invoice.Paid // half-open; a convention that counts the end date counts the payment day too
				if opt.Convention.EndInclusive {
					to = to.AddDays(1)
				}
				if to.After(period.To) {
					period.To = to
				}
			}
			if !amount.IsPositive() {
				continue
			}
			c.Charges = append(c.Charges, Charge{Kind: ChargeInterest, Amount: amount, On: today, InvoiceID: cl.InvoiceID, Period: period, Source: "interest invoice (S8)"})
			ch.add(EventChargeAdded, "kind", ChargeInterest.String(), "amount", amount.String(), "on", today.String(), "invoice", cl.InvoiceID,
				"from", period.From.String(), "to", period.To.String(), "source", "interest invoice")
		}
		d, err := s.letterData(ctx, *c, today)
		if err != nil {
			return err
		}
		interestLetter(&d, *c, l, inv)
		d.Deadline = r.Deadline
		if d.Deadline == (date.Date{}) {
			d.Deadline = today.AddDays(letterDays)
		}
		msg, err := s.queueLetter(c, letters.InterestInvoice, d, "interest-invoice", r.Delivery, ch)
		if err != nil {
			return err
		}
		ch.add(EventInterestInvoiced, "invoices", joinIDs(ids), "amount", inv.Total.String(), "message", msg)
		return s.settle(c, today, ch)
	})
	if err != nil {
		return InterestResult{}, err
	}
	res.Case = c
	return res, nil
}

// InterestInvoices makes the interest invoice of every case of the creditor
// that has a claim paid and not yet interest-invoiced (S8), as InterestInvoice
// does for one case, and returns what each charged. It stops at the first
// error other than a case with nothing to invoice.
func (s *Service) InterestInvoices(ctx context.Context, creditorID string, r InterestRequest) ([]InterestResult, error) {
	var p problems
	p.id("creditorID", creditorID)
	p.interestRequest(r, s.Today())
	if err := p.err(); err != nil {
		return nil, err
	}
	var ids []CaseID
	for c, err := range s.store.List(ctx, Filter{CreditorID: creditorID, Statuses: []Status{StatusActive, StatusPaused, StatusClosed}}) {
		if err != nil {
			return nil, fmt.Errorf("collection: interest invoices of %q: %w", creditorID, err)
		}
		for _, cl := range c.Claims {
			if cl.Status == ClaimPaid && cl.InterestInvoiced == (date.Date{}) {
				ids = append(ids, c.ID)
				break
			}
		}
	}
	var out []InterestResult
	for _, id := range ids {
		res, err := s.InterestInvoice(ctx, id, r)
		if errors.Is(err, ErrInvalidTransition) {
			continue // invoiced meanwhile
		}
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

func joinIDs(ids []string) string { return strings.Join(ids, ",") }

// letterData is letterData (batch.go) for a letter the Service writes today
// outside the batch run: on the creditor's letterhead from its profile
// (Options.Creditors: name, address, bank, logo; E14), completed from
// Case.Creditor.
func (s *Service) letterData(ctx context.Context, c Case, today date.Date) (letters.Data, error) {
	l, err := c.Ledger()
	if err != nil {
		return letters.Data{}, err
	}
	ci := s.creditor(ctx, c.Creditor.ID, nil)
	if ci.err != nil {
		return letters.Data{}, fmt.Errorf("collection: creditor %q: %w", c.Creditor.ID, ci.err)
	}
	return letterData(&c, s.lawOf(c.Jurisdiction), &l, &ci.profile, today), nil
}

func claimNumber(cl Claim) string {
	if cl.Number != "" {
		return cl.Number
	}
	return cl.InvoiceID
}

// queueLetter renders a letter of kind from d and queues it in the outbox of
// the Save, with the idempotency key "<case>/<name>/<version>". It returns the key.
func (s *Service) queueLetter(c *Case, kind letters.Kind, d letters.Data, name string, dl Delivery, ch *change) (string, error) {
	chn, rcpt := dl.resolve(c.Debtor)
	if !chn.IsValid() {
		return "", &dunning.FieldError{Field: "Delivery.Channel", Value: chn.String(), Reason: "is not a channel"}
	}
	if rcpt == "" {
		return "", &dunning.FieldError{Field: "Delivery.Recipient", Value: "", Reason: "is required: the debtor has no address for " + chn.String()}
	}
	if dl.Channel == 0 && dl.Recipient != "" {
		// The channel came from the debtor's details: the recipient is checked
		// for it now.
		var p problems
		if !p.recipient("Delivery.Recipient", chn, rcpt) {
			return "", p.err()
		}
	}
	r, err := s.renderer()
	if err != nil {
		return "", fmt.Errorf("collection: letters: %w", err)
	}
	s.payment(&d, c, kind)
	letter, err := r.RenderFor(kind, letterLanguage(c.Debtor, d.Law), d, chn)
	if err != nil {
		return "", fmt.Errorf("collection: case %q: render %s: %w", string(c.ID), kind, err)
	}
	id := fmt.Sprintf("%s/%s/%d", c.ID, name, c.Version+1)
	if kind != letters.PaymentClaim && kind != letters.EnforcementRequest && !d.Date.IsZero() {
		// E21: an action with a deadline (an offer's expiry, a plan's
		// instalments, a warning's or an invoice's deadline) replaces the pause
		// date; the debtor is contacted, so the case is no longer paused (L1).
		// A court submission goes to the court, not the debtor.
		replacePause(c, d.Date, ch, name)
	}
	msg, err := s.message(letter, &d, id, chn, rcpt)
	if err != nil {
		return "", err
	}
	ch.outbox = append(ch.outbox, msg)
	ch.add(EventLetterQueued, "message", id, "channel", chn.String(), "kind", kind.String())
	return id, nil
}

// planData is the plan as the debtor is told it (E12).
func planData(p agreement.Plan) letters.Plan {
	sum := p.Summary()
	lp := letters.Plan{Principal: sum.Principal, Instalment: sum.Instalment, Term: sum.Count, First: sum.First, Last: sum.Last,
		Rate: sum.Rate, TotalInterest: sum.TotalInterest, TotalPaid: sum.TotalPaid}
	if sum.DownPayment.Sign() > 0 {
		lp.DownPayment, lp.DownPaymentDate = sum.DownPayment, sum.DownPaymentDate
	}
	for in := range p.All() {
		if in.IsDownPayment() {
			continue
		}
		lp.Instalments = append(lp.Instalments, letters.Instalment{No: in.Number, Due: in.Due, Amount: in.Amount, Interest: in.Interest, Principal: in.Principal, Balance: in.Balance})
	}
	return lp
}

// breachData is what went wrong with a plan (E13).
func breachData(st agreement.Status) letters.Breach {
	b := letters.Breach{Since: st.BreachedOn, Arrears: st.Due.Total()}
	for is := range st.All() {
		if is.Overdue {
			in := is.Instalment
			b.Missed = append(b.Missed, letters.Instalment{No: in.Number, Due: in.Due, Amount: in.Amount, Interest: in.Interest, Principal: in.Principal, Balance: in.Balance})
		}
	}
	return b
}

// interestLetter turns d into the interest invoice (S8): the claims paid late,
// the calculation per segment, and the interest as the only amount due.
func interestLetter(d *letters.Data, c Case, l Ledger, inv interest.Invoice) {
	z := money.Zero(c.Currency)
	d.Claims, d.Fees, d.Costs = nil, nil, nil
	seen := map[string]bool{}
	for _, line := range inv.Lines {
		i := -1
		for k, acc := range l.Claims {
			if acc.PaidOn != (date.Date{}) && len(line.Invoice.ID) > len(acc.InvoiceID) && line.Invoice.ID[:len(acc.InvoiceID)+1] == acc.InvoiceID+"@" {
				i = k
			}
		}
		if i < 0 {
			continue
		}
		cl, acc := c.Claims[i], l.Claims[i]
		if !seen[cl.InvoiceID] {
			seen[cl.InvoiceID] = true
			paid, _ := acc.Paid.Add(acc.Settled)
			d.Claims = append(d.Claims, letters.Claim{Invoice: claimNumber(cl), Date: cl.Issued, Due: cl.Due, Amount: paid, Paid: paid, Open: z, PaidOn: acc.PaidOn})
		}
		pol := money.PolicyFor(c.Currency, money.HalfAwayFromZero)
		for _, sg := range line.Segments {
			bal, _ := money.FromDecimal(sg.Balance, c.Currency, pol)
			amt, _ := money.FromDecimal(sg.Amount, c.Currency, pol)
			d.Interest.Segments = append(d.Interest.Segments, letters.Segment{Invoice: claimNumber(cl), From: sg.From, To: sg.To, Days: sg.Days, Rate: sg.Rate, Balance: bal, Amount: amt})
		}
	}
	d.Interest.Total = inv.Total
	d.Total = inv.Total
}
