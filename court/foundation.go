package court

import (
	"errors"

	"github.com/dunning-go/dunning/date"
)

// FoundationKind is the kind of enforceable basis (fundament, retsplejeloven § 478) a
// creditor holds. Implements E8. The zero value is invalid.
type FoundationKind uint8

// The foundation kinds of E8.
const (
	// EndorsedPaymentClaim is a payment claim (betalingspåkrav) the court endorsed after
	// the objection window passed ("anden påtegning").
	EndorsedPaymentClaim FoundationKind = iota + 1
	// Settlement is a voluntary settlement (frivilligt forlig) signed by the debtor (E7).
	Settlement
	// DebtorDeclaration is a signed debtor declaration (skyldnererklæring) (E7).
	DebtorDeclaration
	// PromissoryNote is a promissory note (gældsbrev) with an enforcement clause.
	PromissoryNote
	// MortgageDeed is a mortgage deed (pantebrev).
	MortgageDeed
	// Judgment is a court judgment (dom).
	Judgment
)

var foundationNames = []string{"", "endorsed-payment-claim", "settlement", "debtor-declaration",
	"promissory-note", "mortgage-deed", "judgment"}

// String returns the kind's name, such as "debtor-declaration".
func (k FoundationKind) String() string { return enumString(k, foundationNames, "FoundationKind") }

// IsValid reports whether k is one of the constants.
func (k FoundationKind) IsValid() bool { return enumValid(k, foundationNames) }

// MarshalText implements encoding.TextMarshaler.
func (k FoundationKind) MarshalText() ([]byte, error) {
	return enumMarshal(k, foundationNames, "FoundationKind")
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *FoundationKind) UnmarshalText(b []byte) error {
	v, err := ParseFoundationKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseFoundationKind reads the String form of a FoundationKind (any case).
func ParseFoundationKind(s string) (FoundationKind, error) {
	return enumParse[FoundationKind](s, foundationNames, "FoundationKind")
}

// Foundation is one foundation a creditor holds for a claim.
type Foundation struct {
	Kind FoundationKind
	// Date is the date the foundation came into being: signed by the debtor (settlement,
	// declaration, note, deed), given (judgment) or endorsed (payment claim). Required.
	Date date.Date
	// Reference identifies the document, such as the court's case number. Optional.
	Reference string
}

// FoundationYears is how long a foundation can be enforced: a judgment or a signed debt
// instrument gives 10 years (forældelsesloven; research §1.5, SECONDARY), applied here to every kind.
const FoundationYears = 10

// Validate reports, as *dunning.FieldError values joined, why f cannot be used for an
// enforcement request filed on filing: an invalid kind, a missing date or one after the
// filing, or a foundation older than FoundationYears (SECONDARY, research §1.5).
func (f Foundation) Validate(filing date.Date) error {
	var errs []error
	if !f.Kind.IsValid() {
		errs = append(errs, fieldErr("Foundation.Kind", f.Kind.String(), "is not a foundation kind", nil))
	}
	switch {
	case f.Date.IsZero():
		errs = append(errs, fieldErr("Foundation.Date", "", "is required", nil))
	case f.Date.After(filing):
		errs = append(errs, fieldErr("Foundation.Date", f.Date.String(), "is after the filing date "+filing.String(), nil))
	case !filing.Before(f.Date.AddYears(FoundationYears)):
		errs = append(errs, fieldErr("Foundation.Date", f.Date.String(), "is 10 years or more before the filing date "+filing.String()+" (10-year period, research §1.5)", ErrTimeBarred))
	}
	return errors.Join(errs...)
}

// Route is the way a Danish case goes to court. Implements E8. The zero value is invalid.
type Route uint8

// The routes.
const (
	// ByPaymentClaim: no valid foundation, so the creditor files a betalingspåkrav (a
	// PaymentOrder), which must be complete (CheckPaymentClaim).
	ByPaymentClaim Route = iota + 1
	// ByEnforcementRequest: a valid foundation, so the creditor files a fogedrekvisition
	// (an Enforcement request) with the foundation attached.
	ByEnforcementRequest
)

var routeNames = []string{"", "payment-claim", "enforcement-request"}

// String returns "payment-claim" or "enforcement-request".
func (r Route) String() string { return enumString(r, routeNames, "Route") }

// IsValid reports whether r is one of the constants.
func (r Route) IsValid() bool { return enumValid(r, routeNames) }

// MarshalText implements encoding.TextMarshaler.
func (r Route) MarshalText() ([]byte, error) { return enumMarshal(r, routeNames, "Route") }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Route) UnmarshalText(b []byte) error {
	v, err := ParseRoute(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseRoute reads "payment-claim" or "enforcement-request" (any case).
func ParseRoute(s string) (Route, error) { return enumParse[Route](s, routeNames, "Route") }

// Proceeding returns the proceeding the route files: PaymentOrder or Enforcement.
func (r Route) Proceeding() Proceeding {
	switch r {
	case ByPaymentClaim:
		return PaymentOrder
	case ByEnforcementRequest:
		return Enforcement
	}
	return 0
}

// RouteFor returns the route for a filing on filing given the foundations the creditor
// holds: ByEnforcementRequest with the first valid foundation when there is one,
// otherwise ByPaymentClaim and the zero Foundation. Implements E8.
func RouteFor(filing date.Date, foundations ...Foundation) (Route, Foundation) {
	for _, f := range foundations {
		if f.Validate(filing) == nil {
			return ByEnforcementRequest, f
		}
	}
	return ByPaymentClaim, Foundation{}
}
