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
// (interestBig, annuity) and says when it cannot; fastmath_test.go checks
// both on random inputs.

// factor is the interest factor of a period in the forms the hot loops use.
// Periods with the same factor share one *factor.
type factor struct {
	dec decimal.Decimal // the factor
	rf  *big.Int        // rf × 10^workPlaces, exactly (rf has at most workPlaces places)
	bin *big.Int        // rf × 2^binPlaces, truncated: the annuity factor of emi

	zero bool // rf is zero: every interest is zero

	// frac is floor(rf × 10^workPlaces × 2^192 / div), with div =
	// 10^workPlaces × unit: rf/unit as a 192-bit binary fraction, rounded
	// down. fast says it is set, which needs 0 < rf/unit < 1.
	frac [3]uint64
	fast bool

	// g is 2^binPlaces + bin, the growth factor of emiProducts, in three
	// 64-bit words, least significant first; gOK says it fits.
	g   [3]uint64
	gOK bool
}

// newFactor precomputes the forms of rf (computed once per distinct factor).
func (b *builder) newFactor(rf decimal.Decimal) *factor {
	r := rf.Shift(workPlaces).BigInt()
	bin := new(big.Int).Lsh(r, binPlaces)
	bin.Quo(bin, &b.scale)
	f := &factor{dec: rf, rf: r, bin: bin, zero: r.Sign() == 0}
	if r.Sign() > 0 && r.Cmp(&b.div) < 0 {
		x := new(big.Int).Lsh(r, 192)
		f.frac, f.fast = words(x.Quo(x, &b.div))
	}
	if w, ok := words(bin); ok {
		var c uint64
		f.g, c = add3(one192(), w)
		f.gOK = c == 0
	}
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

// emiProducts runs the loop of annuity in 192-bit integers over the
// factors of the periods: prod = ∏ gₖ and fn, with gₖ = 2^binPlaces + binₖ,
// every product truncated to binPlaces binary places exactly as annuity's
// Rsh does. ok is false if a factor or an intermediate does not fit 192
// bits (very high rates or long plans); the caller then runs annuity.
func emiProducts(periods []period, facs []*factor) (prod, fn [3]uint64, ok bool) {
	const top = 1 << (binPlaces - 128) // unity's top word
	p0, p1, p2 := uint64(0), uint64(0), uint64(top)
	f0, f1, f2 := uint64(0), uint64(0), uint64(top)
	var c uint64
	for k, p := range periods {
		f := facs[p.f]
		if !f.gOK {
			return prod, fn, false
		}
		g0, g1, g2 := f.g[0], f.g[1], f.g[2]
		if p0, p1, p2, ok = mulShift3(p0, p1, p2, g0, g1, g2); !ok {
			return prod, fn, false
		}
		if k > 0 {
			if f0, f1, f2, ok = mulShift3(f0, f1, f2, g0, g1, g2); !ok {
				return prod, fn, false
			}
			if f2, c = bits.Add64(f2, top, 0); c != 0 {
				return prod, fn, false
			}
		}
	}
	return [3]uint64{p0, p1, p2}, [3]uint64{f0, f1, f2}, true
}

// mulShift3 returns z = floor(x × y / 2^binPlaces) and whether it fits 192
// bits, for x, y and z given as three words each, least significant first
// (as separate arguments so that they stay in registers): the schoolbook
// product of three words by three, unrolled, column by column (p1 to p5;
// the lowest word, p0, carries nothing into p1, so it is not computed).
func mulShift3(x0, x1, x2, y0, y1, y2 uint64) (z0, z1, z2 uint64, ok bool) {
	var p1, p2, p3, p4, p5, c, h, l uint64
	p1, _ = bits.Mul64(x0, y0)
	h, l = bits.Mul64(x0, y1)
	p1, c = bits.Add64(p1, l, 0)
	p2 = h + c // no overflow: the high word of a product is at most 2^64-2
	h, l = bits.Mul64(x1, y0)
	_, c = bits.Add64(p1, l, 0) // p1 is not needed beyond its carry
	p2, c = bits.Add64(p2, h, c)
	p3 = c
	h, l = bits.Mul64(x0, y2)
	p2, c = bits.Add64(p2, l, 0)
	p3, c = bits.Add64(p3, h, c)
	p4 = c
	h, l = bits.Mul64(x1, y1)
	p2, c = bits.Add64(p2, l, 0)
	p3, c = bits.Add64(p3, h, c)
	p4 += c
	h, l = bits.Mul64(x2, y0)
	p2, c = bits.Add64(p2, l, 0)
	p3, c = bits.Add64(p3, h, c)
	p4 += c
	h, l = bits.Mul64(x1, y2)
	p3, c = bits.Add64(p3, l, 0)
	p4, c = bits.Add64(p4, h, c)
	p5 = c
	h, l = bits.Mul64(x2, y1)
	p3, c = bits.Add64(p3, l, 0)
	p4, c = bits.Add64(p4, h, c)
	p5 += c
	h, l = bits.Mul64(x2, y2)
	p4, c = bits.Add64(p4, l, 0)
	p5, _ = bits.Add64(p5, h, c) // no overflow: x × y < 2^384

	const s = binPlaces - 128 // shift by two words and s bits
	if p5>>s != 0 {
		return 0, 0, 0, false
	}
	return p2>>s | p3<<(64-s), p3>>s | p4<<(64-s), p4>>s | p5<<(64-s), true
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
