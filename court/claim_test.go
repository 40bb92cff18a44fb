package court

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// validClaim is a complete Danish payment claim, ready for filing on 2025-03-01.
func validClaim() PaymentClaim {
	return PaymentClaim{
		Creditor: dunning.Party{Name: "Anders Andersen ApS", Kind: dunning.Business,
			Address:      dunning.Address{Lines: []string{"Vestergade 1"}, PostalCode: "8000", City: "Aarhus C", Country: "DK"},
			Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"}},
		Debtor: dunning.Party{Name: "Jens Jensen", Kind: dunning.Consumer,
			Address:      dunning.Address{Lines: []string{"Nørregade 2"}, PostalCode: "2600", City: "Glostrup", Country: "DK"},
			Registration: dunning.Registration{Scheme: dunning.CPR, Number: "010180-1234"}},
		District: Glostrup,
		Basis:    "Levering af varer ifølge faktura 1001",
		Invoices: []Invoice{{
			Number: "1001", Issued: d("2024-09-01"), Due: d("2024-10-01"), Principal: dkk("10000"),
			Interest: []InterestLine{{Period: date.Period{From: d("2024-10-01"), To: d("2025-01-01")},
				Rate: decimal.RequireFromString("11.25"), Amount: dkk("281.25")}},
		}},
		Costs: []Cost{
			{Kind: ReminderFee, Date: d("2024-10-10"), Amount: dkk("100")},
			{Kind: CollectionCost, Date: d("2025-01-15"), Amount: dkk("1300")},
		},
		Warning: d("2025-01-15"),
	}
}

var filing = d("2025-03-01")

// TestCheckPaymentClaimValid: a complete claim has no problem. Implements E8.
func TestCheckPaymentClaimValid(t *testing.T) {
	require.NoError(t, CheckPaymentClaim(validClaim(), filing))
}

// TestCheckPaymentClaimE8 checks each rejection ground of E8 with its field, value and
// sentinel.
func TestCheckPaymentClaimE8(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*PaymentClaim)
		on     date.Date
		field  string
		value  string
		err    error
	}{
		{"time-barred", func(c *PaymentClaim) {}, d("2027-10-01"), "Invoices[0].Due", "2024-10-01", ErrTimeBarred},
		{"last day before limitation", func(c *PaymentClaim) {
			c.Invoices[0].Interest = nil
			c.Costs = nil
		}, d("2027-09-30"), "", "", nil},
		{"acknowledged restarts limitation", func(c *PaymentClaim) {
			c.Invoices[0].Acknowledged = d("2025-01-01")
			c.Invoices[0].Interest = nil
		}, d("2027-10-01"), "", "", nil},
		{"warning 10 days", func(c *PaymentClaim) { c.Warning = d("2025-02-19") }, filing, "Warning", "2025-02-19", ErrTooEarly},
		{"warning 11 days", func(c *PaymentClaim) { c.Warning = d("2025-02-18") }, filing, "", "", nil},
		{"deadline too short", func(c *PaymentClaim) { c.WarningDeadline = d("2025-01-24") }, filing, "WarningDeadline", "2025-01-24", ErrTooEarly},
		{"deadline not passed", func(c *PaymentClaim) { c.WarningDeadline = d("2025-03-01") }, filing, "WarningDeadline", "2025-03-01", ErrTooEarly},
		{"warning before due", func(c *PaymentClaim) { c.Warning = d("2024-09-15") }, filing, "Warning", "2024-09-15", ErrTooEarly},
		{"currency", func(c *PaymentClaim) { c.Invoices[0].Principal = eur("10000") }, filing, "Invoices[0].Principal", "10000.00 EUR", ErrCurrency},
		{"interest before due", func(c *PaymentClaim) { c.Invoices[0].Interest[0].Period.From = d("2024-09-30") }, filing, "Invoices[0].Interest[0].Period", "[2024-09-30, 2025-01-01)", ErrSpecification},
		{"interest after filing", func(c *PaymentClaim) { c.Invoices[0].Interest[0].Period.To = d("2025-03-02") }, filing, "Invoices[0].Interest[0].Period", "[2024-10-01, 2025-03-02)", ErrSpecification},
		{"interest too high", func(c *PaymentClaim) { c.Invoices[0].Interest[0].Amount = dkk("2812.50") }, filing, "Invoices[0].Interest[0].Amount", "2812.50 DKK", ErrSpecification},
		{"overlapping interest", func(c *PaymentClaim) {
			c.Invoices[0].Interest = append(c.Invoices[0].Interest, InterestLine{Period: date.Period{From: d("2024-12-01"), To: d("2025-02-01")}, Rate: decimal.RequireFromString("10"), Amount: dkk("10")})
		}, filing, "Invoices[0].Interest[1].Period", "[2024-12-01, 2025-02-01)", ErrSpecification},
		{"collection costs above cap", func(c *PaymentClaim) { c.Costs[1].Amount = dkk("1700.01") }, filing, "Costs", "1700.01 DKK", ErrAboveCap},
		{"reminder fee above cap", func(c *PaymentClaim) { c.Costs[0].Amount = dkk("100.01") }, filing, "Costs[0].Amount", "100.01 DKK", ErrAboveCap},
		{"compensation for a consumer", func(c *PaymentClaim) {
			c.Costs = append(c.Costs, Cost{Kind: CompensationFee, Date: d("2024-10-02"), Amount: dkk("310")})
		}, filing, "Costs", "310.00 DKK", ErrAboveCap},
		{"not overdue", func(c *PaymentClaim) {
			c.Invoices = append(c.Invoices, Invoice{Number: "1002", Issued: d("2025-02-01"), Due: d("2025-03-01"), Principal: dkk("5")})
		}, filing, "Invoices[1].Due", "2025-03-01", ErrSpecification},
		{"bad CVR", func(c *PaymentClaim) { c.Creditor.Registration.Number = "24256791" }, filing, "Creditor.Registration.Number", "24256791", ErrIncomplete},
		{"wrong scheme", func(c *PaymentClaim) {
			c.Debtor.Registration = dunning.Registration{Scheme: dunning.NLKvK, Number: "12345678"}
		}, filing, "Debtor.Registration.Scheme", "NL:KVK", ErrIncomplete},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			claim := validClaim()
			c.mutate(&claim)
			err := CheckPaymentClaim(claim, c.on)
			if c.err == nil {
				require.NoError(t, err)
				return
			}
			ps := Problems(err)
			want := 1
			if c.name == "not overdue" {
				want = 2 // the warning was also sent before this invoice fell due
			}
			require.Len(t, ps, want, "%v", err)
			require.Equal(t, c.field, ps[0].Field)
			require.Equal(t, c.value, ps[0].Value)
			require.ErrorIs(t, err, c.err)
			require.ErrorIs(t, err, ErrNotReady)
			require.ErrorIs(t, err, dunning.ErrInvalid)
		})
	}
}

// TestCheckPaymentClaimAllProblems: every problem is returned, not only the first.
func TestCheckPaymentClaimAllProblems(t *testing.T) {
	err := CheckPaymentClaim(PaymentClaim{}, date.Date{})
	var fields []string
	for _, p := range Problems(err) {
		fields = append(fields, p.Field)
	}
	require.Equal(t, []string{"filing", "Creditor.Name", "Creditor.Address", "Creditor.Registration",
		"Debtor.Name", "Debtor.Address", "Debtor.Registration", "Debtor.Kind", "District", "Basis", "Invoices", "Warning"}, fields)
}

// TestNewPaymentClaimForm: the form's totals add up and its slices are copies. E8, E9.
func TestNewPaymentClaimForm(t *testing.T) {
	c := validClaim()
	f, err := NewPaymentClaimForm(c, filing, date.Date{})
	require.NoError(t, err)
	for _, x := range []struct{ got, want string }{
		{f.Principal.String(), "10000.00 DKK"}, {f.Interest.String(), "281.25 DKK"},
		{f.CostTotal.String(), "1400.00 DKK"}, {f.Total.String(), "11681.25 DKK"}, {f.Fee.Amount.String(), "750.00 DKK"},
	} {
		require.Equal(t, x.want, x.got)
	}
	require.Equal(t, d("2025-01-25"), f.WarningDeadline)
	c.Invoices[0].Interest[0].Amount = dkk("1")
	c.Costs[0].Amount = dkk("1")
	require.Equal(t, "281.25 DKK", f.Invoices[0].Interest[0].Amount.String(), "form must own its slices")
	require.Equal(t, "100.00 DKK", f.Costs[0].Amount.String(), "form must own its slices")

	_, err = NewPaymentClaimForm(PaymentClaim{}, filing, date.Date{})
	require.ErrorIs(t, err, ErrIncomplete)
}
