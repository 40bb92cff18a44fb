package money

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// The flags byte that starts the binary form of a Money (see MarshalBinary).
const (
	binNil      = 1 << iota // the amount is the zero decimal.Decimal of Money{}: no coefficient follows
	binBig                  // the coefficient does not fit an int64: a length and its magnitude follow
	binNegative             // with binBig: the coefficient is negative
	binExponent             // an explicit exponent follows (never written for a Money this package makes)
	binCode3                // the currency is 3 bytes, written without a length

	binFlags = binNil | binBig | binNegative | binExponent | binCode3
)

// AppendBinary implements encoding.BinaryAppender: it appends the binary form
// of m to b (see MarshalBinary). It does not allocate for amounts of up to 18
// digits.
func (m Money) AppendBinary(b []byte) ([]byte, error) {
	var flags byte
	small := m.amount.NumDigits() <= 18 // so the coefficient fits an int64
	switch {
	case m.amount == (decimal.Decimal{}):
		flags |= binNil
	case !small:
		flags |= binBig
		if m.amount.Sign() < 0 {
			flags |= binNegative
		}
	}
	exp := m.amount.Exponent()
	if exp != m.impliedExponent() {
		flags |= binExponent
	}
	if len(m.currency) == 3 {
		flags |= binCode3
	}
	b = append(b, flags)
	if flags&binExponent != 0 {
		b = binary.AppendVarint(b, int64(exp))
	}
	switch {
	case flags&binNil != 0:
	case flags&binBig != 0:
		mag := new(big.Int).Abs(m.amount.Coefficient()).Bytes()
		b = binary.AppendUvarint(b, uint64(len(mag)))
		b = append(b, mag...)
	default:
		b = binary.AppendVarint(b, m.amount.CoefficientInt64())
	}
	if flags&binCode3 == 0 {
		b = binary.AppendUvarint(b, uint64(len(m.currency)))
	}
	return append(b, m.currency...), nil
}

// impliedExponent is the exponent of m's amount that the binary form leaves
// out: minus the minor units of a known currency, else 0.
func (m Money) impliedExponent() int32 { return -m.scale() }

// MarshalBinary implements encoding.BinaryMarshaler. The binary form is
// compact and exact, for stores that keep many amounts (collection/memstore):
// a flags byte, the coefficient of the amount in minor units as a signed
// varint (encoding/binary's AppendVarint), and the currency code, so 12.50 EUR
// is 6 bytes and 1,000,000.00 DKK 8. The exponent is the currency's, so it is
// not written; a coefficient beyond int64 is written as its length and
// big-endian magnitude. Unlike MarshalText it accepts every Money, Money{} and
// Zero of an unknown currency included, and it never fails: UnmarshalBinary
// gives back the same Money (Equal, the same String, Currency and scale).
func (m Money) MarshalBinary() ([]byte, error) {
	return m.AppendBinary(make([]byte, 0, 8))
}

// UnmarshalBinary implements encoding.BinaryUnmarshaler: it sets m from the
// form MarshalBinary writes. It accepts only what MarshalBinary can write for
// a Money this package makes: an amount with the currency's minor units in a
// known currency, or zero with no minor units in an unknown one (or none, as
// in Money{}). Anything else, and truncated or trailing bytes, is an
// *AmountError wrapping ErrInvalidAmount; m is then unchanged.
func (m *Money) UnmarshalBinary(data []byte) error {
	bad := func(reason string) error {
		return &AmountError{Input: hex.EncodeToString(data), Reason: "is not a binary Money: " + reason, Err: ErrInvalidAmount}
	}
	if len(data) == 0 {
		return bad("no bytes")
	}
	flags, rest := data[0], data[1:]
	if flags&^binFlags != 0 || flags&binNil != 0 && flags&(binBig|binNegative) != 0 || flags&binNegative != 0 && flags&binBig == 0 {
		return bad(fmt.Sprintf("flags %#02x", flags))
	}
	var exp int64
	if flags&binExponent != 0 {
		v, w := binary.Varint(rest)
		if w <= 0 || v < -1<<31 || v >= 1<<31 {
			return bad("exponent")
		}
		exp, rest = v, rest[w:]
	}
	var small int64
	var huge *big.Int
	switch {
	case flags&binNil != 0:
		if exp != 0 {
			return bad("an exponent without an amount")
		}
	case flags&binBig != 0:
		n, w := binary.Uvarint(rest)
		if w <= 0 || n > uint64(len(rest)-w) {
			return bad("truncated")
		}
		huge = new(big.Int).SetBytes(rest[w : w+int(n)])
		if flags&binNegative != 0 {
			huge.Neg(huge)
		}
		rest = rest[w+int(n):]
	default:
		v, w := binary.Varint(rest)
		if w <= 0 {
			return bad("truncated")
		}
		small, rest = v, rest[w:]
	}
	var code []byte
	if flags&binCode3 != 0 {
		if len(rest) != 3 {
			return bad("the currency code is not 3 bytes")
		}
		code = rest
	} else {
		n, w := binary.Uvarint(rest)
		if w <= 0 || n != uint64(len(rest)-w) || n == 3 {
			return bad("currency")
		}
		code = rest[w:]
	}
	c := currencyOf(code)
	digits, known := c.MinorUnits()
	implied := -digits
	if flags&binExponent == 0 {
		exp = int64(implied)
	}
	switch {
	case flags&binNil != 0:
		if c != "" {
			return bad("a currency without an amount")
		}
		*m = Money{}
		return nil
	case exp != int64(implied):
		return bad(fmt.Sprintf("exponent %d for %q, want %d", exp, string(c), implied))
	case !known && (small != 0 || huge != nil && huge.Sign() != 0):
		return bad(fmt.Sprintf("an amount other than zero in the unknown currency %q", string(c)))
	}
	if huge != nil {
		*m = Money{amount: decimal.NewFromBigInt(huge, implied), currency: c}
	} else {
		*m = Money{amount: decimal.New(small, implied), currency: c}
	}
	return nil
}

// currencyOf returns code as a Currency, without allocating for the
// currencies of the constants.
func currencyOf(code []byte) Currency {
	switch string(code) {
	case "":
		return ""
	case "DKK":
		return DKK
	case "SEK":
		return SEK
	case "NOK":
		return NOK
	case "EUR":
		return EUR
	case "USD":
		return USD
	case "GBP":
		return GBP
	case "CHF":
		return CHF
	case "JPY":
		return JPY
	}
	return Currency(code)
}
