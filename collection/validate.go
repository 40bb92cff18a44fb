package collection

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// The input limits of the Service's commands (see "Input limits" in the package
// doc). Every command checks its input against them before it reads the store,
// so the same bad input gives the same *dunning.FieldError whatever the Store,
// and changes nothing.
//
// Text is counted in bytes of UTF-8. Every text field must be valid UTF-8 and
// hold no NUL byte; a one-line field (ids, names, address lines, e-mail
// addresses, phone numbers, subjects, references, statuses, flow names) holds
// no control character at all, so no CR or LF can reach a mail header.
const (
	// MaxIDBytes is the longest id: a case, invoice, payment, credit note,
	// write-off, party or agency message id, and an invoice number.
	MaxIDBytes = 128
	// MaxMessageIDBytes is the longest message id given to RecordReceipt: the
	// Service's own ids are "<case id>/<what>/<n>", with "/creditor-copy"
	// appended for the creditor's copy of a court submission.
	MaxMessageIDBytes = 256
	// MaxLineBytes is the longest one-line text: a name, an address line, a
	// postal code or city, a letter's subject, a phone number, a reference, an
	// agency's status, a partner, a flow name.
	MaxLineBytes = 200
	// MaxEmailBytes is the longest e-mail address (RFC 5321 allows a path of
	// 256 octets, brackets included).
	MaxEmailBytes = 254
	// MaxShortTextBytes is the longest short text, which may span lines: a
	// reason (pause, close, await), a receipt's detail, a court claim's basis,
	// a postal recipient.
	MaxShortTextBytes = 1000
	// MaxTextBytes is the longest long text: a letter's text, a note.
	MaxTextBytes = 64 << 10
	// MaxHTMLBytes is the longest HTML body a host gives a free letter
	// (Letter.HTML).
	MaxHTMLBytes = 512 << 10
	// MaxAddressLines is the most lines a party's address may have.
	MaxAddressLines = 8
	// MaxInvoices is the most invoices one Open or Reopen may put in a case.
	MaxInvoices = 1000
	// MaxAmount is the largest amount, in major units (10^12: a trillion
	// kroner or euro), of any amount a command is given, positive or negative.
	// The Ledger counts in 64-bit minor units, so a case can add up thousands
	// of such amounts without overflow.
	MaxAmount = 1_000_000_000_000
	// MaxPercent is the highest rate in percent a year: a contract interest
	// rate (OpenRequest.Interest) or a plan's rate (agreement.Terms.Rate).
	// A discount (agreement.Discount.Percent) must be above 0 and below it.
	MaxPercent = 100
	// MaxPostalDays is the most postal days a case may add to the earliest due
	// date (OpenRequest.PostalDays, S2).
	MaxPostalDays = 60
	// MaxGraceDays is the most grace days of a plan's breach rule or an
	// interest invoice.
	MaxGraceDays = 366
	// MinYear and MaxYear bound every date a command is given: from
	// 1970-01-01 to 2199-12-31.
	MinYear = 1970
	MaxYear = 2199
	// MaxPlanStartDaysPast is how many days before today a payment plan may
	// start (PlanRequest.Terms.Start: a plan agreed a little while ago);
	// MaxPlanStartDaysAhead how many days after today.
	MaxPlanStartDaysPast  = 31
	MaxPlanStartDaysAhead = 366
)

// ErrUnknownMessage: a receipt names a message its case never queued. It is the
// Err of the *dunning.FieldError (Field "messageID") that says so.
var ErrUnknownMessage = errors.New("collection: no such message")

// maxShown is how much of an offending value a *dunning.FieldError holds: a
// longer value is cut to its first maxShown bytes and "…".
const maxShown = 64

// shown is value as a *dunning.FieldError holds it: at most maxShown bytes
// (cut at a character boundary when value is valid UTF-8) and "…".
func shown(value string) string {
	if len(value) <= maxShown {
		return value
	}
	n := maxShown
	if utf8.ValidString(value) {
		for n > 0 && !utf8.RuneStart(value[n]) {
			n--
		}
	}
	return value[:n] + "…"
}

// problems collects the *dunning.FieldErrors of a command's input; err joins
// them.
type problems []error

func (p *problems) add(field, value, reason string, cause error) {
	*p = append(*p, &dunning.FieldError{Field: field, Value: shown(value), Reason: reason, Err: cause})
}

func (p *problems) err() error { return joinErrs(*p) }

// textKind says whether a text field is one line or may span lines.
type textKind uint8

const (
	oneLine   textKind = iota // no control character at all: no CR, LF, tab or NUL
	multiLine                 // lines and tabs, but no NUL
)

// text checks one text field against its maximum length in bytes, UTF-8, NUL
// and, for a one-line field, control characters (CR and LF above all, which
// would let a value reach into a mail header). It is the one check every text
// field of every command passes, and reports at most one problem per field. An
// empty value passes: required fields say so themselves.
func (p *problems) text(field, value string, max int, kind textKind) bool {
	reason := ""
	switch {
	case len(value) > max:
		reason = fmt.Sprintf("is %d bytes long, more than the %d allowed", len(value), max)
	case !utf8.ValidString(value):
		reason = "is not valid UTF-8"
	case strings.IndexByte(value, 0) >= 0:
		reason = "contains a NUL byte"
	case kind == oneLine && strings.ContainsAny(value, "\r\n"):
		reason = "contains a line break (CR or LF), which a one-line field may not hold"
	case kind == oneLine:
		for _, r := range value {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				reason = fmt.Sprintf("contains the control character %U", r)
				break
			}
		}
	}
	if reason == "" {
		return true
	}
	p.add(field, value, reason, nil)
	return false
}

// required reports "is required" for a value that is empty or only white
// space; otherwise it checks the value as text.
func (p *problems) required(field, value string, max int, kind textKind) bool {
	if strings.TrimSpace(value) == "" {
		p.add(field, value, "is required", nil)
		return false
	}
	return p.text(field, value, max, kind)
}

// id checks a required id.
func (p *problems) id(field, value string) bool {
	if value == "" {
		p.add(field, "", "is required", nil)
		return false
	}
	return p.text(field, value, MaxIDBytes, oneLine)
}

// caseID checks the case id a command is given.
func (p *problems) caseID(id CaseID) bool { return p.id("id", string(id)) }

// inWindow reports whether d is within MinYear..MaxYear.
func inWindow(d date.Date) bool { y := d.Year(); return y >= MinYear && y <= MaxYear }

var windowReason = fmt.Sprintf("is outside the dates accepted, %d-01-01 to %d-12-31", MinYear, MaxYear)

// date checks a date against MinYear..MaxYear; a zero date is "is required"
// when required, else it passes.
func (p *problems) date(field string, d date.Date, required bool) bool {
	switch {
	case d.IsZero() && required:
		p.add(field, "", "is required", nil)
		return false
	case d.IsZero():
		return true
	case !inWindow(d):
		p.add(field, d.String(), windowReason, nil)
		return false
	}
	return true
}

// past checks a required date that may not be after today (a payment, a
// write-off, a court event).
func (p *problems) past(field string, d date.Date, today date.Date) bool {
	if !p.date(field, d, true) {
		return false
	}
	if d.After(today) {
		p.add(field, d.String(), "is after today, "+today.String(), nil)
		return false
	}
	return true
}

var maxAmount = decimal.New(MaxAmount, 0)

// money checks an amount: Money{} is "is required" when required and passes
// otherwise (unset); any other must be in a known currency, positive (or zero
// when zeroOK) and at most MaxAmount. The currency of the case is checked
// where the case is known (checkAmount).
func (p *problems) money(field string, m money.Money, required, zeroOK bool) bool {
	switch {
	case m == (money.Money{}) && !required:
		return true
	case m == (money.Money{}):
		p.add(field, m.String(), "is required", nil)
	case !m.IsValid():
		p.add(field, m.String(), "is not an amount in a known currency", nil)
	case m.Amount().Abs().Cmp(maxAmount) > 0:
		p.add(field, m.String(), "is beyond the largest amount accepted, "+maxAmount.String()+" (MaxAmount)", nil)
	case m.Sign() < 0 || (!zeroOK && m.Sign() == 0):
		p.add(field, m.String(), "must be positive", nil)
	default:
		return true
	}
	return false
}

// bounded checks that an amount already checked otherwise (validity, sign,
// currency: checkAmount) is at most MaxAmount.
func (p *problems) bounded(field string, m money.Money) bool {
	if m.Amount().Abs().Cmp(maxAmount) > 0 {
		p.add(field, m.String(), "is beyond the largest amount accepted, "+maxAmount.String()+" (MaxAmount)", nil)
		return false
	}
	return true
}

// between checks an integer setting against lo..hi.
func (p *problems) between(field string, n, lo, hi int) bool {
	if n < lo || n > hi {
		p.add(field, strconv.Itoa(n), fmt.Sprintf("must be between %d and %d", lo, hi), nil)
		return false
	}
	return true
}

var hundred = decimal.NewFromInt(MaxPercent)

// rate checks a rate in percent a year: 0 to MaxPercent.
func (p *problems) rate(field string, r decimal.Decimal) bool {
	if r.IsNegative() || r.Cmp(hundred) > 0 {
		p.add(field, r.String(), fmt.Sprintf("must be between 0 and %d percent", MaxPercent), nil)
		return false
	}
	return true
}

// fieldErrors returns the *dunning.FieldErrors in err's tree (joined errors are
// walked; a *dunning.FieldError is a leaf).
func fieldErrors(err error) []*dunning.FieldError {
	var out []*dunning.FieldError
	var walk func(error)
	walk = func(e error) {
		if fe, ok := e.(*dunning.FieldError); ok {
			out = append(out, fe)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// partyReason is why dunning.Party.Validate refuses the field of p, or "".
// It is how the e-mail and phone checks of the debtor's contact details are
// used for recipients, so there is one rule for each.
func partyReason(p dunning.Party, field string) string {
	for _, fe := range fieldErrors(p.Validate()) {
		if fe.Field == field {
			return fe.Reason
		}
	}
	return ""
}

// recipient checks a letter's recipient for channel ch: a bare e-mail address
// (dunning.Party's rule for Email), a phone number in international E.164 form
// (+ and 8 to 15 digits, single spaces or hyphens allowed between them:
// dunning.Party's rule for Phone), or a postal address (lines separated by LF,
// no CR).
func (p *problems) recipient(field string, ch letters.Channel, r string) bool {
	switch ch {
	case letters.Email:
		if !p.text(field, r, MaxEmailBytes, oneLine) {
			return false
		}
		if reason := partyReason(dunning.Party{Email: r}, "Party.Email"); reason != "" {
			p.add(field, r, reason, nil)
			return false
		}
	case letters.SMS:
		if !p.text(field, r, MaxLineBytes, oneLine) {
			return false
		}
		if reason := partyReason(dunning.Party{Phone: r}, "Party.Phone"); reason != "" {
			p.add(field, r, "is not a phone number for SMS: "+reason, nil)
			return false
		}
	default:
		return p.postal(field, r)
	}
	return true
}

// postal checks a postal recipient: a non-empty address, its lines separated by
// LF. It is also the check of a recipient whose channel is not known yet.
func (p *problems) postal(field, r string) bool {
	switch {
	case !p.text(field, r, MaxShortTextBytes, multiLine):
		return false
	case strings.TrimSpace(r) == "":
		p.add(field, r, "is required: a postal address", nil)
		return false
	case strings.IndexByte(r, '\r') >= 0:
		p.add(field, r, "contains a carriage return (CR): separate the lines of an address with LF", nil)
		return false
	}
	return true
}

// delivery checks how a letter the Service writes is sent: a channel (zero:
// e-mail or post, chosen from the debtor's details) and a recipient for it.
// When the channel is zero the recipient is checked for its channel once the
// case is known (queueLetter).
func (p *problems) delivery(field string, d Delivery) {
	switch {
	case d.Channel != 0 && !d.Channel.IsValid():
		p.add(field+".Channel", d.Channel.String(), "is not a channel", nil)
	case d.Recipient == "":
	case d.Channel != 0:
		p.recipient(field+".Recipient", d.Channel, d.Recipient)
	case strings.ContainsAny(d.Recipient, "\n"):
		p.postal(field+".Recipient", d.Recipient)
	default:
		p.text(field+".Recipient", d.Recipient, MaxShortTextBytes, oneLine)
	}
}

// party checks the text fields of a party against the limits, naming them
// "<who>.X"; dunning.Party.Validate checks the rest (newCase).
func (p *problems) party(who string, pt dunning.Party) {
	p.text(who+".ID", pt.ID, MaxIDBytes, oneLine)
	p.text(who+".Name", pt.Name, MaxLineBytes, oneLine)
	a := pt.Address
	if len(a.Lines) > MaxAddressLines {
		p.add(who+".Address.Lines", strconv.Itoa(len(a.Lines))+" lines", fmt.Sprintf("has more than the %d lines allowed", MaxAddressLines), nil)
	} else {
		for i, l := range a.Lines {
			p.text(fmt.Sprintf("%s.Address.Lines[%d]", who, i), l, MaxLineBytes, oneLine)
		}
	}
	p.text(who+".Address.PostalCode", a.PostalCode, MaxLineBytes, oneLine)
	p.text(who+".Address.City", a.City, MaxLineBytes, oneLine)
	p.text(who+".Address.Country", a.Country, MaxLineBytes, oneLine)
	p.text(who+".Email", pt.Email, MaxEmailBytes, oneLine)
	p.text(who+".Phone", pt.Phone, MaxLineBytes, oneLine)
	p.text(who+".Registration.Scheme", string(pt.Registration.Scheme), MaxLineBytes, oneLine)
	p.text(who+".Registration.Number", pt.Registration.Number, MaxIDBytes, oneLine)
}

// partyProblems returns dunning.Party.Validate's problems with pt, named
// "<who>.X", leaving out the fields own (the limits) already refused, so each
// field is reported once.
func partyProblems(who string, pt dunning.Party, own problems) []error {
	refused := map[string]bool{}
	for _, fe := range fieldErrors(own.err()) {
		refused[fe.Field] = true
		if i := strings.IndexByte(fe.Field, '['); i >= 0 {
			refused[fe.Field[:i]] = true // Address.Lines[2] covers Address.Lines
		}
	}
	var out []error
	for _, e := range prefixFields(who, pt.Validate()) {
		if fe, ok := e.(*dunning.FieldError); ok && refused[fe.Field] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// openLimits checks the limits of an OpenRequest that newCase does not check
// otherwise: postal days, the contract rate, the number of invoices. newCase
// checks the id, the flow, the parties (party, partyProblems) and the invoices
// (invoiceLimits).
func (p *problems) openLimits(r OpenRequest) {
	if r.PostalDays > MaxPostalDays {
		p.add("PostalDays", strconv.Itoa(r.PostalDays), fmt.Sprintf("is more than the %d postal days allowed", MaxPostalDays), nil)
	}
	if r.Interest.Mode == InterestContract && r.Interest.Percent.Cmp(hundred) > 0 {
		p.add("Interest.Percent", r.Interest.Percent.String(), fmt.Sprintf("is more than %d percent a year", MaxPercent), nil)
	}
	for i, w := range r.Interest.Waived {
		if (!w.From.IsZero() && !inWindow(w.From)) || (!w.To.IsZero() && !inWindow(w.To)) {
			p.add(fmt.Sprintf("Interest.Waived[%d]", i), w.String(), windowReason, nil)
		}
	}
	if len(r.Invoices) > MaxInvoices {
		p.add("Invoices", strconv.Itoa(len(r.Invoices))+" invoices", fmt.Sprintf("are more than the %d allowed in one case", MaxInvoices), nil)
	}
}

// invoiceLimits checks the limits of invoice i of an OpenRequest that newCase
// does not check otherwise.
func (p *problems) invoiceLimits(f func(string) string, inv Invoice) {
	p.text(f("ID"), inv.ID, MaxIDBytes, oneLine)
	p.text(f("Number"), inv.Number, MaxIDBytes, oneLine)
	p.date(f("Issued"), inv.Issued, false)
	p.date(f("Due"), inv.Due, false)
}

// checkReopen checks a ReopenRequest before case From is read.
func (s *Service) checkReopen(r ReopenRequest) error {
	var p problems
	p.id("ID", string(r.ID))
	p.id("From", string(r.From))
	if len(r.Invoices) > MaxInvoices {
		p.add("Invoices", strconv.Itoa(len(r.Invoices))+" invoices", fmt.Sprintf("are more than the %d allowed in one case", MaxInvoices), nil)
	} else {
		for i, id := range r.Invoices {
			p.id(fmt.Sprintf("Invoices[%d]", i), id)
		}
	}
	s.checkFlow(&p, "Flow", r.Flow)
	if r.PostalDays < 0 {
		p.add("PostalDays", strconv.Itoa(r.PostalDays), "is negative", nil)
	} else if r.PostalDays > MaxPostalDays {
		p.add("PostalDays", strconv.Itoa(r.PostalDays), fmt.Sprintf("is more than the %d postal days allowed", MaxPostalDays), nil)
	}
	return p.err()
}

// checkFlow checks the name of a configured flow.
func (s *Service) checkFlow(p *problems, field, name string) bool {
	if !p.text(field, name, MaxLineBytes, oneLine) {
		return false
	}
	if _, ok := s.flowNamed(name); !ok {
		p.add(field, name, "is not a configured flow (configured: "+strings.Join(s.flowNames, ", ")+"; names match in any letter case)", ErrUnknownFlow)
		return false
	}
	return true
}

// checkID checks only the case id of a command that takes nothing else.
func checkID(id CaseID) error {
	var p problems
	p.caseID(id)
	return p.err()
}

// checkPause checks Pause's input: the resume date after today and a reason.
func checkPause(id CaseID, until date.Date, reason string, today date.Date) error {
	var p problems
	p.caseID(id)
	if p.date("until", until, false) && !until.After(today) {
		p.add("until", until.String(), "is not after today, "+today.String(), nil)
	}
	p.required("reason", reason, MaxShortTextBytes, multiLine)
	return p.err()
}

// checkClose checks Close's input.
func checkClose(id CaseID, r CloseRequest) error {
	var p problems
	p.caseID(id)
	p.required("Reason", r.Reason, MaxShortTextBytes, multiLine)
	return p.err()
}

// checkOverride checks the limits of Override's input; its rules (not the zero
// Override, a deadline not before today, a fee in the case's currency) are
// checked with the case, so that every problem is named at once.
func checkOverride(id CaseID, o flow.Override) error {
	var p problems
	p.caseID(id)
	p.date("Override.Deadline", o.Deadline, false)
	p.bounded("Override.Fee", o.Fee)
	return p.err()
}

// checkLetter checks SendLetter's input: a subject on one line (it becomes the
// e-mail's Subject header), a text, a channel and, when given, a recipient for it.
func checkLetter(id CaseID, l Letter) error {
	var p problems
	p.caseID(id)
	p.required("Letter.Subject", l.Subject, MaxLineBytes, oneLine)
	p.required("Letter.Text", l.Text, MaxTextBytes, multiLine)
	p.text("Letter.HTML", l.HTML, MaxHTMLBytes, multiLine)
	if !l.Channel.IsValid() {
		p.add("Letter.Channel", l.Channel.String(), "is not a channel", nil)
	} else if l.Recipient != "" {
		p.recipient("Letter.Recipient", l.Channel, l.Recipient)
	}
	return p.err()
}

// checkNote checks the limits of AddNote's input; the claim and a missing text
// are checked with the case, so that both are named at once.
func checkNote(id CaseID, invoiceID, text string) error {
	var p problems
	p.caseID(id)
	p.text("invoiceID", invoiceID, MaxIDBytes, oneLine)
	p.text("text", text, MaxTextBytes, multiLine)
	return p.err()
}

// paymentLimits checks the limits of a payment before the case is read; its
// rules (an id, a date not after today, a positive amount in the case's
// currency, who was paid) are recordPayment's, checked with the case so that
// every problem is named at once.
func (p *problems) paymentLimits(field string, py Payment) {
	p.text(field+".ID", py.ID, MaxIDBytes, oneLine)
	p.date(field+".On", py.On, false)
	p.bounded(field+".Amount", py.Amount)
	p.text(field+".Reference", py.Reference, MaxLineBytes, oneLine)
}

// checkPayment checks the limits of RecordPayment's input.
func checkPayment(id CaseID, py Payment) error {
	var p problems
	p.caseID(id)
	p.paymentLimits("Payment", py)
	return p.err()
}

// checkBookingInput checks the limits of the input of Credit and WriteOff (what
// is "CreditNote" or "WriteOff") before the case is read; checkBooking checks
// the rest with the case.
func checkBookingInput(id CaseID, invoiceID, bookingID string, on date.Date, amount money.Money, what string) error {
	var p problems
	p.caseID(id)
	p.text("invoiceID", invoiceID, MaxIDBytes, oneLine)
	p.text(what+".ID", bookingID, MaxIDBytes, oneLine)
	p.date(what+".On", on, false)
	p.bounded(what+".Amount", amount)
	return p.err()
}

// checkPlanRequest checks StartPlan's input: amounts, rate, dates (the start
// within MaxPlanStartDaysPast before and MaxPlanStartDaysAhead after today),
// counts, the breach rule and the delivery.
func checkPlanRequest(id CaseID, r PlanRequest, today date.Date) error {
	var p problems
	p.caseID(id)
	t := r.Terms
	p.money("Terms.Principal", t.Principal, false, false)
	p.rate("Terms.Rate", t.Rate)
	if p.date("Terms.Start", t.Start, false) && !t.Start.IsZero() {
		switch {
		case t.Start.Before(today.AddDays(-MaxPlanStartDaysPast)):
			p.add("Terms.Start", t.Start.String(), fmt.Sprintf("is more than %d days before today, %s", MaxPlanStartDaysPast, today), nil)
		case t.Start.After(today.AddDays(MaxPlanStartDaysAhead)):
			p.add("Terms.Start", t.Start.String(), fmt.Sprintf("is more than %d days after today, %s", MaxPlanStartDaysAhead, today), nil)
		}
	}
	p.date("Terms.First", t.First, false)
	p.date("Terms.DownPaymentDate", t.DownPaymentDate, false)
	p.money("Terms.Instalment", t.Instalment, false, false)
	p.money("Terms.DownPayment", t.DownPayment, false, true)
	p.money("Terms.Multiple", t.Multiple, false, true)
	p.between("Terms.Count", t.Count, 0, agreement.MaxPeriods)
	p.between("Proposal.Months", r.Proposal.Months, 0, agreement.MaxPeriods/12)
	p.money("Proposal.MinInstalment", r.Proposal.MinInstalment, false, true)
	p.between("Breach.GraceDays", r.Breach.GraceDays, 0, MaxGraceDays)
	p.between("Breach.Missed", r.Breach.Missed, 0, agreement.MaxPeriods)
	p.delivery("Delivery", r.Delivery)
	return p.err()
}

// checkDelivery checks the input of a command that takes a case id and a
// Delivery (CheckPlan), and a flow to go back to (TerminatePlan) when s is set.
func (s *Service) checkDelivery(id CaseID, flowField, flowName string, d Delivery) error {
	var p problems
	p.caseID(id)
	if flowField != "" {
		s.checkFlow(&p, flowField, flowName)
	}
	p.delivery("Delivery", d)
	return p.err()
}

// checkOffer checks MakeOffer's input: the discount (a percentage above 0 and
// below MaxPercent, or a positive amount), the expiry (not before today), the
// escalation and the delivery.
func checkOffer(id CaseID, r OfferRequest, today date.Date) error {
	var p problems
	p.caseID(id)
	if pc := r.Discount.Percent; !pc.IsZero() && (!pc.IsPositive() || pc.Cmp(hundred) >= 0) {
		p.add("Discount.Percent", pc.String(), fmt.Sprintf("must be more than 0 and less than %d", MaxPercent), nil)
	}
	p.money("Discount.Amount", r.Discount.Amount, false, false)
	if p.date("Expires", r.Expires, false) && r.Expires.Before(today) {
		p.add("Expires", r.Expires.String(), "is before today, "+today.String(), nil)
	}
	p.date("Escalation.Horizon", r.Escalation.Horizon, false)
	p.money("Escalation.Interest", r.Escalation.Interest, false, true)
	p.money("Escalation.CollectionCosts", r.Escalation.CollectionCosts, false, true)
	p.money("Escalation.CourtFee", r.Escalation.CourtFee, false, true)
	if r.Rounding != nil && !r.Rounding.Mode.IsValid() {
		p.add("Rounding", r.Rounding.Mode.String(), "is not a rounding mode", money.ErrInvalidArgument)
	}
	p.delivery("Delivery", r.Delivery)
	return p.err()
}

// interestRequest checks an InterestRequest: grace days, amounts, the deadline
// (not before today) and the delivery.
func (p *problems) interestRequest(r InterestRequest, today date.Date) {
	o := r.Invoice
	p.between("Invoice.GraceDays", o.GraceDays, 0, MaxGraceDays)
	p.money("Invoice.Minimum", o.Minimum, false, true)
	p.money("Invoice.InvoiceLimit", o.InvoiceLimit, false, true)
	p.money("Invoice.TotalLimit", o.TotalLimit, false, true)
	if p.date("Deadline", r.Deadline, false) && !r.Deadline.IsZero() && r.Deadline.Before(today) {
		p.add("Deadline", r.Deadline.String(), "is before today, "+today.String(), nil)
	}
	p.delivery("Delivery", r.Delivery)
}

// checkFile checks FileCourt's input.
func checkFile(id CaseID, r FileRequest) error {
	var p problems
	p.caseID(id)
	if !r.District.IsValid() {
		p.add("District", r.District.String(), "is required: one of the district courts", nil)
	}
	p.text("Basis", r.Basis, MaxShortTextBytes, multiLine)
	p.delivery("Submission", r.Submission)
	return p.err()
}

// checkFoundation checks RecordFoundation's input: court.Foundation.Validate on
// today, the dates accepted and the reference.
func checkFoundation(id CaseID, f court.Foundation, today date.Date) error {
	var p problems
	p.caseID(id)
	if p.date("Foundation.Date", f.Date, false) {
		p = append(p, fieldErrorsAsErrors(f.Validate(today))...)
	} else if !f.Kind.IsValid() {
		p.add("Foundation.Kind", f.Kind.String(), "is not a foundation kind", nil)
	}
	p.text("Foundation.Reference", f.Reference, MaxLineBytes, oneLine)
	return p.err()
}

// fieldErrorsAsErrors returns the errors of a joined validation error as a slice.
func fieldErrorsAsErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, isField := err.(*dunning.FieldError); !isField {
			return j.Unwrap()
		}
	}
	return []error{err}
}

// checkCourtEvent checks RecordCourtEvent's input.
func checkCourtEvent(id CaseID, e CourtEvent, today date.Date) error {
	var p problems
	p.caseID(id)
	if !e.Kind.IsValid() {
		p.add("CourtEvent.Kind", e.Kind.String(), "is not a court event", nil)
	}
	p.past("CourtEvent.On", e.On, today)
	if e.Kind == CourtCaseNumber && strings.TrimSpace(e.Reference) == "" {
		p.add("CourtEvent.Reference", e.Reference, "is required for the court's case number", nil)
	} else {
		p.text("CourtEvent.Reference", e.Reference, MaxLineBytes, oneLine)
	}
	return p.err()
}

// checkAgencyUpdate checks ApplyAgencyUpdate's input, and the limits of the
// payment of an AgencyPayment (recordPayment checks the rest with the case,
// unless the message is a repeat).
func checkAgencyUpdate(u AgencyUpdate) error {
	var p problems
	p.id("AgencyUpdate.MessageID", u.MessageID)
	p.id("AgencyUpdate.CaseID", string(u.CaseID))
	if !u.Kind.IsValid() {
		p.add("AgencyUpdate.Kind", u.Kind.String(), "is not an agency update", nil)
	}
	p.text("AgencyUpdate.Status", u.Status, MaxLineBytes, oneLine)
	if u.Kind == AgencyPayment {
		p.paymentLimits("AgencyUpdate.Payment", u.Payment)
	}
	return p.err()
}

// checkReceipt checks a delivery receipt for message messageID before anything
// is recorded: the id (at most MaxMessageIDBytes, one line, naming a case as
// "<case id>/<what>/<n>"), the kind, the time (within the dates accepted) and
// the detail (at most MaxShortTextBytes). It returns the case the message
// belongs to, or every problem as a *dunning.FieldError. RecordReceipt calls it
// first, and receiptQueued on the loaded case.
func checkReceipt(messageID string, r Receipt) (CaseID, error) {
	var p problems
	var id CaseID
	if messageID == "" {
		p.add("messageID", "", "is required", nil)
	} else if p.text("messageID", messageID, MaxMessageIDBytes, oneLine) {
		var ok bool
		if id, ok = caseOfMessage(messageID); !ok {
			p.add("messageID", messageID, `is not a message id of the form "<case id>/<what>/<n>"`, nil)
		}
	}
	if !r.Kind.IsValid() {
		p.add("Receipt.Kind", r.Kind.String(), "is not a receipt kind", nil)
	}
	if !r.At.IsZero() {
		if d := date.Of(r.At.UTC()); d.IsZero() || !inWindow(d) {
			p.add("Receipt.At", r.At.UTC().Format(time.RFC3339), windowReason, nil)
		}
	}
	p.text("Receipt.Detail", r.Detail, MaxShortTextBytes, multiLine)
	return id, p.err()
}

// receiptQueued fails with a *dunning.FieldError (ErrUnknownMessage) when case
// c never queued message messageID (a "letter.queued" event names every
// message the Service queues; "<id>/creditor-copy" is the copy of message id).
// A Store that is no EventReader cannot say, and every id passes.
func (s *Service) receiptQueued(ctx context.Context, c *Case, messageID string) error {
	if _, ok := s.store.(EventReader); !ok {
		return nil
	}
	queued, err := s.hasEvent(ctx, c.ID, EventLetterQueued, strings.TrimSuffix(messageID, copySuffix))
	if err != nil || queued {
		return err
	}
	return &dunning.FieldError{Field: "messageID", Value: shown(messageID), Reason: fmt.Sprintf("was never queued by case %q", string(c.ID)), Err: ErrUnknownMessage}
}
