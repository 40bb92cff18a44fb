package collection_test

import (
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func (e *env) outboxIDs() []string {
	var ids []string
	for _, m := range e.outbox() {
		ids = append(ids, m.Message.ID)
	}
	return ids
}

func TestE12_StartPlanSwitchesTrackAndSendsOverview(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	c, err := e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{Terms: agreement.Terms{Instalment: dkk("250.00"), First: date.MustNew(2025, 3, 1)}})
	require.NoError(t, err)
	require.Equal(t, flow.TrackPlan, c.Progress.Track)
	require.Equal(t, collection.StageAgreement, c.Stage)
	require.Equal(t, feb20, c.Plan.Terms.Start)
	requireMoney(t, "1000.00", c.Plan.Terms.Principal, "the plan covers what the case owes")
	p, err := c.Plan.Plan()
	require.NoError(t, err)
	require.Equal(t, 4, p.Summary().Count, "1000 / 250, interest-free")
	// NextDue is the day the first instalment would breach the plan (due + 1).
	require.Equal(t, date.MustNew(2025, 3, 2), c.NextDue)
	out := e.outbox()
	require.Len(t, out, 1)
	require.Equal(t, "c1/plan-overview/2", out[0].Message.ID)
	require.Equal(t, letters.PlanOverview, out[0].Message.Kind)
	require.Equal(t, letters.Email, out[0].Message.Channel)
	require.Contains(t, out[0].Message.Text, "250,00")

	// A second plan while one runs is refused.
	_, err = e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{})
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
}

func TestE12_DefaultProposalWithInterestAddsTheInterestToTheDebt(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	terms := agreement.Terms{Rate: decimal.RequireFromString("10"), DayCount: interest.Thirty360E}
	c, err := e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{Terms: terms})
	require.NoError(t, err)
	p, err := c.Plan.Plan()
	require.NoError(t, err)
	sum := p.Summary()
	require.Equal(t, 12, sum.Count, "E12: the default proposal pays the debt within one year")
	require.True(t, sum.TotalInterest.Sign() > 0)
	bal, _ := c.Balance()
	requireMoney(t, sum.TotalPaid.Amount().StringFixed(2), bal, "the case owes what the plan will collect")
	// Paying every instalment on time closes the case as paid.
	var last collection.PaymentResult
	for in := range p.All() {
		e.clock.set(in.Due)
		last, err = e.svc.RecordPayment(ctx(t), "c1", collection.Payment{ID: "i" + in.Due.String(), On: in.Due, Amount: in.Amount, To: collection.PaidToCreditor})
		require.NoError(t, err)
	}
	require.Equal(t, collection.StatusClosed, last.Case.Status)
	require.Equal(t, collection.ReasonPaid, last.Case.CloseReason)
	requireMoney(t, "0.00", last.Overpaid)
}

func TestE13_BreachIsWarnedOnceThenTerminatedBackIntoAFlow(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	_, err := e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{
		Terms:  agreement.Terms{Count: 4, First: date.MustNew(2025, 3, 1)},
		Breach: agreement.BreachRule{GraceDays: 5},
	})
	require.NoError(t, err)
	// The first instalment is paid, the second is not.
	e.clock.set(date.MustNew(2025, 3, 1))
	_, err = e.svc.RecordPayment(ctx(t), "c1", pay("p1", "2025-03-01", "250.00"))
	require.NoError(t, err)
	c := e.get("c1")
	require.Equal(t, date.MustNew(2025, 4, 7), c.NextDue, "the daily run looks again when instalment 2 would breach (due 04-01 + 5 days grace + 1)")

	e.clock.set(date.MustNew(2025, 4, 6))
	st, err := e.svc.CheckPlan(ctx(t), "c1", collection.Delivery{})
	require.NoError(t, err)
	require.False(t, st.Warned, "within the grace days")
	require.False(t, st.Status.Breached())

	e.clock.set(date.MustNew(2025, 4, 7))
	st, err = e.svc.CheckPlan(ctx(t), "c1", collection.Delivery{})
	require.NoError(t, err)
	require.True(t, st.Warned)
	require.True(t, st.Status.Breached())
	require.Equal(t, date.Date{}, st.Case.NextDue, "a warned plan waits for a person (E22)")
	require.Contains(t, e.outboxIDs(), "c1/plan-breach-warning/4")
	n := len(e.outbox())
	st, err = e.svc.CheckPlan(ctx(t), "c1", collection.Delivery{})
	require.NoError(t, err)
	require.False(t, st.Warned, "warned once")
	require.Len(t, e.outbox(), n)

	c, err = e.svc.TerminatePlan(ctx(t), "c1", "FastToCourt", collection.Delivery{})
	require.NoError(t, err)
	require.Equal(t, flow.TrackMain, c.Progress.Track)
	require.Equal(t, "FastToCourt", c.Progress.Flow)
	require.Equal(t, date.MustNew(2025, 4, 7), c.Plan.Terminated)
	require.NotEqual(t, date.Date{}, c.NextDue, "the flow runs again")
	require.Contains(t, e.outboxIDs(), "c1/plan-termination/5")
	bal, _ := c.Balance()
	requireMoney(t, "750.00", bal, "acceleration: the rest is due now")

	_, err = e.svc.TerminatePlan(ctx(t), "c1", "FastToCourt", collection.Delivery{})
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
	_, err = e.svc.TerminatePlan(ctx(t), "c1", "Nope", collection.Delivery{})
	require.ErrorIs(t, err, collection.ErrUnknownFlow)
}

func TestE11_OfferLapsesByItselfAndTheFlowGoesOn(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.withFee("c1")
	c, err := e.svc.MakeOffer(ctx(t), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.RequireFromString("20")}, Expires: date.MustNew(2025, 3, 6)})
	require.NoError(t, err)
	require.Equal(t, flow.TrackOffer, c.Progress.Track)
	require.Equal(t, collection.StageSettlement, c.Stage)
	requireMoney(t, "1112.50", c.Offer.Owed)
	requireMoney(t, "890.00", c.Offer.Pay)
	require.Equal(t, date.MustNew(2025, 3, 7), c.NextDue, "NextDue is the day the offer lapses")
	require.Contains(t, e.outboxIDs(), "c1/settlement-offer/4")

	// On the lapse day any command sees the case back on its main flow.
	e.clock.set(date.MustNew(2025, 3, 7))
	c, err = e.svc.AddNote(ctx(t), "c1", "", "called the debtor")
	require.NoError(t, err)
	require.Equal(t, flow.TrackMain, c.Progress.Track)
	require.Equal(t, date.MustNew(2025, 3, 7), c.Offer.Lapsed)
	require.Contains(t, eventTypes(e.events("c1")), collection.EventOfferLapsed)
	require.True(t, c.NextDue.Before(date.MustNew(2025, 3, 8)), "Reminder 2 is overdue: the flow goes on; next due %s", c.NextDue)
}

func TestE11_PayingTheOfferSettlesTheCase(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.withFee("c1")
	_, err := e.svc.MakeOffer(ctx(t), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.RequireFromString("20")}, Expires: date.MustNew(2025, 3, 6)})
	require.NoError(t, err)
	e.clock.set(date.MustNew(2025, 3, 1))
	res, err := e.svc.RecordPayment(ctx(t), "c1", pay("p1", "2025-03-01", "890.00"))
	require.NoError(t, err)
	c := res.Case
	require.Equal(t, collection.StatusClosed, c.Status)
	require.Equal(t, collection.ReasonSettled, c.CloseReason)
	require.True(t, c.Archived)
	require.Equal(t, date.MustNew(2025, 3, 1), c.Offer.Accepted)
	bal, _ := c.Balance()
	requireMoney(t, "0.00", bal, "the rest is waived")
	requireMoney(t, "0.00", res.Overpaid)
	require.Contains(t, eventTypes(e.events("c1")), collection.EventOfferAccepted)
}

func TestE11_BadOfferChangesNothing(t *testing.T) {
	e := newMoneyEnv(t, feb20)
	e.open("c1")
	before, n := e.get("c1"), len(e.events("c1"))
	_, err := e.svc.MakeOffer(ctx(t), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.RequireFromString("20")}, Expires: date.MustNew(2025, 2, 19)})
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "2025-02-19", fe.Value)
	_, err = e.svc.MakeOffer(ctx(t), "c1", collection.OfferRequest{Discount: agreement.Discount{Percent: decimal.RequireFromString("120")}, Expires: date.MustNew(2025, 3, 1)})
	require.ErrorIs(t, err, dunning.ErrInvalid)
	e.unchanged("c1", before, n)
}

func TestS8_InterestInvoiceForAnInvoicePaidLate(t *testing.T) {
	e := newMoneyEnv(t, date.MustNew(2025, 3, 2))
	r := openReq("c1", "a", "b")
	r.Invoices[1].Due = date.MustNew(2025, 2, 28)
	_, err := e.svc.Open(ctx(t), r)
	require.NoError(t, err)
	// Invoice a (due 2025-01-31) is paid on 2025-03-02: 30 days late.
	res, err := e.svc.RecordPayment(ctx(t), "c1", pay("p1", "2025-03-02", "1000.00"))
	require.NoError(t, err)
	require.Equal(t, collection.ClaimPaid, res.Case.Claims[0].Status)
	require.Equal(t, collection.StatusActive, res.Case.Status)

	ir, err := e.svc.InterestInvoice(ctx(t), "c1", collection.InterestRequest{Invoice: interest.InvoiceOptions{
		Rates:      interest.Fixed(decimal.RequireFromString("12")),
		Convention: interest.Convention{DayCount: interest.Actual365Fixed, Rounding: money.PolicyFor(money.DKK, money.HalfAwayFromZero)},
	}})
	require.NoError(t, err)
	require.Len(t, ir.Invoice.Lines, 1)
	require.Equal(t, 30, ir.Invoice.Lines[0].Days, "from the due date to the payment date")
	// 1000 × 12 % × 30/365 = 9.863… → 9.86
	requireMoney(t, "9.86", ir.Invoice.Total)
	c := ir.Case
	require.Equal(t, date.MustNew(2025, 3, 2), c.Claims[0].InterestInvoiced)
	last := c.Charges[len(c.Charges)-1]
	require.Equal(t, collection.ChargeInterest, last.Kind)
	requireMoney(t, "9.86", last.Amount)
	out := e.outbox()
	require.Equal(t, letters.InterestInvoice, out[len(out)-1].Message.Kind)
	require.True(t, strings.HasPrefix(out[len(out)-1].Message.ID, "c1/interest-invoice/"))
	bal, _ := c.Balance()
	requireMoney(t, "1009.86", bal)

	// Once only.
	_, err = e.svc.InterestInvoice(ctx(t), "c1", collection.InterestRequest{})
	require.ErrorIs(t, err, collection.ErrInvalidTransition)
}

// The published vectors this file reproduces through a case, copied from
// docs/research/vectors-public.json (ids and sources as there).
//
//   - fin-zero-interest-1000 (apache/fineract ProgressiveEMICalculatorTest,
//     disbursedAmt1000_NoInterest_repayEvery1Month): 1000 at 0 % from
//     2024-01-01, due 02-01, 03-01, 04-01, 05-01: four instalments of 250.0.
//   - fin-payoff-360-30-7pct-midperiod (apache/fineract Loan.feature, TILL_PRECLOSE):
//     100 EUR, 7 %, 30E/360, 6 monthly from 2024-01-01; instalment 1 (17.01)
//     paid 2024-02-01; paid off 2024-02-15: 83.81 = 83.57 principal + 0.24 interest.
//   - de-ameax-business-2023h1 (ameax/bgb-interest BgbInterestTest.php):
//     10000.00 EUR, business, due 2023-01-01, paid 2023-07-01, Basiszinssatz
//     + 9 pp: interest 526.64 = 10000 × 10.62 % × 181 / 365.

// euroCase opens case id under NL law in EUR: one invoice of amount due on due.
func (e *env) euroCase(id collection.CaseID, kind dunning.PartyKind, j dunning.Jurisdiction, amount string, due date.Date) {
	e.t.Helper()
	r := openReq(id)
	r.Jurisdiction, r.Currency = j, money.EUR
	r.Debtor.Kind, r.Debtor.Jurisdiction = kind, j
	r.Invoices[0].Amount = money.MustNew(amount, money.EUR)
	r.Invoices[0].Issued, r.Invoices[0].Due = due.AddDays(-30), due
	_, err := e.svc.Open(ctx(e.t), r)
	require.NoError(e.t, err)
}

func TestE12_Vector_finZeroInterest1000(t *testing.T) {
	e := newMoneyEnv(t, date.MustNew(2024, 1, 1))
	e.open("c1") // 1000.00 DKK
	c, err := e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{Terms: agreement.Terms{Count: 4, First: date.MustNew(2024, 2, 1)}})
	require.NoError(t, err)
	p, err := c.Plan.Plan()
	require.NoError(t, err)
	want := []struct{ due, emi, balance string }{
		{"2024-02-01", "250.00", "750.00"}, {"2024-03-01", "250.00", "500.00"}, {"2024-04-01", "250.00", "250.00"}, {"2024-05-01", "250.00", "0.00"},
	}
	i := 0
	for in := range p.All() {
		require.Equal(t, date.MustParse(want[i].due), in.Due, "fin-zero-interest-1000 row %d", i+1)
		requireMoney(t, want[i].emi, in.Amount, "fin-zero-interest-1000 row ", i+1)
		requireMoney(t, want[i].balance, in.Balance, "fin-zero-interest-1000 row ", i+1)
		i++
	}
	require.Equal(t, 4, i)
}

func TestE13_Vector_finPayoff360_30_7pctMidperiod(t *testing.T) {
	e := newMoneyEnv(t, date.MustNew(2024, 1, 1))
	e.euroCase("c1", dunning.Consumer, dunning.NL, "100.00", date.MustNew(2023, 12, 1))
	c, err := e.svc.StartPlan(ctx(t), "c1", collection.PlanRequest{Terms: agreement.Terms{
		Rate: decimal.RequireFromString("7"), DayCount: interest.Thirty360E, Count: 6, First: date.MustNew(2024, 2, 1),
	}})
	require.NoError(t, err)
	p, _ := c.Plan.Plan()
	require.True(t, p.At(0).Amount.Equal(money.MustNew("17.01", money.EUR)), "fin-360-30-7pct EMI, got %s", p.At(0).Amount)
	e.clock.set(date.MustNew(2024, 2, 1))
	_, err = e.svc.RecordPayment(ctx(t), "c1", collection.Payment{ID: "i1", On: date.MustNew(2024, 2, 1), Amount: money.MustNew("17.01", money.EUR), To: collection.PaidToCreditor})
	require.NoError(t, err)
	e.clock.set(date.MustNew(2024, 2, 15))
	c, err = e.svc.TerminatePlan(ctx(t), "c1", "Standard", collection.Delivery{})
	require.NoError(t, err)
	bal, err := c.Balance()
	require.NoError(t, err)
	require.True(t, bal.Equal(money.MustNew("83.81", money.EUR)), "fin-payoff-360-30-7pct-midperiod: pay-off 83.81, got %s", bal)
}

func TestS8_Vector_deAmeaxBusiness2023h1(t *testing.T) {
	e := newMoneyEnv(t, date.MustNew(2023, 7, 1))
	e.euroCase("c1", dunning.Business, dunning.DE, "10000.00", date.MustNew(2023, 1, 1))
	_, err := e.svc.RecordPayment(ctx(t), "c1", collection.Payment{ID: "p", On: date.MustNew(2023, 7, 1), Amount: money.MustNew("10000.00", money.EUR), To: collection.PaidToCreditor})
	require.NoError(t, err)
	// The statutory DE business rate (§ 288 Abs. 2 BGB) and its convention.
	res, err := e.svc.InterestInvoices(ctx(t), "cr-1", collection.InterestRequest{})
	require.NoError(t, err)
	require.Len(t, res, 1)
	require.True(t, res[0].Invoice.Total.Equal(money.MustNew("526.64", money.EUR)), "de-ameax-business-2023h1: got %s", res[0].Invoice.Total)
	c := res[0].Case
	require.Equal(t, collection.StatusClosed, c.Status, "the case was paid; the interest invoice is a new debt on it")
	bal, _ := c.Balance()
	require.True(t, bal.Equal(money.MustNew("526.64", money.EUR)))
	require.Len(t, e.outbox(), 1)
}
