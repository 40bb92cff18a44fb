package money_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/dunning-go/dunning/money"
)

func ExampleNew() {
	m, err := money.New("12.5", money.EUR)
	fmt.Println(m, err)

	_, err = money.New("10.005", money.EUR)
	fmt.Println(err)
	fmt.Println(errors.Is(err, money.ErrTooPrecise))

	fmt.Println(money.MustNew("1000", money.JPY), money.MustNew("1", "KWD"))
	// Output:
	// 12.50 EUR <nil>
	// money: "10.005" has 3 fraction digits, EUR allows 2
	// true
	// 1000 JPY 1.000 KWD
}

func ExampleFromDecimal() {
	// Interest computed exactly, rounded once at the end.
	interest := decimal.RequireFromString("1234.5678")
	half, _ := money.FromDecimal(interest, money.EUR, money.RoundingPolicy{Scale: 2, Mode: money.HalfAwayFromZero})
	down, _ := money.FromDecimal(interest, money.EUR, money.PolicyFor(money.EUR, money.Down))
	// A Scale above the currency's minor units is capped to them.
	capped, _ := money.FromDecimal(decimal.RequireFromString("2.5"), money.JPY, money.RoundingPolicy{Scale: 2, Mode: money.HalfEven})
	fmt.Println(half, down, capped)
	// Output: 1234.57 EUR 1234.56 EUR 2 JPY
}

func ExampleMoney_Add() {
	var total money.Money // the zero value starts a sum in any currency
	for _, s := range []string{"100.00", "25.50", "-10.25"} {
		total, _ = total.Add(money.MustNew(s, money.DKK))
	}
	fmt.Println(total)

	_, err := total.Add(money.MustNew("1", money.EUR))
	fmt.Println(err)
	// Output:
	// 115.25 DKK
	// money: cannot add EUR to DKK: currency mismatch
}

func ExampleMoney_Split() {
	parts, _ := money.MustNew("100.00", money.EUR).Split(3)
	fmt.Println(parts)
	parts, _ = money.MustNew("-0.05", money.EUR).Split(3)
	fmt.Println(parts)
	// Output:
	// [33.34 EUR 33.33 EUR 33.33 EUR]
	// [-0.02 EUR -0.02 EUR -0.01 EUR]
}

func ExampleMoney_Allocate() {
	// Share a payment 70:20:10 between principal, interest and costs.
	parts, _ := money.MustNew("99.99", money.SEK).Allocate(70, 20, 10)
	fmt.Println(parts)
	// Output: [69.99 SEK 20.00 SEK 10.00 SEK]
}

func ExampleMoney_Percent() {
	fee := money.MustNew("1234.56", money.EUR).Percent(decimal.RequireFromString("8"), money.PolicyFor(money.EUR, money.HalfAwayFromZero))
	fmt.Println(fee)
	// Output: 98.76 EUR
}

func ExampleMoney_Format() {
	dkk := money.MustNew("-1234.50", money.DKK)
	eur := money.MustNew("1234.50", money.EUR)
	for _, lang := range []string{"da", "sv", "nb", "de", "nl", "fi", "en"} {
		tag := language.MustParse(lang)
		// U+00A0 and U+2212 are shown as "_" and "−" here.
		line := dkk.Format(tag) + " | " + eur.Format(tag)
		fmt.Println(lang, strings.ReplaceAll(line, "\u00a0", "_"))
	}
	// Output:
	// da -1.234,50_kr. | 1.234,50_€
	// sv −1_234,50_Dkr | 1_234,50_€
	// nb −1_234,50_DKK | 1_234,50_€
	// de -1.234,50_DKK | 1.234,50_€
	// nl DKK_-1.234,50 | €_1.234,50
	// fi −1_234,50_DKK | 1_234,50_€
	// en -DKK_1,234.50 | €1,234.50
}

func ExampleMoney_MarshalJSON() {
	b, _ := json.Marshal(money.MustNew("12.5", money.EUR))
	fmt.Println(string(b))

	var m money.Money
	err := json.Unmarshal([]byte(`{"amount":12.5,"currency":"EUR"}`), &m)
	fmt.Println(err)
	// Output:
	// {"amount":"12.50","currency":"EUR"}
	// money: JSON amount 12.5 must be a string such as "12.50": money: invalid amount
}

func ExampleRoundingPolicy_Quo() {
	// 10 EUR of annual interest, for 45 of 365 days: 10 × 45 / 365, rounded once.
	p := money.PolicyFor(money.EUR, money.HalfEven)
	q, _ := p.Quo(decimal.RequireFromString("450"), decimal.RequireFromString("365"))
	fmt.Println(q)
	_, err := p.Quo(decimal.RequireFromString("1"), decimal.Zero)
	fmt.Println(errors.Is(err, money.ErrDivisionByZero))
	// Output:
	// 1.23
	// true
}

func ExampleParseCurrency() {
	c, err := money.ParseCurrency("KWD")
	digits, _ := c.MinorUnits()
	fmt.Println(c, digits, err)
	_, err = money.ParseCurrency("XAU")
	fmt.Println(err)
	// Output:
	// KWD 3 <nil>
	// money: currency "XAU" has no minor unit in ISO 4217 ("N.A."), so it cannot hold an amount
}
