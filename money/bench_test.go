package money_test

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/dunning-go/dunning/money"
)

// docs/design.md sets no numeric target for money; these benchmarks show what the
// building blocks of every calculator and letter cost, so a regression is visible.

var (
	sinkMoney  money.Money
	sinkString string
	sinkParts  []money.Money
)

// BenchmarkAdd measures adding two amounts of the same currency (two decimals with
// the same exponent: one big.Int addition), the inner step of every sum.
func BenchmarkAdd(b *testing.B) {
	x, y := money.MustNew("1234.56", money.EUR), money.MustNew("0.44", money.EUR)
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, _ = x.Add(y)
	}
}

// BenchmarkNew measures parsing a typical amount string, as reading a host's invoice
// lines does.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney, _ = money.New("1234.56", money.EUR)
	}
}

// BenchmarkFormat measures formatting one amount for a Danish letter: language
// matching, digit grouping and symbol placement.
func BenchmarkFormat(b *testing.B) {
	m := money.MustNew("-1234567.89", money.DKK)
	b.ReportAllocs()
	for b.Loop() {
		sinkString = m.Format(language.Danish)
	}
}

// BenchmarkPercent measures a percentage with rounding, the shape of a fee or a
// simple interest amount.
func BenchmarkPercent(b *testing.B) {
	m := money.MustNew("1234.56", money.EUR)
	pct := dec("8.125")
	p := money.PolicyFor(money.EUR, money.HalfAwayFromZero)
	b.ReportAllocs()
	for b.Loop() {
		sinkMoney = m.Percent(pct, p)
	}
}

// BenchmarkSplit12 measures splitting an amount into 12 instalments.
func BenchmarkSplit12(b *testing.B) {
	m := money.MustNew("10000.00", money.EUR)
	b.ReportAllocs()
	for b.Loop() {
		sinkParts, _ = m.Split(12)
	}
}
