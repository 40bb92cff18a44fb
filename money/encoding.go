package money

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// MarshalText returns the String form, "12.50 EUR". It fails with a *CurrencyError
// for Money{} and amounts in an unknown currency, so invalid data is not written.
func (m Money) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, currencyError(string(m.currency))
	}
	return []byte(m.String()), nil
}

// UnmarshalText sets m from the String form, as Parse does.
func (m *Money) UnmarshalText(text []byte) error {
	parsed, err := Parse(string(text))
	if err != nil {
		return err
	}
	*m = parsed
	return nil
}

// MarshalJSON returns {"amount":"12.50","currency":"EUR"}. The amount is a string
// with exactly the currency's minor units, so no JSON reader turns it into a
// floating-point number. Money{} marshals as null; an amount in an unknown currency
// fails with a *CurrencyError.
func (m Money) MarshalJSON() ([]byte, error) {
	if m.currency == "" {
		return []byte("null"), nil
	}
	if !m.IsValid() {
		return nil, currencyError(string(m.currency))
	}
	b := make([]byte, 0, 24+len(`{"amount":"","currency":"EUR"}`))
	b = append(b, `{"amount":"`...)
	b = m.appendAmount(b)
	b = append(b, `","currency":"`...)
	b = append(b, m.currency...)
	b = append(b, `"}`...)
	return b, nil
}

// UnmarshalJSON sets m from {"amount":"12.50","currency":"EUR"}. Both members are
// required and must be strings; the amount is checked as New checks it (so "10.005"
// EUR fails with ErrTooPrecise) and a JSON number such as 12.5 fails with
// ErrInvalidAmount. Other members are ignored. null leaves m unchanged, as
// encoding/json expects.
func (m *Money) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var raw struct {
		Amount   json.RawMessage `json:"amount"`
		Currency json.RawMessage `json:"currency"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf(`money: JSON Money must be an object such as {"amount":"12.50","currency":"EUR"} (%v): %w`, err, ErrInvalidAmount)
	}
	code, err := jsonString(raw.Currency, "currency", `"EUR"`, ErrUnknownCurrency)
	if err != nil {
		return err
	}
	amount, err := jsonString(raw.Amount, "amount", `"12.50"`, ErrInvalidAmount)
	if err != nil {
		return err
	}
	c, err := ParseCurrency(code)
	if err != nil {
		return err
	}
	parsed, err := New(amount, c)
	if err != nil {
		return err
	}
	*m = parsed
	return nil
}

// jsonString decodes the required JSON string member name; its errors wrap sentinel.
func jsonString(raw json.RawMessage, name, example string, sentinel error) (string, error) {
	v := strings.TrimSpace(string(raw))
	switch {
	case v == "" || v == "null":
		return "", fmt.Errorf("money: JSON Money has no %q member: %w", name, sentinel)
	case v[0] != '"':
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return "", fmt.Errorf("money: JSON %s %s must be a string such as %s: %w", name, v, example, sentinel)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("money: JSON %s %s (%v): %w", name, v, err, sentinel)
	}
	return s, nil
}
