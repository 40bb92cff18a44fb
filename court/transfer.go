package court

import (
	"errors"
	"strconv"

	"github.com/dunning-go/dunning/money"
)

// Transfer is one court fee the creditor must transfer to a court. Implements E9.
type Transfer struct {
	// CaseID is the host's case identifier, shown on the list.
	CaseID string
	// District is the court the fee is paid to. Required.
	District District
	// Fee is the fee; its Amount must be valid and not negative.
	Fee Fee
	// AddToDebt says the creditor adds the fee to the debtor's debt, so the debtor pays
	// it on settling (E9, seed 003 "tilskrive retsgebyret på sagen").
	AddToDebt bool
}

// DistrictTransfers is the part of a transfer list for one court.
type DistrictTransfers struct {
	District District
	// Items are the fees to this court, in input order.
	Items []Transfer
	// Total is the sum of the fees; AddedToDebt the part added to debtors' debts.
	Total, AddedToDebt money.Money
}

// TransferList groups court fees by the court they are paid to, with totals
// ("Overfør til Retten", E9). Covered (zero) fees are listed too, so the list accounts
// for every case.
type TransferList struct {
	// Districts holds one entry per court with fees, in the order of Districts().
	Districts []DistrictTransfers
	// Total is the sum over all courts; AddedToDebt the part added to debtors' debts.
	Total, AddedToDebt money.Money
}

// NewTransferList groups items by district. It returns every bad item at once (an
// invalid district, a missing or negative fee amount, amounts in more than one
// currency), each a *dunning.FieldError naming "items[i]...", joined. Implements E9.
func NewTransferList(items []Transfer) (TransferList, error) {
	var errs []error
	var cur money.Currency
	for i, t := range items {
		p := "items[" + strconv.Itoa(i) + "]"
		if !t.District.IsValid() {
			errs = append(errs, fieldErr(p+".District", t.District.String(), "is not a district court", nil))
		}
		switch a := t.Fee.Amount; {
		case !a.IsValid():
			errs = append(errs, fieldErr(p+".Fee.Amount", a.String(), "is required", nil))
		case a.IsNegative():
			errs = append(errs, fieldErr(p+".Fee.Amount", a.String(), "must not be negative", nil))
		case cur == "":
			cur = a.Currency()
		case a.Currency() != cur:
			errs = append(errs, fieldErr(p+".Fee.Amount", a.String(), "is not in "+string(cur)+" like the items before", money.ErrCurrencyMismatch))
		}
	}
	if len(errs) > 0 {
		return TransferList{}, errors.Join(errs...)
	}
	if cur == "" {
		return TransferList{}, nil
	}
	byDistrict := make([][]Transfer, len(districtNames))
	for _, t := range items {
		byDistrict[t.District] = append(byDistrict[t.District], t)
	}
	l := TransferList{Total: money.Zero(cur), AddedToDebt: money.Zero(cur)}
	for _, d := range Districts() {
		ts := byDistrict[d]
		if len(ts) == 0 {
			continue
		}
		dt := DistrictTransfers{District: d, Items: ts, Total: money.Zero(cur), AddedToDebt: money.Zero(cur)}
		for _, t := range ts {
			dt.Total, _ = dt.Total.Add(t.Fee.Amount)
			if t.AddToDebt {
				dt.AddedToDebt, _ = dt.AddedToDebt.Add(t.Fee.Amount)
			}
		}
		l.Total, _ = l.Total.Add(dt.Total)
		l.AddedToDebt, _ = l.AddedToDebt.Add(dt.AddedToDebt)
		l.Districts = append(l.Districts, dt)
	}
	return l, nil
}
