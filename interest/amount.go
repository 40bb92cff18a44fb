package interest

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// amountPlaces is the precision of an unrounded segment amount where the
// quotient does not terminate.
const amountPlaces = 28

// segmentAmount returns bal × pct × days / (100 × basis), rounded half-up at
// 28 places (the same value as decimal's DivRound(…, 28) for these
// non-negative operands). The common case, where the coefficients fit 64
// bits and the scaled numerator 128 bits, is computed in integers with a
// single allocation; otherwise it falls back to decimal.
func segmentAmount(bal, pct decimal.Decimal, days, basis int) decimal.Decimal {
	if q, ok := fastAmount(bal, pct, uint64(days), uint64(100*basis)); ok {
		return q.decimal(new(scratch))
	}
	return bal.Mul(pct).Mul(decimal.NewFromInt(int64(days))).DivRound(decimal.NewFromInt(int64(100*basis)), amountPlaces)
}

// u128 is an unsigned 128-bit integer: a sum of amounts in units of 10^-28.
type u128 struct{ hi, lo uint64 }

// add returns s + o and whether it did not overflow.
func (s u128) add(o u128) (u128, bool) {
	lo, c := bits.Add64(s.lo, o.lo, 0)
	hi, c := bits.Add64(s.hi, o.hi, c)
	return u128{hi, lo}, c == 0
}

// scratch is a big.Int with room for a u128, reused by u128.decimal:
// NewFromBigInt copies its argument, so one scratch serves every amount of
// a calculation, and a u128 that needs two words costs the two allocations
// of the copy (a scratch of its own per call would cost a third: its words
// escape to the heap).
type scratch struct {
	b big.Int
	w [2]big.Word
}

// decimal returns s × 10^-28, using sc as scratch.
func (s u128) decimal(sc *scratch) decimal.Decimal {
	if s.hi == 0 && s.lo <= math.MaxInt64 {
		return decimal.New(int64(s.lo), -amountPlaces)
	}
	if bits.UintSize == 64 {
		sc.w = [2]big.Word{big.Word(s.lo), big.Word(s.hi)}
		sc.b.SetBits(sc.w[:])
	} else {
		var l big.Int
		sc.b.SetUint64(s.hi)
		sc.b.Lsh(&sc.b, 64)
		sc.b.Or(&sc.b, l.SetUint64(s.lo))
	}
	return decimal.NewFromBigInt(&sc.b, -amountPlaces)
}

// fastAmount is segmentAmount in integers, as a u128 in units of 10^-28;
// ok is false when an operand or an intermediate result does not fit (the
// caller then uses decimal).
func fastAmount(bal, pct decimal.Decimal, days, den uint64) (_ u128, ok bool) {
	if bal.IsNegative() || pct.IsNegative() || bal.NumDigits() > 18 || pct.NumDigits() > 18 {
		return u128{}, false
	}
	k := amountPlaces + int(bal.Exponent()) + int(pct.Exponent())
	if k < 0 {
		return u128{}, false
	}
	hi, lo := bits.Mul64(uint64(bal.CoefficientInt64()), uint64(pct.CoefficientInt64()))
	if hi != 0 {
		return u128{}, false
	}
	hi, lo = bits.Mul64(lo, days)
	for k > 0 { // multiply by 10^k, at most 10^19 at a time
		step := min(k, 19)
		var ok bool
		if hi, lo, ok = mul128(hi, lo, pow10(step)); !ok {
			return u128{}, false
		}
		k -= step
	}
	qhi, r := hi/den, hi%den
	qlo, r := bits.Div64(r, lo, den)
	if r >= den-r { // half-up: 2r >= den
		var c uint64
		qlo, c = bits.Add64(qlo, 1, 0)
		qhi += c
	}
	return u128{qhi, qlo}, true
}

// mul128 returns (hi, lo) × m and whether it fits 128 bits.
func mul128(hi, lo, m uint64) (uint64, uint64, bool) {
	h1, l1 := bits.Mul64(lo, m)
	h2, l2 := bits.Mul64(hi, m)
	if h2 != 0 {
		return 0, 0, false
	}
	sum, c := bits.Add64(h1, l2, 0)
	if c != 0 {
		return 0, 0, false
	}
	return sum, l1, true
}

// pow10 returns 10^n for 0 <= n <= 19.
func pow10(n int) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}
