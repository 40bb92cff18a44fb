package checkdigit_test

import (
	"fmt"

	"github.com/dunning-go/dunning/internal/checkdigit"
)

// Example generates a Norwegian KID with a MOD10 (Luhn) check digit and validates it
// and a mistyped copy.
func Example() {
	c, _ := checkdigit.Luhn("60224")
	kid := "60224" + string(c)
	fmt.Println(kid, checkdigit.ValidLuhn(kid), checkdigit.ValidLuhn("602234"))
	// Output: 602243 true false
}

// ExampleMod11 shows the caller deciding what the check values 10 and 11 mean: a KID
// MOD11 prints 10 as "-", a Norwegian organisasjonsnummer (published weights
// 3 2 7 6 5 4 3 2, passed reversed) has no valid number with check value 10.
func ExampleMod11() {
	kid := func(payload string) string {
		c, _ := checkdigit.Mod11(payload, []int{2, 3, 4, 5, 6, 7})
		switch c {
		case 10:
			return payload + "-"
		case 11:
			return payload + "0"
		}
		return payload + fmt.Sprint(c)
	}
	fmt.Println(kid("1234"), kid("036536"))

	c, _ := checkdigit.Mod11("92360901", []int{2, 3, 4, 5, 6, 7, 2, 3})
	fmt.Println("Equinor ASA 92360901 check value", c)
	// Output:
	// 12343 036536-
	// Equinor ASA 92360901 check value 6
}

// ExampleMod731 computes a Finnish national reference.
func ExampleMod731() {
	c, _ := checkdigit.Mod731("123456")
	fmt.Println("123456" + string(c))
	// Output: 1234561
}

// ExampleMod97 builds an RF creditor reference and validates an IBAN with the same
// arithmetic.
func ExampleMod97() {
	cd, _ := checkdigit.Mod97("RF", "539007547034")
	fmt.Println("RF" + string(cd[:]) + "539007547034")
	fmt.Println(checkdigit.ValidMod97("GB82WEST12345698765432"), checkdigit.ValidMod97("GB28WEST12345698765432"))
	// Output:
	// RF18539007547034
	// true false
}
