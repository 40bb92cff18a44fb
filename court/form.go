package court

import (
	"slices"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// PaymentClaimForm is the data of the Danish payment-claim form (betalingspåkrav), ready
// for a letters package to render: the parties, the court, the claim specification with
// its totals, and the court fee. Every amount is in DKK; the slices are copies the form
// owns. Implements E8 and E9.
type PaymentClaimForm struct {
	Filed    date.Date
	District District
	Creditor dunning.Party
	Debtor   dunning.Party
	// Basis is what the claim is for ("kravets grundlag").
	Basis string
	// Invoices are the principal lines with their interest lines.
	Invoices []Invoice
	// Costs are the costs claimed separately.
	Costs []Cost
	// Principal, Interest and Costs totals, and Total = their sum: the amount claimed.
	Principal, Interest, CostTotal, Total money.Money
	// Warning and WarningDeadline are the collection warning's dispatch date and the
	// deadline it gave (Warning + 10 days when none was given).
	Warning, WarningDeadline date.Date
	// CivilCaseOnObjection repeats the creditor's choice (E8).
	CivilCaseOnObjection bool
	// Fee is the court fee (retsafgift) payable on filing; it is not part of Total
	// (E9: whether it is added to the debtor's debt is the creditor's choice).
	Fee Fee
}

// NewPaymentClaimForm checks c for filing on filing (CheckPaymentClaim) and returns the
// form's data. A claim with any problem gives no form: the error is the one
// CheckPaymentClaim returns. feePaid is the date a DK fogedret fee for the same claim
// was paid within the last 12 months (it covers this filing), or the zero Date.
func NewPaymentClaimForm(c PaymentClaim, filing, feePaid date.Date) (PaymentClaimForm, error) {
	if err := CheckPaymentClaim(c, filing); err != nil {
		return PaymentClaimForm{}, err
	}
	f := PaymentClaimForm{
		Filed: filing, District: c.District, Creditor: c.Creditor, Debtor: c.Debtor, Basis: c.Basis,
		Costs: slices.Clone(c.Costs), Warning: c.Warning, WarningDeadline: c.WarningDeadline,
		CivilCaseOnObjection: c.CivilCaseOnObjection,
		Principal:            money.Zero(money.DKK), Interest: money.Zero(money.DKK), CostTotal: money.Zero(money.DKK),
	}
	if f.WarningDeadline.IsZero() {
		f.WarningDeadline = c.Warning.AddDays(WarningDays)
	}
	f.Invoices = make([]Invoice, len(c.Invoices))
	for i, inv := range c.Invoices {
		inv.Interest = slices.Clone(inv.Interest)
		f.Invoices[i] = inv
		f.Principal, _ = f.Principal.Add(inv.Principal)
		for _, l := range inv.Interest {
			f.Interest, _ = f.Interest.Add(l.Amount)
		}
	}
	for _, cost := range c.Costs {
		f.CostTotal, _ = f.CostTotal.Add(cost.Amount)
	}
	f.Total, _ = money.Sum(f.Principal, f.Interest, f.CostTotal)
	fee, err := FeeFor(Filing{Jurisdiction: dunning.DK, Proceeding: PaymentOrder, Claim: f.Principal, Date: filing, FeePaid: feePaid})
	if err != nil {
		return PaymentClaimForm{}, err
	}
	f.Fee = fee
	return f, nil
}
