// Package checkdigit is the check-digit arithmetic of the SDK, in one place: the Luhn
// (MOD10), weighted MOD11, 7-3-1 and ISO 7064 MOD 97-10 methods over ASCII strings.
// The root package uses it to validate registration numbers (dunning.Registration)
// and package letters to generate and validate payment references
// (letters.Reference).
//
// # Model
//
// Every method comes as a pair: a compute function that takes the payload (everything
// before the check digit or digits) and returns the check, and, where the method fixes
// what its check means, a Valid function that takes the whole number. Valid(s) is
// exactly "s is the payload followed by what compute returns for it"; the fuzz targets
// hold the package to that.
//
//   - [Luhn], [ValidLuhn]: MOD10 with weights 2,1,2,1,... from the right, two-digit
//     products counted as their digit sum.
//   - [Mod11]: weighted modulus 11 with the caller's weights; it returns 11 minus the
//     remainder, 1 to 11, and leaves what 10 and 11 mean to the caller, because the
//     schemes disagree (see the table).
//   - [Mod731], [ValidMod731]: weights 7,3,1,7,3,1,... from the right, modulus 10.
//   - [Mod97], [ValidMod97]: ISO 7064 MOD 97-10 over 0-9 and A-Z, with the first four
//     characters (a two-character code and the two check digits) moved to the end, as
//     ISO 11649 (RF creditor reference) and ISO 13616 (IBAN) use it.
//
// Input is ASCII: digits '0' to '9', and for MOD 97-10 also upper-case 'A' to 'Z'.
// Separators, spaces and lower case are the caller's to remove; every compute function
// reports false for anything else, and for an empty payload, and never panics. Check
// digits are returned as ASCII bytes, ready to append. Nothing allocates, nothing is
// stored: the functions are pure and safe for concurrent use.
//
// # What each method detects
//
// These are guarantees, proved in the doc comment of each function and tested as
// properties; nothing beyond them is promised.
//
//	method        any single substitution               adjacent transposition ab <-> ba, a != b
//	Luhn          every digit                            all except 09 <-> 90
//	7-3-1         every digit                            all except digits that differ by 5
//	MOD11         every digit whose weight is not a      every pair whose weights differ mod 11
//	              multiple of 11 (the check digit        (the check digit has weight 1)
//	              has weight 1)
//	MOD 97-10     every digit by a digit and every       every pair of digits in the body, and
//	              letter by a letter                     the two check digits
//
// # Who uses which method
//
//	scheme                         method      weights (published order)  10 / 11 mean  rule stated in
//	NO KID MOD10, SE OCR, DK FIK   Luhn        -                          -             letters/reference.go (Nets, Bankgirot, FIK printers)
//	SE organisationsnummer         Luhn        -                          -             registration.go
//	NO KID MOD11                   MOD11       2 3 4 5 6 7 from the right "-" / 0       letters/reference.go (Nets OCR giro)
//	NO organisasjonsnummer         MOD11       3 2 7 6 5 4 3 2            invalid / 0   registration.go
//	DK CVR                         MOD11       2 7 6 5 4 3 2 (1)          invalid / 0   registration.go
//	FI Y-tunnus                    MOD11       7 9 10 5 8 4 2             invalid / 0   registration.go
//	FI viitenumero                 7-3-1       7 3 1 from the right       -             letters/reference.go (Finanssiala)
//	RF creditor reference          MOD 97-10   -                          -             letters/reference.go (ISO 11649)
//	IBAN                           MOD 97-10   -                          -             no caller yet; tested with IBAN examples
//
// The published weights of the registration numbers run left to right over a fixed
// number of digits; [Mod11] takes weights from the right (so that a KID of any length
// cycles through them), so those callers pass the list reversed. The per-scheme
// sources and their statuses (VERIFIED, SECONDARY) are in letters/reference.go;
// registration.go cites no source for its weights (UNVERIFIED in this repository),
// though the real numbers in its tests (Novo Nordisk's CVR, AB Volvo's, Equinor's and
// Nokia's numbers) pass them. This package only computes.
//
// # Decisions
//
//   - An empty payload is not accepted: no scheme has a number that is only a check
//     digit, and it keeps Valid(s) false for strings of one character.
//   - [Mod11] reduces each weight modulo 11, so any int weights are safe; an empty
//     weights slice is reported as false.
//   - [ValidMod97] accepts check digits 02 to 98 only, the range [Mod97] yields; 00, 01
//     and 99 would pass the bare remainder test as aliases of 97, 98 and 02, and
//     ISO 13616 rules them out.
//   - The package is internal: hosts validate through dunning.Registration and
//     letters.ParseReference, which add each scheme's lengths, separators and error
//     messages. It imports only the standard library.
package checkdigit
