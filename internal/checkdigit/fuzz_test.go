package checkdigit_test

import (
	"math/big"
	"strconv"
	"testing"

	"github.com/dunning-go/dunning/internal/checkdigit"
)

// The fuzz targets hold each method to its definition on any input: Valid(s) exactly
// when compute(s without its check) equals the check, and both agree with a second,
// independent formulation written here from the textbook definition over the whole
// number. Nothing may panic.

func allIn(s, alphabet string) bool {
	for i := 0; i < len(s); i++ {
		ok := false
		for j := 0; j < len(alphabet); j++ {
			ok = ok || s[i] == alphabet[j]
		}
		if !ok {
			return false
		}
	}
	return true
}

const digits = "0123456789"

// fuzzSeeds are the vectors' numbers and a few awkward strings.
func fuzzSeeds() []string {
	seeds := []string{"", "0", "00", "-", "0-", "９", "\xff", "12 3", "RF", "RF00", "RF0072", "RF0154", "RF9936", "rf18539007547034"}
	for _, rows := range [][]vector{luhnVectors, mod731Vectors, mod97Vectors} {
		for _, v := range rows {
			seeds = append(seeds, v.number)
		}
	}
	for _, v := range mod11Vectors {
		seeds = append(seeds, v.number)
	}
	return seeds
}

// fuzzCheckDigit holds a method with one check digit to its definition on s: compute
// accepts exactly non-empty digit strings and returns a digit; valid(s) holds exactly
// when compute(s[:n-1]) is s[n-1], and exactly when byDefinition, given s of at least
// two digits, says so.
func fuzzCheckDigit(t *testing.T, s string, compute func(string) (byte, bool), valid, byDefinition func(string) bool) {
	c, ok := compute(s)
	if ok != (s != "" && allIn(s, digits)) || (ok && (c < '0' || c > '9')) {
		t.Fatalf("compute(%q) = %q, %v", s, c, ok)
	}
	got := valid(s)
	byCompute := false
	if n := len(s); n >= 2 {
		c, ok := compute(s[:n-1])
		byCompute = ok && c == s[n-1]
	}
	byDef := len(s) >= 2 && allIn(s, digits) && byDefinition(s)
	if got != byCompute || got != byDef {
		t.Fatalf("valid(%q) = %v; by compute %v, by definition %v", s, got, byCompute, byDef)
	}
}

// FuzzLuhn: the definition is the whole number's sum, every second digit from the
// right doubled and two-digit results replaced by their digit sum, being 0 modulo 10.
func FuzzLuhn(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCheckDigit(t, s, checkdigit.Luhn, checkdigit.ValidLuhn, func(s string) bool {
			sum := 0
			for i := range len(s) {
				d := int(s[len(s)-1-i] - '0')
				if i%2 == 1 {
					d *= 2
					d = d/10 + d%10
				}
				sum += d
			}
			return sum%10 == 0
		})
	})
}

// FuzzMod731: the definition is weights 1,7,3,1,7,3,... from the right over the whole
// number and a sum of 0 modulo 10.
func FuzzMod731(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzCheckDigit(t, s, checkdigit.Mod731, checkdigit.ValidMod731, func(s string) bool {
			sum := 0
			for i := range len(s) {
				sum += int(s[len(s)-1-i]-'0') * [3]int{1, 7, 3}[i%3]
			}
			return sum%10 == 0
		})
	})
}

// FuzzMod11: for any digits and any weights (bytes read as signed), Mod11 accepts
// exactly non-empty digits with at least one weight, returns 1 to 11, and equals
// 11 - (sum mod 11) computed without reducing the weights first.
func FuzzMod11(f *testing.F) {
	for _, v := range mod11Vectors {
		w := make([]byte, len(v.weights))
		for i, x := range v.weights {
			w[i] = byte(x)
		}
		f.Add(v.number, w)
	}
	for _, s := range fuzzSeeds() {
		f.Add(s, []byte{2, 3, 4, 5, 6, 7})
		f.Add(s, []byte{})
		f.Add(s, []byte{0, 0xff, 11, 0x80})
	}
	f.Fuzz(func(t *testing.T, s string, wb []byte) {
		weights := make([]int, len(wb))
		for i, b := range wb {
			weights[i] = int(int8(b))
		}
		c, ok := checkdigit.Mod11(s, weights)
		if want := s != "" && allIn(s, digits) && len(weights) > 0; ok != want {
			t.Fatalf("Mod11(%q, %v) ok = %v, want %v", s, weights, ok, want)
		}
		if !ok {
			return
		}
		sum := 0
		for i := range len(s) {
			sum += int(s[len(s)-1-i]-'0') * weights[i%len(weights)]
		}
		if want := 11 - ((sum%11)+11)%11; c != want {
			t.Fatalf("Mod11(%q, %v) = %d, want %d", s, weights, c, want)
		}
	})
}

// mod97Value is the textbook ISO 7064 MOD 97-10 number of s: letters replaced by
// 10..35 in decimal, as one big integer.
func mod97Value(s string) *big.Int {
	var dec []byte
	for i := 0; i < len(s); i++ {
		if s[i] <= '9' {
			dec = append(dec, s[i])
		} else {
			dec = strconv.AppendInt(dec, int64(s[i]-'A'+10), 10)
		}
	}
	n, _ := new(big.Int).SetString(string(dec), 10)
	return n
}

// FuzzMod97: ValidMod97(s) holds exactly when Mod97(s[:2], s[4:]) gives s[2:4], and
// exactly when s is code, two check digits 02..98 and a body, all 0-9 A-Z, and the big
// number of s[4:]+s[:4] leaves remainder 1 by 97.
func FuzzMod97(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := checkdigit.ValidMod97(s)
		byCompute := false
		if len(s) >= 4 {
			cd, ok := checkdigit.Mod97(s[:2], s[4:])
			byCompute = ok && string(cd[:]) == s[2:4]
			if ok {
				if v, err := strconv.Atoi(string(cd[:])); err != nil || v < 2 || v > 98 {
					t.Fatalf("Mod97(%q, %q) = %q", s[:2], s[4:], cd[:])
				}
			}
		}
		byDefinition := false
		if len(s) >= 5 && allIn(s, alnum) && allIn(s[2:4], digits) {
			cd, _ := strconv.Atoi(s[2:4])
			rem := new(big.Int).Mod(mod97Value(s[4:]+s[:4]), big.NewInt(97))
			byDefinition = cd >= 2 && cd <= 98 && rem.Int64() == 1
		}
		if valid != byCompute || valid != byDefinition {
			t.Fatalf("ValidMod97(%q) = %v; by compute %v, by definition %v", s, valid, byCompute, byDefinition)
		}
	})
}
