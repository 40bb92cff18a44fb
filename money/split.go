package money

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// MaxParts is the largest number of parts Split and Allocate produce. It turns an
// absurd count from outside the program into an error instead of an attempt to
// allocate gigabytes; no payment plan or distribution comes near it.
const MaxParts = 1 << 20

// Split divides m into n parts that add up to m exactly, as equal as possible: the
// parts differ by at most one minor unit and the larger parts come first. 100.00 EUR
// split 3 ways is 33.34, 33.33, 33.33. A negative amount splits into negative parts
// (-100.00 → -33.34, -33.33, -33.33). It fails with ErrInvalidArgument when n is
// not between 1 and MaxParts, and with ErrUnknownCurrency for Money{}.
func (m Money) Split(n int) ([]Money, error) {
	if n < 1 || n > MaxParts {
		return nil, fmt.Errorf("money: cannot split %s into %d parts, want 1 to %d: %w", m, n, MaxParts, ErrInvalidArgument)
	}
	digits, ok := m.currency.MinorUnits()
	if !ok {
		return nil, currencyError(string(m.currency))
	}
	// In minor units: q is the quotient truncated toward zero, r the remainder with
	// the sign of the amount and |r| < n. The first |r| parts get one more unit.
	units := m.amount.Shift(digits)
	q, r := units.QuoRem(decimal.NewFromInt(int64(n)), 0)
	base := Money{amount: canonical(q.Shift(-digits), digits), currency: m.currency}
	bigger := base
	extra := r.IntPart() // |r| < n, so it fits
	if extra < 0 {
		extra = -extra
		bigger.amount = base.amount.Sub(decimal.New(1, -digits))
	} else if extra > 0 {
		bigger.amount = base.amount.Add(decimal.New(1, -digits))
	}
	parts := make([]Money, n)
	for i := range parts {
		if int64(i) < extra {
			parts[i] = bigger
		} else {
			parts[i] = base
		}
	}
	return parts, nil
}

// Allocate divides m into len(ratios) parts in proportion to ratios, adding up to m
// exactly, by the largest-remainder method: each part first gets its exact share
// rounded toward zero to a whole minor unit, then the minor units left over go one
// each to the parts with the largest dropped remainders, ties to the earlier part.
// Every part is therefore within one minor unit of its exact share, and the result
// is deterministic. 100.00 EUR allocated 1:1:1 is 33.34, 33.33, 33.33; allocated
// 70:30 it is 70.00, 30.00. A negative amount gives the parts of its absolute value,
// negated. A zero ratio gets a zero part.
//
// It fails with ErrInvalidArgument when there are no ratios or more than MaxParts, a
// ratio is negative or all ratios are zero, and with ErrUnknownCurrency for Money{}.
func (m Money) Allocate(ratios ...int64) ([]Money, error) {
	if len(ratios) == 0 || len(ratios) > MaxParts {
		return nil, fmt.Errorf("money: cannot allocate %s to %d ratios, want 1 to %d: %w", m, len(ratios), MaxParts, ErrInvalidArgument)
	}
	total := new(big.Int)
	for i, r := range ratios {
		if r < 0 {
			return nil, fmt.Errorf("money: cannot allocate %s: ratio %d is %d, ratios must not be negative: %w", m, i, r, ErrInvalidArgument)
		}
		total.Add(total, big.NewInt(r))
	}
	if total.Sign() == 0 {
		return nil, fmt.Errorf("money: cannot allocate %s: all %d ratios are zero: %w", m, len(ratios), ErrInvalidArgument)
	}
	digits, ok := m.currency.MinorUnits()
	if !ok {
		return nil, currencyError(string(m.currency))
	}

	units := m.amount.Shift(digits).BigInt() // exact: m is whole minor units
	neg := units.Sign() < 0
	units.Abs(units)

	shares := make([]big.Int, len(ratios))
	rems := make([]big.Int, len(ratios))
	left := new(big.Int).Set(units)
	var num big.Int
	for i, r := range ratios {
		num.Mul(units, big.NewInt(r))
		shares[i].QuoRem(&num, total, &rems[i])
		left.Sub(left, &shares[i])
	}
	// 0 <= left < the number of nonzero remainders <= len(ratios), since the
	// remainders divided by total add up to left and each is below 1.
	order := make([]int, len(ratios))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(&rems[a]) })
	for _, i := range order[:left.Int64()] {
		shares[i].Add(&shares[i], big.NewInt(1))
	}

	parts := make([]Money, len(ratios))
	for i := range shares {
		if neg {
			shares[i].Neg(&shares[i])
		}
		parts[i] = Money{amount: decimal.NewFromBigInt(&shares[i], -digits), currency: m.currency}
	}
	return parts, nil
}
