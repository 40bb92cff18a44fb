package fees

import (
	"fmt"
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Charge is a fee-bearing notice already sent for a claim: the fee history Assess
// counts. Entries with a zero Fee are ignored (they count as reminders sent, not as
// fees).
type Charge struct {
	Date   date.Date // the date the notice was sent
	Notice Notice
	Fee    money.Money
}

// Claim is what Assess needs to know about the claim a reminder is for.
type Claim struct {
	// Due is the claim's due date.
	Due date.Date
	// Disputed: the debtor disputes the claim (DK: no fee after the first).
	Disputed bool
	// FeeAgreed: a reminder fee was agreed no later than when the debt arose (SE).
	FeeAgreed bool
	// Reminders is the number of reminders already sent, with or without a fee. Only DE
	// uses it, to tell the first (free) reminder; History entries count too.
	Reminders int
	// History holds the earlier fee-bearing notices, in any order. Assess only reads it;
	// the caller owns the slice.
	History []Charge
}

// Proposal is the reminder a caller intends to send.
type Proposal struct {
	Date   date.Date   // the date the reminder is sent
	Notice Notice      // NO: purring, inkassovarsel or betalingsoppfordring; else Reminder
	Fee    money.Money // the fee the creditor wants to charge
}

// ReasonCode says why a fee is lower than requested, for callers to switch on.
type ReasonCode uint8

const (
	// ReasonNone: the requested fee is allowed in full.
	ReasonNone ReasonCode = iota
	// ReasonNoFee: the law allows no fee for this notice at all (NL).
	ReasonNoFee
	// ReasonTooEarly: too few days after the due date; AllowedFrom says when.
	ReasonTooEarly
	// ReasonFirstReminder: the first reminder may not carry a fee (DE).
	ReasonFirstReminder
	// ReasonNotAgreed: the fee was not agreed when the debt arose (SE).
	ReasonNotAgreed
	// ReasonTooMany: the maximum number of fee-bearing reminders is reached (Limit).
	ReasonTooMany
	// ReasonNoticeSet: the notice does not fit the NO either/or set of § 1-3.
	ReasonNoticeSet
	// ReasonNoPriorNotice: a NO betalingsoppfordring needs an earlier purring or
	// inkassovarsel whose deadline the debtor missed.
	ReasonNoPriorNotice
	// ReasonDisputed: the claim is disputed, so no further fee (DK).
	ReasonDisputed
	// ReasonTooSoon: too few days since the previous fee-bearing reminder; AllowedFrom
	// says when.
	ReasonTooSoon
	// ReasonAboveCap: the requested fee is above the cap; the cap is allowed.
	ReasonAboveCap
	// ReasonOutOfOrder: (CheckSchedule) a planned reminder comes before the previous one.
	ReasonOutOfOrder
	// ReasonInvalidFee: (CheckSchedule) a planned fee is negative or in the wrong currency.
	ReasonInvalidFee
)

var reasonNames = [...]string{"None", "NoFee", "TooEarly", "FirstReminder", "NotAgreed", "TooMany",
	"NoticeSet", "NoPriorNotice", "Disputed", "TooSoon", "AboveCap", "OutOfOrder", "InvalidFee"}

// String returns the code's name, such as "TooSoon".
func (c ReasonCode) String() string {
	if int(c) < len(reasonNames) {
		return reasonNames[c]
	}
	return "ReasonCode(" + strconv.Itoa(int(c)) + ")"
}

// Reason explains why an allowed fee is lower than the requested one. It is a small
// value; its sentence is built only when String is called.
type Reason struct {
	Code         ReasonCode
	Jurisdiction dunning.Jurisdiction
	Notice       Notice
	Count        int         // fee-bearing notices already charged (TooMany, NoticeSet, Disputed)
	Limit        int         // the limit (TooMany) or the days required (TooEarly, TooSoon)
	Days         int         // days since Since (TooEarly, TooSoon)
	Since        date.Date   // the due date (TooEarly) or the previous fee-bearing notice (TooSoon)
	AllowedFrom  date.Date   // the first date a fee is allowed (TooEarly, TooSoon)
	Cap          money.Money // the cap (AboveCap)
	Requested    money.Money // the requested fee
	Source       string      // the law the reason comes from
}

// String returns a sentence such as
// "DK: only 9 days since the fee-bearing reminder of 2025-03-01; a fee is allowed from 2025-03-11 (renteloven § 9 b)".
// It is empty for ReasonNone.
func (r Reason) String() string {
	j := string(r.Jurisdiction)
	var s string
	switch r.Code {
	case ReasonNone:
		return ""
	case ReasonNoFee:
		s = "no fee may be charged for a " + r.Notice.String()
	case ReasonTooEarly:
		s = fmt.Sprintf("only %d days after the due date %s; a fee is allowed from %s", r.Days, r.Since, r.AllowedFrom)
	case ReasonFirstReminder:
		s = "the first reminder, which puts the debtor in default, may not carry a fee"
	case ReasonNotAgreed:
		s = "a reminder fee may be charged only if it was agreed no later than when the debt arose"
	case ReasonTooMany:
		s = fmt.Sprintf("%d fee-bearing reminders already sent", r.Count)
		if r.Notice == PaymentDemand {
			s = "a fee-bearing betalingsoppfordring was already sent"
		}
	case ReasonNoticeSet:
		s = fmt.Sprintf("a fee for a %s does not fit the allowed set (2 purringer + betalingsoppfordring, or purring + inkassovarsel + betalingsoppfordring) after %d fee-bearing notices", r.Notice, r.Count)
	case ReasonNoPriorNotice:
		s = "a betalingsoppfordring carries a fee only after a purring or inkassovarsel whose deadline was missed"
	case ReasonDisputed:
		s = fmt.Sprintf("the claim is disputed; no fee after the first (%d already charged)", r.Count)
	case ReasonTooSoon:
		s = fmt.Sprintf("only %d days since the fee-bearing reminder of %s; a fee is allowed from %s", r.Days, r.Since, r.AllowedFrom)
	case ReasonAboveCap:
		s = fmt.Sprintf("the fee %s is above the cap of %s", r.Requested, r.Cap)
	case ReasonOutOfOrder:
		s = "the reminder is planned before the previous one"
	case ReasonInvalidFee:
		s = fmt.Sprintf("the fee %s is negative or not in the jurisdiction's currency", r.Requested)
	default:
		s = r.Code.String()
	}
	if r.Source != "" {
		s += " (" + r.Source + ")"
	}
	return j + ": " + s
}

// Assessment is Assess's answer: the fee that may be charged and, when it is less than
// requested, why.
type Assessment struct {
	Fee    money.Money // the fee that may be charged: the requested fee, the cap, or zero
	Reason Reason      // Code is ReasonNone when Fee is the requested fee
}

// Reduced reports whether the allowed fee is less than the requested one.
func (a Assessment) Reduced() bool { return a.Reason.Code != ReasonNone }

// Assess returns the fee that may be charged for the reminder p on claim c under rule r
// and, when it is less than p.Fee, the first reason why (E4, S4). The checks, in order:
// a fee at all (NL: none), the days after the due date, the first reminder (DE), the
// fee agreement (SE), the number of fees (or the NO notice set), a dispute (DK), the
// days since the previous fee-bearing notice, and the cap (a fee above it is reduced to
// it, not refused).
//
// Assess does not allocate and does not modify c.History. Errors (a *dunning.FieldError,
// wrapping dunning.ErrInvalid): a rule without a valid Cap, a zero p.Date or c.Due, a
// requested fee that is negative or not in the rule's currency, an unknown notice.
func Assess(r ReminderRule, c Claim, p Proposal) (Assessment, error) {
	if err := checkAssess(&r, &c, &p); err != nil {
		return Assessment{}, err
	}
	return assess(&r, &c, &p), nil
}

func checkAssess(r *ReminderRule, c *Claim, p *Proposal) error {
	if !r.Cap.IsValid() || !r.Jurisdiction.IsValid() {
		return fieldErr("Rule.Cap", r.Cap.String(), "is not a valid amount; get the rule from ReminderRules or a law pack", nil)
	}
	if p.Date.IsZero() {
		return fieldErr("Proposal.Date", "", "is required", nil)
	}
	if c.Due.IsZero() {
		return fieldErr("Claim.Due", "", "is required", nil)
	}
	if p.Notice > PaymentDemand {
		return fieldErr("Proposal.Notice", strconv.Itoa(int(p.Notice)), "is not a known notice", nil)
	}
	if p.Fee.Currency() != r.Cap.Currency() {
		return fieldErr("Proposal.Fee", p.Fee.String(), "is not in "+string(r.Cap.Currency())+", the currency of the rule",
			money.ErrCurrencyMismatch)
	}
	if p.Fee.IsNegative() {
		return fieldErr("Proposal.Fee", p.Fee.String(), "is negative", nil)
	}
	return nil
}

func (r *ReminderRule) zeroFee() money.Money {
	if r.zero.IsValid() {
		return r.zero
	}
	return money.Zero(r.Cap.Currency())
}

// assess is Assess without input checks; CheckSchedule shares it.
func assess(r *ReminderRule, c *Claim, p *Proposal) Assessment {
	refuse := func(reason Reason) Assessment {
		reason.Jurisdiction, reason.Notice, reason.Requested = r.Jurisdiction, p.Notice, p.Fee
		if reason.Source == "" {
			reason.Source = r.Source
		}
		return Assessment{Fee: r.zeroFee(), Reason: reason}
	}
	if p.Fee.IsZero() {
		return Assessment{Fee: p.Fee}
	}
	capAmt := r.Cap
	if r.NoticeSet && p.Notice == PaymentDemand {
		capAmt = r.DemandCap
	}
	if capAmt.IsZero() {
		return refuse(Reason{Code: ReasonNoFee})
	}
	if days := c.Due.DaysUntil(p.Date); days < r.MinDaysAfterDue {
		return refuse(Reason{Code: ReasonTooEarly, Days: days, Limit: r.MinDaysAfterDue,
			Since: c.Due, AllowedFrom: c.Due.AddDays(r.MinDaysAfterDue)})
	}
	if r.FirstFree && c.Reminders == 0 && len(c.History) == 0 {
		return refuse(Reason{Code: ReasonFirstReminder})
	}
	if r.NeedsAgreement && !c.FeeAgreed {
		return refuse(Reason{Code: ReasonNotAgreed})
	}
	var n, purr, warn, demand int
	var last date.Date
	for i := range c.History {
		h := &c.History[i]
		if !h.Fee.IsPositive() {
			continue
		}
		n++
		switch h.Notice {
		case CollectionWarning:
			warn++
		case PaymentDemand:
			demand++
		default:
			purr++
		}
		if h.Date.After(last) {
			last = h.Date
		}
	}
	if r.NoticeSet {
		switch p.Notice {
		case PaymentDemand:
			if demand > 0 {
				return refuse(Reason{Code: ReasonTooMany, Count: n, Limit: 1})
			}
			if purr+warn == 0 {
				return refuse(Reason{Code: ReasonNoPriorNotice, Count: n})
			}
		case CollectionWarning:
			if warn > 0 || purr+warn >= 2 {
				return refuse(Reason{Code: ReasonNoticeSet, Count: n})
			}
		default:
			if purr+warn >= 2 {
				return refuse(Reason{Code: ReasonNoticeSet, Count: n})
			}
		}
	}
	if r.MaxFees > 0 && n >= r.MaxFees {
		return refuse(Reason{Code: ReasonTooMany, Count: n, Limit: r.MaxFees})
	}
	if r.DisputeBlocks && c.Disputed && n >= 1 {
		return refuse(Reason{Code: ReasonDisputed, Count: n})
	}
	if r.MinDaysBetween > 0 && n > 0 {
		if days := last.DaysUntil(p.Date); days < r.MinDaysBetween {
			return refuse(Reason{Code: ReasonTooSoon, Days: days, Limit: r.MinDaysBetween,
				Since: last, AllowedFrom: last.AddDays(r.MinDaysBetween)})
		}
	}
	if cmp, _ := p.Fee.Compare(capAmt); cmp > 0 {
		return Assessment{Fee: capAmt, Reason: Reason{Code: ReasonAboveCap, Jurisdiction: r.Jurisdiction,
			Notice: p.Notice, Cap: capAmt, Requested: p.Fee, Source: r.Source}}
	}
	return Assessment{Fee: p.Fee}
}
