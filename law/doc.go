// Package law holds the law of each jurisdiction as a value the engine reads: a
// law pack. A [Pack] answers everything the dunning engine asks the law —
//
//   - the currency, the letters' language and the time zone;
//   - reminder fees: cap, how many per claim, days between them and after the due
//     date, dispute and agreement conditions (E4, E5; [Pack.ReminderRule]);
//   - the fixed compensation a business debtor owes, fixed or by debt size (E6;
//     [Pack.Compensation]);
//   - statutory interest: a reference-rate table with margins, its day count and
//     rounding, old margins by the claim's dates, a rate fixed when interest
//     starts (GB) or interest only from a formal notice (FR consumers) (S7;
//     [Pack.Interest], [Pack.Accrual]);
//   - collection costs: when the demand letter may charge them and the most it
//     may, as fixed or percentage bands with a minimum, maximum and VAT (E7, E12;
//     [Pack.CollectionCosts], [Pack.CostCap]);
//   - notice periods per letter kind, from dispatch or from presumed receipt
//     (E19; [Pack.Notice], [Pack.NoticeMinimum]);
//   - court routes and fees where known (E15; [Pack.Court]);
//
// each figure with its source and research status (dunning.Verified, Secondary,
// Derived, Unverified).
//
// # Shipped packs and host packs
//
// [Builtin] returns the packs the SDK ships: DK, SE, NO, DE, NL, FI and EU, whose
// tables live in the fees and interest packages next to the calculators and law
// vectors that test them, and GB and FR, written as plain data in this package
// exactly as a host writes its own. A host brings a pack for any other code, or a
// creditor-specific variant of a shipped one, by filling in a [Spec] and calling
// [New], which checks it and refuses a bad one with a *[PackError] naming every
// field at fault (a negative fee, a rate table out of order, a notice period of
// zero days). A variant sets [Spec.Base] to the shipped pack and only what differs.
//
// Packs are values handed in — collection.Options.Laws, flow.Facts.Law,
// letters.Data.Law, flow.ValidateLaw — never a registry: the package keeps no
// mutable state. A [Set] is the host's packs over the shipped ones.
//
// # Contract terms
//
// [Terms] are what a creditor's contract adds on top of the law: its own reminder
// fee (fixed, or a percentage with a minimum and maximum) and a contractual
// interest rate. The law caps the contract: [Pack.CheckTerms] refuses terms that
// ask for more than the pack allows with a *[TermsError] naming the term, the
// law's limit and its source.
//
// The figures of every shipped pack, with sources, are in the repository's
// docs/law directory (gb.md, fr.md, fees-extras.md) and in the fees and interest
// package documentation.
package law
