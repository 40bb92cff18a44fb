package letters

import (
	"fmt"
	"strings"

	"github.com/dunning-go/dunning"
)

// Kind is the kind of document a letter is: a reminder, a collection warning, a plan
// overview, and so on. Each kind has one default template per language.
//
// The zero value is no kind and is not valid.
type Kind uint8

// The document kinds. Their text form (String, MarshalText) is the template's file
// name without ".tmpl", such as "collection-warning".
const (
	// Reminder is a payment reminder of level Data.Level (1, 2, …) (S1, E4). Its fee,
	// if any, is a line of Data.Fees; the level's comment (S6) is Data.Comment.
	Reminder Kind = iota + 1
	// CollectionWarning is the last reminder before collection: DK inkassovarsel
	// (inkassoloven § 10), NO inkassovarsel (inkassoloven § 9), SE inkassovarning,
	// NL 14-dagenbrief (art. 6:96 lid 6 BW) for consumers, DE letzte Mahnung,
	// FI final reminder before collection (E5). See CheckStatutory.
	CollectionWarning
	// DemandLetter is the collection demand sent after the warning: DK inkassopåkrav,
	// SE inkassokrav, NO betalingsoppfordring (inkassoloven § 10) (E1).
	DemandLetter
	// SettlementOffer offers a discount on the debt until an expiry date, showing
	// what is owed now, what the debt grows to if legal steps follow, and the saving
	// (E11). Its figures are Data.Offer.
	SettlementOffer
	// MissingPayment is the letter about a missing payment after an unanswered offer,
	// announcing the court step (E1, the lenient flow).
	MissingPayment
	// PaymentClaim is the payment claim to the court (DK betalingspåkrav): the form's
	// data as a document for the court, with a copy to the creditor (E8). Court data
	// is Data.Filing.
	PaymentClaim
	// EnforcementRequest is the request to the enforcement court (DK
	// fogedrekvisition) on a foundation such as a signed settlement or an endorsed
	// payment claim (E8). The foundation is Data.Filing.Foundation.
	EnforcementRequest
	// DebtorDeclaration is the debtor's declaration (DK skyldnererklæring) that the
	// debt is owed, for the debtor to sign; sent with the collection warning (E7).
	DebtorDeclaration
	// VoluntarySettlement is the voluntary settlement (DK frivilligt forlig): the debt
	// is acknowledged and paid by a monthly instalment, Data.Plan.Instalment (E7).
	VoluntarySettlement
	// PlanOverview is the payment-plan overview the debtor is told: term, down
	// payment, first and last dates, rate, total interest, every instalment (E12).
	PlanOverview
	// PlanBreachWarning warns that instalments were missed and the plan will be
	// terminated unless they are paid by the deadline (E13). See Data.Breach.
	PlanBreachWarning
	// PlanTermination terminates a breached plan: the remaining debt falls due at
	// once and the case goes back to collection (E13).
	PlanTermination
	// BalanceStatement lists every overdue invoice of one customer on one statement,
	// instead of one reminder per invoice (S12).
	BalanceStatement
	// InterestInvoice charges late-payment interest for invoices paid after their due
	// date, from the due date to the payment date (S8). The calculation is
	// Data.Interest.
	InterestInvoice
	// FreeLetter is a letter of free text on the creditor's letterhead (E14): the
	// subject is Data.Subject and the paragraphs Data.Paragraphs, printed as text.
	FreeLetter
)

// kindNames is indexed by Kind; index 0 is unused. It is read-only.
var kindNames = [...]string{
	"",
	"reminder",
	"collection-warning",
	"demand-letter",
	"settlement-offer",
	"missing-payment",
	"payment-claim",
	"enforcement-request",
	"debtor-declaration",
	"voluntary-settlement",
	"plan-overview",
	"plan-breach-warning",
	"plan-termination",
	"balance-statement",
	"interest-invoice",
	"free-letter",
}

// AsksForPayment reports whether a letter of kind k asks the debtor to pay, and
// so must say where (Data.Creditor.Bank): every kind but the court documents
// (PaymentClaim, EnforcementRequest), the DebtorDeclaration and the FreeLetter.
func (k Kind) AsksForPayment() bool {
	switch k {
	case PaymentClaim, EnforcementRequest, DebtorDeclaration, FreeLetter:
		return false
	}
	return k.IsValid()
}

// Kinds returns every document kind, in a fixed order.
func Kinds() []Kind {
	ks := make([]Kind, 0, len(kindNames)-1)
	for k := Reminder; int(k) < len(kindNames); k++ {
		ks = append(ks, k)
	}
	return ks
}

// IsValid reports whether k is one of the document kinds.
func (k Kind) IsValid() bool { return k >= Reminder && int(k) < len(kindNames) }

// String returns the kind's name, such as "collection-warning"; an invalid kind
// prints as "Kind(n)".
func (k Kind) String() string {
	if !k.IsValid() {
		return fmt.Sprintf("Kind(%d)", uint8(k))
	}
	return kindNames[k]
}

// ParseKind returns the kind with the given name, such as "plan-overview" (letter
// case and surrounding spaces are ignored). An unknown name is a
// *dunning.FieldError.
func ParseKind(s string) (Kind, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for k := Reminder; int(k) < len(kindNames); k++ {
		if kindNames[k] == name {
			return k, nil
		}
	}
	return 0, &dunning.FieldError{Field: "Kind", Value: s, Reason: "is not a document kind"}
}

// MarshalText implements encoding.TextMarshaler. The zero value marshals to empty
// text; another invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) {
	if k == 0 {
		return []byte{}, nil
	}
	if !k.IsValid() {
		return nil, &dunning.FieldError{Field: "Kind", Value: k.String(), Reason: "is not a document kind"}
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting what ParseKind
// accepts, and empty text as the zero value.
func (k *Kind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = 0
		return nil
	}
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// isWarning reports whether k is a letter whose deadline the law regulates.
func (k Kind) isWarning() bool { return k == CollectionWarning || k == DemandLetter }
