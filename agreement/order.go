package agreement

import (
	"strconv"

	"github.com/dunning-go/dunning"
)

// Component is a part of a debt a payment can be allocated to.
type Component uint8

// The components of a debt under a plan.
const (
	// Costs are fees and collection costs charged on top of the plan
	// (Tracking.Costs).
	Costs Component = iota + 1
	// Interest is the plan's interest.
	Interest
	// Principal is the debt the plan repays.
	Principal
)

// String returns "costs", "interest" or "principal".
func (c Component) String() string {
	switch c {
	case Costs:
		return "costs"
	case Interest:
		return "interest"
	case Principal:
		return "principal"
	}
	return "Component(" + strconv.Itoa(int(c)) + ")"
}

// Order is the order in which a payment pays the components that are due,
// with the rule it comes from.
type Order struct {
	Sequence     [3]Component         // first to last
	Jurisdiction dunning.Jurisdiction // "" for the SDK default
	Source       string               // law and section, as the research cites it
	Status       dunning.Status       // research status of the rule
}

// DefaultOrder is costs → interest → principal, the SDK's default where no
// jurisdiction is chosen (docs/design.md). It is the order the law gives in the
// Netherlands (art. 6:44 BW) and, unverified, in Germany (§ 367 BGB); it is
// not a statement of the law of any other country.
func DefaultOrder() Order {
	return Order{Sequence: [3]Component{Costs, Interest, Principal},
		Source: "SDK default (docs/design.md): costs, interest, principal", Status: dunning.Derived}
}

// orders is the allocation-order table (docs/research/jurisdictions.md §8 item 7). The
// research has no allocation rule for DK, SE, NO, FI or the EU baseline;
// OrderFor reports ErrNoRule for them instead of guessing.
func orders() []Order {
	cip := [3]Component{Costs, Interest, Principal}
	return []Order{
		{Sequence: cip, Jurisdiction: dunning.NL,
			Source: "art. 6:44 BW (HR 10 Jul 2015); docs/research/jurisdictions.md NL, §8 item 7", Status: dunning.Verified},
		// UNVERIFIED: § 367 Abs. 1 BGB is cited in the research but its text was not verified.
		{Sequence: cip, Jurisdiction: dunning.DE,
			Source: "§ 367 Abs. 1 BGB; docs/research/jurisdictions.md §8 item 7", Status: dunning.Unverified},
	}
}

// OrderFor returns the allocation order the law of j prescribes, with its
// source and research status (check Status: DE is UNVERIFIED). For a
// jurisdiction without a researched rule it returns an error wrapping
// ErrNoRule; use DefaultOrder, or an Order of your own, knowingly.
func OrderFor(j dunning.Jurisdiction) (Order, error) {
	for _, o := range orders() {
		if o.Jurisdiction == j {
			return o, nil
		}
	}
	return Order{}, &dunning.FieldError{Field: "Jurisdiction", Value: string(j),
		Reason: "has no researched payment-allocation rule", Err: ErrNoRule}
}

// valid reports whether the sequence names each component once.
func (o Order) valid() bool {
	var seen [4]bool
	for _, c := range o.Sequence {
		if c < Costs || c > Principal || seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}
