package money_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning/money"
)

var sentinels = []error{
	money.ErrCurrencyMismatch, money.ErrDivisionByZero, money.ErrUnknownCurrency,
	money.ErrInvalidAmount, money.ErrTooPrecise, money.ErrOverflow, money.ErrInvalidArgument,
}

func wrapsSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzNew: New never panics; every error wraps a sentinel and names the input; every
// accepted input has the value decimal reads from it and round-trips through its
// fixed-scale string and its String form.
func FuzzNew(f *testing.F) {
	for _, seed := range []struct{ amount, c string }{
		{"12.50", "EUR"}, {"12.5", "EUR"}, {"10.005", "EUR"}, {"-0", "EUR"}, {"-0.00", "DKK"},
		{"1000", "JPY"}, {"1.5", "JPY"}, {"1.000", "KWD"}, {"0.0001", "CLF"}, {"", "EUR"},
		{"-", "EUR"}, {".5", "EUR"}, {"5.", "EUR"}, {"1e3", "EUR"}, {"1,234.50", "EUR"},
		{"+1", "EUR"}, {" 1", "EUR"}, {"12345678901234567890123456789.12", "SEK"},
		{"9223372036854775807", "JPY"}, {"-9223372036854775808", "JPY"}, {"1", "XAU"},
		{"1", "eur"}, {"1", ""}, {"0x10", "EUR"}, {"１２", "EUR"}, {"1.2.3", "EUR"},
	} {
		f.Add(seed.amount, seed.c)
	}
	f.Fuzz(func(t *testing.T, amount, code string) {
		c := money.Currency(code)
		m, err := money.New(amount, c)
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("New(%q, %q): error %q wraps no sentinel", amount, code, err)
			}
			if !strings.Contains(err.Error(), strconv.Quote(amount)) && !strings.Contains(err.Error(), strconv.Quote(code)) {
				t.Fatalf("New(%q, %q): error %q names neither input", amount, code, err)
			}
			if !m.Equal(money.Money{}) {
				t.Fatalf("New(%q, %q) failed but returned %#v", amount, code, m)
			}
			return
		}
		if !m.IsValid() || m.Currency() != c {
			t.Fatalf("New(%q, %q) = %#v", amount, code, m)
		}
		ref, err := decimal.NewFromString(amount)
		if err != nil || !ref.Equal(m.Amount()) {
			t.Fatalf("New(%q, %q) = %#v, but decimal reads %s (%v)", amount, code, m, ref, err)
		}
		digits, _ := c.MinorUnits()
		if m.Amount().Exponent() != -digits {
			t.Fatalf("New(%q, %q) has exponent %d", amount, code, m.Amount().Exponent())
		}
		again, err := money.New(m.Amount().StringFixed(digits), c)
		if err != nil || !again.Equal(m) {
			t.Fatalf("New(%q) = %#v, %v; want %#v", m.Amount().StringFixed(digits), again, err, m)
		}
		parsed, err := money.Parse(m.String())
		if err != nil || !parsed.Equal(m) {
			t.Fatalf("Parse(%q) = %#v, %v; want %#v", m.String(), parsed, err, m)
		}
	})
}

// FuzzUnmarshalJSON: UnmarshalJSON never panics; a failure wraps a sentinel and
// leaves the value unchanged; every accepted value marshals and reads back equal.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, seed := range []string{
		`{"amount":"12.50","currency":"EUR"}`, `{"amount":"12.5","currency":"EUR"}`,
		`{"amount":"10.005","currency":"EUR"}`, `{"amount":12.5,"currency":"EUR"}`,
		`{"amount":"1000","currency":"JPY"}`, `{"amount":"-1.000","currency":"KWD"}`,
		`{"amount":"0.0001","currency":"CLF"}`, `{"currency":"EUR"}`, `{"amount":"1"}`,
		`{"amount":"1","currency":"eur"}`, `{"amount":"1","currency":"EUR","x":{}}`,
		`{"amount":"\u0031","currency":"EUR"}`, `null`, `{}`, `[]`, `"12.50 EUR"`, `12.5`,
		`{"amount":"1","currency":"EUR"`, `{"AMOUNT":"1","Currency":"EUR"}`,
		`{"amount":"1","amount":"2","currency":"DKK"}`, `{"amount":null,"currency":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := money.MustNew("7.77", money.SEK)
		m := before
		if err := json.Unmarshal(data, &m); err != nil {
			if !m.Equal(before) {
				t.Fatalf("failed Unmarshal(%q) changed the value to %#v", data, m)
			}
			var syntax *json.SyntaxError
			if !errors.As(err, &syntax) && !wrapsSentinel(err) {
				t.Fatalf("Unmarshal(%q): error %q wraps no sentinel", data, err)
			}
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("Unmarshal(%q) gave %#v, which does not marshal: %v", data, m, err)
		}
		var back money.Money
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-reading %s: %v", b, err)
		}
		if !back.Equal(m) {
			t.Fatalf("%s read back as %#v, want %#v", b, back, m)
		}
	})
}

// FuzzParse: Parse never panics, and every accepted string is in canonical form
// after one round: String(Parse(s)) parses to the same value.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"12.50 EUR", "12.5 EUR", "-0.50 EUR", "1000 JPY", "1.000 KWD", "12.50EUR", "EUR 12.50", "1 XAU", " 1 EUR", "1 EUR ", "1  EUR", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := money.Parse(s)
		if err != nil {
			if !wrapsSentinel(err) {
				t.Fatalf("Parse(%q): error %q wraps no sentinel", s, err)
			}
			return
		}
		back, err := money.Parse(m.String())
		if err != nil || !back.Equal(m) {
			t.Fatalf("Parse(%q) = %#v, but its String %q parses to %#v, %v", s, m, m.String(), back, err)
		}
	})
}
