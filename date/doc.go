// Package date provides the civil calendar date the dunning SDK uses for due
// dates, deadlines, interest periods and instalment schedules, together with
// the clock, period and business-day types built on it.
//
// It is a leaf package: it imports only the standard library and keeps no
// package-level mutable state.
//
// # A date has no zone
//
// A [Date] is a year, month and day, with no time of day and no location,
// like the date printed on an invoice. Due dates stored as time.Time instants
// shift by a day when they are viewed in another zone (00:30 on 31 March in
// Copenhagen is still 30 March in UTC), and days counted as t.Sub(u)/24h are
// wrong across DST changes (30 March 2025 has 23 hours in Copenhagen). A Date
// avoids both: [Date.DaysUntil] counts calendar days.
//
// A Date is 4 bytes, comparable with == and usable as a map key. AddDays,
// DaysUntil and Compare are O(1) and do not allocate. The supported years are
// 0001 to 9999 (proleptic Gregorian); [New] and [Parse] reject others, and
// arithmetic whose result would leave that range returns the zero Date.
//
// # The zero Date means "no date"
//
// Date{} is not a calendar date; it stands for a missing date (no due date
// yet, a period without an end). It sorts before every date, prints as "",
// marshals to empty text, JSON null and SQL NULL, and those unmarshal back to
// it. Arithmetic on it returns it (AddDays, AddMonths, EndOfMonth, ...),
// DaysUntil with it returns 0, and the business-day functions return it.
// Nothing in this package panics on a zero Date; check [Date.IsZero] where a
// date is required. [Parse] rejects the empty string: an empty field is a
// decision for the caller, not for the parser.
//
// # Months clamp, and schedules compute from the anchor
//
// [Date.AddMonths] clamps to the end of the target month: 2025-01-31 plus one
// month is 2025-02-28 (2024-02-29 in a leap year), where time.Time.AddDate
// gives 2025-03-03. Clamping loses information, so month steps do not chain:
// a monthly plan anchored on 31 January must compute instalment k as
// anchor.AddMonths(k), giving 31 Jan, 28 Feb, 31 Mar, 30 Apr, ..., never as the
// previous instalment plus one month, which would drift to the 28th for good.
//
// # "Today" is a date in the creditor's zone
//
// The SDK never calls time.Now. Every "now" comes from a [Clock] the host
// passes in ([SystemClock] in production, [FixedClock] in tests), and "today"
// is [Today](clock, loc) with loc the creditor's location (or the contract's,
// if it names one). The same instant can be two different dates:
// 2025-01-31 23:30 UTC is already 2025-02-01 in Copenhagen. A nil location
// means UTC throughout this package.
//
// # Periods are half-open
//
// A [Period] is [From, To): From is in it, To is not. Consecutive periods
// such as interest segments or pauses then share no day and leave no gap, and
// the number of days is To minus From. An inclusive end date, as printed on a
// letter, is p.To.AddDays(-1).
//
// # Business days are host data
//
// Which days are business days depends on country, region, year and
// sometimes on the creditor, so the package only defines the [Calendar]
// interface, the default [Weekends] (Saturday and Sunday off), the
// [CalendarFunc] adapter and [Holidays], an immutable set of closing days on
// top of a base calendar that the host fills from its own data. A nil
// Calendar means Weekends. The searches ([NextBusinessDay], [AdjustForward],
// [AddBusinessDays], ...) give up after [MaxBusinessDaySearch] days and return
// the zero Date, so a calendar without business days cannot hang a batch run.
//
// # Errors
//
// Every rejected input is reported as a [*ParseError] (or [*PeriodError] for
// periods) that unwraps to [ErrInvalid] and says which input and what is
// wrong:
//
//	date: "2025/01/31" is not an ISO 8601 date (want YYYY-MM-DD)
//	date: "2025-02-30" is not a valid date: February 2025 has 28 days
package date
