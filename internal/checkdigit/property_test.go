package checkdigit_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/dunning-go/dunning/internal/checkdigit"
)

// The properties test exactly the guarantees stated in the doc comments, and where a
// guarantee has a stated exception, that the exception is real (so that the stated
// guarantee is neither weaker nor stronger than the arithmetic).

// genLen draws a length from lo to hi, favouring the shortest and longest.
func genLen(t *rapid.T, lo, hi int) int {
	return rapid.OneOf(rapid.IntRange(lo, hi), rapid.SampledFrom([]int{lo, lo + 1, hi - 1, hi})).Draw(t, "len")
}

// genDigits draws 1 to 30 ASCII digits, favouring 0 and 9 (the Luhn exception) and 0
// and 5 (the 7-3-1 exception).
func genDigits(t *rapid.T) string {
	digit := rapid.OneOf(rapid.RuneFrom([]rune("0123456789")), rapid.SampledFrom([]rune("0959")))
	n := genLen(t, 1, 30)
	return rapid.StringOfN(digit, n, n, -1).Draw(t, "digits")
}

// substitute replaces the byte at i of s by c.
func substitute(s string, i int, c byte) string {
	return s[:i] + string(c) + s[i+1:]
}

// swap exchanges the bytes at i and i+1 of s.
func swap(s string, i int) string {
	return s[:i] + string(s[i+1]) + string(s[i]) + s[i+2:]
}

// otherDigit draws a digit different from c.
func otherDigit(t *rapid.T, c byte) byte {
	return '0' + (c-'0'+byte(rapid.IntRange(1, 9).Draw(t, "delta")))%10
}

// adjacentDifferent draws i such that s[i] != s[i+1], or reports false when every
// neighbour is equal.
func adjacentDifferent(t *rapid.T, s string, ok func(i int) bool) (int, bool) {
	var at []int
	for i := 0; i+1 < len(s); i++ {
		if s[i] != s[i+1] && ok(i) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return 0, false
	}
	return rapid.SampledFrom(at).Draw(t, "pos"), true
}

// anywhere allows every position.
func anywhere(int) bool { return true }

// withCheck returns payload plus its check digit from compute, failing the test when
// compute refuses a digit string.
func withCheck(t *rapid.T, payload string, compute func(string) (byte, bool)) string {
	c, ok := compute(payload)
	if !ok || c < '0' || c > '9' {
		t.Fatalf("compute(%q) = %q, %v", payload, c, ok)
	}
	return payload + string(c)
}

// propCheckDigit checks a method with one check digit: a generated check digit
// validates; changing any single digit, the check digit included, is detected; an
// adjacent swap of different digits a, b goes unseen exactly when unseen(a, b).
func propCheckDigit(t *testing.T, compute func(string) (byte, bool), valid func(string) bool, unseen func(a, b byte) bool) {
	rapid.Check(t, func(t *rapid.T) {
		s := withCheck(t, genDigits(t), compute)
		if !valid(s) {
			t.Fatalf("generated %q does not validate", s)
		}
		i := rapid.IntRange(0, len(s)-1).Draw(t, "sub")
		if bad := substitute(s, i, otherDigit(t, s[i])); valid(bad) {
			t.Fatalf("%q changed at %d to %q still validates", s, i, bad)
		}
		if i, ok := adjacentDifferent(t, s, anywhere); ok {
			bad := swap(s, i)
			if got, want := valid(bad), unseen(s[i], s[i+1]); got != want {
				t.Fatalf("%q swapped at %d to %q: valid %v, want %v", s, i, bad, got, want)
			}
		}
	})
}

// TestPropLuhn: every single-digit change is detected; an adjacent swap of different
// digits is detected exactly when they are not 0 and 9.
func TestPropLuhn(t *testing.T) {
	propCheckDigit(t, checkdigit.Luhn, checkdigit.ValidLuhn, func(a, b byte) bool {
		return a == '0' && b == '9' || a == '9' && b == '0'
	})
}

// TestPropMod731: every single-digit change is detected; an adjacent swap of different
// digits is detected exactly when they do not differ by 5.
func TestPropMod731(t *testing.T) {
	propCheckDigit(t, checkdigit.Mod731, checkdigit.ValidMod731, func(a, b byte) bool {
		return a-b == 5 || b-a == 5
	})
}

// validMod11 is a caller's validation: the KID mapping (11 is '0', 10 is '-').
func validMod11(s string, weights []int) bool {
	if len(s) < 2 {
		return false
	}
	c, ok := checkdigit.Mod11(s[:len(s)-1], weights)
	return ok && kidCheck(c) == s[len(s)-1]
}

// weightAt is the weight of byte i of the whole number s (payload and check digit):
// 1 for the check digit, else the payload weight cycling from the right.
func weightAt(s string, i int, weights []int) int {
	r := len(s) - 1 - i
	if r == 0 {
		return 1
	}
	w := weights[(r-1)%len(weights)] % 11
	if w < 0 {
		w += 11
	}
	return w
}

// TestPropMod11: with weights that are not multiples of 11 (the standard 2..7, or
// drawn), a generated number validates; any single-digit change is detected, the check
// digit included; an adjacent swap of different digits is detected exactly when the
// two weights differ modulo 11. A payload whose check value is 10 gets the KID "-".
func TestPropMod11(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		weights := rapid.OneOf(
			rapid.Just([]int{2, 3, 4, 5, 6, 7}),
			rapid.SliceOfN(rapid.IntRange(1, 10), 1, 8),
			rapid.SliceOfN(rapid.SampledFrom([]int{1, 10, 12, -1}), 1, 3), // equal weights mod 11, negatives
		).Draw(t, "weights")
		p := genDigits(t)
		c, ok := checkdigit.Mod11(p, weights)
		if !ok || c < 1 || c > 11 {
			t.Fatalf("Mod11(%q, %v) = %d, %v", p, weights, c, ok)
		}
		s := p + string(kidCheck(c))
		if !validMod11(s, weights) {
			t.Fatalf("generated %q does not validate", s)
		}
		i := rapid.IntRange(0, len(s)-1).Draw(t, "sub")
		if s[i] == '-' {
			return // the KID "-" is not a digit; substitutions of it are the caller's
		}
		if bad := substitute(s, i, otherDigit(t, s[i])); validMod11(bad, weights) {
			t.Fatalf("%q (weights %v) changed at %d to %q still validates", s, weights, i, bad)
		}
		digits := func(i int) bool { return s[i] != '-' && s[i+1] != '-' }
		if i, ok := adjacentDifferent(t, s, digits); ok {
			bad := swap(s, i)
			same := weightAt(s, i, weights) == weightAt(s, i+1, weights)
			if got := validMod11(bad, weights); got != same {
				t.Fatalf("%q (weights %v) swapped at %d to %q: valid %v, want %v", s, weights, i, bad, got, same)
			}
		}
	})
}

const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// TestPropMod97: generated check digits validate (for RF, an IBAN-like country code,
// and bodies of 1 to 30 characters); a digit changed to a digit or a letter to a letter
// anywhere is detected; swapping two different adjacent digits of the body, or the two
// check digits, is detected.
func TestPropMod97(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		code := rapid.OneOf(rapid.Just("RF"), rapid.StringOfN(rapid.RuneFrom([]rune(alnum[10:])), 2, 2, -1)).Draw(t, "code")
		n := genLen(t, 1, 30)
		body := rapid.StringOfN(rapid.RuneFrom([]rune(alnum)), n, n, -1).Draw(t, "body")
		cd, ok := checkdigit.Mod97(code, body)
		if !ok {
			t.Fatalf("Mod97(%q, %q) refused", code, body)
		}
		if v := int(cd[0]-'0')*10 + int(cd[1]-'0'); v < 2 || v > 98 {
			t.Fatalf("Mod97(%q, %q) = %s, want 02 to 98", code, body, cd[:])
		}
		s := code + string(cd[:]) + body
		if !checkdigit.ValidMod97(s) {
			t.Fatalf("generated %q does not validate", s)
		}

		i := rapid.IntRange(0, len(s)-1).Draw(t, "sub")
		var other byte
		if s[i] <= '9' {
			other = otherDigit(t, s[i])
		} else {
			other = 'A' + (s[i]-'A'+byte(rapid.IntRange(1, 25).Draw(t, "delta")))%26
		}
		if bad := substitute(s, i, other); checkdigit.ValidMod97(bad) {
			t.Fatalf("%q changed at %d to %q still validates", s, i, bad)
		}

		bodyDigits := func(i int) bool {
			return (i == 2 || i >= 4) && s[i] <= '9' && s[i+1] <= '9'
		}
		if i, ok := adjacentDifferent(t, s, bodyDigits); ok {
			if bad := swap(s, i); checkdigit.ValidMod97(bad) {
				t.Fatalf("%q swapped at %d to %q still validates", s, i, bad)
			}
		}
	})
}

// TestPropComputeRefusesNonDigits: a payload with any byte outside the alphabet is
// refused by every compute function, wherever the byte stands.
func TestPropComputeRefusesNonDigits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genDigits(t)
		i := rapid.IntRange(0, len(p)).Draw(t, "at")
		bad := rapid.ByteRange(0, 255).Filter(func(b byte) bool { return b < '0' || b > '9' }).Draw(t, "byte")
		s := p[:i] + string([]byte{bad}) + p[i:]
		if _, ok := checkdigit.Luhn(s); ok {
			t.Fatalf("Luhn(%q) accepted", s)
		}
		if _, ok := checkdigit.Mod731(s); ok {
			t.Fatalf("Mod731(%q) accepted", s)
		}
		if _, ok := checkdigit.Mod11(s, []int{2, 3, 4, 5, 6, 7}); ok {
			t.Fatalf("Mod11(%q) accepted", s)
		}
		if bad < 'A' || bad > 'Z' {
			if _, ok := checkdigit.Mod97("RF", s); ok {
				t.Fatalf("Mod97(RF, %q) accepted", s)
			}
		} else if _, ok := checkdigit.Mod97("RF", s); !ok {
			t.Fatalf("Mod97(RF, %q) refused letters", s)
		}
	})
}
