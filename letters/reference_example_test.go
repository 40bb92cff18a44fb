package letters_test

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
)

// ExampleNewReference builds the default payment reference for each jurisdiction from
// the same case number, and prints it as a letter would.
func ExampleNewReference() {
	for _, j := range []dunning.Jurisdiction{dunning.NO, dunning.SE, dunning.FI, dunning.DK, dunning.DE} {
		kind := letters.ReferenceForJurisdiction(j)
		ref, err := letters.NewReference(kind, "539007547034")
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s %-10s %s\n", j, kind, ref.Display())
	}

	// A Danish letter prints the whole FIK code line with the creditor's FI number.
	fik, _ := letters.NewReference(letters.FIK71, "2")
	line, _ := fik.FIKLine("81234567")
	fmt.Println(line)

	// The Finnish national reference also has an RF form.
	fi, _ := letters.NewReference(letters.FIReference, "123")
	rf, _ := fi.RF()
	fmt.Println(fi, rf)

	// Bad input names the field and the value.
	_, err := letters.NewReference(letters.KIDMod10, "12A4")
	fmt.Println(err)
	fmt.Println(errors.Is(err, letters.ErrInvalidReference), errors.Is(err, dunning.ErrInvalid))
	// Output:
	// NO kid-mod10  5390075470344
	// SE ocr-length 53900754703442
	// FI fi         539 00754 70341
	// DK fik71      005390075470344
	// DE rf         RF18 5390 0754 7034
	// +71<000000000000026+81234567<
	// 1232 RF111232
	// Base "12A4": contains 'A'; want only digits 0-9 (KID MOD10)
	// true true
}

// ExampleParseReference validates references as a debtor might type them.
func ExampleParseReference() {
	for _, in := range []struct {
		kind letters.ReferenceKind
		s    string
	}{
		{letters.RFReference, "rf18 5390 0754 7034"},
		{letters.FIReference, "00000000000001234561"},
		{letters.KIDMod11, "036536-"},
		{letters.OCRWithLength, "12369"},
	} {
		ref, err := letters.ParseReference(in.kind, in.s)
		if err != nil {
			fmt.Println("rejected:", err)
			continue
		}
		fmt.Printf("%s %q -> %s (print %q)\n", ref.Kind(), in.s, ref, ref.Display())
	}
	// Output:
	// rf "rf18 5390 0754 7034" -> RF18539007547034 (print "RF18 5390 0754 7034")
	// fi "00000000000001234561" -> 1234561 (print "12 34561")
	// kid-mod11 "036536-" -> 036536- (print "036536-")
	// rejected: Reference "12369": has length digit 6 but 5 digits (want length digit 5) (OCR with length digit)
}

// ExampleParseFIKLine reads the code line printed on a Danish FIK card +71.
func ExampleParseFIKLine() {
	ref, creditor, err := letters.ParseFIKLine("+71< 004040400000669+12345678<")
	fmt.Println(ref, creditor, err)
	// Output:
	// 004040400000669 12345678 <nil>
}
