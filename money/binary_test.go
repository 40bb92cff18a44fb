package money_test

import (
	"bytes"
	"encoding"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning/money"
)

var (
	_ encoding.BinaryAppender    = money.Money{}
	_ encoding.BinaryMarshaler   = money.Money{}
	_ encoding.BinaryUnmarshaler = (*money.Money)(nil)
)

// requireSameBinary fails unless got is want exactly: Equal, the same String,
// currency and exponent, and Money{} only for Money{}.
func requireSameBinary(t interface {
	Helper()
	Fatalf(string, ...any)
}, want, got money.Money) {
	t.Helper()
	if !got.Equal(want) || got.String() != want.String() || got.Currency() != want.Currency() ||
		got.Amount().Exponent() != want.Amount().Exponent() ||
		(got.Amount() == decimal.Decimal{}) != (want.Amount() == decimal.Decimal{}) {
		t.Fatalf("want %#v (exponent %d), got %#v (exponent %d)", want, want.Amount().Exponent(), got, got.Amount().Exponent())
	}
}

func TestBinary(t *testing.T) {
	for _, tt := range []struct {
		m    money.Money
		want string // hex
	}{
		{money.Money{}, "0100"},
		{money.MustNew("12.50", money.EUR), "10c413455552"}, // flags, varint 2500 (1250 zigzagged), EUR
		{money.MustNew("-0.01", money.EUR), "1001455552"},
		{money.MustNew("1000000.00", money.DKK), "108084af5f444b4b"},
		{money.MustNew("1000", money.JPY), "10d00f4a5059"},
		{money.MustNew("-1.2345", clf), "10f1c001434c46"},
		{money.Zero(money.EUR), "1000455552"},
		{money.Zero("XYZ"), "100058595a"},
		{money.Zero("XY"), "0000025859"},
		{money.MustNew("12345678901234567890.12", money.EUR), "120942ed123b0bd8203a14455552"},
		{money.MustNew("-12345678901234567890.12", money.EUR), "160942ed123b0bd8203a14455552"},
	} {
		b, err := tt.m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(b); got != tt.want {
			t.Errorf("%#v.MarshalBinary() = %s, want %s", tt.m, got, tt.want)
		}
		app, err := tt.m.AppendBinary([]byte{0xAA})
		if err != nil || !bytes.Equal(app, append([]byte{0xAA}, b...)) {
			t.Errorf("%#v.AppendBinary = %x, %v", tt.m, app, err)
		}
		back := money.MustNew("7", money.SEK)
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(%x) = %v", b, err)
		}
		requireSameBinary(t, tt.m, back)
	}
}

func TestBinaryMalformed(t *testing.T) {
	for _, in := range []string{
		"",               // no bytes
		"20c413455552",   // unknown flag
		"11c413455552",   // Money{} flag with a coefficient
		"14c413455552",   // negative without big
		"10c413",         // no currency
		"10c4134555",     // short currency
		"10c41345555252", // trailing byte
		"00c41303455552", // a 3-letter code with a length
		"1018455552",     // 0.12 EUR, a control
		"1080",           // truncated coefficient
		"12ff455552",     // truncated magnitude
		"11455552",       // Money{} with a currency
		"180102455552",   // 0.01 EUR with an explicit exponent other than -2
		"1002585955",     // 0.01 in the unknown currency XYU
		"10c4134b574e",   // 1250 in the unknown KWN
		"1902455552",     // Money{} with an exponent
	} {
		b, _ := hex.DecodeString(in)
		m := money.MustNew("7", money.SEK)
		err := m.UnmarshalBinary(b)
		if in == "1018455552" { // 0.12 EUR is fine: a valid form, kept as a control
			if err != nil {
				t.Errorf("UnmarshalBinary(%s) = %v, want 0.12 EUR", in, err)
			}
			continue
		}
		var ae *money.AmountError
		if !errors.Is(err, money.ErrInvalidAmount) || !errors.As(err, &ae) {
			t.Errorf("UnmarshalBinary(%s) = %v, want an *AmountError wrapping ErrInvalidAmount", in, err)
			continue
		}
		requireMoney(t, money.MustNew("7", money.SEK), m, "a failed UnmarshalBinary leaves the value unchanged: %s", in)
	}
}

// TestPropBinaryRoundTrip: every Money the package makes (valid amounts of
// any size in any currency, Money{}, zero in an unknown currency) comes back
// exactly from its binary form; amounts that fit an int64 of minor units take
// at most 15 bytes and do not allocate to encode.
func TestPropBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.OneOf(
			genMoney,
			rapid.Just(money.Money{}),
			rapid.Custom(func(t *rapid.T) money.Money {
				return money.Zero(money.Currency(rapid.StringN(0, 5, 5).Draw(t, "code")))
			}),
		).Draw(t, "m")
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary(%#v) = %v", m, err)
		}
		if m.Amount().NumDigits() <= 18 && len(m.Currency()) == 3 && len(b) > 15 {
			t.Fatalf("MarshalBinary(%#v) = %d bytes", m, len(b))
		}
		var back money.Money
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary(MarshalBinary(%#v) = %x) = %v", m, b, err)
		}
		requireSameBinary(t, m, back)
	})
}

func TestAppendBinaryAllocs(t *testing.T) {
	m := money.MustNew("-1234567.89", money.DKK)
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf, _ = m.AppendBinary(buf[:0]) }); n != 0 {
		t.Errorf("AppendBinary allocates %v times", n)
	}
}
