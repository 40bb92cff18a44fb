package law

import (
	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// Spec is a law pack written as plain Go values: what a host fills in to bring the
// law of a jurisdiction the SDK does not ship, or a variant of one it does. [New]
// checks it and returns the [Pack] the engine reads.
//
// Every part is a list of effective-dated rows; a row applies from its From until
// the next row of the same debtor kind (and, for interest, the same conditions). A
// part left empty is the Base pack's when Base is set, and otherwise the law has no
// rule there: a lookup returns a *fees.NoRuleError and the engine charges nothing
// for it (no reminder fee, no compensation, no collection costs, no statutory
// interest). Every row carries its Source and Status; the zero Status is
// dunning.Unverified, so a figure nobody vouched for is flagged as such.
type Spec struct {
	// Code is the jurisdiction the pack is for: two upper-case letters (an ISO
	// 3166-1 alpha-2 code, or EU). Required.
	Code dunning.Jurisdiction
	// Name is the English name, such as "Belgium". Required.
	Name string
	// Currency is the currency of every amount of the pack and of its cases. Required.
	Currency money.Currency
	// Language is the language letters are written in when the debtor states none;
	// the zero Tag means English. Letters are written in seven languages
	// (letters.Languages); any other falls back to English.
	Language language.Tag
	// TimeZone is the IANA name of the time zone "today" is read in, such as
	// "Europe/Brussels"; empty means UTC.
	TimeZone string

	// Base is the pack whose parts this one keeps where it leaves them empty: a
	// creditor-specific variant of a shipped pack sets only what differs (lower
	// reminder fees, say) and Base to the shipped pack. Nil means no base.
	Base *Pack

	// Reminders are the reminder-fee rules (E4, E5): the cap, how many fees per
	// claim, the days between them and after the due date, keyed on the day the
	// reminder is sent. Jurisdiction and From are set by New; a Kind of 0 applies
	// to both debtor kinds.
	Reminders []fees.ReminderRule
	// Compensation is the fixed compensation for recovery costs a business debtor
	// owes without any reminder (E6), keyed on the invoice's due date.
	Compensation []CompensationFee
	// Interest is the statutory late-payment interest (S7): a reference-rate table
	// with margins, its day count and rounding, per debtor kind. The first row that
	// matches the debtor kind and the claim's dates applies, so rows for old
	// margins (DueBefore, ContractBefore) come first.
	Interest []StatutoryInterest
	// Costs are the collection costs the demand letter may charge (E7, E12).
	// Nil means none.
	Costs *CollectionCosts
	// Notices are the shortest deadlines the law lets a notice give (E19): per
	// letter kind, from dispatch or from presumed receipt. Jurisdiction is set by New.
	Notices []fees.NoticeRule
	// Court are the routes to a court order for a money claim, with their fees,
	// where known (E15); informative: the court package computes the Danish route.
	Court []CourtRoute
	// MaxContractInterest caps a contractual interest rate per debtor kind (Terms);
	// none means the law sets no cap the SDK knows of.
	MaxContractInterest []RateLimit
}

// CompensationFee is one effective-dated row of the fixed compensation (E6).
type CompensationFee struct {
	// From is the first due date the row applies to. Required.
	From date.Date
	// Amount is the fixed sum per invoice. Zero with Bands set.
	Amount money.Money
	// Bands, when set, make the sum depend on the debt: the first band whose Below
	// the debt is under gives the amount, the last band (Below zero) the rest.
	// (GB: £40 under £1,000, £70 under £10,000, £100 above.)
	Bands []Band
	// Per says what the amount is due for: "overdue invoice" or "late payment".
	Per string
	// Offset says what the compensation is credited against.
	Offset fees.Offset
	// Source, Status and Note cite the law, as on every row.
	Source string
	Status dunning.Status
	Note   string
}

// Band is one row of a table keyed on an amount: debts below Below (exclusive; the
// zero Money for the last, open band) give Amount, or, when Percent is set,
// Percent of the debt (a court fee of 5 %), rounded down to the minor unit.
type Band struct {
	Below   money.Money
	Amount  money.Money
	Percent decimal.Decimal
}

// StatutoryInterest is the statutory interest for one debtor kind (0: both), and,
// with DueBefore or ContractBefore, only for claims due or contracts concluded
// before that day (the old margins: DK claims due before 2013-03-01, DE contracts
// before 2014-07-29).
type StatutoryInterest struct {
	Kind           dunning.PartyKind
	DueBefore      date.Date
	ContractBefore date.Date
	// Name names the table in errors, such as "BE statutory".
	Name string
	// Rows are the reference rate and margin per period, sorted by From.
	Rows []interest.Row
	// End is the last day the table covers; later days are a *interest.NoRateError,
	// never a guess. Zero means the last row applies indefinitely.
	End date.Date
	// Convention is how the interest is counted: day count, whether the end day
	// counts, compounding, rounding.
	Convention interest.Convention
	// FixedAtStart says the rate in force on the first day interest runs applies
	// until the debt is paid, however the reference rate moves afterwards (GB: Late
	// Payment of Commercial Debts (Interest) Act 1998 s. 4 with the Late Payment of
	// Commercial Debts (Rate of Interest) (No. 3) Order 2002 art. 4). False: each
	// day has the rate of its period.
	FixedAtStart bool
	// FromNotice says interest runs only from the day after a formal notice to pay
	// (the first collection warning or demand letter), not from the due date (FR
	// consumers: mise en demeure, Code civil art. 1231-6 and 1344-1).
	FromNotice bool
}

// CollectionCosts is the collection-cost law: when the demand letter may charge
// costs and the most it may charge.
type CollectionCosts struct {
	// WarningFirst: costs only after a collection warning whose deadline passed
	// (DK inkassoloven § 10, NO § 9, NL 6:96 lid 6 for consumers).
	WarningFirst bool
	// WarningFirstConsumersOnly limits WarningFirst to consumer debtors (NL).
	WarningFirstConsumersOnly bool
	// KeyedOnStep says the cap's table is keyed on the day of the step (SE, FI,
	// DE); false keys it on the earliest due date of the case (DK, NO, NL).
	KeyedOnStep bool
	// Schedules are the caps per debtor kind, step and date.
	Schedules []CostSchedule
	// Source is the law that says when costs may be charged.
	Source string
	Status dunning.Status
}

// CostSchedule is the cap on collection costs for one debtor kind (0: both) and
// collection step, from a key date until the next schedule of the same kind and
// step: a table of bands on the claim (fixed sums, or a percentage of the part of
// the claim above the previous band), bounded by Min and Max, with VAT on top
// where the law allows it.
type CostSchedule struct {
	Kind dunning.PartyKind
	Step fees.Step
	From date.Date
	// Bands are the rows of the table, in order of their UpTo; the last has a zero
	// UpTo (no limit).
	Bands []CostBand
	// Min and Max bound the result; the zero Money means no bound.
	Min, Max money.Money
	// VAT says the law lets the creditor add VAT it cannot deduct
	// (fees.CostQuery.VATPercent).
	VAT bool
	// Extras names the kinds of extra expenses the law lets the creditor recover
	// on top, such as a credit check; informative.
	Extras []string
	Source string
	Status dunning.Status
	Note   string
}

// CostBand is one band of a CostSchedule: a claim up to and including UpTo (the
// zero Money: no limit) costs Fixed plus Percent of the part of the claim above
// the previous band's UpTo. A tiered percentage (NL WIK) is bands with Percent
// and a Fixed equal to the sum of the bands below.
type CostBand struct {
	UpTo    money.Money
	Fixed   money.Money
	Percent decimal.Decimal
}

// CourtRoute is a route to a court order for a money claim: its name, the claims
// it takes, and its fee table (informative; the court package computes the Danish
// route).
type CourtRoute struct {
	Name string
	// Description says in a sentence what the route is and when it is used.
	Description string
	// MaxClaim is the largest claim the route takes; the zero Money means any.
	MaxClaim money.Money
	// Fees are the court's fees by claim size (Band.Below).
	Fees   []Band
	Source string
	Status dunning.Status
}

// RateLimit is a cap on an annual interest rate in percent for one debtor kind (0:
// both).
type RateLimit struct {
	Kind    dunning.PartyKind
	Percent decimal.Decimal
	Source  string
	Status  dunning.Status
}
