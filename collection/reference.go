package collection

import (
	"strconv"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
)

// PaymentReference returns the payment reference of the case with the given id
// under jurisdiction j: the reference every letter of that case prints (its
// Display form), in the jurisdiction's default scheme
// (letters.ReferenceForJurisdiction: FIK +71 in DK, KID MOD10 in NO, OCR with
// length digit in SE, the national reference in FI, RF in DE, NL and EU).
//
// It depends on id and j alone, so a host can print it on its own invoice before
// the case is opened, and match a bank line to a case without loading it: key
// the cases by the String form of their references, parse the reference on the
// bank line with letters.ParseReference (of the reference's Kind) or
// letters.ParseFIKLine (a whole "+71<...+...<" line), and look up its String
// form (N8).
//
// The reference is built on the digits of id: the last 14 when there are more,
// with a 1 put in front when the first is 0 (and the last dropped if that makes
// 15); an id with fewer than 3 digits gets a 9-digit checksum of the whole id
// instead. Two ids with the same digits (such as "A-1001" and "B1001") therefore
// share a reference, and checksums can collide: a host that matches payments on
// it should give its cases ids with distinct digits, such as a case number.
//
// An empty id or an invalid jurisdiction is a *dunning.FieldError naming it.
func PaymentReference(id CaseID, j dunning.Jurisdiction) (letters.Reference, error) {
	var errs []error
	if id == "" {
		errs = append(errs, &dunning.FieldError{Field: "id", Value: "", Reason: "is required"})
	}
	if !j.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "jurisdiction", Value: string(j), Reason: "is not a known jurisdiction"})
	}
	if err := joinErrs(errs); err != nil {
		return letters.Reference{}, err
	}
	return caseReference(id, j)
}

// paymentReference is the reference the letters of case id print: the Display
// form of PaymentReference, or the id itself when none can be made (an invalid
// jurisdiction, which a stored case does not have).
func paymentReference(id CaseID, j dunning.Jurisdiction) string {
	ref, err := caseReference(id, j)
	if err != nil {
		return string(id)
	}
	return ref.Display()
}

// caseReference builds the reference of case id in j's default scheme, as
// PaymentReference documents, without validating its inputs.
func caseReference(id CaseID, j dunning.Jurisdiction) (letters.Reference, error) {
	var buf [24]byte
	digits := buf[:0]
	for i := 0; i < len(id); i++ {
		if b := id[i]; b >= '0' && b <= '9' {
			digits = append(digits, b)
		}
	}
	if len(digits) < 3 {
		var h uint32 = 2166136261 // FNV-1a
		for i := 0; i < len(id); i++ {
			h = (h ^ uint32(id[i])) * 16777619
		}
		digits = strconv.AppendUint(digits[:0], uint64(h)%900000000+100000000, 10)
	}
	if len(digits) > 14 {
		digits = digits[len(digits)-14:]
	}
	if digits[0] == '0' {
		digits = append([]byte{'1'}, digits...)[:min(len(digits)+1, 14)]
	}
	kind := letters.ReferenceForJurisdiction(j)
	if kind == 0 && j.IsValid() {
		kind = letters.RFReference // a host pack's jurisdiction: the international creditor reference (ISO 11649)
	}
	return letters.NewReference(kind, string(digits))
}
