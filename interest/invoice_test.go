package interest

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

// Implements S7, S8: interest from the due date to the payment date, with
// grace, a minimum, and per-invoice and total limits.
func TestInvoiceInterestS7S8(t *testing.T) {
	opt := InvoiceOptions{
		Rates:        Fixed(dec("10")),
		Convention:   act365,
		GraceDays:    3,
		Minimum:      dkk("5"),
		InvoiceLimit: dkk("100"),
		TotalLimit:   dkk("150"),
	}
	invoices := []LateInvoice{
		{ID: "A", Due: d("2025-01-01"), Paid: d("2025-01-04"), Amount: dkk("10000")}, // within grace
		{ID: "B", Due: d("2025-01-01"), Paid: d("2025-01-02"), Amount: dkk("100")},   // within grace
		{ID: "C", Due: d("2025-01-01"), Paid: d("2025-02-01"), Amount: dkk("1000")},  // 8.49
		{ID: "D", Due: d("2025-01-01"), Paid: d("2025-01-11"), Amount: dkk("1000")},  // 2.74 < 5
		{ID: "E", Due: d("2025-01-01"), Paid: d("2026-01-01"), Amount: dkk("2000")},  // 200 -> 100
		{ID: "F", Due: d("2025-01-01"), Paid: d("2025-07-01"), Amount: dkk("2000")},  // 99.18 -> 41.51 by the total
		{ID: "G", Due: d("2025-01-01"), Paid: d("2025-07-01"), Amount: dkk("2000")},  // 0 by the total
	}
	inv, err := InvoiceInterest(invoices, opt)
	require.NoError(t, err)
	type line struct {
		id       string
		days     int
		computed string
		charged  string
		cut      Cut
	}
	var got []line
	for _, l := range inv.Lines {
		got = append(got, line{l.Invoice.ID, l.Days, l.Computed.Amount().StringFixed(2), l.Charged.Amount().StringFixed(2), l.Cut})
	}
	require.Equal(t, []line{
		{"A", 0, "0.00", "0.00", CutGrace},
		{"B", 0, "0.00", "0.00", CutGrace},
		{"C", 31, "8.49", "8.49", NotCut},
		{"D", 10, "2.74", "0.00", CutMinimum},
		{"E", 365, "200.00", "100.00", CutInvoiceLimit},
		{"F", 181, "99.18", "41.51", CutTotalLimit},
		{"G", 181, "99.18", "0.00", CutTotalLimit},
	}, got)
	requireMoney(t, "150.00", inv.Total)
	require.Equal(t, "10", inv.Lines[2].Rate.String())
}

func TestInvoiceInterestStatutoryRateSplit(t *testing.T) {
	tab, conv, err := Statutory(dunning.SE, dunning.Business)
	require.NoError(t, err)
	inv, err := InvoiceInterest([]LateInvoice{{ID: "1001", Due: d("2024-12-01"), Paid: d("2025-02-01"), Amount: money.MustNew("10000", money.SEK)}},
		InvoiceOptions{Rates: tab, Convention: conv})
	require.NoError(t, err)
	l := inv.Lines[0]
	require.Len(t, l.Segments, 2) // 12 % in 2024-H2, 11 % in 2025-H1
	require.Equal(t, 62, l.Days)
	// 10000 × (12 × 31 + 11 × 31) / 36500 = 195.34
	requireMoney(t, "195.34", inv.Total)
}

func TestInvoiceInterestBadInput(t *testing.T) {
	_, err := InvoiceInterest([]LateInvoice{
		{ID: "", Due: d("2025-02-01"), Paid: d("2025-01-01"), Amount: dkk("1")},
		{ID: "x", Due: d("2025-01-01"), Paid: d("2025-01-02"), Amount: money.MustNew("1", money.EUR)},
	}, InvoiceOptions{Rates: Fixed(dec("8")), Convention: act365, GraceDays: -1, TotalLimit: money.MustNew("1", money.EUR)})
	fe := fieldErrors(t, err)
	for _, f := range []string{"invoices[0].ID", "invoices[0].Paid", "invoices[1].Amount", "GraceDays", "TotalLimit"} {
		require.Contains(t, fe, f)
	}
	require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	require.ErrorIs(t, err, ErrPeriod)

	_, err = InvoiceInterest([]LateInvoice{{ID: "late", Due: d("2026-06-01"), Paid: d("2026-08-01"), Amount: dkk("1")}},
		InvoiceOptions{Rates: mustDK(t), Convention: act365})
	require.ErrorIs(t, err, ErrNoRate)
	require.ErrorContains(t, err, `invoice "late"`)
	require.ErrorContains(t, err, "2026-07-01")

	inv, err := InvoiceInterest(nil, InvoiceOptions{})
	require.NoError(t, err)
	require.Empty(t, inv.Lines)
}

func mustDK(t *testing.T) RateTable {
	tab, _, err := Statutory(dunning.DK, dunning.Business)
	require.NoError(t, err)
	return tab
}
