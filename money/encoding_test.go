package money_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/money"
)

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		m    money.Money
		want string
	}{
		{money.MustNew("12.5", money.EUR), `{"amount":"12.50","currency":"EUR"}`},
		{money.MustNew("-0.5", money.EUR), `{"amount":"-0.50","currency":"EUR"}`},
		{money.MustNew("0", money.EUR), `{"amount":"0.00","currency":"EUR"}`},
		{money.MustNew("1000", money.JPY), `{"amount":"1000","currency":"JPY"}`},
		{money.MustNew("1", kwd), `{"amount":"1.000","currency":"KWD"}`},
		{money.MustNew("0.0001", clf), `{"amount":"0.0001","currency":"CLF"}`},
		{money.MustNew("12345678901234567.89", money.DKK), `{"amount":"12345678901234567.89","currency":"DKK"}`},
		{money.Money{}, `null`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.m)
		require.NoError(t, err)
		require.Equal(t, tt.want, string(b))

		var back money.Money
		require.NoError(t, json.Unmarshal(b, &back))
		requireMoney(t, tt.m, back)
	}
}

func TestJSONInStruct(t *testing.T) {
	type invoice struct {
		Total money.Money  `json:"total"`
		Fee   money.Money  `json:"fee"`
		Paid  *money.Money `json:"paid,omitempty"`
	}
	in := invoice{Total: money.MustNew("1234.50", money.DKK)}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	require.Equal(t, `{"total":{"amount":"1234.50","currency":"DKK"},"fee":null}`, string(b))

	var out invoice
	require.NoError(t, json.Unmarshal(b, &out))
	requireMoney(t, in.Total, out.Total)
	requireMoney(t, money.Money{}, out.Fee)
	require.Nil(t, out.Paid)
}

func TestUnmarshalJSON(t *testing.T) {
	ok := []struct {
		in   string
		want money.Money
	}{
		{`{"amount":"12.50","currency":"EUR"}`, money.MustNew("12.50", money.EUR)},
		{`{"currency":"EUR","amount":"12.5"}`, money.MustNew("12.50", money.EUR)},
		{` { "amount" : "-1" , "currency" : "JPY" } `, money.MustNew("-1", money.JPY)},
		{`{"amount":"1.5","currency":"KWD","note":"ignored","x":[1,2]}`, money.MustNew("1.500", kwd)},
		{`{"amount":"\u0031.50","currency":"\u0045UR"}`, money.MustNew("1.50", money.EUR)},
	}
	for _, tt := range ok {
		var m money.Money
		require.NoError(t, json.Unmarshal([]byte(tt.in), &m), tt.in)
		requireMoney(t, tt.want, m, tt.in)
	}

	bad := []struct {
		in      string
		want    string
		wantErr error
	}{
		{`{"amount":"10.005","currency":"EUR"}`, `money: "10.005" has 3 fraction digits, EUR allows 2`, money.ErrTooPrecise},
		{`{"amount":12.5,"currency":"EUR"}`, `money: JSON amount 12.5 must be a string such as "12.50": money: invalid amount`, money.ErrInvalidAmount},
		{`{"amount":"12.50","currency":978}`, `money: JSON currency 978 must be a string such as "EUR": money: unknown currency`, money.ErrUnknownCurrency},
		{`{"amount":"12.50"}`, `money: JSON Money has no "currency" member: money: unknown currency`, money.ErrUnknownCurrency},
		{`{"currency":"EUR"}`, `money: JSON Money has no "amount" member: money: invalid amount`, money.ErrInvalidAmount},
		{`{"amount":null,"currency":"EUR"}`, `money: JSON Money has no "amount" member: money: invalid amount`, money.ErrInvalidAmount},
		{`{}`, `money: JSON Money has no "currency" member: money: unknown currency`, money.ErrUnknownCurrency},
		{`{"amount":"12.50","currency":"eur"}`, `money: currency "eur" is not 3 upper-case letters (an ISO 4217 alphabetic code such as "EUR")`, money.ErrUnknownCurrency},
		{`{"amount":"1,50","currency":"EUR"}`, `money: "1,50" contains ',': use '.' as the decimal point and no thousands separators, e.g. "1234.50"`, money.ErrInvalidAmount},
		{`{"amount":"1e2","currency":"EUR"}`, `money: "1e2" has an exponent: write the number out, e.g. "1500.00"`, money.ErrInvalidAmount},
		{`{"amount":true,"currency":"EUR"}`, `money: JSON amount true must be a string such as "12.50": money: invalid amount`, money.ErrInvalidAmount},
		{`"12.50 EUR"`, "", money.ErrInvalidAmount},
		{`[1]`, "", money.ErrInvalidAmount},
		{`12.5`, "", money.ErrInvalidAmount},
	}
	for _, tt := range bad {
		prev := money.MustNew("7", money.SEK)
		m := prev
		err := json.Unmarshal([]byte(tt.in), &m)
		require.Error(t, err, tt.in)
		if tt.want != "" {
			require.EqualError(t, err, tt.want, tt.in)
		}
		require.ErrorIs(t, err, tt.wantErr, tt.in)
		requireMoney(t, prev, m, "a failed unmarshal leaves the value unchanged: %s", tt.in)
	}

	// Direct calls, as a decoder for another format might make.
	var m money.Money
	require.NoError(t, m.UnmarshalJSON([]byte("null")))
	requireMoney(t, money.Money{}, m)
	require.ErrorIs(t, m.UnmarshalJSON([]byte(`{"amount":"1"`)), money.ErrInvalidAmount)
}

func TestText(t *testing.T) {
	for _, m := range []money.Money{
		money.MustNew("12.50", money.EUR),
		money.MustNew("-0.01", money.EUR),
		money.MustNew("1000", money.JPY),
		money.MustNew("1", kwd),
		money.MustNew("-1.2345", clf),
	} {
		b, err := m.MarshalText()
		require.NoError(t, err)
		require.Equal(t, m.String(), string(b))
		var back money.Money
		require.NoError(t, back.UnmarshalText(b))
		requireMoney(t, m, back)
	}
	var m money.Money
	require.ErrorIs(t, m.UnmarshalText([]byte("12.505 EUR")), money.ErrTooPrecise)
	require.ErrorIs(t, m.UnmarshalText([]byte("12.50")), money.ErrInvalidAmount)

	// As a map key (encoding/json uses MarshalText for keys).
	b, err := json.Marshal(map[money.Currency]money.Money{money.EUR: money.MustNew("1", money.EUR)})
	require.NoError(t, err)
	require.Equal(t, `{"EUR":{"amount":"1.00","currency":"EUR"}}`, string(b))
}
