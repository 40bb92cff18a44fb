package letters

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Validate checks that d has what a letter of the given kind shows, and that its
// figures add up: every amount in one currency, each claim's Open equal to Amount −
// Paid, Total equal to the open claims plus fees, interest and costs, the plan's
// totals equal to the sum of its instalments, the offer's saving equal to Escalated −
// Amount; and that a letter that asks for payment says where to pay (an IBAN or
// an account in Data.Creditor.Bank; ErrNoWayToPay). It returns every problem,
// each a *dunning.FieldError naming the field and the value, joined with
// errors.Join; nil when d is usable. Render calls it.
//
// Validate checks arithmetic and presence, not the law: see CheckStatutory.
func Validate(kind Kind, d Data) error {
	v := validator{cur: d.Currency()}
	if !kind.IsValid() {
		v.add("Kind", kind.String(), "is not a document kind")
		return v.err()
	}
	v.required("Data.Creditor.Name", d.Creditor.Name)
	v.required("Data.Debtor.Name", d.Debtor.Name)
	if kind.AsksForPayment() && strings.TrimSpace(d.Creditor.Bank.IBAN) == "" && strings.TrimSpace(d.Creditor.Bank.Account) == "" {
		v.errs = append(v.errs, &dunning.FieldError{Field: "Data.Creditor.Bank", Value: "",
			Reason: "has neither an IBAN nor an account: a " + kind.String() + " asks for payment and must say where to pay", Err: ErrNoWayToPay})
	}
	if !d.Jurisdiction.IsValid() {
		v.add("Data.Jurisdiction", string(d.Jurisdiction), "is not a valid jurisdiction")
	}
	v.date("Data.Date", d.Date)

	for i, c := range d.Claims {
		f := indexed{"Data.Claims", i}
		v.requiredAt(f, ".Invoice", c.Invoice)
		v.moneyAt(f, ".Amount", c.Amount, true)
		v.moneyAt(f, ".Paid", c.Paid, false)
		v.moneyAt(f, ".Open", c.Open, true)
		if c.Amount.IsValid() && c.Open.IsValid() {
			if !c.Paid.IsValid() || (c.Paid.IsZero() && c.Paid.Currency() == c.Amount.Currency()) {
				// Amount − 0 is Amount: compare without computing it.
				if !c.Amount.Equal(c.Open) {
					v.add(f.name(".Open"), c.Open.String(), "is not Amount − Paid ("+c.Amount.String()+")")
				}
				continue
			}
			paid := c.Paid
			if !paid.IsValid() {
				paid = money.Zero(c.Amount.Currency())
			}
			if want, err := c.Amount.Sub(paid); err == nil && !want.Equal(c.Open) {
				v.add(f.name(".Open"), c.Open.String(), "is not Amount − Paid ("+want.String()+")")
			}
		}
	}
	v.charges("Data.Fees", d.Fees)
	v.charges("Data.Costs", d.Costs)
	v.money("Data.Interest.Total", d.Interest.Total, false)
	for i, s := range d.Interest.Segments {
		f := indexed{"Data.Interest.Segments", i}
		v.dateAt(f, ".From", s.From)
		v.dateAt(f, ".To", s.To)
		if !s.From.IsZero() && !s.To.IsZero() && !s.From.Before(s.To) {
			v.add(f.name(".To"), s.To.String(), "is not after From "+s.From.String())
		}
		v.moneyAt(f, ".Balance", s.Balance, true)
		v.moneyAt(f, ".Amount", s.Amount, true)
	}
	v.money("Data.Total", d.Total, false)
	v.money("Data.CostIfUnpaid", d.CostIfUnpaid, false)
	v.money("Data.CostVAT", d.CostVAT, false)
	if d.Total.IsValid() && len(d.Claims) > 0 && v.ok() && !d.totalAddsUp() {
		if want, err := d.sum(); err == nil && !want.Equal(d.Total) {
			v.add("Data.Total", d.Total.String(), "is not the open claims plus fees, interest and costs ("+want.String()+")")
		}
	}

	switch kind {
	case Reminder:
		if d.Level < 1 {
			v.add("Data.Level", strconv.Itoa(d.Level), "must be 1 or more for a reminder")
		}
		v.claims(d)
		v.date("Data.Deadline", d.Deadline)
	case CollectionWarning:
		v.claims(d)
		if !(d.FromReceipt() && d.Deadline.IsZero()) {
			v.date("Data.Deadline", d.Deadline)
		}
		v.money("Data.CostIfUnpaid", d.CostIfUnpaid, true)
	case DemandLetter, MissingPayment, DebtorDeclaration, BalanceStatement:
		v.claims(d)
		if kind != DebtorDeclaration && kind != BalanceStatement {
			v.date("Data.Deadline", d.Deadline)
		}
	case PaymentClaim:
		v.claims(d)
		v.required("Data.Filing.Court", d.Filing.Court)
		v.required("Data.Filing.Claim", d.Filing.Claim)
	case EnforcementRequest:
		v.money("Data.Total", d.Total, true)
		v.required("Data.Filing.Court", d.Filing.Court)
		v.required("Data.Filing.Foundation", d.Filing.Foundation)
	case SettlementOffer:
		o := d.Offer
		v.money("Data.Offer.OwedNow", o.OwedNow, true)
		v.money("Data.Offer.Escalated", o.Escalated, true)
		v.money("Data.Offer.Amount", o.Amount, true)
		v.money("Data.Offer.Saving", o.Saving, true)
		v.date("Data.Offer.Horizon", o.Horizon)
		v.date("Data.Offer.Expires", o.Expires)
		if o.Escalated.IsValid() && o.Amount.IsValid() && o.Saving.IsValid() {
			if want, err := o.Escalated.Sub(o.Amount); err == nil && !want.Equal(o.Saving) {
				v.add("Data.Offer.Saving", o.Saving.String(), "is not Escalated − Amount ("+want.String()+")")
			}
		}
	case VoluntarySettlement:
		v.money("Data.Total", d.Total, true)
		v.money("Data.Plan.Instalment", d.Plan.Instalment, true)
		v.date("Data.Plan.First", d.Plan.First)
	case PlanOverview:
		v.plan(d.Plan)
	case PlanBreachWarning:
		if len(d.Breach.Missed) == 0 {
			v.add("Data.Breach.Missed", "", "is required: no missed instalment")
		}
		v.money("Data.Breach.Arrears", d.Breach.Arrears, true)
		v.date("Data.Breach.Since", d.Breach.Since)
		v.date("Data.Deadline", d.Deadline)
	case PlanTermination:
		v.money("Data.Total", d.Total, true)
		v.date("Data.Breach.Since", d.Breach.Since)
		v.date("Data.Deadline", d.Deadline)
	case InterestInvoice:
		if len(d.Interest.Segments) == 0 {
			v.add("Data.Interest.Segments", "", "is required: no interest calculation")
		}
		v.money("Data.Interest.Total", d.Interest.Total, true)
		v.money("Data.Total", d.Total, true)
		v.date("Data.Deadline", d.Deadline)
	case FreeLetter:
		v.required("Data.Subject", d.Subject)
		if len(d.Paragraphs) == 0 {
			v.add("Data.Paragraphs", "", "is required: a free letter needs text")
		}
	}
	return v.err()
}

// sum returns the open claims plus fees, interest and costs.
func (d *Data) sum() (money.Money, error) {
	parts := make([]money.Money, 0, 4)
	for _, f := range []func() (money.Money, error){d.ClaimsOpen, d.FeesTotal, d.CostsTotal} {
		m, err := f()
		if err != nil {
			return money.Money{}, err
		}
		parts = append(parts, m)
	}
	if d.Interest.Total.IsValid() {
		parts = append(parts, d.Interest.Total)
	}
	return money.Sum(parts...)
}

// totalAddsUp reports whether Total is the open claims plus fees, interest and costs,
// computed in minor units without allocating. It is false when they do not add up,
// and also when an amount is not in Total's currency at exactly its minor units or
// has more than 15 digits; the caller then computes the sum with decimals (d.sum),
// which gives the answer and the figure for the error.
func (d *Data) totalAddsUp() bool {
	cur := d.Total.Currency()
	scale, known := cur.MinorUnits()
	if !known {
		return false
	}
	var sum int64
	ok := true
	add := func(m money.Money) {
		a := m.Amount()
		if m.Currency() != cur || a.Exponent() != -scale || a.NumDigits() > 15 {
			ok = false
			return
		}
		sum += a.CoefficientInt64() // each term < 10¹⁵, at most 2,001 terms: no overflow
	}
	if len(d.Claims)+len(d.Fees)+len(d.Costs) > 2000 {
		return false
	}
	for i := range d.Claims {
		if d.Claims[i].Open.IsValid() {
			add(d.Claims[i].Open)
		}
	}
	for i := range d.Fees {
		add(d.Fees[i].Amount)
	}
	for i := range d.Costs {
		add(d.Costs[i].Amount)
	}
	if d.Interest.Total.IsValid() {
		add(d.Interest.Total)
	}
	total := d.Total.Amount()
	if !ok || total.Exponent() != -scale || total.NumDigits() > 15 {
		return false
	}
	return sum == total.CoefficientInt64()
}

type validator struct {
	cur  money.Currency
	errs []error
}

func (v *validator) add(field, value, reason string) {
	v.errs = append(v.errs, &dunning.FieldError{Field: field, Value: value, Reason: reason})
}

func (v *validator) ok() bool   { return len(v.errs) == 0 }
func (v *validator) err() error { return errors.Join(v.errs...) }

func (v *validator) required(field, s string) {
	if s == "" {
		v.add(field, s, "is required")
	}
}

func (v *validator) date(field string, d date.Date) {
	if d.IsZero() {
		v.add(field, "", "is required")
	}
}

// money checks that m, when set (or when required), is valid and in the letter's
// currency.
func (v *validator) money(field string, m money.Money, required bool) {
	if reason, bad := v.moneyProblem(m, required); bad {
		v.add(field, m.String(), reason)
	}
}

func (v *validator) moneyProblem(m money.Money, required bool) (string, bool) {
	if !m.IsValid() {
		return "is required", required
	}
	if m.Currency() != v.cur {
		return "is not in the letter's currency " + string(v.cur), true
	}
	return "", false
}

// indexed names an element of a slice field, "Data.Claims[1]"; the name is built only
// for a problem, so a valid Data costs no strings.
type indexed struct {
	field string
	i     int
}

func (f indexed) name(sub string) string {
	return f.field + "[" + strconv.Itoa(f.i) + "]" + sub
}

func (v *validator) requiredAt(f indexed, sub, s string) {
	if s == "" {
		v.add(f.name(sub), s, "is required")
	}
}

func (v *validator) dateAt(f indexed, sub string, d date.Date) {
	if d.IsZero() {
		v.add(f.name(sub), "", "is required")
	}
}

func (v *validator) moneyAt(f indexed, sub string, m money.Money, required bool) {
	if reason, bad := v.moneyProblem(m, required); bad {
		v.add(f.name(sub), m.String(), reason)
	}
}

func (v *validator) charges(field string, cs []Charge) {
	for i, c := range cs {
		f := indexed{field, i}
		if c.Kind > CourtFee {
			v.add(f.name(".Kind"), strconv.Itoa(int(c.Kind)), "is not a charge kind")
		}
		if c.Kind == OtherCharge {
			v.requiredAt(f, ".Text", c.Text)
		}
		v.moneyAt(f, ".Amount", c.Amount, true)
	}
}

func (v *validator) claims(d Data) {
	if len(d.Claims) == 0 {
		v.add("Data.Claims", "", "is required: the letter has no claim to specify")
	}
	v.money("Data.Total", d.Total, true)
}

func (v *validator) plan(p Plan) {
	if len(p.Instalments) == 0 {
		v.add("Data.Plan.Instalments", "", "is required: the plan has no instalment")
		return
	}
	v.money("Data.Plan.Principal", p.Principal, true)
	v.money("Data.Plan.DownPayment", p.DownPayment, false)
	v.money("Data.Plan.TotalInterest", p.TotalInterest, true)
	v.money("Data.Plan.TotalPaid", p.TotalPaid, true)
	if p.DownPayment.IsValid() && !p.DownPayment.IsZero() {
		v.date("Data.Plan.DownPaymentDate", p.DownPaymentDate)
	}
	paid := []money.Money{money.Zero(v.cur)}
	if p.DownPayment.IsValid() {
		paid = append(paid, p.DownPayment)
	}
	interest := []money.Money{money.Zero(v.cur)}
	for i, in := range p.Instalments {
		f := indexed{"Data.Plan.Instalments", i}
		v.dateAt(f, ".Due", in.Due)
		v.moneyAt(f, ".Amount", in.Amount, true)
		v.moneyAt(f, ".Interest", in.Interest, true)
		v.moneyAt(f, ".Principal", in.Principal, true)
		v.moneyAt(f, ".Balance", in.Balance, true)
		if in.Interest.IsValid() && in.Principal.IsValid() && in.Amount.IsValid() {
			if s, err := in.Interest.Add(in.Principal); err == nil && !s.Equal(in.Amount) {
				v.add(f.name(".Amount"), in.Amount.String(), "is not Interest + Principal ("+s.String()+")")
			}
		}
		paid = append(paid, in.Amount)
		interest = append(interest, in.Interest)
	}
	if !v.ok() {
		return
	}
	if s, err := money.Sum(paid...); err == nil && !s.Equal(p.TotalPaid) {
		v.add("Data.Plan.TotalPaid", p.TotalPaid.String(), "is not DownPayment plus the instalments ("+s.String()+")")
	}
	if s, err := money.Sum(interest...); err == nil && !s.Equal(p.TotalInterest) {
		v.add("Data.Plan.TotalInterest", p.TotalInterest.String(), "is not the sum of the instalments' interest ("+s.String()+")")
	}
	if p.Term != len(p.Instalments) {
		v.add("Data.Plan.Term", strconv.Itoa(p.Term), "is not the number of instalments ("+strconv.Itoa(len(p.Instalments))+")")
	}
	if p.First != p.Instalments[0].Due {
		v.add("Data.Plan.First", p.First.String(), "is not the first instalment's due date")
	}
	if p.Last != p.Instalments[len(p.Instalments)-1].Due {
		v.add("Data.Plan.Last", p.Last.String(), "is not the last instalment's due date")
	}
}
