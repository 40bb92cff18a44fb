// Package agreement computes payment plans exactly, explains them, follows
// them and notices when they break (E12, E13), and works out settlement
// offers (E11). It is a pure calculator: values in, values out, no clock,
// no I/O, no package state.
//
// # Annuity functions
//
// PMT, IPMT, PPMT, NPER, PV, FV, RATE, CUMIPMT and CUMPRINC are the
// spreadsheet functions on decimals, in the spreadsheet argument order and
// sign convention (money paid out is negative), with payments at the End
// or the Begin of a period. Powers are exact integer exponentiation with
// products truncated at 40 places, quotients rounded at 40 places, and
// results rounded to Precision (28) places; NPER uses decimal's correctly
// rounded Ln, RATE Newton's method. They reproduce all 57 "pmt" vectors of
// the research (numpy-financial, LibreOffice, Excel, ...) within the
// tolerance each source states. No float64 anywhere.
//
// # Plans
//
// NewPlan turns Terms into a Plan: one Instalment per due date (number, due
// date, amount, interest, principal, balance after), the down payment first
// as instalment 0, and a Summary with what the debtor must be told (E12).
// The rules, which reproduce all Apache Fineract schedules in the research
// to the cent (docs/research/vectors-public.md §0.3–0.5):
//
//   - Due dates are computed from the anchor (First.AddMonths(k), never
//     chained), so month ends clamp without drifting.
//   - A period's interest is balance × rate × year fraction, rounded once per
//     period with Terms.Rounding (default: minor units, half even). The year
//     fraction comes from interest.DayCount; a regular monthly 30E/360 period
//     is exactly months/12 and a 30E/360 period counted in days is actual
//     days/360 (Fineract); Terms.SplitAtDec31 gives Fineract's ACT/ACT quirk.
//   - A computed instalment is the annuity over the actual period factors
//     (EMI = P·∏(1+rfᵢ)/fnₙ), rounded once; AdjustEMI tries one minor unit
//     up or down and keeps it only if the last instalment gets strictly
//     closer; Multiple rounds it up to, say, whole 10 DKK.
//   - The last instalment is the remaining balance plus its interest, so the
//     balance ends at exactly zero and the principal parts add up to the
//     principal minus the down payment.
//   - A chosen instalment that does not exceed a period's interest never
//     repays: NewPlan says so with a *TooSmallError naming that interest.
//   - Interest on the plan runs from Start on the principal less the down
//     payment; the down payment itself bears no interest.
//
// Propose is E12's default plan: the most instalments that fit within 12
// months (configurable) at or above a minimum instalment.
//
// # Tracking
//
// Track is a pure function of (plan, payments, as-of date, Tracking):
// payments carry the host's id and a repeated id counts once; each day's
// payments are added up and allocated, what has fallen due first, in the
// allocation Order (costs → interest → principal by default), oldest first,
// then ahead to later instalments. Only a day's total matters, so the order
// of payments within a day cannot change the result. The Status reports
// paid, partly paid and overdue instalments, days late, what is due and
// outstanding by component, a credit for overpayment, and since when the
// plan is breached under the BreachRule (an instalment unpaid GraceDays
// after its due date, or Missed such instalments at once). Terminating a plan
// (Tracking.Terminated) accelerates it: everything falls due on that day,
// with interest only up to it (Fineract's pay-off rule, vector
// fin-payoff-360-30-7pct-midperiod). Early payments do not reduce interest.
//
// # Allocation order per jurisdiction
//
//	NL  costs → interest → principal  art. 6:44 BW (HR 10 Jul 2015)   VERIFIED
//	DE  costs → interest → principal  § 367 Abs. 1 BGB                UNVERIFIED
//	DK, SE, NO, FI, EU                no researched rule: OrderFor fails with ErrNoRule
//
// DefaultOrder (costs → interest → principal) is the SDK's default from
// docs/design.md, not a statement of any country's law.
//
// # Settlement offers
//
// Settle computes the figures of a settlement-offer letter (E11): what is
// owed now, what the debt grows to by a horizon date if the case escalates
// (further interest, collection costs up to the cap and the court fee,
// supplied by the caller from packages interest, fees and court), what the
// debtor pays, and the saving against both. An offer lapses by itself the
// day after Expires (Settlement.Lapsed).
//
// # Performance
//
// NewPlan works in int64 minor units: due dates are stepped from the
// anchor's day of the month without converting dates back and forth,
// period factors are computed once per distinct period (a monthly plan has
// four or five: 28 to 31 days, or one for every regular 30E/360 month; for
// ACT/ACT one per pair of days in common and leap years), each period's
// interest is rounded from a 192-bit binary fraction of its factor with
// three 64-bit multiplications (exact, and it defers to big.Int in the
// rare case it cannot tell, such as an exact tie), and the annuity's
// product runs in 192-bit integers. Amounts beyond 10^15 minor units,
// rounding units beyond 10^15 minor units, or rates so high that an
// interest or the instalment would pass 2^62 minor units are computed in
// decimal arithmetic instead, by a plain implementation without any of
// these shortcuts; the tests hold the fast path to it (the same plan to the
// cent for random terms).
//
// The lines are not stored while the instalment is sought (with AdjustEMI
// there are two candidates): each pass only walks the plan, and the last
// walk builds the instalments.
//
// A 360-instalment plan (BenchmarkNewPlan360) takes 95 to 105 µs, 110 KB
// and 2,266 allocations on the 2-core reference machine when it is quiet,
// and 130 to 180 µs while other test runs load it; docs/design.md's target is
// 150 µs. Each day count takes about as long (BenchmarkNewPlan360DayCounts;
// ACT/ACT took 500 µs before its factors were memoised). The arithmetic is
// about 20 µs of that. The rest is the result itself: the 52 KB
// []Instalment, and the plan's 1,080 distinct money.Money values (interest,
// principal and balance of each line; the regular amount, zero amounts and
// an interest-free principal share one value), about 45 µs and 2,160 of the
// allocations, because a Money holds a decimal.Decimal, that is a *big.Int,
// which costs two allocations however it is made. Going much lower needs a
// Money that holds small amounts without a big.Int.
//
// # Errors
//
// Bad input is a *dunning.FieldError naming the field and the value (it
// unwraps to dunning.ErrInvalid), all problems joined. Sentinels:
// ErrNoSolution, ErrInstalmentTooSmall, ErrPaymentConflict, ErrDefaulted,
// ErrNoRule, with the typed SolveError, TooSmallError and BreachError.
package agreement
