package money_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning/money"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// requireDecimal compares decimals by value (never with ==).
func requireDecimal(t testing.TB, want string, got decimal.Decimal, msgAndArgs ...any) {
	t.Helper()
	require.True(t, dec(want).Equal(got), append([]any{"want %s, got %s", want, got.String()}, msgAndArgs...)...)
}

func TestRoundingModeString(t *testing.T) {
	for m, s := range map[money.RoundingMode]string{
		money.HalfAwayFromZero: "HalfAwayFromZero",
		money.HalfEven:         "HalfEven",
		money.Down:             "Down",
		money.Up:               "Up",
		money.RoundingMode(4):  "RoundingMode(4)",
	} {
		require.Equal(t, s, m.String())
	}
	var zero money.RoundingMode
	require.Equal(t, money.HalfAwayFromZero, zero, "the zero value is HalfAwayFromZero")
	require.False(t, money.RoundingMode(4).IsValid())
}

func TestParseRoundingMode(t *testing.T) {
	for _, m := range []money.RoundingMode{money.HalfAwayFromZero, money.HalfEven, money.Down, money.Up} {
		got, err := money.ParseRoundingMode(m.String())
		require.NoError(t, err)
		require.Equal(t, m, got)
	}
	_, err := money.ParseRoundingMode("halfeven")
	require.EqualError(t, err, `money: rounding mode "halfeven" is not one of HalfAwayFromZero, HalfEven, Down, Up: money: invalid argument`)
	require.ErrorIs(t, err, money.ErrInvalidArgument)

	// In JSON config.
	var p struct{ Mode money.RoundingMode }
	require.NoError(t, json.Unmarshal([]byte(`{"Mode":"Up"}`), &p))
	require.Equal(t, money.Up, p.Mode)
	require.Error(t, json.Unmarshal([]byte(`{"Mode":"Ceiling"}`), &p))
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.JSONEq(t, `{"Mode":"Up"}`, string(b))
	_, err = money.RoundingMode(9).MarshalText()
	require.ErrorIs(t, err, money.ErrInvalidArgument)
}

func TestRoundingPolicyRound(t *testing.T) {
	// One row per input; columns are the four modes at the given scale.
	tests := []struct {
		in                           string
		scale                        int32
		halfAway, halfEven, down, up string
	}{
		{"2.5", 0, "3", "2", "2", "3"},
		{"-2.5", 0, "-3", "-2", "-2", "-3"},
		{"3.5", 0, "4", "4", "3", "4"},
		{"-3.5", 0, "-4", "-4", "-3", "-4"},
		{"0.5", 0, "1", "0", "0", "1"},
		{"-0.5", 0, "-1", "0", "0", "-1"},
		{"1.5", 0, "2", "2", "1", "2"},
		{"2.4", 0, "2", "2", "2", "3"},
		{"-2.4", 0, "-2", "-2", "-2", "-3"},
		{"2.6", 0, "3", "3", "2", "3"},
		{"-2.6", 0, "-3", "-3", "-2", "-3"},
		{"2.345", 2, "2.35", "2.34", "2.34", "2.35"},
		{"-2.345", 2, "-2.35", "-2.34", "-2.34", "-2.35"},
		{"2.355", 2, "2.36", "2.36", "2.35", "2.36"},
		{"-2.355", 2, "-2.36", "-2.36", "-2.35", "-2.36"},
		{"2.3450001", 2, "2.35", "2.35", "2.34", "2.35"}, // not a tie
		{"-2.3449999", 2, "-2.34", "-2.34", "-2.34", "-2.35"},
		{"0.125", 2, "0.13", "0.12", "0.12", "0.13"},
		{"-0.125", 2, "-0.13", "-0.12", "-0.12", "-0.13"},
		{"0.005", 2, "0.01", "0", "0", "0.01"},
		{"-0.005", 2, "-0.01", "0", "0", "-0.01"},
		{"1.0005", 3, "1.001", "1.000", "1.000", "1.001"},
		{"1.00005", 4, "1.0001", "1.0000", "1.0000", "1.0001"},
		{"1.00015", 4, "1.0002", "1.0002", "1.0001", "1.0002"},
		{"12.00", 2, "12", "12", "12", "12"}, // exact: unchanged
		{"12", 2, "12", "12", "12", "12"},
		{"0", 2, "0", "0", "0", "0"},
		{"125", -1, "130", "120", "120", "130"}, // negative scale: tens
		{"-125", -1, "-130", "-120", "-120", "-130"},
		{"135", -1, "140", "140", "130", "140"},
		{"1234.56", -2, "1200", "1200", "1200", "1300"},
		{"12345678901234567890.125", 2, "12345678901234567890.13", "12345678901234567890.12", "12345678901234567890.12", "12345678901234567890.13"},
	}
	modes := []money.RoundingMode{money.HalfAwayFromZero, money.HalfEven, money.Down, money.Up}
	for _, tt := range tests {
		for i, want := range []string{tt.halfAway, tt.halfEven, tt.down, tt.up} {
			p := money.RoundingPolicy{Scale: tt.scale, Mode: modes[i]}
			got := p.Round(dec(tt.in))
			requireDecimal(t, want, got, "%s with %+v", tt.in, p)
			// Idempotent.
			requireDecimal(t, want, p.Round(got), "round twice %s with %+v", tt.in, p)
		}
	}
}

func TestRoundingPolicyRoundPanicsOnUndefinedMode(t *testing.T) {
	require.PanicsWithValue(t, "money: RoundingPolicy with undefined mode RoundingMode(7)", func() {
		money.RoundingPolicy{Scale: 2, Mode: 7}.Round(dec("1.005"))
	})
}

func TestPolicyFor(t *testing.T) {
	require.Equal(t, money.RoundingPolicy{Scale: 2, Mode: money.HalfEven}, money.PolicyFor(money.EUR, money.HalfEven))
	require.Equal(t, money.RoundingPolicy{Scale: 0, Mode: money.Up}, money.PolicyFor(money.JPY, money.Up))
	require.Equal(t, money.RoundingPolicy{Scale: 3, Mode: money.Down}, money.PolicyFor("KWD", money.Down))
	require.Equal(t, money.RoundingPolicy{Scale: 4}, money.PolicyFor("CLF", money.HalfAwayFromZero))
	require.Equal(t, money.RoundingPolicy{Scale: 0}, money.PolicyFor("EUX", money.HalfAwayFromZero))
}

func TestRoundingPolicyQuo(t *testing.T) {
	tests := []struct {
		a, b                         string
		scale                        int32
		halfAway, halfEven, down, up string
	}{
		{"10", "4", 0, "3", "2", "2", "3"},      // 2.5: tie
		{"-10", "4", 0, "-3", "-2", "-2", "-3"}, // -2.5
		{"10", "-4", 0, "-3", "-2", "-2", "-3"}, // -2.5
		{"-10", "-4", 0, "3", "2", "2", "3"},    // 2.5
		{"14", "4", 0, "4", "4", "3", "4"},      // 3.5: tie to even 4
		{"100", "3", 2, "33.33", "33.33", "33.33", "33.34"},
		{"-100", "3", 2, "-33.33", "-33.33", "-33.33", "-33.34"},
		{"200", "3", 2, "66.67", "66.67", "66.66", "66.67"},
		{"-200", "3", 2, "-66.67", "-66.67", "-66.66", "-66.67"},
		{"1", "8", 2, "0.13", "0.12", "0.12", "0.13"},      // 0.125: tie
		{"-1", "8", 2, "-0.13", "-0.12", "-0.12", "-0.13"}, // -0.125
		{"3", "8", 2, "0.38", "0.38", "0.37", "0.38"},      // 0.375: tie to even 0.38
		{"1", "3", 0, "0", "0", "0", "1"},
		{"0", "7", 2, "0", "0", "0", "0"},
		{"12.34", "2", 2, "6.17", "6.17", "6.17", "6.17"}, // exact
		{"1000", "0.3", 2, "3333.33", "3333.33", "3333.33", "3333.34"},
		{"0.6", "100", 2, "0.01", "0.01", "0", "0.01"}, // the shopspring/decimal#225 case, right
		{"2500", "1000", -1, "0", "0", "0", "10"},      // 2.5 to tens
		{"25000", "1000", -1, "30", "20", "20", "30"},  // 25 to tens: tie
		{"1", "7", 10, "0.1428571429", "0.1428571429", "0.1428571428", "0.1428571429"},
	}
	modes := []money.RoundingMode{money.HalfAwayFromZero, money.HalfEven, money.Down, money.Up}
	for _, tt := range tests {
		for i, want := range []string{tt.halfAway, tt.halfEven, tt.down, tt.up} {
			p := money.RoundingPolicy{Scale: tt.scale, Mode: modes[i]}
			got, err := p.Quo(dec(tt.a), dec(tt.b))
			require.NoError(t, err)
			requireDecimal(t, want, got, "%s / %s with %+v", tt.a, tt.b, p)
		}
	}
}

func TestRoundingPolicyQuoErrors(t *testing.T) {
	_, err := money.RoundingPolicy{Scale: 2}.Quo(dec("1"), decimal.Zero)
	require.EqualError(t, err, "money: cannot divide 1 by zero: money: division by zero")
	require.ErrorIs(t, err, money.ErrDivisionByZero)

	_, err = money.RoundingPolicy{Scale: 2, Mode: 9}.Quo(dec("1"), dec("3"))
	require.ErrorIs(t, err, money.ErrInvalidArgument)
}

// Quo must agree with Round applied to an exactly representable quotient.
func TestRoundingPolicyQuoAgreesWithRound(t *testing.T) {
	for _, a := range []string{"1", "-1", "5", "-5", "123", "-123", "999", "2", "-2"} {
		for _, b := range []string{"8", "16", "-8", "32", "0.08"} {
			for _, m := range []money.RoundingMode{money.HalfAwayFromZero, money.HalfEven, money.Down, money.Up} {
				p := money.RoundingPolicy{Scale: 1, Mode: m}
				exact := dec(a).DivRound(dec(b), 20) // exact: 8, 16, 32 and 0.08 divide a power of ten
				want := p.Round(exact)
				got, err := p.Quo(dec(a), dec(b))
				require.NoError(t, err)
				require.True(t, want.Equal(got), "%s/%s %v: want %s got %s", a, b, m, want, got)
			}
		}
	}
}
