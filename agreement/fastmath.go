package agreement

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"

	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
)

// This file holds the fixed-width fast paths of the plan builder. Each one
// returns exactly what the straightforward big.Int computation returns
// (interestBig, emiBig) and says when it cannot; fastmath_test.go checks
// both on random inputs.

// factor is the interest factor of a period in the forms the hot loops use.
// Periods with the same factor share one *factor.
type factor struct {
	rf  *big.Int // rf × 10^workPlaces, exactly (rf has at most workPlaces places)
	bin *big.Int // rf × 2^binPlaces, truncated: the annuity factor of emi

	zero bool // rf is zero: every interest is zero

	// frac is floor(rf × 10^workPlaces × 2^192 / div), with div =
	// 10^workPlaces × unit: rf/unit as a 192-bit binary fraction, rounded
	// down. fast says it is set, which needs 0 < rf/unit < 1.
	frac [3]uint64
	fast bool

	// binw is bin in three 64-bit words, least significant first; binOK says
	// it fits.
	binw  [3]uint64
	binOK bool
}

// newFactor precomputes the forms of rf (computed once per distinct factor).
func (b *builder) newFactor(rf decimal.Decimal) *factor {
	r := rf.Shift(workPlaces).BigInt()
	bin := new(big.Int).Lsh(r, binPlaces)
	bin.Quo(bin, b.scale)
	f := &factor{rf: r, bin: bin, zero: r.Sign() == 0}
	if r.Sign() > 0 && r.Cmp(b.div) < 0 {
		x := new(big.Int).Lsh(r, 192)
		f.frac, f.fast = words(x.Quo(x, b.div))
	}
	f.binw, f.binOK = words(bin)
	return f
}

// words returns x (non-negative) as three 64-bit words, least significant
// first, and whether it fits.
func words(x *big.Int) ([3]uint64, bool) {
	var w [3]uint64
	if x.Sign() < 0 || x.BitLen() > 192 {
		return w, false
	}
	var buf [24]byte
	x.FillBytes(buf[:])
	for i := range w {
		w[i] = binary.BigEndian.Uint64(buf[16-8*i:])
	}
	return w, true
}

// setWords sets z to the number in w (least significant word first).
func setWords(z *big.Int, w *[3]uint64) {
	var buf [24]byte
	for i, v := range w {
		binary.BigEndian.PutUint64(buf[16-8*i:], v)
	}
	z.SetBytes(buf[:])
}

// roundFrac returns round(bal × F / div) in rounding units with mode, where
// frac = floor(F × 2^192 / div) and 0 < F < div (F is rf × 10^workPlaces):
// the same as interestBig, in three 64-bit multiplications. ok is false
// when it cannot tell, and the caller then divides exactly.
//
// Why it is exact: let T = bal·F/div (the exact quotient) and A =
// bal·frac/2^192, the 256-bit product computed here. frac is F·2^192/div
// rounded down by less than one, so 0 ≤ T − A < bal/2^192 < 2^-128. Write a
// for A rounded down to a multiple of 2^-128, the top three words w3.w2w1:
// then T lies in [a, a + 2·2^-128). What the rounding needs of T is its
// integer part, whether its fraction is zero, and how it compares with one
// half; all of these change only at multiples of 2^-1. Unless a or
// a + 2^-128 is such a multiple (the low 127 bits of w2w1 all zero or all
// one: then ok is false), T and A lie strictly between the same two
// neighbouring multiples of 2^-1. So the integer part of T is w3, its
// fraction is not zero and not one half, and it is above one half exactly
// when the top bit of w2 is set.
func roundFrac(bal uint64, frac *[3]uint64, mode money.RoundingMode) (int64, bool) {
	h0, _ := bits.Mul64(bal, frac[0])
	h1, l1 := bits.Mul64(bal, frac[1])
	h2, l2 := bits.Mul64(bal, frac[2])
	w1, c := bits.Add64(h0, l1, 0)
	w2, c := bits.Add64(h1, l2, c)
	w3 := h2 + c // no overflow: bal·frac < 2^256
	low := w2 &^ (1 << 63)
	if low == 0 && w1 == 0 || low == 1<<63-1 && w1 == math.MaxUint64 {
		return 0, false
	}
	q := int64(w3) // < bal, as F < div
	switch mode {
	case money.Down:
	case money.Up:
		q++ // the fraction is not zero
	default: // HalfAwayFromZero, HalfEven: never a tie here
		q += int64(w2 >> 63)
	}
	return q, true
}

// one192 is 1 in the binPlaces fixed point of emi, 2^binPlaces, as three
// words.
func one192() [3]uint64 { return [3]uint64{0, 0, 1 << (binPlaces - 128)} }

// emiProducts runs the loop of emiBig in 192-bit integers: prod = ∏ g_k and
// fn, with g_k = 2^binPlaces + bin_k, every product truncated to binPlaces
// binary places exactly as emiBig's Rsh does. ok is false if a factor or an
// intermediate does not fit 192 bits (very high rates or long plans); the
// caller then runs emiBig.
func (b *builder) emiProducts(n int) (prod, fn [3]uint64, ok bool) {
	unity := one192()
	prod, fn = unity, unity
	for k := 1; k <= n; k++ {
		b.period(k)
		f := b.facs[k-1]
		if !f.binOK {
			return prod, fn, false
		}
		g, c := add3(unity, f.binw)
		if c != 0 {
			return prod, fn, false
		}
		if prod, ok = mulShift(prod, g); !ok {
			return prod, fn, false
		}
		if k > 1 {
			if fn, ok = mulShift(fn, g); !ok {
				return prod, fn, false
			}
			if fn, c = add3(fn, unity); c != 0 {
				return prod, fn, false
			}
		}
	}
	return prod, fn, true
}

// add3 returns x + y and the carry out of 192 bits.
func add3(x, y [3]uint64) ([3]uint64, uint64) {
	var z [3]uint64
	var c uint64
	z[0], c = bits.Add64(x[0], y[0], 0)
	z[1], c = bits.Add64(x[1], y[1], c)
	z[2], c = bits.Add64(x[2], y[2], c)
	return z, c
}

// mulShift returns floor(x × y / 2^binPlaces) and whether it fits 192 bits:
// the schoolbook product of three words by three, unrolled.
func mulShift(x, y [3]uint64) ([3]uint64, bool) {
	var p1, p2, p3, p4, p5, c uint64
	c, _ = mac(x[0], y[0], 0, 0)
	c, p1 = mac(x[0], y[1], 0, c)
	c, p2 = mac(x[0], y[2], 0, c)
	p3 = c
	c, _ = mac(x[1], y[0], p1, 0)
	c, p2 = mac(x[1], y[1], p2, c)
	c, p3 = mac(x[1], y[2], p3, c)
	p4 = c
	c, p2 = mac(x[2], y[0], p2, 0)
	c, p3 = mac(x[2], y[1], p3, c)
	c, p4 = mac(x[2], y[2], p4, c)
	p5 = c
	const s = binPlaces - 128 // shift by two words and s bits
	if p5>>s != 0 {
		return [3]uint64{}, false
	}
	return [3]uint64{p2>>s | p3<<(64-s), p3>>s | p4<<(64-s), p4>>s | p5<<(64-s)}, true
}

// mac returns x × y + acc + carry as two words (it cannot overflow).
func mac(x, y, acc, carry uint64) (hi, lo uint64) {
	hi, lo = bits.Mul64(x, y)
	var c uint64
	lo, c = bits.Add64(lo, acc, 0)
	hi += c
	lo, c = bits.Add64(lo, carry, 0)
	hi += c
	return hi, lo
}
