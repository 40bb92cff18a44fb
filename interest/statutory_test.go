package interest

import (
	"errors"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

func TestStatutoryTables(t *testing.T) {
	tests := []struct {
		j         dunning.Jurisdiction
		k         dunning.PartyKind
		dc        DayCount
		inclusive bool
		comp      Compounding
		end       string
		rows      int
	}{
		{dunning.DK, dunning.Consumer, Thirty360E, false, Simple, "2026-06-30", 13},
		{dunning.DK, dunning.Business, Thirty360E, false, Simple, "2026-06-30", 13},
		{dunning.SE, dunning.Consumer, Actual365Fixed, false, Simple, "2026-06-30", 13},
		{dunning.NO, dunning.Consumer, ActualActualISDA, false, Simple, "2026-06-30", 13},
		{dunning.DE, dunning.Consumer, Actual365Fixed, false, Simple, "2026-06-30", 13},
		{dunning.DE, dunning.Business, Actual365Fixed, false, Simple, "2026-06-30", 13},
		{dunning.NL, dunning.Consumer, Actual365Fixed, false, Yearly, "2025-06-30", 11},
		{dunning.NL, dunning.Business, Actual365Fixed, false, Yearly, "2026-06-30", 13},
		{dunning.FI, dunning.Consumer, Thirty360E, true, Simple, "2026-06-30", 13},
		{dunning.FI, dunning.Business, Thirty360E, true, Simple, "2026-06-30", 13},
		{dunning.EU, dunning.Business, Actual365Fixed, false, Simple, "2026-06-30", 13},
	}
	for _, tt := range tests {
		t.Run(string(tt.j)+" "+tt.k.String(), func(t *testing.T) {
			tab, conv, err := Statutory(tt.j, tt.k)
			require.NoError(t, err)
			require.NoError(t, conv.Validate())
			require.Equal(t, tt.dc, conv.DayCount)
			require.Equal(t, tt.inclusive, conv.EndInclusive)
			require.Equal(t, tt.comp, conv.Compounding)
			require.Equal(t, money.PolicyFor(money.Currency(tt.j.CurrencyCode()), money.HalfAwayFromZero), conv.Rounding)
			require.Equal(t, "2020-01-01", tab.Start().String())
			require.Equal(t, tt.end, tab.End().String())
			rows := tab.Rows()
			require.Len(t, rows, tt.rows)
			for i, r := range rows {
				require.NotEmpty(t, r.Source, "row %d", i)
				require.True(t, r.Status.IsValid(), "row %d", i)
				require.True(t, r.Rate().IsPositive(), "row %d", i)
				if i > 0 { // every half-year
					require.Equal(t, rows[i-1].From.AddMonths(6), r.From)
				}
			}
		})
	}
}

func TestStatutoryOutsideTheTable(t *testing.T) {
	tab, _, err := Statutory(dunning.DK, dunning.Consumer)
	require.NoError(t, err)
	_, err = tab.RateAt(d("2027-01-15"))
	require.EqualError(t, err, "interest: no DK statutory rate for 2027-01-15; the table ends 2026-06-30")
	require.ErrorIs(t, err, ErrNoRate)
	var nr *NoRateError
	require.ErrorAs(t, err, &nr)
	require.Equal(t, d("2027-01-15"), nr.Date)

	_, err = tab.RateAt(d("2019-12-31"))
	require.EqualError(t, err, "interest: no DK statutory rate for 2019-12-31; the table starts 2020-01-01")

	// The last day is covered; Accrue over it works, one day later fails naming the day.
	_, err = tab.RateAt(d("2026-06-30"))
	require.NoError(t, err)
	_, conv, _ := Statutory(dunning.DK, dunning.Consumer)
	_, err = Accrue(money.MustNew("1000", money.DKK), d("2026-06-01"), d("2026-07-02"), tab, conv)
	require.EqualError(t, err, "interest: no DK statutory rate for 2026-07-01; the table ends 2026-06-30")

	nl, _, _ := Statutory(dunning.NL, dunning.Consumer)
	_, err = nl.RateAt(d("2025-07-01"))
	require.EqualError(t, err, "interest: no NL consumer statutory rate for 2025-07-01; the table ends 2025-06-30")
}

func TestStatutoryUnsupported(t *testing.T) {
	for _, c := range []struct {
		j dunning.Jurisdiction
		k dunning.PartyKind
	}{{dunning.EU, dunning.Consumer}, {"XX", dunning.Business}, {dunning.DK, 0}} {
		_, _, err := Statutory(c.j, c.k)
		require.ErrorIs(t, err, ErrUnsupported, "%s %s", c.j, c.k)
		require.ErrorIs(t, err, dunning.ErrInvalid)
	}
}

func TestStatutoryOldMargins(t *testing.T) {
	de, _, err := StatutoryFor(dunning.DE, dunning.Business, ClaimDates{ContractDate: d("2014-07-28")})
	require.NoError(t, err)
	r, _ := de.Lookup(d("2026-02-01"))
	require.Equal(t, "9.27", r.Rate().String()) // 1.27 + 8
	de, _, _ = StatutoryFor(dunning.DE, dunning.Business, ClaimDates{ContractDate: d("2014-07-29")})
	r, _ = de.Lookup(d("2026-02-01"))
	require.Equal(t, "10.27", r.Rate().String())
	deC, _, _ := StatutoryFor(dunning.DE, dunning.Consumer, ClaimDates{ContractDate: d("2010-01-01")})
	r, _ = deC.Lookup(d("2026-02-01"))
	require.Equal(t, "6.27", r.Rate().String())

	dk, _, _ := StatutoryFor(dunning.DK, dunning.Business, ClaimDates{DueDate: d("2013-02-28")})
	r, _ = dk.Lookup(d("2024-03-15"))
	require.Equal(t, "10.75", r.Rate().String()) // 3.75 + 7
}

// Rows the research does not mark VERIFIED carry their status in the data.
func TestStatutoryStatusesFlagged(t *testing.T) {
	tests := []struct {
		j    dunning.Jurisdiction
		k    dunning.PartyKind
		on   string
		want dunning.Status
	}{
		{dunning.DK, dunning.Consumer, "2024-07-01", dunning.Unverified},
		{dunning.DK, dunning.Consumer, "2025-03-01", dunning.Derived},
		{dunning.DK, dunning.Consumer, "2026-01-01", dunning.Unverified},
		{dunning.SE, dunning.Consumer, "2025-01-01", dunning.Secondary},
		{dunning.NO, dunning.Consumer, "2025-07-01", dunning.Unverified},
		{dunning.NO, dunning.Consumer, "2024-07-01", dunning.Derived},
		{dunning.DE, dunning.Business, "2024-01-01", dunning.Derived},
		{dunning.NL, dunning.Business, "2025-07-01", dunning.Derived},
		{dunning.FI, dunning.Consumer, "2021-01-01", dunning.Secondary},
		{dunning.EU, dunning.Business, "2024-01-01", dunning.Derived},
		{dunning.DK, dunning.Consumer, "2024-03-15", dunning.Verified},
	}
	for _, tt := range tests {
		tab, _, err := Statutory(tt.j, tt.k)
		require.NoError(t, err)
		r, err := tab.RateAt(d(tt.on))
		require.NoError(t, err)
		require.Equal(t, tt.want, r.Status, "%s %s", tt.j, tt.on)
	}
}

func TestNewRateTableValidation(t *testing.T) {
	_, err := NewRateTable("x", d("2020-01-01"),
		Row{From: d("2021-01-01"), Reference: dec("1"), Margin: dec("8")},
		Row{From: d("2021-01-01"), Reference: dec("1"), Margin: dec("8")},
		Row{From: d("2020-07-01"), Reference: dec("-9"), Margin: dec("8")},
		Row{Reference: dec("1"), Status: 9},
	)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *dunning.FieldError
		require.True(t, errors.As(e, &fe))
		fields = append(fields, fe.Field+"="+fe.Value)
	}
	require.Equal(t, []string{
		"rows[1].From=2021-01-01", "rows[2].From=2020-07-01", "rows[2].Rate=-1",
		"rows[3].From=", "rows[3].Status=Status(9)", "end=2020-01-01",
	}, fields)

	_, err = NewRateTable("x", d("2020-01-01"))
	require.ErrorIs(t, err, dunning.ErrInvalid)

	var zero RateTable
	_, err = zero.RateAt(d("2020-01-01"))
	require.EqualError(t, err, "interest: no rate for 2020-01-01; the table is empty")

	open, err := NewRateTable("contract", dateZero, Row{From: d("2020-01-01"), Reference: dec("5")})
	require.NoError(t, err)
	r, err := open.RateAt(d("2999-01-01"))
	require.NoError(t, err)
	require.True(t, r.Until.IsZero())
}
