package letters_test

import (
	"errors"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
)

// FuzzParseReference: no input panics; an accepted input re-validates, round-trips
// through String and Display, and is in canonical form; a rejected one returns the zero
// Reference and an error that unwraps to ErrInvalidReference and dunning.ErrInvalid.
func FuzzParseReference(f *testing.F) {
	for _, v := range refVectors {
		in := v.input
		if in == "" {
			in = v.want
		}
		f.Add(uint8(v.kind), in)
	}
	for _, s := range []string{"", " ", "-", "RF", "rf00", "RF01 1", "RF99", "0000", "+71<", "１２３４", "12\x00", "\xff\xfe", "036536--", "RF18 5390 0754 7034 ", "\u00a0123\u2003"} {
		for k := range uint8(9) {
			f.Add(k, s)
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, in string) {
		k := letters.ReferenceKind(kind)
		r, err := letters.ParseReference(k, in)
		if err != nil {
			if !r.IsZero() {
				t.Fatalf("ParseReference(%s, %q) returned %q with error %v", k, in, r, err)
			}
			if !errors.Is(err, letters.ErrInvalidReference) || !errors.Is(err, dunning.ErrInvalid) {
				t.Fatalf("ParseReference(%s, %q): error %v does not unwrap to the sentinels", k, in, err)
			}
			return
		}
		if r.Kind() != k {
			t.Fatalf("ParseReference(%s, %q) has kind %s", k, in, r.Kind())
		}
		for _, form := range []string{r.String(), r.Display()} {
			back, err := letters.ParseReference(k, form)
			if err != nil || back != r {
				t.Fatalf("ParseReference(%s, %q) = %q, but ParseReference(%q) = %q, %v", k, in, r, form, back, err)
			}
		}
		if len(r.String()) < 2 || len(r.String()) > 25 {
			t.Fatalf("ParseReference(%s, %q) = %q has an impossible length", k, in, r)
		}
	})
}

// FuzzParseFIKLine: no input panics; an accepted line rebuilds to its compact form.
func FuzzParseFIKLine(f *testing.F) {
	for _, s := range []string{"+71< 004040400000669+12345678<", "+71<000000000000026+81234567<", "+73<x+1<", "+71<<", "+71<+<", "+", "", "+71<004040400000669+12345678<<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ref, cred, err := letters.ParseFIKLine(in)
		if err != nil {
			if !ref.IsZero() || cred != "" || !errors.Is(err, letters.ErrInvalidReference) {
				t.Fatalf("ParseFIKLine(%q): %q %q %v", in, ref, cred, err)
			}
			return
		}
		line, err := ref.FIKLine(cred)
		if err != nil {
			t.Fatalf("FIKLine of accepted %q: %v", in, err)
		}
		ref2, cred2, err := letters.ParseFIKLine(line)
		if err != nil || ref2 != ref || cred2 != cred {
			t.Fatalf("ParseFIKLine(%q) = %q %q, but %q gives %q %q %v", in, ref, cred, line, ref2, cred2, err)
		}
	})
}
