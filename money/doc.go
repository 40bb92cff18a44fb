// Package money holds exact amounts of money: Money (an amount in one currency),
// Currency (an ISO 4217 code with the SDK's own pinned table of minor units),
// RoundingPolicy (explicit rounding), exact Split and Allocate, and formatting of
// amounts for the seven languages the SDK writes letters in.
//
// # Decisions
//
// Quantised at the boundaries. A Money always holds a whole number of its currency's
// minor units: 12.50 EUR, 1000 JPY, 1.000 KWD, 1.0000 CLF. Constructors never round
// silently: New rejects "10.005" EUR with
//
//	money: "10.005" has 3 fraction digits, EUR allows 2
//
// and every operation whose exact result can fall between minor units (Mul, Percent,
// Div, FromDecimal, Round) takes a RoundingPolicy. Add, Sub, Neg, Abs, Split and
// Allocate are exact and need none. Calculations that must not be rounded in between
// (interest over several segments, for example) work on decimal.Decimal, taken from
// Amount, and convert once with FromDecimal at the point the rule says.
//
// Rounding is explicit. RoundingPolicy{Scale, Mode} names both the number of
// fraction digits and the mode (HalfAwayFromZero, the zero value; HalfEven; Down;
// Up). Applied to Money, a Scale larger than the currency's minor units is capped to
// them, because the result must be whole minor units; a smaller Scale rounds more
// coarsely (whole kroner, tens). RoundingPolicy.Quo divides exactly and rounds once.
//
// ISO digits, not CLDR. Minor units come from ISO 4217 List One as published on
// ISO4217Published, transcribed into internal/gen/iso4217/list_one.tsv and generated
// into currency_table.go by go generate. CLDR (and so golang.org/x/text/currency)
// shows IQD, RSD, ALL and a dozen other currencies with fewer digits than ISO
// assigns; banks and tax authorities use the ISO digits, so Money does too. Codes
// that ISO lists with minor units "N.A." (XAU, XDR, XXX ...) cannot hold amounts.
// Format likewise always shows the ISO digits.
//
// The zero value. Money{} has no currency and is not valid (IsValid is false); it
// marshals to JSON null and fails MarshalText. Add and Sub treat it as zero in the
// other operand's currency and Compare compares it as zero, so a total can start
// from "var total money.Money" (as in bojanz/currency). Zero(c) is a valid zero amount
// in c. Amounts in different currencies never mix: Add, Sub and Compare fail with a
// *MismatchError wrapping ErrCurrencyMismatch.
//
// Compare with Equal, never with ==. A Money holds a decimal.Decimal, which holds a
// pointer, so == and reflect.DeepEqual (and testify's assert.Equal) compare
// representations, not amounts. Use m.Equal(o), m.Compare(o), or go-cmp, which calls
// Equal. Equal is strict about the currency: 0.00 EUR is not 0.00 DKK, and Money{}
// equals only Money{}.
//
// No floats, no globals, no panics on data. Nothing in the package converts to or
// from float64, reads or writes a shopspring/decimal global (DivisionPrecision and
// the like), or calls decimal's Div; every divisor is checked first, so decimal never
// panics with "division by 0". The package has no mutable package-level state: the
// currency table is generated code (switch statements) and the formatting table is
// only read. Panics are reserved for programming errors: MustNew on a bad constant
// and a RoundingPolicy with an undefined mode in methods that return no error.
//
// Errors. Every error wraps one exported sentinel (ErrCurrencyMismatch,
// ErrDivisionByZero, ErrUnknownCurrency, ErrInvalidAmount, ErrTooPrecise,
// ErrOverflow, ErrInvalidArgument) for errors.Is, and most are typed
// (*AmountError, *CurrencyError, *MismatchError) for errors.As, naming the input and
// what is wrong with it.
//
// Text and JSON. String and MarshalText write "12.50 EUR" (always with the
// currency's minor units), which Parse and UnmarshalText read back. JSON is
// {"amount":"12.50","currency":"EUR"} with the amount as a string, so that no JSON
// reader turns it into a float; UnmarshalJSON rejects numeric amounts. Money has no
// database/sql methods: how amounts are stored (NUMERIC, TEXT, or BIGINT minor units
// via MinorUnits and FromMinorUnits) is the host's choice.
//
// Formatting. Format writes an amount as people read it in da, sv, nb, de, nl, fi
// and en, from CLDR patterns kept in a small table in this package (grouping and
// decimal separators, the minus sign, where the symbol goes, the symbols of the
// common currencies), never through x/text's number formatting, which cannot print a
// decimal exactly.
package money
