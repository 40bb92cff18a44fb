// Package interest computes statutory and contractual late-payment interest
// the way courts and the official calculators do, and shows the calculation.
//
// It is a pure calculator: values in, values out; no clock, no I/O, no
// package state. Rates are data (effective-dated rows with their source and
// research status), amounts are decimals, dates are date.Date.
//
// # The model
//
// A [DayCount] counts the days of a period and gives its year basis:
// [Thirty360E] (30E/360), [Actual365Fixed], [ActualActualISDA] (each day over
// the length of its own calendar year, 365 or 366) and [Actual360]. Its zero
// value is invalid on purpose: the convention is a legal choice per
// jurisdiction, never a default.
//
// A [Convention] adds whether the end date is an interest day (EndInclusive),
// the [Compounding] (Simple, or Yearly on the anniversary of the start, NL
// art. 6:119 lid 2 BW), and the rounding of the total.
//
// Day counting: by default a period is half-open, [from, to): interest from a
// due date to a payment date counts paid − due days, the due date counts and
// the payment date does not, and periods split at any date add up exactly.
// With EndInclusive both ends count, which is [from, to+1) for the actual
// conventions; with Thirty360E the last segment counts Days(start, to)+1, so
// 1 January to 30 July inclusive is 210 days (vector de-pkonto-30-360).
//
// A [RateSource] answers "which annual rate, in percent, applies on this day,
// and until when": [Fixed] for a contract rate, a [RateTable] for
// effective-dated rows (reference rate + margin = rate, each with its
// [Status] and source), and [Statutory] for the laws below. A day a table
// does not cover is a *[NoRateError] naming the day ("interest: no DK
// statutory rate for 2027-01-15; the table ends 2026-06-30"), never a guess.
//
// [Accrue] and [AccrueTimeline] split the period into segments at every rate
// change, balance change (partial payments, added principal), excluded
// period edge (a pause that waives interest, L1), 1 January for
// ActualActualISDA and the anniversary for yearly compounding. Each
// [Segment] (from, to, days, year basis, rate, balance, amount) keeps its
// amount unrounded; only the total is rounded, once, with
// Convention.Rounding, as the published calculators do (research
// docs/research/vectors-public.md §0.8). [InvoiceInterest] builds interest invoices for
// invoices paid late (S7, S8) with grace days, a minimum and limits.
//
// # Statutory rates and conventions per jurisdiction
//
// [Statutory] returns one row per half-year from 2020-01-01 to the latest
// half-year of the SDK's research (docs/research/jurisdictions.md §§1.2, 2.2, 3.2,
// 4.2, 5.2, 6.2, 7, 8), and the convention practice uses:
//
//	juris.  rate                                      convention            why (source)
//	DK      udlånsrente + 8 pp (7 pp for claims due   30E/360, simple,      renteloven § 5; practice and the common calculators
//	        before 2013-03-01: StatutoryFor)          half-open             count 360 days a year, 30 a month (interestia.dk,
//	                                                                        ingmar.dk, Danske Advokater); no renters rente. SECONDARY
//	SE      referensränta + 8 pp                      ACT/365F, simple,     räntelagen 6 §, 9 §; worked examples "/365 dagar"
//	                                                  half-open             (Lawline); interest does not bear interest. SECONDARY
//	NO      styringsrente + 8 pp, set half-yearly     ACT/ACT ISDA, simple  forsinkelsesrenteloven § 3; Lovavdelingen: a day is
//	        by Finansdepartementet                                          1/365, 1/366 in leap years (forsinkelsesrente.no,
//	                                                                        SECONDARY); no interest on interest (Rt. 1994 s. 25)
//	DE      Basiszinssatz + 5 pp (consumer, and all   ACT/365F, simple,     §§ 247, 288 BGB; "taggenau" over 365 (anleiter.de,
//	        non-Entgelt claims) / + 9 pp (business    half-open             SECONDARY; matches vector de-ameax-business-2023h1);
//	        Entgelt claims; + 8 pp for contracts                            § 289 BGB forbids compounding
//	        before 2014-07-29: StatutoryFor)
//	NL      consumer: wettelijke rente (6:119/6:120); ACT/365F, yearly     art. 6:119 lid 2 BW compounds each full year
//	        business: ECB MRO + 8 pp (6:119a)         on the anniversary    (VERIFIED; for 6:119a UNVERIFIED, treated alike);
//	                                                                        365 even in leap years (vergoedingsns example).
//	                                                                        Day count UNVERIFIED in statute
//	FI      viitekorko (ECB MRO rounded up to 0.5)    30E/360, simple,      korkolaki 4 §, 4 a §, 12 §. The day count is not in
//	        + 7 pp / + 8 pp between businesses        both ends counted     the statute; the one calculator the research saw
//	                                                                        (vuokranantajat.fi) uses 30/360 counting the due and
//	                                                                        the payment date. SECONDARY: override it if your
//	                                                                        practice uses actual days
//	EU      ECB MRO + 8 pp (Directive 2011/7/EU,      ACT/365F, simple      the directive says "simple interest"; the day count
//	        business only)                                                  is our choice. Article numbering UNVERIFIED
//
// All tables end on 2026-06-30, except NL consumer, which ends on 2025-06-30:
// the research could not settle the rate from 2025-07-01 (4 % or 5 %,
// depending on the rounding rule), so the table stops rather than guess.
//
// Every row carries its research [Status], and so does every [Segment]
// computed from it. Rows that are not VERIFIED:
//
//   - DK 2024-07-01 (3.50 + 8) UNVERIFIED; 2025-01-01 and 2025-07-01 DERIVED;
//     2026-01-01 (1.75 + 8) UNVERIFIED.
//   - SE 2025-01-01, 2025-07-01, 2026-01-01 SECONDARY (mystep.se only).
//   - NO 2024-07-01 DERIVED; 2025-07-01 (12.25 %) UNVERIFIED; 2026-01-01
//     SECONDARY. The NO reference shown is the rate minus 8 pp (the research
//     gives the rates).
//   - DE 2023-07-01 to 2025-01-01 DERIVED from the ECB path.
//   - NL business 2025-07-01 and 2026-01-01 DERIVED.
//   - FI 2020-01-01 to 2022-07-01 SECONDARY; 2023-07-01, 2025-07-01 DERIVED.
//   - EU: all rows DERIVED (ECB anchors confirmed only indirectly).
//
// A letter must not present a segment whose Status is dunning.Unverified as fact;
// check Segment.Status.
//
// # Numbers
//
// Segment amounts are Balance × Rate/100 × Days/YearBasis, exact where the
// quotient terminates and otherwise rounded half-up at 28 decimal places
// (computed in 128-bit integers where they fit, else with decimal's
// DivRound; never decimal's Div). Compounded interest is added to the balance
// unrounded. The total is rounded once with Convention.Rounding; Statutory
// returns the currency's minor units, half away from zero.
//
// The docs/design.md target for AccrueTimeline over 10 years with 20 rate changes
// and 5 payments is 10 µs.
package interest
