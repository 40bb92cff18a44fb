// Package court computes court and enforcement fees per jurisdiction and filing date,
// decides the Danish route to court from the creditor's foundations, checks a Danish
// payment claim for everything that would get it rejected, produces the data of the
// payment-claim form, lists court fees per district for transfer, and models a Danish
// court case as a small state value. It is pure: values in, values out, no clock, no
// I/O, no package-level mutable state. Implements E8, E9 and E10.
//
// # Fees
//
// FeeFor(Filing) returns the Fee for a Proceeding (PaymentOrder, Enforcement,
// CivilCase, Hearing, Conversion) under the table row (Rule) in force on the filing date
// — the key date of every court fee. Each row carries its source and its research status
// (VERIFIED, DERIVED, SECONDARY, UNVERIFIED), and every Fee carries the weakest status of
// the figures used, so a host can refuse or flag what is not verified. Rules lists the
// rows. A date outside the rows, a gap in the research, or a claim beyond a table is a
// *NoRuleError (ErrNoRule) naming the date: the package never guesses. Where the research
// does not say when a rule took effect, a row's From is the earliest date the research
// attests it for, and the row's Note says so.
//
//	juris. proceeding      what                          rule                                       status
//	DK     PaymentOrder    betalingspåkrav               750 DKK from 2021-10-01 (retsafgiftsloven   VERIFIED
//	                                                     § 12); pre-2021 fee: refused (UNVERIFIED)
//	DK     Enforcement     fogedrekvisition (udlæg)      750 DKK from 2021-10-01; before: 300 +      VERIFIED
//	                                                     0.5 % above 3,000, up to 10 DKK
//	DK     (both)          12-month cover                a 750 DKK fee paid covers steps filed       VERIFIED
//	                                                     within 12 months (Filing.FeePaid)
//	DK     CivilCase       civil case                    750 ≤ 100,000 < 1,500; before 2021-10-01:   VERIFIED /
//	                                                     500 ≤ 50,000, else 750 + 1.2 %, up to 10,   SECONDARY
//	                                                     cap 75,000
//	DK     Hearing         berammelsesafgift             bands 3,000 … 160,000 above 100,000 (DK-08);VERIFIED /
//	                                                     before: 750 + 1.2 % above 50,000            UNVERIFIED
//	DK     Conversion      payment claim → civil case    100 DKK (seed 003 only)                     UNVERIFIED
//	SE     PaymentOrder    betalningsföreläggande        300 SEK (förordning 1992:1094 1 §)          VERIFIED
//	SE     Enforcement     verkställighet grundavgift    600 SEK                                     VERIFIED
//	SE     Conversion      tingsrätt tilläggsavgift      refused: amount UNVERIFIED                  —
//	NO     PaymentOrder    forliksklage                  1.1 R (2022-01-01), 1.54 R from 2024-07-01  VERIFIED /
//	                                                     rounded down to the krone (§ 6 a)           UNVERIFIED
//	NO     Enforcement     begjæring om utlegg           1.7 R (2017–2021), 1.21 R from 2022         VERIFIED
//	DE     PaymentOrder    Mahnbescheid (GKG KV 1100)    0.5 × GKG, min 32 / 36 / 38 EUR (2013 /     UNVERIFIED /
//	                                                     2021 / 2025-06-01)                          SECONDARY
//	DE     CivilCase       Klage (KV 1210)               3.0 × GKG                                   SECONDARY
//	DE     Conversion      after Widerspruch             a further 2.5 × GKG                         VERIFIED
//	NL     CivilCase       griffierecht kanton           6 bands × legal/natural person, 2022        VERIFIED /
//	                                                     and (probably) 2023; later years refused    UNVERIFIED
//	FI     —               —                             refused: fees UNVERIFIED                    —
//
// Sources: docs/research/jurisdictions.md §§1.4, 2.4, 3.4, 4.4, 5.4 and the
// vectors in §9; docs/research/vectors-public.md §5.4 for the GKG tables (GKG returns the simple fee;
// its 2004 version, whose start date is UNVERIFIED, reaches only 25,000 EUR, and its 2025
// values above 500,000 EUR are flagged UNVERIFIED because a calculator disagrees).
//
// NO: the rettsgebyr R is a table per calendar year (2017–2021, 2024 VERIFIED, 2025
// SECONDARY). A year the research lacks (2022, 2023, 2026) is an error, not a flagged
// guess, unless the host supplies R in Filing.Rettsgebyr. The § 6 a rounding down to the
// whole krone is applied from 2024-07-01 only: vector NO-07 (before that date) is
// published unrounded as 1,404.70 NOK, NO-08 rounded as 1,966 NOK.
//
// # Route and readiness (E8)
//
// RouteFor picks ByEnforcementRequest (a fogedrekvisition) when the creditor holds a
// valid Foundation (endorsed payment claim, settlement, debtor declaration, promissory
// note, mortgage deed, judgment; at most FoundationYears old), else ByPaymentClaim.
//
// CheckPaymentClaim returns every problem that would get a Danish payment claim rejected,
// each a *dunning.FieldError naming the field and value and wrapping a sentinel of the
// ErrNotReady family: missing identity of either party (name, address, CPR/CVR), a
// missing court or basis, an invoice or interest line that does not add up (interest
// before the due date, after the filing date, overlapping, or above simple interest on
// actual days / 360), amounts not in DKK, costs above the caps of package fees
// (collection costs in total against fees.CollectionCostCap on the sum of the
// principals, reminder and other fees — the claim base of bilag 1 — keyed on the
// earliest invoice date; each reminder fee against fees.ReminderRules; compensation
// fees against fees.CompensationFee per invoice), a time-barred invoice (3 years from
// the due date or the last acknowledgement, forældelsesloven § 3: barred on the
// anniversary), and a collection warning whose deadline (at least 10 days from
// dispatch, inkassoloven § 10) has not passed: filing is allowed from the day after the
// deadline. A check whose input is missing is skipped, so one missing field gives
// exactly one problem. NewPaymentClaimForm turns a claim that passes into the form's
// data with totals and the court fee.
//
// The court district (one of the 24 byretter of retsplejeloven § 9) is an input: mapping
// an address to its court is host data.
//
// # Transfer list (E9) and court states (E8, E10)
//
// NewTransferList groups fees per District with totals and the part the creditor adds to
// the debtor's debt. State models a Danish case: File → Serve (objection window of
// ObjectionDays = 14, from E8; not in the research's statute extracts) → Object (→
// Objected, or straight to InCivilCourt with the UNVERIFIED conversion fee when asked for
// in advance) → Sue (civil-case fee) → Judge, or Endorse after the window → Enforceable →
// Enforce (covered by the 12-month rule) and Withdraw from any stage (E10). Each step is a
// method returning the next State and the fee it costs; a refused step returns a
// *TransitionError (ErrTransition) and changes nothing.
//
// Status here has its zero value invalid (package fees makes its zero dunning.Unverified): a Rule
// or Fee built by hand without a status fails Status.IsValid.
package court
