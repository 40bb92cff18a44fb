package checkdigit

// luhnDoubled maps a digit to the digit sum of its double: 0 1 2 3 4 5 6 7 8 9 become
// 0 2 4 6 8 1 3 5 7 9. It is a permutation of the digits, which is why Luhn detects
// every single-digit error. A constant, so that it cannot be changed.
const luhnDoubled = "0246813579"

// Luhn returns the Luhn (MOD10) check digit, '0' to '9', to append to digits: from the
// right, the digits are weighted 2,1,2,1,..., the digit sums of the products are added,
// and the check digit is (10 - sum mod 10) mod 10. It reports false when digits is
// empty or has a byte other than '0' to '9'.
//
// Guarantee: with the check digit appended, changing any single digit, the check digit
// included, is always detected, because doubling is a permutation of the digits
// (luhnDoubled). Swapping two adjacent different digits a and b is detected unless they
// are 0 and 9: the swap changes the sum by g(a)-g(b) where g(x) is x for x < 5 and
// x-9 otherwise, and g(0) = g(9) = 0 is the only collision mod 10.
func Luhn(digits string) (byte, bool) {
	if digits == "" {
		return 0, false
	}
	sum := 0
	double := true // the digit next to the check digit is doubled
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if double {
			c = luhnDoubled[c-'0']
		}
		sum += int(c - '0')
		double = !double
	}
	return byte('0' + (10-sum%10)%10), true
}

// ValidLuhn reports whether s is a payload of at least one digit followed by its
// [Luhn] check digit.
func ValidLuhn(s string) bool { return endsWithCheck(s, Luhn) }

// Mod11 returns the weighted modulus-11 check value of digits: 11 minus the remainder
// by 11 of the sum of each digit times its weight, a number from 1 to 11. weights[0]
// weighs the rightmost digit (the one next to the check digit), weights[1] the one
// before it, and so on, starting again at weights[0] when digits is longer than
// weights; weights published left to right over a fixed length are passed reversed.
// It reports false when digits is empty or has a byte other than '0' to '9', or when
// weights is empty. Weights are taken modulo 11, so any int is safe.
//
// 1 to 9 are the check digit. 10 and 11 are the caller's to map, because the schemes
// differ: 11 is 0 in every scheme of the SDK; 10 is "-" for a Norwegian KID MOD11 and
// means "no valid number" (never issued) for CVR, the Norwegian organisasjonsnummer and
// the Finnish Y-tunnus. Validation is the caller's too: compute over the payload and
// compare with the check character under its own mapping.
//
// Guarantee, for a mapping that gives different check characters to different values
// (or rejects 10): with the check digit appended, which counts with weight 1, changing
// any single digit whose weight is not a multiple of 11 is detected, since 11 is prime
// and a digit changes by 1 to 9; swapping two adjacent different digits is detected
// when their weights differ modulo 11. With weights 2,3,4,5,6,7 both always hold.
func Mod11(digits string, weights []int) (int, bool) {
	if digits == "" || len(weights) == 0 {
		return 0, false
	}
	sum, j := 0, 0
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		w := weights[j] % 11
		if w < 0 {
			w += 11
		}
		sum += int(c-'0') * w // at most 9*10 per digit: no overflow
		if j++; j == len(weights) {
			j = 0
		}
	}
	return 11 - sum%11, true
}

// Mod731 returns the 7-3-1 check digit, '0' to '9', to append to digits: from the
// right, the digits are weighted 7,3,1,7,3,1,..., and the check digit is
// (10 - sum mod 10) mod 10. It is the check digit of the Finnish national reference
// (viitenumero). It reports false when digits is empty or has a byte other than '0' to
// '9'. Leading zeros add nothing to the sum.
//
// Guarantee: with the check digit appended (weights 1,7,3,1,7,3,... from the right),
// changing any single digit is detected, as 1, 3 and 7 are units modulo 10. Swapping
// two adjacent different digits a and b is detected unless they differ by 5: the sum
// changes by (a-b) times a weight difference of 2, 4 or 6, which is 0 modulo 10 only
// when a-b is a multiple of 5.
func Mod731(digits string) (byte, bool) {
	if digits == "" {
		return 0, false
	}
	weights := [3]int{7, 3, 1}
	sum, j := 0, 0
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += int(c-'0') * weights[j]
		if j++; j == len(weights) {
			j = 0
		}
	}
	return byte('0' + (10-sum%10)%10), true
}

// ValidMod731 reports whether s is a payload of at least one digit followed by its
// [Mod731] check digit.
func ValidMod731(s string) bool { return endsWithCheck(s, Mod731) }

// endsWithCheck reports whether the last byte of s is the check digit compute gives for
// the rest, which must be at least one byte.
func endsWithCheck(s string, compute func(string) (byte, bool)) bool {
	if len(s) < 2 {
		return false
	}
	c, ok := compute(s[:len(s)-1])
	return ok && c == s[len(s)-1]
}

// Mod97 returns the two ISO 7064 MOD 97-10 check digits, "02" to "98" as ASCII, of the
// number code + check digits + body, as ISO 11649 (code "RF") and ISO 13616 (an
// IBAN's country code) compute them: the first four characters are moved to the end
// with the check digits as "00", each of 0-9 stands for itself and each of A-Z for 10
// to 35, and the check digits are 98 minus the remainder of that number by 97. code
// must be two characters and body at least one, all '0' to '9' or 'A' to 'Z' (upper
// case only); otherwise Mod97 reports false.
//
// Guarantee: with the check digits in place, changing a digit to another digit or a
// letter to another letter, anywhere, is detected: the number changes by k*10^e with
// 1 <= |k| <= 25, never a multiple of the prime 97. Swapping two adjacent different
// digits of the body, or the two check digits, is detected: the number changes by
// (a-b)*9*10^e. Changing a digit to a letter or back changes the length of the number
// and is not guaranteed, nor is swapping a letter with a digit ("B1" and "1B" give the
// same remainder).
func Mod97(code, body string) ([2]byte, bool) {
	if len(code) != 2 || body == "" {
		return [2]byte{}, false
	}
	r, ok := mod97(0, body)
	if !ok {
		return [2]byte{}, false
	}
	if r, ok = mod97(r, code); !ok {
		return [2]byte{}, false
	}
	cd := 98 - r*100%97 // the "00" placeholder shifts the remainder by two places
	return [2]byte{byte('0' + cd/10), byte('0' + cd%10)}, true
}

// ValidMod97 reports whether s is a two-character code, two check digits from 02 to 98
// and a body of at least one character, all '0' to '9' or 'A' to 'Z', whose ISO 7064
// MOD 97-10 remainder with the first four characters moved to the end is 1: exactly
// when the check digits are what [Mod97] returns for the code and body. Check digits
// 00, 01 and 99 are rejected even though they would leave remainder 1 (they alias 97,
// 98 and 02; ISO 13616 allows 02 to 98 only).
func ValidMod97(s string) bool {
	if len(s) < 5 || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	if cd := int(s[2]-'0')*10 + int(s[3]-'0'); cd < 2 || cd > 98 {
		return false
	}
	r, ok := mod97(0, s[4:])
	if !ok {
		return false
	}
	r, ok = mod97(r, s[:4])
	return ok && r == 1
}

// mod97 continues the MOD 97-10 remainder r (0 to 96) over the characters of s, 0-9
// standing for themselves and A-Z for 10 to 35 (two decimal places), and reports false
// for any other byte. It reduces only when the running value nears the top of a uint64
// (below 10^16 before each step, at most 10^18 after), not at every character.
func mod97(r int, s string) (int, bool) {
	v := uint64(r)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			v = v*10 + uint64(c-'0')
		case c >= 'A' && c <= 'Z':
			v = v*100 + uint64(c-'A') + 10
		default:
			return 0, false
		}
		if v >= 1e16 {
			v %= 97
		}
	}
	return int(v % 97), true
}
