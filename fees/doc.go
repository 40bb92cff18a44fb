// Package fees knows what a creditor may charge a debtor, per jurisdiction, debtor kind
// and date, and says why when it may not: reminder fees (E4, S4), fixed compensation
// fees for business debtors (E6), and caps on collection costs. It is a pure
// calculator: values in, values out, no clock, no I/O.
//
// # The model
//
// ReminderRules returns the ReminderRule in force: the cap per reminder, the number of
// fee-bearing reminders, the days between them and after the due date, whether the
// first reminder is free (DE), whether a prior agreement is needed (SE), whether a
// dispute blocks further fees (DK), and the Norwegian notice set. Assess takes a rule,
// a Claim (due date, dispute, fee history) and a Proposal (date, notice, requested fee)
// and returns the fee that may be charged with a Reason when it is less: a small
// struct with a ReasonCode to switch on, whose sentence is built only by String.
// Assess and ReminderRules do not allocate, so a flow can call them per case.
// CheckSchedule validates a planned series (days after the due date) before it is used
// and lists every Problem.
//
// CompensationFee returns the fixed compensation a business debtor owes per overdue
// invoice; consumers owe none. CollectionCostCap (and CollectionCostCapFor with a
// CostQuery for steps, VAT, disputes) returns the most a creditor may recover for
// collection.
//
// # Decisions
//
//   - Law is data. Every row has its effective date, its source and its Status from the
//     research (VERIFIED, SECONDARY, DERIVED, UNVERIFIED); results carry the weakest
//     status of the rows used, so UNVERIFIED figures (the NO inkassosats of 750 NOK from
//     2026, the FI consumer reminder fee after 2022-05-01, DK egeninkasso) are never
//     presented as verified. A date outside every row is a *NoRuleError, never a guess.
//   - Which date: ReminderRules keys on the date a reminder is sent (and, for NO, the
//     fee fraction on the claim's due date); CollectionCostCap on the date the DK claim
//     arose, the NO due date, the DE instruction date, the NL default date, and the SE/FI
//     step date; CompensationFee on the invoice's due date. See CostQuery.KeyDate.
//   - History is fee-bearing notices only: spacing is measured from the previous
//     fee-bearing reminder, as renteloven § 9 b is applied in practice.
//   - Spacing rules that say "a deadline of at least 14 days must have been missed" (NO)
//     or "at least 14 days, the 14th day excluded" (FI, KKV 2024) are encoded as 15 days
//     (DERIVED). A fee-bearing reminder never comes on or before the due date.
//   - Research correction (DK): the stored amendment texts show that the 300-series
//     table is the original bek. 601/2002 (from 2002-08-01), the 350-series came with
//     bek. 423/2009 and bek. 105/2013 did not change the tables; the research's "2009"
//     and "2013" tables are those. The in-force date of bek. 423/2009 was not seen, so
//     claims arising 2009-05-28 to 2009-06-30 get an error.
//   - NO before 2020: the salær table of inkassoforskriften § 2-2 as it stood before the
//     2020 amendment applies to claims due 2010-01-01 to 2020-09-30, with the inkassosats
//     of 2010 (600 NOK, SECONDARY), 2015 and 2016 (VERIFIED) kept for the cost cap only;
//     2011-2014 were not found and claims due before 2010 have no table: *NoRuleError.
//   - Extra expenses (CostQuery.Extras: a credit check, an address lookup, a returned
//     debit) are added to the cap only where the law lets the creditor recover them: in
//     DE a returned debit at the bank's charge (SECONDARY) and an address lookup at cost
//     (UNVERIFIED); a credit check is refused (courts are split, no BGH ruling), and so is
//     every extra in the other jurisdictions, each with its reason in Cap.Extras.
//     The research behind both is in the repository's docs/law/fees-extras.md.
//   - Amounts are rounded once, at the end, to the currency's minor units, half away from
//     zero; intermediate values are exact decimals.
//   - The rule tables are package-level values built once from literals and never
//     written, so lookups need not allocate.
//
// # What each jurisdiction allows
//
//	     reminder fee (ReminderRules)                 compensation, B2B   collection-cost cap
//	DK   100 DKK incl. VAT, max 3, 10 days apart,     310 DKK / invoice   bek. 601/2002 bilag 1 tables (2002, 2009,
//	     no 2nd/3rd fee once disputed (SECONDARY)     (renteloven § 9 a)  2016) by claim, ex VAT, +1 % over 500,000;
//	     renteloven § 9 b                                                 egeninkasso 2002 table only (UNVERIFIED)
//	SE   60 SEK, only if agreed when the debt arose   450 SEK (4 a §)     inkassokrav 180, amorteringsplan 170 SEK
//	     lag 1981:739 4 § 1, 2 §                                          (4 § 2-3, from 2013-03-16)
//	NO   purring, inkassovarsel 1/20, betalings-      40 EUR in NOK per   lett salær 0.25-7.2 × inkassosats by claim,
//	     oppfordring 3/20 of the inkassosats (700;    half-year (§ 3a),   tungt ×2, business ×1.5
//	     750 from 2026 UNVERIFIED); 2P+B or P+V+B;    gaps are errors     (inkassoforskriften kap. 2)
//	     ≥ 14 days after due (inkassoforskriften)
//	DE   about 2.50 EUR actual costs (SECONDARY);     40 EUR / invoice    RVG: 0.9 fee (1.3 if disputed or before
//	     first reminder free (§§ 280, 286 BGB)        (§ 288 Abs. 5 BGB)  2021-10-01) + 20 % max 20 EUR; tables
//	                                                                      2013 (≤ 500 only), 2021, 2025 to 50,000
//	NL   none: the WIK amount covers collection       40 EUR (6:96 lid 4) WIK 15/10/5/1/0.5 %, min 40, max 6,775
//	FI   consumer 5 EUR, ≥ 14 days after due and      40 EUR              consumer demand 14/24/50 by principal,
//	     apart; B2B 12 EUR, 10 days apart (from                           plans 20/30/50; B2B collector 50/70/90/110,
//	     2022-05-01, SECONDARY) (perintälaki 10 a-b §)                    own demand 12 (SECONDARY); repeat: half
//	EU   no rule (use the national one)               40 EUR / late       none (Art. 6(3): reasonable costs)
//	                                                  payment (Art. 6)
//
// Sources, as the research cites them: retsinformation.dk (bek. 601/2002, 423/2009,
// 105/2013, 476/2016), danskelove.dk/renteloven/9a, themis.dk; riksdagen.se (SFS
// 1981:739); juridika.no and lovdata.no (inkassoforskriften, forskrift om
// inkassosatsen), regjeringen.no; gesetze-im-internet.de and buzer.de (RVG, BGB),
// haufe.de; zoek.officielebekendmakingen.nl (Stb. 2012, 141); finlex.fi (299/2022),
// eduskunta.fi (KK 667/2020), yrittajat.fi; EUR-Lex (C-287/17), bailii (C-78/22). See
// docs/research/jurisdictions.md §§ 1-10.
//
// # Not covered
//
// Limits on the number of FI consumer steps and the total cost cap (10 c-d §, UNVERIFIED),
// the DE 0.5 fee on prompt payment (trigger UNVERIFIED), RVG values above 50,000 EUR,
// DK egeninkasso after 2009, SE caps before 2013-03-16, and the DK one-off inkassogebyr
// of § 9 b stk. 3 are not encoded; they return a *NoRuleError or are documented on the
// rule's Note.
package fees
