package collection

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// The event types of the batch run and the relay (E16, E17). Data keys are given
// after each.
const (
	EventStepTaken        EventType = "step.taken"        // flow, index, kind, name, on, fee, deadline, message
	EventCharged          EventType = "charge.added"      // kind, amount, invoice, action, source (interest: from, to)
	EventMessageSent      EventType = "message.sent"      // message, at, detail (E15: the Dispatcher accepted it)
	EventMessageDelivered EventType = "message.delivered" // message, at, detail
	EventMessageOpened    EventType = "message.opened"    // message, at, detail
	EventMessageBounced   EventType = "message.bounced"   // message, at, detail
	EventMessageFailed    EventType = "message.failed"    // message, at, detail (the relay gave up)
	EventMessageCancelled EventType = "message.cancelled" // message, reason (E19: its action was deleted before it was sent)
)

// BatchRequest says which due steps a batch run previews or commits (E17).
// The zero BatchRequest is every creditor's due steps today.
type BatchRequest struct {
	// CreditorID restricts the run to one creditor's cases (Case.Creditor.ID);
	// empty means every creditor.
	CreditorID string
	// Date is the day of the run: steps due on or before it are taken, dated Date.
	// Zero means the Service's today. Commit refuses a Date after today.
	Date date.Date
	// IncludeKinds, when not empty, keeps only steps of these kinds;
	// ExcludeKinds drops steps of these kinds.
	IncludeKinds, ExcludeKinds []flow.Kind
	// Limit is the most steps the run takes (or previews); 0 means no limit.
	Limit int
	// BalanceStatement sends one balance statement per debtor, listing every open
	// invoice of the debtor's running cases with the creditor, instead of one
	// letter per step (S12). The steps are taken and charged as usual.
	BalanceStatement bool
	// Cases, when not empty, restricts the run to these cases (a Preview commits
	// only its rows).
	Cases []CaseID
	// Workers is how many cases Commit works on at the same time; 0 means 1.
	// Statements (BalanceStatement) are always committed one debtor at a time.
	Workers int
}

// Batch is what Commit commits: a BatchRequest, or a Preview, which commits only
// the cases it showed.
type Batch interface {
	batchRequest() BatchRequest
}

func (r BatchRequest) batchRequest() BatchRequest { return r }

// Preview is what a batch run would do (E17): the due steps grouped by flow and
// document kind, with counts and rows, and the due steps it would not take.
type Preview struct {
	// Request is the request previewed, with Date set.
	Request BatchRequest
	// Groups are the due steps by (flow, step kind), in flow-name and kind order.
	Groups []PreviewGroup
	// Held are the cases whose step is due but that the run does not take: a
	// court filing or an agency hand-over (a person files them, E8, S13), or a
	// step a creditor holiday holds back (L3).
	Held []Held
	// NotDue are the cases of Request.Cases that the run would not take, each
	// with why and from which day (S10), by case id; empty when Request.Cases is.
	NotDue []NotDue
}

// NotDue is a case selected for a batch run (BatchRequest.Cases) that the run
// would not take, and why (S10).
type NotDue struct {
	CaseID CaseID
	// Step is the next step's name, when there is one; On the first day it may
	// be taken (zero when a person must act, or nothing is pending).
	Step string
	On   date.Date
	// Reason says why, as a person reads it: flow.Decision.Explain, or the
	// case's state ("the case is closed (P1)", "not found").
	Reason string
}

func (p Preview) batchRequest() BatchRequest {
	r := p.Request
	r.Cases = nil
	for _, g := range p.Groups {
		for _, row := range g.Rows {
			r.Cases = append(r.Cases, row.CaseID)
		}
	}
	if len(r.Cases) == 0 {
		r.Cases = []CaseID{""} // nothing to commit; the empty id matches no case
	}
	return r
}

// Count returns the number of due steps in the preview.
func (p Preview) Count() int {
	n := 0
	for _, g := range p.Groups {
		n += g.Count
	}
	return n
}

// PreviewGroup is the due steps of one kind in one flow. The plan checks of
// the flow's cases on a payment plan (E13) are a group of their own, with the
// zero Kind and Document: each of its rows says whether the check sends the
// breach warning (Document letters.PlanBreachWarning) or only moves the plan's
// next check.
type PreviewGroup struct {
	Flow     string       // the flow's name
	Kind     flow.Kind    // the step kind; zero for plan checks
	Document letters.Kind // the document it sends; zero for plan checks
	Count    int          // len(Rows)
	Rows     []PreviewRow // by case id
}

// PreviewRow is one due step.
type PreviewRow struct {
	CaseID CaseID
	// DebtorID and Debtor are the debtor's id and name.
	DebtorID, Debtor string
	// Step is the step's name; Index its index in the flow. A plan check (E13)
	// has Index -1 and Step "plan breach warning" when the plan is breached and
	// was not yet warned, "plan check" otherwise.
	Step  string
	Index int
	// Document is the letter it sends.
	Document letters.Kind
	// Principal is the principal the case still owes (Ledger: the claims'
	// outstanding amounts).
	Principal money.Money
	// Fee is the fee the law allows for the step today; Money{} for none. With
	// BatchRequest.BalanceStatement only the debtor's last due case (by id)
	// carries one: a statement is one letter with one fee (S12).
	Fee money.Money
	// FollowUp is the follow-up date: the day the step became due (before the run's
	// Date when the case is being caught up); for a plan check, the plan's Check.
	FollowUp date.Date
	// Deadline is the deadline the letter gives the debtor.
	Deadline date.Date
}

// Held is a case with a due step the batch run does not take, and why.
type Held struct {
	CaseID CaseID
	Step   string
	Kind   flow.Kind
	// Until is the first day the step may be taken (after a holiday window); zero
	// when a person must act.
	Until  date.Date
	Reason string
}

// CommitResult is what Commit did.
type CommitResult struct {
	// Date is the day of the run.
	Date date.Date
	// Steps are the steps taken, by case id.
	Steps []CommitStep
	// Statements are the ids of the balance statements queued (S12).
	Statements []string
	// Plans are the plan checks made, by case id (E13).
	Plans []PlanCheck
	// Held are the due steps not taken (see Preview.Held).
	Held []Held
	// Failed are the cases whose step could not be taken; nothing was saved for
	// them, and the next run takes the step. Commit's error joins their errors.
	Failed []Failure
}

// CommitStep is one step Commit took.
type CommitStep struct {
	CaseID CaseID
	Flow   string
	Index  int
	Kind   flow.Kind
	// Fee is the reminder fee charged; Money{} for none.
	Fee money.Money
	// MessageID is the id of the letter queued; empty when a balance statement
	// covers the step.
	MessageID string
}

// PlanCheck is the check Commit made of a case on a payment plan (E13).
type PlanCheck struct {
	CaseID CaseID
	// Warned says the plan was breached and the breach warning was queued, with
	// the id MessageID.
	Warned    bool
	MessageID string
	// Check is the plan's next check after this one; zero when the plan is paid or
	// was warned (then a person decides: Digest, TerminatePlan).
	Check date.Date
}

// Failure is a case whose step could not be taken.
type Failure struct {
	CaseID CaseID
	Err    error
}

// Preview returns the steps a batch run for r would take (E17): the due steps of
// the matching cases (Store.Due, then flow.Decide with the case's facts and the
// creditor's holiday windows), leaving out cases out of batch follow-up (E18),
// paused (L1), waiting for a person (N6), on the offer track or handed over,
// grouped by flow and step kind; cases on a payment plan whose check is due are
// rows of their flow's plan-check group (E13). It changes nothing. Implements
// E17, E18, L3, E13.
func (s *Service) Preview(ctx context.Context, r BatchRequest) (Preview, error) {
	r, err := s.checkBatch(r, false)
	if err != nil {
		return Preview{}, err
	}
	run := s.newRun(r, time.Time{})
	p := Preview{Request: r}
	groups := map[[2]string]*PreviewGroup{}
	shown := map[CaseID]bool{}
	n := 0
	for c, err := range s.store.Due(ctx, r.Date) {
		if err != nil {
			return Preview{}, fmt.Errorf("collection: preview: %w", err)
		}
		pl, ok, err := run.plan(ctx, c)
		if err != nil {
			return Preview{}, err
		}
		if !ok || pl.lapseOnly {
			continue
		}
		shown[c.ID] = true
		if pl.held != nil {
			p.Held = append(p.Held, *pl.held)
			continue
		}
		if r.Limit > 0 && n >= r.Limit {
			continue
		}
		n++
		l, err := c.Ledger()
		if err != nil {
			return Preview{}, err
		}
		row := PreviewRow{CaseID: c.ID, DebtorID: c.Debtor.ID, Debtor: c.Debtor.Name, Principal: outstandingPrincipal(c, l)}
		var key [2]string
		var g *PreviewGroup
		if pl.check {
			row.Index, row.Step, row.FollowUp = -1, "plan check", c.Plan.Check
			if warn, err := s.planWouldWarn(c, r.Date); err != nil {
				return Preview{}, err
			} else if warn {
				row.Step, row.Document, row.Deadline = "plan breach warning", letters.PlanBreachWarning, r.Date.AddDays(letterDays)
			}
			key = [2]string{c.Progress.Flow, "plan"}
			if g = groups[key]; g == nil {
				g = &PreviewGroup{Flow: c.Progress.Flow}
			}
		} else {
			row.Step, row.Index, row.Fee, row.FollowUp, row.Deadline = pl.d.Step.Name, pl.d.Index, pl.d.Fee, pl.d.On, pl.deadline
			row.Document = documentOf(pl.d.Step.Kind)
			key = [2]string{pl.flow.Name(), pl.d.Step.Kind.String()}
			if g = groups[key]; g == nil {
				g = &PreviewGroup{Flow: pl.flow.Name(), Kind: pl.d.Step.Kind, Document: row.Document}
			}
		}
		groups[key] = g
		g.Rows = append(g.Rows, row)
	}
	if r.BalanceStatement {
		// S12: one statement is one letter with one fee, charged on the debtor's
		// last due case (by id), as Commit charges it.
		last := map[string]CaseID{}
		for _, g := range groups {
			for _, row := range g.Rows {
				if row.Index >= 0 && row.CaseID > last[row.DebtorID] {
					last[row.DebtorID] = row.CaseID
				}
			}
		}
		for _, g := range groups {
			for i := range g.Rows {
				if row := &g.Rows[i]; row.Index >= 0 && row.CaseID != last[row.DebtorID] {
					row.Fee = money.Money{}
				}
			}
		}
	}
	for _, g := range groups {
		slices.SortFunc(g.Rows, func(a, b PreviewRow) int { return cmp.Compare(a.CaseID, b.CaseID) })
		g.Count = len(g.Rows)
		p.Groups = append(p.Groups, *g)
	}
	slices.SortFunc(p.Groups, func(a, b PreviewGroup) int {
		return cmp.Or(cmp.Compare(a.Flow, b.Flow), cmp.Compare(a.Kind, b.Kind))
	})
	slices.SortFunc(p.Held, func(a, b Held) int { return cmp.Compare(a.CaseID, b.CaseID) })
	for _, id := range r.Cases {
		if shown[id] || slices.ContainsFunc(p.NotDue, func(nd NotDue) bool { return nd.CaseID == id }) {
			continue
		}
		nd, err := s.notDue(ctx, id, r.Date)
		if err != nil {
			return Preview{}, err
		}
		p.NotDue = append(p.NotDue, nd)
	}
	slices.SortFunc(p.NotDue, func(a, b NotDue) int { return cmp.Compare(a.CaseID, b.CaseID) })
	return p, nil
}

// notDue says why a selected case is not in a batch run for day (S10): its
// state, or what flow.Decide says of it with the creditor's holidays.
func (s *Service) notDue(ctx context.Context, id CaseID, day date.Date) (NotDue, error) {
	nd := NotDue{CaseID: id}
	c, err := s.load(ctx, id)
	if errors.Is(err, ErrNotFound) {
		nd.Reason = "not found"
		return nd, nil
	}
	if err != nil {
		return NotDue{}, err
	}
	if err := s.allow(c, "batch", day); err != nil {
		var te *TransitionError
		if errors.As(err, &te) {
			nd.Reason = te.Reason
			return nd, nil
		}
		return NotDue{}, err
	}
	f, ok := s.flows[c.Progress.Flow]
	if !ok {
		nd.Reason = "flow " + strconv.Quote(c.Progress.Flow) + " is not configured"
		return nd, nil
	}
	ci := s.creditor(ctx, c.Creditor.ID, nil)
	if ci.err != nil {
		return NotDue{}, fmt.Errorf("collection: creditor %q: %w", c.Creditor.ID, ci.err)
	}
	facts := s.facts(c, day)
	creditorFacts(&facts, &c, ci)
	d := flow.Decide(f, c.Progress, facts, day)
	nd.Step, nd.On, nd.Reason = d.Step.Name, d.On, d.Explain()
	switch {
	case d.Due && c.Progress.Manual:
		nd.Reason = d.Step.Name + " is due, but the case is out of batch follow-up (E18): take it by hand"
	case d.Due:
		nd.Reason = d.Step.Name + " is due but left out by the request (kinds or limit)"
	}
	return nd, nil
}

// Commit takes the due steps of b (a BatchRequest, or a Preview: only its
// cases) and queues their letters for sendAt (E17). For each case, in one Save
// with the version check (retried on a conflict), it takes the step
// (flow.Progress.Take, dated the run's Date), charges the reminder fee flow.Decide
// allowed (fees law, Charge.Action set so DeleteLastAction undoes it), the
// compensation fee of a business debtor once per invoice if the creditor claims
// it (E6), the late-payment interest accrued on each claim since it was last
// charged (Case.Interest; see chargeInterest in the package doc), renders the
// letter from the case's Ledger (what is still owed per claim and charge, with
// the interest calculation) and queues it in the outbox with the id
// "<case id>/<step index>/<version>", version being the case version the Save
// produces, and letters.Message.SendAt set to sendAt (zero: at once), which
// the Relay honours. Cases on a payment plan whose check is due are checked
// (E13): a breached plan gets its breach warning once (CommitResult.Plans).
//
// Committing the same day twice changes nothing the second time: a step that was
// taken is no longer due, and one Save takes at most one step, so a missed day is
// caught up step by step, the next step counting from the day the previous one
// was actually taken (flow.Decide). A case whose Save fails is reported in
// Failed, keeps its state, and is taken by the next run; Commit's error joins
// those failures. Court filings and agency hand-overs are held for a person
// (Held). A settlement offer that lapsed is saved as lapsed even when no step
// is due. Implements E17, S9, S12, E6, E13, L3, S7.
func (s *Service) Commit(ctx context.Context, b Batch, sendAt time.Time) (CommitResult, error) {
	if b == nil {
		return CommitResult{}, &dunning.FieldError{Field: "batch", Value: "<nil>", Reason: "is required"}
	}
	r, err := s.checkBatch(b.batchRequest(), true)
	if err != nil {
		return CommitResult{}, err
	}
	run := s.newRun(r, sendAt)
	res := CommitResult{Date: r.Date}
	if r.BalanceStatement {
		err = run.commitStatements(ctx, &res)
	} else {
		err = run.commitEach(ctx, &res)
	}
	slices.SortFunc(res.Steps, func(a, b CommitStep) int { return cmp.Compare(a.CaseID, b.CaseID) })
	slices.SortFunc(res.Held, func(a, b Held) int { return cmp.Compare(a.CaseID, b.CaseID) })
	slices.SortFunc(res.Plans, func(a, b PlanCheck) int { return cmp.Compare(a.CaseID, b.CaseID) })
	slices.SortFunc(res.Failed, func(a, b Failure) int { return cmp.Compare(a.CaseID, b.CaseID) })
	errs := []error{err}
	for _, f := range res.Failed {
		errs = append(errs, f.Err)
	}
	return res, errors.Join(errs...)
}

// checkBatch validates r and sets its Date.
func (s *Service) checkBatch(r BatchRequest, commit bool) (BatchRequest, error) {
	today := s.Today()
	if r.Date.IsZero() {
		r.Date = today
	}
	var errs []error
	if commit && r.Date.After(today) {
		errs = append(errs, &dunning.FieldError{Field: "BatchRequest.Date", Value: r.Date.String(), Reason: "is after today, " + today.String() + ": a step is dated the day it is taken"})
	}
	if r.Limit < 0 {
		errs = append(errs, &dunning.FieldError{Field: "BatchRequest.Limit", Value: strconv.Itoa(r.Limit), Reason: "is negative"})
	}
	if r.Workers < 0 {
		errs = append(errs, &dunning.FieldError{Field: "BatchRequest.Workers", Value: strconv.Itoa(r.Workers), Reason: "is negative"})
	}
	for i, k := range r.IncludeKinds {
		if !k.IsValid() {
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("BatchRequest.IncludeKinds[%d]", i), Value: k.String(), Reason: "is not a step kind"})
		}
	}
	for i, k := range r.ExcludeKinds {
		if !k.IsValid() {
			errs = append(errs, &dunning.FieldError{Field: fmt.Sprintf("BatchRequest.ExcludeKinds[%d]", i), Value: k.String(), Reason: "is not a step kind"})
		}
	}
	return r, errors.Join(errs...)
}

// run is one Preview or Commit: the request, the creditors looked up so far and
// the send time.
type run struct {
	s      *Service
	r      BatchRequest
	cases  map[CaseID]bool
	sendAt time.Time
	// send is the day the run's letters go out: the run's Date, or today for a
	// run for a past day (catch-up), or the day of sendAt when that is later.
	// Steps are dated it, and deadlines count from it (flow.Facts.SendOn).
	send date.Date

	mu        sync.Mutex
	creditors map[string]*creditorInfo
}

func (s *Service) newRun(r BatchRequest, sendAt time.Time) *run {
	rn := &run{s: s, r: r, sendAt: sendAt, send: r.Date, creditors: map[string]*creditorInfo{}}
	if t := s.Today(); t.After(rn.send) {
		rn.send = t
	}
	if !sendAt.IsZero() {
		if d := date.In(sendAt, s.loc); d.After(rn.send) {
			rn.send = d
		}
	}
	if len(r.Cases) > 0 {
		rn.cases = make(map[CaseID]bool, len(r.Cases))
		for _, id := range r.Cases {
			rn.cases[id] = true
		}
	}
	return rn
}

// creditor returns the creditor's profile and holidays, looked up once per run.
func (rn *run) creditor(ctx context.Context, id string) (*creditorInfo, error) {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	ci := rn.s.creditor(ctx, id, rn.creditors)
	if ci.err != nil {
		return nil, fmt.Errorf("collection: creditor %q: %w", id, ci.err)
	}
	return ci, nil
}

// plan is what the run would do with one case.
type plan struct {
	flow     flow.Flow
	facts    flow.Facts
	d        flow.Decision
	deadline date.Date
	ci       *creditorInfo
	held     *Held
	// check: the case is on a payment plan whose check is due (E13).
	check bool
	// lapseOnly: the case's settlement offer lapsed and no step is due; Commit
	// saves the lapse (E11), Preview shows nothing.
	lapseOnly bool
}

// plan decides what the run does with c: ok is false when the run leaves it
// alone; held is set when its step is due (or held back by a holiday) but not
// taken by the run.
func (rn *run) plan(ctx context.Context, c Case) (plan, bool, error) {
	r := &rn.r
	if (r.CreditorID != "" && c.Creditor.ID != r.CreditorID) || (rn.cases != nil && !rn.cases[c.ID]) {
		return plan{}, false, nil
	}
	day := r.Date
	if !c.StatusOn(day).Running() || !c.Agency.IsZero() {
		return plan{}, false, nil
	}
	lapsed := false
	switch c.Progress.Track {
	case flow.TrackPlan:
		// Not out of batch follow-up (E18), not paused (L1: never contacted),
		// not when only some step kinds are asked for.
		if c.Progress.Manual || c.StatusOn(day) == StatusPaused || len(r.IncludeKinds) > 0 || c.Plan.IsZero() || c.Plan.Check.IsZero() || c.Plan.Check.After(day) {
			return plan{}, false, nil
		}
		ci, err := rn.creditor(ctx, c.Creditor.ID)
		if err != nil {
			return plan{}, false, err
		}
		p := plan{check: true, ci: ci}
		for _, h := range ci.holidays {
			if h.Contains(day) {
				p.held = &Held{CaseID: c.ID, Step: "plan check", Until: h.To, Reason: "the creditor's holiday window holds the plan check back (L3)"}
			}
		}
		return p, true, nil
	case flow.TrackOffer:
		// E11: an offer lapses by itself the day after it expires; Commit saves the
		// lapse (update does) and the flow goes on where it was.
		if c.Offer.IsZero() || c.Offer.Accepted != (date.Date{}) || c.Offer.Lapsed != (date.Date{}) || !day.After(c.Offer.Expires) {
			return plan{}, false, nil
		}
		c.Progress = c.Progress.WithTrack(flow.TrackMain)
		lapsed = true
	}
	f, ok := rn.s.flows[c.Progress.Flow]
	if !ok {
		return plan{lapseOnly: lapsed}, lapsed, nil
	}
	ci, err := rn.creditor(ctx, c.Creditor.ID)
	if err != nil {
		return plan{}, false, err
	}
	facts := rn.s.facts(c, day)
	creditorFacts(&facts, &c, ci)
	facts.SendOn = rn.send // a catch-up run's letters count their deadlines from the day they go out
	d := flow.Decide(f, c.Progress, facts, day)
	if d.Index < 0 || (len(r.IncludeKinds) > 0 && !slices.Contains(r.IncludeKinds, d.Step.Kind)) || slices.Contains(r.ExcludeKinds, d.Step.Kind) {
		return plan{lapseOnly: lapsed}, lapsed, nil
	}
	p := plan{flow: f, facts: facts, d: d, ci: ci, deadline: d.Deadline}
	switch {
	case d.Reason == flow.ReasonHoliday && !c.Progress.Manual:
		p.held = &Held{CaseID: c.ID, Step: d.Step.Name, Kind: d.Step.Kind, Until: d.On, Reason: "the creditor's holiday window holds the step back (L3)"}
		return p, true, nil
	case !d.Batch:
		return plan{lapseOnly: lapsed}, lapsed, nil
	}
	switch d.Step.Kind {
	case flow.PaymentClaim, flow.EnforcementRequest:
		p.held = &Held{CaseID: c.ID, Step: d.Step.Name, Kind: d.Step.Kind, Reason: "a court filing is made by a person (E8)"}
	case flow.AgencyHandover:
		p.held = &Held{CaseID: c.ID, Step: d.Step.Name, Kind: d.Step.Kind, Reason: "a hand-over to an agency is made by a person (S13)"}
	}
	if p.deadline.IsZero() {
		// The last step of a flow gives no deadline of its own (the law's, where
		// it sets one, is already in d.Deadline): 14 days from the day it goes out.
		p.deadline = rn.send.AddDays(letterDays)
	}
	return p, true, nil
}

// commitEach takes the due steps with r.Workers workers, one case at a time
// through updateFrom, or a batch at a time over a BatchSaver (commitBatches).
func (rn *run) commitEach(ctx context.Context, res *CommitResult) error {
	workers := max(rn.r.Workers, 1)
	var mu sync.Mutex
	record := func(o stepOutcome) {
		mu.Lock()
		defer mu.Unlock()
		o.addTo(res)
	}
	work := make(chan planned, workers)
	var wg sync.WaitGroup
	if bs, ok := rn.s.store.(BatchSaver); ok {
		wg.Go(func() { rn.commitBatches(ctx, bs, work, workers, record) })
	} else {
		for range workers {
			wg.Go(func() {
				for w := range work {
					record(rn.commitFrom(ctx, w.c.ID, &w.c, &w.pl, false, false))
				}
			})
		}
	}
	var iterErr error
	n := 0
	for c, err := range rn.s.store.Due(ctx, rn.r.Date) {
		if err != nil {
			iterErr = fmt.Errorf("collection: commit: %w", err)
			break
		}
		pl, ok, err := rn.plan(ctx, c)
		if err != nil {
			record(stepOutcome{failed: &Failure{CaseID: c.ID, Err: err}})
			continue
		}
		if !ok {
			continue
		}
		if pl.held != nil {
			record(stepOutcome{held: pl.held})
			continue
		}
		if !pl.lapseOnly {
			if rn.r.Limit > 0 && n >= rn.r.Limit {
				continue
			}
			n++
		}
		work <- planned{c, pl}
	}
	close(work)
	wg.Wait()
	return iterErr
}

// commitBatches takes the due steps of the cases from work over a BatchSaver:
// workers goroutines apply each case's step (decide, charge, render: the
// command commitCase saves alone) and two writers save the results batchSize
// at a time with SaveBatch, while the workers go on with the next cases. A
// write the batch refuses (a conflict: the case changed since Due read it) or
// a batch that fails as a whole is taken again case by case through
// commitCase, which reloads the case and decides again, so a batch changes
// nothing of what a run does, only how many round trips it costs.
func (rn *run) commitBatches(ctx context.Context, bs BatchSaver, work <-chan planned, workers int, record func(stepOutcome)) {
	type pending struct {
		w   Write
		out stepOutcome
	}
	full := make(chan []pending, 4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var batch []pending
	ids := map[CaseID]bool{}
	// put adds p to the batch; a full batch, or one that holds p's case
	// already (Due may read a case again, NextDue having moved), goes to the
	// writer first.
	put := func(p pending) {
		mu.Lock()
		defer mu.Unlock()
		if ids[p.w.Case.ID] || len(batch) == batchSize {
			full <- batch
			batch = make([]pending, 0, batchSize)
			clear(ids)
		}
		batch = append(batch, p)
		ids[p.w.Case.ID] = true
	}
	for range workers {
		wg.Go(func() {
			for w := range work {
				c := w.c
				var out stepOutcome
				nc, ch, changed, err := rn.s.apply(c, true, rn.stepCommand(ctx, &out, &w.pl, false, false))
				switch {
				case err != nil:
					record(stepOutcome{failed: &Failure{CaseID: c.ID, Err: err}})
				case !changed:
					record(out)
				default:
					put(pending{w: Write{Case: nc, Events: ch.events, Outbox: ch.outbox}, out: out})
				}
			}
		})
	}
	// Two writers: one encodes and sends its batch while the other waits
	// for the database, so neither the CPU nor the database idles.
	var writers sync.WaitGroup
	for range 2 {
		writers.Go(func() {
			for b := range full {
				writes := make([]Write, len(b))
				for i := range b {
					writes[i] = b[i].w
				}
				errs, err := bs.SaveBatch(ctx, writes)
				for i, p := range b {
					if err == nil && errs[i] == nil {
						rn.s.log.InfoContext(ctx, "collection: batch step", "case", string(p.w.Case.ID), "version", uint64(p.w.Case.Version+1))
						record(p.out)
						continue
					}
					if err == nil {
						rn.s.log.DebugContext(ctx, "collection: batch write refused, taking the case alone", "case", string(p.w.Case.ID), "err", errs[i])
					}
					record(rn.commitFrom(ctx, p.w.Case.ID, nil, nil, false, false))
				}
			}
		})
	}
	wg.Wait()
	if len(batch) > 0 {
		full <- batch
	}
	close(full)
	writers.Wait()
}

// stepOutcome is what happened to one case.
type stepOutcome struct {
	step   *CommitStep
	check  *PlanCheck
	held   *Held
	failed *Failure
}

func (o stepOutcome) addTo(res *CommitResult) {
	switch {
	case o.failed != nil:
		res.Failed = append(res.Failed, *o.failed)
	case o.held != nil:
		res.Held = append(res.Held, *o.held)
	case o.step != nil:
		res.Steps = append(res.Steps, *o.step)
	case o.check != nil:
		res.Plans = append(res.Plans, *o.check)
	}
}

// commitCase takes the due step of c (as read from the store) in one Save,
// deciding again on every attempt. noLetter leaves the letter to a balance
// statement; noFee charges no reminder fee, because another case's Save charges
// the statement's one fee (S12).
func (rn *run) commitCase(ctx context.Context, c *Case, noLetter, noFee bool) stepOutcome {
	return rn.commitFrom(ctx, c.ID, c, nil, noLetter, noFee)
}

// planned is a due case as read, with the plan the run made for it.
type planned struct {
	c  Case
	pl plan
}

// commitFrom is commitCase from first, the case as read, or, when first is
// nil (a batched write was refused), from the case loaded again. pre, if not
// nil, is the plan the run made for first (see stepCommand).
func (rn *run) commitFrom(ctx context.Context, id CaseID, first *Case, pre *plan, noLetter, noFee bool) stepOutcome {
	var out stepOutcome
	if _, err := rn.s.updateFrom(ctx, id, first, "batch step", rn.stepCommand(ctx, &out, pre, noLetter, noFee)); err != nil {
		return stepOutcome{failed: &Failure{CaseID: id, Err: err}}
	}
	return out
}

// stepCommand is the command that takes a case's due step in a run, and
// records what it did in out (reset on every attempt). It decides on the case
// as the command gets it, with rn.plan, unless pre is the plan the run made for
// that very case: on the first attempt, when apply changed nothing before the
// command (no automatic resume or offer lapse, which record events), the case
// is the one pre was made for, and planning it again would give pre.
func (rn *run) stepCommand(ctx context.Context, out *stepOutcome, pre *plan, noLetter, noFee bool) command {
	return func(c *Case, _ time.Time, _ date.Date, ch *change) error {
		*out = stepOutcome{}
		var pl plan
		ok, err := true, error(nil)
		if pre != nil && len(ch.events) == 0 {
			pl = *pre
		} else {
			pl, ok, err = rn.plan(ctx, *c)
		}
		pre = nil // another attempt works on the case loaded again
		if err != nil || !ok || pl.lapseOnly {
			return err // a lapsed offer alone is saved by update
		}
		if pl.held != nil {
			out.held = pl.held
			return nil
		}
		if pl.check {
			out.check, err = rn.s.dailyPlan(ctx, c, rn.r.Date, ch)
			return err
		}
		step, err := rn.take(c, pl, ch, noLetter, noFee)
		if err != nil {
			return err
		}
		out.step = step
		return nil
	}
}

// take takes the step pl proposes on c, dated the day its letter goes out
// (rn.send), and decides what it does, in this order, each by the one function
// that decides it: the compensation fee of a business debtor once per invoice
// (E6), the reminder fee flow.Decide allowed (counted per claim across cases,
// less the compensation the law credits against it), the collection costs of a
// demand letter (collectionCost), the interest accrued since it was last charged,
// and the settlement offer of an offer step (flowOffer). noFee charges no
// reminder fee: another case's Save charges the one fee of the balance statement
// that covers the step (S12). Unless noLetter (a balance statement covers the
// step), it then renders the letter from what it recorded.
func (rn *run) take(c *Case, pl plan, ch *change, noLetter, noFee bool) (*CommitStep, error) {
	day := rn.send
	d := pl.d
	d.Deadline = pl.deadline
	action := len(c.Progress.Taken) + 1
	step := &CommitStep{CaseID: c.ID, Flow: pl.flow.Name(), Index: d.Index, Kind: d.Step.Kind}
	n := len(c.Charges)
	if pl.ci.profile.ClaimCompensation && c.Debtor.Kind == dunning.Business {
		for _, cl := range c.Claims {
			if cl.Status != ClaimOpen || hasCompensation(*c, cl.InvoiceID) {
				continue
			}
			comp, err := pl.facts.Law.Compensation(c.Debtor.Kind, cl.Due, cl.Original)
			if err != nil || !comp.Amount.IsValid() || comp.Amount.Sign() <= 0 || comp.Amount.Currency() != c.Currency {
				continue // no rule for the date or currency: nothing may be claimed
			}
			c.Charges = append(c.Charges, Charge{Kind: ChargeCompensation, Amount: comp.Amount, On: day, InvoiceID: cl.InvoiceID, Action: action, Source: comp.Source + " (" + comp.Status.String() + ")"})
		}
	}
	if noFee || d.FeeErr != nil || !d.Fee.IsValid() {
		d.Fee = money.Money{}
	}
	if d.Fee.IsPositive() {
		src := rn.s.rates.source(pl.facts.Fees.Source, pl.facts.Fees.Status)
		fee, offset := compensationOffset(c, pl.facts.Law, ChargeReminderFee, d.Fee)
		if offset != "" {
			src += "; less the compensation: " + offset
		}
		d.Fee = fee
		if fee.IsPositive() {
			step.Fee = fee
			c.Charges = append(c.Charges, Charge{Kind: ChargeReminderFee, Amount: fee, On: day, Action: action, Source: src})
		} else {
			d.Fee = money.Money{}
		}
	}
	c.Progress = c.Progress.Take(d, day)
	if d.Step.Kind == flow.DemandLetter {
		l, err := c.Ledger()
		if err != nil {
			return nil, err
		}
		if cost, src := collectionCost(c, pl.facts.Law, l, &pl.ci.profile, day, false); cost.IsPositive() {
			c.Charges = append(c.Charges, Charge{Kind: ChargeCollectionCost, Amount: cost, On: day, Action: action, Source: src})
		}
	}
	for _, chg := range c.Charges[n:] {
		ch.add(EventCharged, "kind", chg.Kind.String(), "amount", chg.Amount.String(), "invoice", chg.InvoiceID, "action", strconv.Itoa(chg.Action), "source", chg.Source)
	}
	l, err := c.Ledger()
	if err != nil {
		return nil, err
	}
	n = len(c.Charges)
	cis, err := rn.s.chargeInterest(c, l, day, action, ch)
	if err != nil {
		return nil, err
	}
	if len(c.Charges) > n {
		if l, err = c.Ledger(); err != nil {
			return nil, err
		}
	}
	syncClaims(c, l, ch) // a charge of the step's day may reallocate that day's payment
	if d.Step.Kind == flow.SettlementOffer {
		if err := flowOffer(c, pl.facts.Law, l, &pl.ci.profile, d, day, ch); err != nil {
			return nil, err
		}
	}
	if !noLetter {
		step.MessageID = stepMessageID(c.ID, d.Index, c.Version+1)
		msg, err := rn.s.stepLetter(c, &l, pl, day, step.MessageID, interestSegments(c, cis))
		if err != nil {
			return nil, err
		}
		msg.SendAt = rn.sendAt
		if d.Step.Kind == flow.CollectionWarning && c.Jurisdiction == dunning.DK {
			enc, err := rn.s.foundationEnclosures(c, &l, pl, day)
			if err != nil {
				return nil, err
			}
			msg.Attachments = append(msg.Attachments, enc...)
		}
		ch.outbox = append(ch.outbox, msg)
		ch.add(EventLetterQueued, "message", msg.ID, "channel", msg.Channel.String(), "sendAt", rn.sendAtText())
		c.Progress.Taken[len(c.Progress.Taken)-1].Message = msg.ID // Take gave c a Taken of its own
	}
	fee := ""
	if step.Fee.IsValid() {
		fee = step.Fee.String()
	}
	ch.add(EventStepTaken, "flow", step.Flow, "index", strconv.Itoa(d.Index), "kind", d.Step.Kind.String(), "name", d.Step.Name,
		"on", day.String(), "fee", fee, "deadline", pl.deadline.String(), "message", step.MessageID)
	return step, nil
}

// sendAtText is the send time as the letter.queued event records it, for the
// audit trail (E16): RFC 3339 in UTC, empty for "at once". The Relay reads
// letters.Message.SendAt, not the event.
func (rn *run) sendAtText() string {
	if rn.sendAt.IsZero() {
		return ""
	}
	return rn.sendAt.UTC().Format(time.RFC3339)
}

// stepMessageID is the idempotency key of the letter of step index of case id
// taken by the Save that produces version v.
func stepMessageID(id CaseID, index int, v Version) string {
	return string(id) + "/" + strconv.Itoa(index) + "/" + strconv.FormatUint(uint64(v), 10)
}

// commitStatements takes the due steps debtor by debtor and queues one balance
// statement per debtor (S12) with the Save of the debtor's last due case (by id),
// after the others: its id is "<that case>/balance/<date>", the same when a run
// that failed half-way is repeated. The statement is one letter, so it carries one
// reminder fee at most: the last case's, charged in the same Save; the steps of
// the other cases are taken without a fee.
func (rn *run) commitStatements(ctx context.Context, res *CommitResult) error {
	type key struct{ creditor, debtor string }
	byDebtor := map[key][]Case{}
	var keys []key
	n := 0
	for c, err := range rn.s.store.Due(ctx, rn.r.Date) {
		if err != nil {
			return fmt.Errorf("collection: commit: %w", err)
		}
		pl, ok, err := rn.plan(ctx, c)
		switch {
		case err != nil:
			res.Failed = append(res.Failed, Failure{CaseID: c.ID, Err: err})
			continue
		case !ok:
			continue
		case pl.held != nil:
			res.Held = append(res.Held, *pl.held)
			continue
		case pl.lapseOnly:
			rn.commitCase(ctx, &c, true, true).addTo(res)
			continue
		case rn.r.Limit > 0 && n >= rn.r.Limit:
			continue
		case pl.check: // a plan check sends no statement line (E13)
			n++
			rn.commitCase(ctx, &c, true, true).addTo(res)
			continue
		}
		n++
		k := key{c.Creditor.ID, c.Debtor.ID}
		if _, seen := byDebtor[k]; !seen {
			keys = append(keys, k)
		}
		byDebtor[k] = append(byDebtor[k], c)
	}
	for _, k := range keys {
		cs := byDebtor[k]
		slices.SortFunc(cs, func(a, b Case) int { return cmp.Compare(a.ID, b.ID) })
		last := len(cs) - 1
		ok := true
		for i := range cs[:last] {
			// One statement is one letter (rykkerskrivelse): at most one reminder
			// fee, which the Save of the last case, the one that queues the
			// statement, charges (S12, renteloven § 9 b).
			o := rn.commitCase(ctx, &cs[i], true, true)
			o.addTo(res)
			ok = ok && o.failed == nil
		}
		if !ok {
			continue // the statement waits for the next run, when every step is taken
		}
		o := rn.commitStatement(ctx, &cs[last], k.creditor, k.debtor, res)
		o.addTo(res)
	}
	return nil
}

// commitStatement takes the step of the debtor's last due case and queues the
// balance statement in the same Save.
func (rn *run) commitStatement(ctx context.Context, c *Case, creditorID, debtorID string, res *CommitResult) stepOutcome {
	var out stepOutcome
	var msgID string
	_, err := rn.s.updateFrom(ctx, c.ID, c, "batch statement", func(c *Case, _ time.Time, _ date.Date, ch *change) error {
		out = stepOutcome{}
		pl, ok, err := rn.plan(ctx, *c)
		if err != nil || !ok {
			return err
		}
		if pl.held != nil {
			out.held = pl.held
			return nil
		}
		step, err := rn.take(c, pl, ch, true, false)
		if err != nil {
			return err
		}
		out.step = step
		var others []Case
		for o, err := range rn.s.store.List(ctx, Filter{CreditorID: creditorID, DebtorID: debtorID, Statuses: []Status{StatusActive, StatusPaused}}) {
			if err != nil {
				return fmt.Errorf("collection: balance statement for debtor %q: %w", debtorID, err)
			}
			if o.ID != c.ID && o.Agency.IsZero() {
				others = append(others, o)
			}
		}
		all := append([]Case{*c}, others...)
		slices.SortFunc(all, func(a, b Case) int { return cmp.Compare(a.ID, b.ID) })
		msgID = string(c.ID) + "/balance/" + rn.r.Date.String()
		msg, err := rn.s.statementLetter(all, pl.ci.profile, rn.send, msgID)
		if err != nil {
			return err
		}
		msg.SendAt = rn.sendAt
		step.MessageID = msgID
		ch.outbox = append(ch.outbox, msg)
		ch.add(EventLetterQueued, "message", msgID, "channel", msg.Channel.String(), "sendAt", rn.sendAtText(), "kind", letters.BalanceStatement.String())
		return nil
	})
	if err != nil {
		return stepOutcome{failed: &Failure{CaseID: c.ID, Err: err}}
	}
	if out.step != nil {
		res.Statements = append(res.Statements, msgID)
	}
	return out
}

// documentOf is the letter a step of kind k sends.
func documentOf(k flow.Kind) letters.Kind {
	switch k {
	case flow.Reminder:
		return letters.Reminder
	case flow.CollectionWarning:
		return letters.CollectionWarning
	case flow.DemandLetter:
		return letters.DemandLetter
	case flow.SettlementOffer:
		return letters.SettlementOffer
	case flow.MissingPaymentLetter:
		return letters.MissingPayment
	case flow.PaymentClaim:
		return letters.PaymentClaim
	case flow.EnforcementRequest:
		return letters.EnforcementRequest
	case flow.FreeLetter:
		return letters.FreeLetter
	}
	return 0
}

// stepLetter renders the letter of the step pl proposes, taken on day, as the
// message id: the case as its Ledger l says, with the interest calculation segs.
func (s *Service) stepLetter(c *Case, l *Ledger, pl plan, day date.Date, id string, segs []letters.Segment) (letters.Message, error) {
	kind := documentOf(pl.d.Step.Kind)
	d := letterData(c, pl.facts.Law, l, &pl.ci.profile, day)
	d.Interest.Segments = segs
	if len(segs) > 0 && !d.Interest.Total.IsValid() {
		d.Interest.Total = money.Zero(c.Currency) // calculated, but paid already
	}
	d.Deadline = pl.deadline
	d.Comment = pl.d.Step.Comment
	switch kind {
	case letters.Reminder:
		for _, t := range c.Progress.Taken {
			if t.Kind == flow.Reminder {
				d.Level++
			}
		}
	case letters.CollectionWarning:
		// What the demand letter will charge if the debtor does not pay: the same
		// decision that charges it (collectionCost).
		d.CostIfUnpaid, _ = collectionCost(c, pl.facts.Law, *l, &pl.ci.profile, day, true)
	case letters.SettlementOffer:
		d.Offer = c.Offer.letter() // recorded by flowOffer: the figures the case holds
	}
	return s.render(c, pl.ci.profile, pl.d.Step.Channel, kind, &d, id)
}

// foundationEnclosures renders, for a Danish collection warning, the debtor
// declaration (skyldnererklæring) and the voluntary settlement (frivilligt
// forlig, with a monthly instalment: the default plan of E12 on what is owed,
// interest-free, the first instalment the day after the warning's deadline) that
// go out with it for the debtor to sign (E7), as HTML attachments of the
// warning: one envelope, one letter per step. Once signed, RecordFoundation
// makes either one a foundation that takes the case to the enforcement court (E8).
func (s *Service) foundationEnclosures(c *Case, l *Ledger, pl plan, day date.Date) ([]letters.Attachment, error) {
	if !l.Outstanding.IsPositive() {
		return nil, nil
	}
	p, err := agreement.Propose(agreement.Terms{Principal: l.Outstanding, Start: day, First: pl.deadline.AddDays(1)}, agreement.Proposal{})
	if err != nil {
		return nil, fmt.Errorf("collection: case %q: voluntary settlement: %w", string(c.ID), err)
	}
	r, err := s.renderer()
	if err != nil {
		return nil, fmt.Errorf("collection: letters: %w", err)
	}
	var out []letters.Attachment
	for _, k := range []letters.Kind{letters.DebtorDeclaration, letters.VoluntarySettlement} {
		d := letterData(c, pl.facts.Law, l, &pl.ci.profile, day)
		d.Deadline = pl.deadline
		d.Plan = planData(p)
		letter, err := r.Render(k, letterLanguage(c.Debtor, d.Law), d)
		if err != nil {
			return nil, fmt.Errorf("collection: case %q: render %s: %w", string(c.ID), k, err)
		}
		out = append(out, letters.Attachment{Name: k.String() + ".html", ContentType: "text/html; charset=utf-8", Data: []byte(letter.HTML)})
	}
	return out, nil
}

// statementLetter renders the balance statement (S12) of the debtor of cases.
func (s *Service) statementLetter(cases []Case, prof CreditorProfile, day date.Date, id string) (letters.Message, error) {
	first := &cases[0]
	var d letters.Data
	parts := make([]money.Money, 0, len(cases))
	for i := range cases {
		c := &cases[i]
		l, err := c.Ledger()
		if err != nil {
			return letters.Message{}, err
		}
		o := letterData(c, s.lawOf(c.Jurisdiction), &l, &prof, day)
		if i == 0 {
			d = o
			d.Case = ""
		} else {
			d.Claims = append(d.Claims, o.Claims...)
			d.Fees = append(d.Fees, o.Fees...)
			d.Costs = append(d.Costs, o.Costs...)
			if o.Interest.Total.IsValid() {
				if !d.Interest.Total.IsValid() {
					d.Interest.Total = money.Zero(first.Currency)
				}
				if d.Interest.Total, err = d.Interest.Total.Add(o.Interest.Total); err != nil {
					return letters.Message{}, err
				}
			}
		}
		parts = append(parts, o.Total)
	}
	var err error
	if d.Total, err = money.Sum(parts...); err != nil {
		return letters.Message{}, fmt.Errorf("collection: balance statement %s: %w", id, err)
	}
	return s.render(first, prof, 0, letters.BalanceStatement, &d, id)
}

// render renders a letter of kind for case c and makes it the message id, sent
// over the step's channel, else the creditor's default, else e-mail when the
// debtor has an address and post otherwise.
func (s *Service) render(c *Case, prof CreditorProfile, stepCh flow.Channel, kind letters.Kind, d *letters.Data, id string) (letters.Message, error) {
	r, err := s.renderer()
	if err != nil {
		return letters.Message{}, fmt.Errorf("collection: letters: %w", err)
	}
	ch := channelOf(stepCh)
	if ch == 0 {
		ch = prof.Channel
	}
	if ch == 0 {
		ch = letters.Email
	}
	recipient := defaultRecipient(c.Debtor, ch)
	if recipient == "" && ch != letters.Post {
		ch = letters.Post
		recipient = defaultRecipient(c.Debtor, ch)
	}
	s.payment(d, c, kind)
	l, err := r.RenderFor(kind, letterLanguage(c.Debtor, d.Law), *d, ch)
	if err != nil {
		return letters.Message{}, fmt.Errorf("collection: case %q: render %s: %w", string(c.ID), kind, err)
	}
	return s.message(l, d, id, ch, recipient)
}

func channelOf(c flow.Channel) letters.Channel {
	switch c {
	case flow.Email:
		return letters.Email
	case flow.SMS:
		return letters.SMS
	case flow.Post:
		return letters.Post
	case flow.Print:
		return letters.Print
	}
	return 0
}

// letterData maps a case into the letters.Data every letter shares: the
// letterhead (the creditor's profile, else Case.Creditor), the debtor, and
// what the case's Ledger l says is still owed: each claim that counts toward
// the debt with its principal, what was paid or settled of it and what is
// outstanding (a claim paid or settled in full is left out), and each charge's
// outstanding part as a fee, cost or interest. So Total is Ledger.Outstanding:
// the letter and the ledger never disagree (one allocation rule, Case.Ledger).
// Interest.Total is set only when interest is outstanding. Every letter the
// Service writes starts from it.
func letterData(c *Case, pk *law.Pack, l *Ledger, prof *CreditorProfile, day date.Date) letters.Data {
	d := letters.Data{
		Creditor:     prof.Letterhead,
		Debtor:       c.Debtor,
		Jurisdiction: c.Jurisdiction,
		Law:          pk,
		Date:         day,
		Case:         string(c.ID),
		Total:        l.Outstanding,
	}
	// E14: the profile's letterhead (bank, logo, website), completed from the
	// case's creditor party where the profile leaves a field empty.
	p := &c.Creditor
	if d.Creditor.Name == "" {
		d.Creditor.Name = p.Name
		if len(d.Creditor.Address.Lines) == 0 && d.Creditor.Address.City == "" {
			d.Creditor.Address = p.Address
		}
	}
	if d.Creditor.Registration.IsZero() {
		d.Creditor.Registration = p.Registration
	}
	if d.Creditor.Email == "" {
		d.Creditor.Email = p.Email
	}
	if d.Creditor.Phone == "" {
		d.Creditor.Phone = p.Phone
	}
	for i := range c.Claims {
		cl := &c.Claims[i]
		acc := &l.Claims[i]
		if !counts(cl.Status) || (cl.Status != ClaimOpen && acc.Outstanding.IsZero()) {
			continue // credited or locked; or paid or settled within the case
		}
		paid := acc.Paid
		if !acc.Settled.IsZero() {
			paid, _ = paid.Add(acc.Settled)
		}
		if d.Claims == nil {
			d.Claims = make([]letters.Claim, 0, len(c.Claims))
		}
		d.Claims = append(d.Claims, letters.Claim{Invoice: claimNumber(*cl), Date: cl.Issued, Due: cl.Due, Amount: acc.Principal, Paid: paid, Open: acc.Outstanding, PaidOn: acc.PaidOn})
	}
	for j := range c.Charges {
		chg := &c.Charges[j]
		out := l.Charges[j].Outstanding
		if chg.Waived || out.Sign() <= 0 {
			continue
		}
		line := letters.Charge{Date: chg.On, Amount: out}
		switch chg.Kind {
		case ChargeReminderFee:
			line.Kind = letters.ReminderFee
			d.Fees = append(d.Fees, line)
		case ChargeCompensation:
			line.Kind = letters.CompensationFee
			d.Fees = append(d.Fees, line)
		case ChargeCourtFee:
			line.Kind = letters.CourtFee
			d.Costs = append(d.Costs, line)
		case ChargeInterest:
			if !d.Interest.Total.IsValid() {
				d.Interest.Total = out
			} else {
				d.Interest.Total, _ = d.Interest.Total.Add(out)
			}
		default:
			line.Kind = letters.CollectionFee
			d.Costs = append(d.Costs, line)
		}
	}
	d.PaymentReference = paymentReference(c.ID, c.Jurisdiction)
	return d
}

// outstandingPrincipal is the principal the case still owes: the sum of the
// claims' outstanding amounts in l.
func outstandingPrincipal(c Case, l Ledger) money.Money {
	p := money.Zero(c.Currency)
	for _, acc := range l.Claims {
		p, _ = p.Add(acc.Outstanding)
	}
	return p
}

// flowOffer records the settlement offer of a flow step (E1, E11) the way MakeOffer
// records a manual one: agreement.Settle on what the case owes now by component,
// the step's discount in percent, expiring with the step's deadline, the escalation
// being the collection costs not yet charged (collectionCost). It replaces any
// earlier offer (a lapsed manual one included). The case stays on its main track:
// the flow's next step comes after the deadline, and payments reaching the offer's
// amount by then settle the case (acceptOffer).
func flowOffer(c *Case, pk *law.Pack, l Ledger, prof *CreditorProfile, d flow.Decision, day date.Date, ch *change) error {
	esc, _ := collectionCost(c, pk, l, prof, day, true)
	st, err := agreement.Settle(agreement.Offer{Owed: owedByComponent(*c, l), Discount: agreement.Discount{Percent: d.Step.Discount},
		Expires: d.Deadline, Escalation: agreement.Escalation{Horizon: d.Deadline.AddDays(1), CollectionCosts: esc}})
	if err != nil {
		return fmt.Errorf("collection: case %q: settlement offer of step %q: %w", string(c.ID), d.Step.Name, err)
	}
	c.Offer = &OfferRecord{Made: day, Expires: d.Deadline, Owed: st.Owed, Pay: st.Pay, Escalated: st.Escalated, Horizon: st.Horizon, Flow: true}
	ch.add(EventOfferMade, "owed", st.Owed.String(), "pay", st.Pay.String(), "expires", d.Deadline.String(), "step", d.Step.Name)
	return nil
}
