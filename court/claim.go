package court

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// PaymentClaim is what a Danish payment claim (betalingspåkrav, retsplejeloven kap. 44 a)
// is filed from: the parties, the court, the claim specification and the collection
// warning that preceded it. CheckPaymentClaim says whether the court would accept it;
// NewPaymentClaimForm turns it into the form's data. Implements E8.
type PaymentClaim struct {
	// Creditor and Debtor need a name, a postal address (street line, postal code, city)
	// and a CPR or CVR number (Registration with scheme dunning.CPR or dunning.CVR). The
	// debtor's Kind is required too: the cost caps depend on it.
	Creditor, Debtor dunning.Party
	// District is the court the claim is filed at (the debtor's district; finding it from
	// the address is the host's job). Required.
	District District
	// Basis says what the claim is for, as the form asks ("kravets grundlag"), such as
	// "Levering af varer ifølge fakturaer 1001 og 1002". Required.
	Basis string
	// Invoices is the principal, one line per invoice, each with its interest. At least
	// one is required.
	Invoices []Invoice
	// Costs are claimed separately from the principal: reminder fees, the compensation
	// fee, collection costs (retsplejeloven § 401: they attract no court fee). Optional.
	Costs []Cost
	// Warning is the date the collection warning (påkravsskrivelse, inkassoloven § 10)
	// was sent. Required.
	Warning date.Date
	// WarningDeadline is the payment deadline the warning gave; it must be at least
	// 10 days after Warning. The zero value means Warning + 10 days.
	WarningDeadline date.Date
	// CivilCaseOnObjection asks the court to turn the claim into a civil case if the
	// debtor objects (E8).
	CivilCaseOnObjection bool
}

// Invoice is one invoice of the claim specification.
type Invoice struct {
	// Number is the invoice number. Required.
	Number string
	// Issued is the invoice date: the date the claim arose, which selects the version of
	// the collection-cost table (package fees). Required.
	Issued date.Date
	// Due is the due date: interest runs from it and limitation is counted from it
	// (forældelsesloven §§ 2–3). Required.
	Due date.Date
	// Principal is the unpaid principal including VAT, in DKK. Required, positive.
	Principal money.Money
	// Acknowledged is the date the debtor last acknowledged the debt, which starts the
	// limitation period again; zero if never.
	Acknowledged date.Date
	// Interest is the interest claimed on this invoice, one line per rate.
	Interest []InterestLine
}

// InterestLine is interest at one rate over one period.
type InterestLine struct {
	// Period is [From, To): the interest days, From on or after the invoice's due date,
	// To on or before the filing date. Required.
	Period date.Period
	// Rate is the annual rate in percent, such as 11.75. Required, positive.
	Rate decimal.Decimal
	// Amount is the interest claimed, in DKK. Required, not negative, and not more than
	// simple interest on the principal at Rate over the period's actual days / 360 (the
	// most generous common convention), rounded up to the øre.
	Amount money.Money
}

// CostKind is the kind of a cost claimed beside the principal. The zero value is invalid.
type CostKind uint8

// The cost kinds.
const (
	// ReminderFee is a rykkergebyr (renteloven § 9 b): capped per reminder and in number
	// by package fees.
	ReminderFee CostKind = iota + 1
	// CompensationFee is the kompensationsgebyr for business debtors (renteloven § 9 c,
	// E4, E6): at most the fees amount per invoice, never for consumers.
	CompensationFee
	// CollectionCost is the creditor's collection costs (inkassoomkostninger): capped in
	// total by fees.CollectionCostCap.
	CollectionCost
	// OtherCost is any other cost; the court judges it, the SDK only checks its form.
	OtherCost
)

var costNames = []string{"", "reminder-fee", "compensation-fee", "collection-cost", "other-cost"}

// String returns the kind's name, such as "reminder-fee".
func (k CostKind) String() string { return enumString(k, costNames, "CostKind") }

// IsValid reports whether k is one of the constants.
func (k CostKind) IsValid() bool { return enumValid(k, costNames) }

// MarshalText implements encoding.TextMarshaler.
func (k CostKind) MarshalText() ([]byte, error) { return enumMarshal(k, costNames, "CostKind") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *CostKind) UnmarshalText(b []byte) error {
	v, err := ParseCostKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseCostKind reads the String form of a CostKind (any case).
func ParseCostKind(s string) (CostKind, error) { return enumParse[CostKind](s, costNames, "CostKind") }

// Cost is one cost claimed beside the principal.
type Cost struct {
	Kind CostKind // Required.
	// Date is when the cost was incurred (the reminder's dispatch date for a reminder
	// fee). Required.
	Date date.Date
	// Amount in DKK. Required, positive.
	Amount money.Money
	// Text is an optional description for the form.
	Text string
}

// LimitationYears is the Danish limitation period (forældelsesloven § 3 stk. 1, VERIFIED):
// a claim is time-barred on the third anniversary of its due date (or of the debtor's
// last acknowledgement), so the last day to file is the day before.
const LimitationYears = 3

// WarningDays is the shortest deadline a collection warning may give, counted from its
// dispatch (inkassoloven § 10, VERIFIED). The debtor may pay on the deadline day, so the
// claim may be filed from the day after it.
const WarningDays = 10

// CheckPaymentClaim returns every problem that would get the Danish payment claim c,
// filed on filing, rejected, joined with errors.Join; nil when there is none. Each
// problem is a *dunning.FieldError naming the field and its value, whose Err is one of
// ErrIncomplete, ErrSpecification, ErrAboveCap, ErrTimeBarred, ErrTooEarly or
// ErrCurrency (all unwrapping to ErrNotReady), or a package fees error when a cap
// could not be determined. Use Problems to list them. Implements E8.
//
// A check whose input is missing is skipped, so that one missing field gives exactly
// one problem: with no due date the invoice is not checked for limitation, with a
// missing principal the cost cap is not checked, and so on.
func CheckPaymentClaim(c PaymentClaim, filing date.Date) error {
	k := checker{filing: filing}
	if filing.IsZero() {
		k.add("filing", "", "is required", ErrIncomplete)
	}
	k.party("Creditor", c.Creditor, false)
	k.party("Debtor", c.Debtor, true)
	if !c.District.IsValid() {
		k.add("District", c.District.String(), "is required: one of the 24 district courts", ErrIncomplete)
	}
	if strings.TrimSpace(c.Basis) == "" {
		k.add("Basis", c.Basis, "is required: what the claim is for", ErrIncomplete)
	}
	if len(c.Invoices) == 0 {
		k.add("Invoices", "", "at least one invoice is required", ErrIncomplete)
	}
	for i, inv := range c.Invoices {
		k.invoice("Invoices["+strconv.Itoa(i)+"]", inv)
	}
	for i, cost := range c.Costs {
		k.cost("Costs["+strconv.Itoa(i)+"]", cost)
	}
	k.warning(c)
	k.caps(c)
	return errors.Join(k.errs...)
}

type checker struct {
	filing date.Date
	errs   []error
}

func (k *checker) add(field, value, reason string, err error) {
	k.errs = append(k.errs, fieldErr(field, value, reason, err))
}

// dkk reports whether m is a valid positive (or, with zeroOK, non-negative) DKK amount,
// recording the problem when it is not.
func (k *checker) dkk(field string, m money.Money, zeroOK bool) bool {
	switch {
	case !m.IsValid():
		k.add(field, m.String(), "is required", ErrIncomplete)
	case m.Currency() != money.DKK:
		k.add(field, m.String(), "must be in DKK", ErrCurrency)
	case m.IsNegative() || (!zeroOK && m.IsZero()):
		k.add(field, m.String(), "must be positive", ErrSpecification)
	default:
		return true
	}
	return false
}

func (k *checker) party(prefix string, p dunning.Party, debtor bool) {
	if strings.TrimSpace(p.Name) == "" {
		k.add(prefix+".Name", p.Name, "is required", ErrIncomplete)
	}
	a := p.Address
	if a.IsZero() {
		k.add(prefix+".Address", "", "is required", ErrIncomplete)
	} else {
		if len(a.Lines) == 0 || strings.TrimSpace(a.Lines[0]) == "" {
			k.add(prefix+".Address.Lines", strings.Join(a.Lines, "\n"), "needs a street line", ErrIncomplete)
		}
		if strings.TrimSpace(a.PostalCode) == "" {
			k.add(prefix+".Address.PostalCode", a.PostalCode, "is required", ErrIncomplete)
		}
		if strings.TrimSpace(a.City) == "" {
			k.add(prefix+".Address.City", a.City, "is required", ErrIncomplete)
		}
	}
	r := p.Registration
	switch {
	case r.IsZero():
		k.add(prefix+".Registration", "", "a CPR or CVR number is required", ErrIncomplete)
	case r.Scheme != dunning.CPR && r.Scheme != dunning.CVR:
		k.add(prefix+".Registration.Scheme", string(r.Scheme), "must be "+string(dunning.CPR)+" or "+string(dunning.CVR), ErrIncomplete)
	default:
		if err := r.Validate(); err != nil {
			var fe *dunning.FieldError
			if errors.As(err, &fe) {
				k.add(prefix+"."+fe.Field, fe.Value, fe.Reason, ErrIncomplete)
			}
		}
	}
	if debtor && !p.Kind.IsValid() {
		k.add(prefix+".Kind", p.Kind.String(), "is required: Consumer or Business", ErrIncomplete)
	}
}

func (k *checker) invoice(prefix string, inv Invoice) {
	if strings.TrimSpace(inv.Number) == "" {
		k.add(prefix+".Number", inv.Number, "is required", ErrIncomplete)
	}
	if inv.Issued.IsZero() {
		k.add(prefix+".Issued", "", "is required", ErrIncomplete)
	} else if !k.filing.IsZero() && inv.Issued.After(k.filing) {
		k.add(prefix+".Issued", inv.Issued.String(), "is after the filing date "+k.filing.String(), ErrSpecification)
	}
	principalOK := k.dkk(prefix+".Principal", inv.Principal, false)
	switch {
	case inv.Due.IsZero():
		k.add(prefix+".Due", "", "is required", ErrIncomplete)
	case !inv.Issued.IsZero() && inv.Due.Before(inv.Issued):
		k.add(prefix+".Due", inv.Due.String(), "is before the invoice date "+inv.Issued.String(), ErrSpecification)
	case k.filing.IsZero():
	case !inv.Due.Before(k.filing):
		k.add(prefix+".Due", inv.Due.String(), "is not overdue on the filing date "+k.filing.String(), ErrSpecification)
	default:
		start, field := inv.Due, prefix+".Due"
		if !inv.Acknowledged.IsZero() && inv.Acknowledged.After(start) {
			start, field = inv.Acknowledged, prefix+".Acknowledged"
		}
		if barred := start.AddYears(LimitationYears); !k.filing.Before(barred) {
			k.add(field, start.String(), "the claim was time-barred on "+barred.String()+" (forældelsesloven § 3: 3 years)", ErrTimeBarred)
		}
	}
	if !inv.Acknowledged.IsZero() && !k.filing.IsZero() && inv.Acknowledged.After(k.filing) {
		k.add(prefix+".Acknowledged", inv.Acknowledged.String(), "is after the filing date "+k.filing.String(), ErrSpecification)
	}
	var prev date.Period
	for i, l := range inv.Interest {
		p := prefix + ".Interest[" + strconv.Itoa(i) + "]"
		periodOK := true
		switch per := l.Period; {
		case per.From.IsZero() || per.To.IsZero():
			k.add(p+".Period", per.String(), "needs a start and an end date", ErrIncomplete)
			periodOK = false
		case !per.From.Before(per.To):
			k.add(p+".Period", per.String(), "is empty: the end is not after the start", ErrSpecification)
			periodOK = false
		case !inv.Due.IsZero() && per.From.Before(inv.Due):
			k.add(p+".Period", per.String(), "starts before the due date "+inv.Due.String(), ErrSpecification)
		case !k.filing.IsZero() && per.To.After(k.filing):
			k.add(p+".Period", per.String(), "ends after the filing date "+k.filing.String(), ErrSpecification)
		case !prev.From.IsZero() && per.From.Before(prev.To) && prev.From.Before(per.To):
			k.add(p+".Period", per.String(), "overlaps the period "+prev.String()+" of the line before", ErrSpecification)
		}
		rateOK := l.Rate.IsPositive()
		if !rateOK {
			k.add(p+".Rate", l.Rate.String(), "a positive annual rate in percent is required", ErrIncomplete)
		}
		amountOK := k.dkk(p+".Amount", l.Amount, true)
		if periodOK {
			prev = l.Period
		}
		if periodOK && rateOK && amountOK && principalOK {
			ceil := interestCeiling(inv.Principal, l.Rate, l.Period.Days())
			if c, _ := l.Amount.Compare(ceil); c > 0 {
				k.add(p+".Amount", l.Amount.String(), fmt.Sprintf("is more than %s, simple interest at %s %% over %d days / 360", ceil, l.Rate, l.Period.Days()), ErrSpecification)
			}
		}
	}
}

// interestCeiling is principal × rate/100 × days/360, rounded up to the øre.
func interestCeiling(principal money.Money, rate decimal.Decimal, days int) money.Money {
	up := money.RoundingPolicy{Scale: 2, Mode: money.Up}
	num := principal.Amount().Mul(rate).Mul(decimal.New(int64(days), 0))
	q, err := up.Quo(num, decimal.New(36000, 0))
	if err != nil {
		return principal
	}
	m, err := money.FromDecimal(q, money.DKK, up)
	if err != nil {
		return principal
	}
	return m
}

func (k *checker) cost(prefix string, c Cost) {
	if !c.Kind.IsValid() {
		k.add(prefix+".Kind", c.Kind.String(), "is required", ErrIncomplete)
	}
	if c.Date.IsZero() {
		k.add(prefix+".Date", "", "is required", ErrIncomplete)
	} else if !k.filing.IsZero() && c.Date.After(k.filing) {
		k.add(prefix+".Date", c.Date.String(), "is after the filing date "+k.filing.String(), ErrSpecification)
	}
	k.dkk(prefix+".Amount", c.Amount, false)
}

func (k *checker) warning(c PaymentClaim) {
	if c.Warning.IsZero() {
		k.add("Warning", "", "the date the collection warning (inkassoloven § 10) was sent is required", ErrIncomplete)
		return
	}
	for i, inv := range c.Invoices {
		if !inv.Due.IsZero() && c.Warning.Before(inv.Due) {
			k.add("Warning", c.Warning.String(), "was sent before invoice "+strconv.Itoa(i)+" fell due on "+inv.Due.String(), ErrTooEarly)
			return
		}
	}
	deadline, field := c.Warning.AddDays(WarningDays), "Warning"
	if !c.WarningDeadline.IsZero() {
		if c.WarningDeadline.Before(deadline) {
			k.add("WarningDeadline", c.WarningDeadline.String(), "gives less than 10 days from the warning sent on "+c.Warning.String()+" (inkassoloven § 10)", ErrTooEarly)
			return
		}
		deadline, field = c.WarningDeadline, "WarningDeadline"
	}
	if !k.filing.IsZero() && !k.filing.After(deadline) {
		v := c.Warning.String()
		if field == "WarningDeadline" {
			v = deadline.String()
		}
		k.add(field, v, "the debtor may pay without further costs until "+deadline.String()+"; file on "+deadline.AddDays(1).String()+" at the earliest (inkassoloven § 10)", ErrTooEarly)
	}
}

// caps checks the costs against the caps of package fees. It runs only when every input
// it needs is present and well-formed (see CheckPaymentClaim).
func (k *checker) caps(c PaymentClaim) {
	kind := c.Debtor.Kind
	if !kind.IsValid() || len(c.Invoices) == 0 {
		return
	}
	var base, collection, compensation money.Money
	var arose, firstDue date.Date
	reminders := 0
	for _, inv := range c.Invoices {
		if !inv.Principal.IsValid() || inv.Principal.Currency() != money.DKK || !inv.Principal.IsPositive() || inv.Issued.IsZero() || inv.Due.IsZero() {
			return
		}
		base, _ = base.Add(inv.Principal)
		if arose.IsZero() || inv.Issued.Before(arose) {
			arose = inv.Issued
		}
		if firstDue.IsZero() || inv.Due.Before(firstDue) {
			firstDue = inv.Due
		}
	}
	for i, cost := range c.Costs {
		if !cost.Kind.IsValid() || cost.Date.IsZero() || !cost.Amount.IsValid() || cost.Amount.Currency() != money.DKK || !cost.Amount.IsPositive() {
			return
		}
		switch cost.Kind {
		case CollectionCost:
			collection, _ = collection.Add(cost.Amount)
		case CompensationFee:
			compensation, _ = compensation.Add(cost.Amount)
			base, _ = base.Add(cost.Amount)
		case ReminderFee:
			reminders++
			base, _ = base.Add(cost.Amount)
			k.reminderCap("Costs["+strconv.Itoa(i)+"].Amount", kind, cost)
		default:
			base, _ = base.Add(cost.Amount)
		}
	}
	if reminders > 0 {
		if rule, err := fees.ReminderRules(dunning.DK, kind, firstDue, k.lastReminder(c)); err == nil && rule.MaxFees > 0 && reminders > rule.MaxFees {
			k.add("Costs", strconv.Itoa(reminders)+" reminder fees", fmt.Sprintf("at most %d reminder fees may be charged (%s)", rule.MaxFees, rule.Source), ErrAboveCap)
		}
	}
	if compensation.IsValid() {
		comp, err := fees.CompensationFee(dunning.DK, kind, firstDue)
		switch {
		case err != nil:
			k.add("Costs", compensation.String(), "the compensation-fee cap could not be determined: "+err.Error(), err)
		default:
			limit := comp.Amount.Mul(decimal.New(int64(len(c.Invoices)), 0), roundCents)
			if comp.Amount.IsZero() {
				k.add("Costs", compensation.String(), "a compensation fee may not be charged to this debtor: "+comp.Note, ErrAboveCap)
			} else if cmp, _ := compensation.Compare(limit); cmp > 0 {
				k.add("Costs", compensation.String(), fmt.Sprintf("compensation fees exceed %s (%s per invoice, %s)", limit, comp.Amount, comp.Source), ErrAboveCap)
			}
		}
	}
	if collection.IsValid() {
		capped, err := fees.CollectionCostCap(dunning.DK, kind, base, arose)
		switch {
		case err != nil:
			k.add("Costs", collection.String(), "the collection-cost cap could not be determined: "+err.Error(), err)
		default:
			if cmp, _ := collection.Compare(capped.Amount); cmp > 0 {
				k.add("Costs", collection.String(), fmt.Sprintf("collection costs exceed the cap of %s on a claim of %s (%s)", capped.Amount, base, capped.Source), ErrAboveCap)
			}
		}
	}
}

func (k *checker) reminderCap(field string, kind dunning.PartyKind, c Cost) {
	rule, err := fees.ReminderRules(dunning.DK, kind, date.Date{}, c.Date)
	if err != nil {
		k.add(field, c.Amount.String(), "the reminder-fee cap could not be determined: "+err.Error(), err)
		return
	}
	if cmp, _ := c.Amount.Compare(rule.Cap); cmp > 0 {
		k.add(field, c.Amount.String(), fmt.Sprintf("is more than the reminder-fee cap of %s (%s)", rule.Cap, rule.Source), ErrAboveCap)
	}
}

func (k *checker) lastReminder(c PaymentClaim) date.Date {
	var last date.Date
	for _, cost := range c.Costs {
		if cost.Kind == ReminderFee && cost.Date.After(last) {
			last = cost.Date
		}
	}
	return last
}
