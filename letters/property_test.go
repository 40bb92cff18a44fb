package letters

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dunning-go/dunning/money"
	"pgregory.net/rapid"
)

// amountPattern matches an amount with two decimals as lang writes it, not followed
// by a percent sign (rates) or another digit.
func amountPattern(l lang) *regexp.Regexp {
	group, dec := ".", ","
	switch l {
	case langSV, langNB, langFI:
		group = "\u00a0"
	case langEN:
		group, dec = ",", "."
	}
	g, d := regexp.QuoteMeta(group), regexp.QuoteMeta(dec)
	return regexp.MustCompile(`(?:^|[^\d` + g + d + `])(\d{1,3}(?:` + g + `\d{3})*` + d + `\d{2})(?:[^\d%\x{00a0}]|\x{00a0}[^%]|$)`)
}

// parseAmount is the small parser of the property: it reads an amount written by
// lang back into Money.
func parseAmount(t *rapid.T, l lang, s string, c money.Currency) money.Money {
	group, dec := ".", ","
	switch l {
	case langSV, langNB, langFI:
		group = "\u00a0"
	case langEN:
		group, dec = ",", "."
	}
	s = strings.ReplaceAll(s, group, "")
	s = strings.Replace(s, dec, ".", 1)
	m, err := money.New(s, c)
	if err != nil {
		t.Fatalf("cannot parse %q back: %v", s, err)
	}
	return m
}

// TestPropertyAmountsPrintedAreTheFigures: every amount a letter prints equals a
// figure of its Data, parsed back from the text; and every figure is printed.
// Random amounts, small and boundary values favoured, in every language.
func TestPropertyAmountsPrintedAreTheFigures(t *testing.T) {
	r := newRenderer(t)
	rapid.Check(t, func(t *rapid.T) {
		l := lang(rapid.IntRange(0, int(numLangs)-1).Draw(t, "lang"))
		kind := rapid.SampledFrom([]Kind{Reminder, CollectionWarning, BalanceStatement, InterestInvoice}).Draw(t, "kind")
		d := SampleData(kind, homeJurisdiction(l))
		cur := d.Currency()
		minor := rapid.OneOf(rapid.Int64Range(0, 1000), rapid.Int64Range(0, 100_000_000_000),
			rapid.SampledFrom([]int64{0, 1, 99, 100, 999, 1000, 99_999, 100_000, 999_999_999}))
		m := func(name string) money.Money {
			x, err := money.FromMinorUnits(minor.Draw(t, name), cur)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		var figures, printed []money.Money // all figures; those the kind must print
		for i := range d.Claims {
			c := &d.Claims[i]
			c.Paid, c.Open = m("paid"), m("open")
			c.Amount, _ = c.Paid.Add(c.Open)
			figures = append(figures, c.Amount, c.Paid, c.Open)
		}
		if kind != InterestInvoice { // an interest invoice shows the interest calculation only
			printed = append(printed, figures...)
		}
		for i := range d.Fees {
			d.Fees[i].Amount = m("fee")
			figures = append(figures, d.Fees[i].Amount)
		}
		for i := range d.Interest.Segments {
			s := &d.Interest.Segments[i]
			s.Balance, s.Amount = m("balance"), m("interest")
			figures = append(figures, s.Balance, s.Amount)
			printed = append(printed, s.Balance, s.Amount)
		}
		d.Interest.Total = m("interestTotal")
		d.CostIfUnpaid = m("cost")
		d.CostVAT = money.Money{}
		d.Total, _ = d.sum()
		figures = append(figures, d.Interest.Total, d.Total, d.CostIfUnpaid)
		printed = append(printed, d.Interest.Total, d.Total)
		if kind == CollectionWarning {
			printed = append(printed, d.CostIfUnpaid)
		}

		letter, err := r.Render(kind, l.tag(), d)
		if err != nil {
			t.Fatal(err)
		}
		_, html, _ := strings.Cut(letter.HTML, "</style>") // not the style sheet's numbers
		for _, out := range []string{letter.Text, html} {
			for _, f := range printed {
				if !strings.Contains(out, f.FormatNumber(l.tag())) {
					t.Fatalf("figure %s (%q) is not printed", f, f.FormatNumber(l.tag()))
				}
			}
			for _, match := range amountPattern(l).FindAllStringSubmatch(out, -1) {
				got := parseAmount(t, l, match[1], cur)
				found := false
				for _, f := range figures {
					if f.Equal(got) {
						found = true
						break
					}
				}
				if !found {
					t.Fatalf("printed amount %q (%s) is none of the letter's figures", match[1], got)
				}
			}
		}
	})
}

// TestTotalAddsUpAgreesWithDecimals: the minor-unit check of Data.Total that Validate
// tries first gives the decimal sum's answer whenever it says yes, and says yes for
// every total that adds up at the currency's scale (amounts of 0 to 15 digits, in
// currencies of 0, 2 and 3 decimals).
func TestTotalAddsUpAgreesWithDecimals(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		cur := rapid.SampledFrom([]money.Currency{money.DKK, money.EUR, "JPY", "KWD"}).Draw(rt, "currency")
		amount := func(name string) money.Money {
			n := rapid.OneOf(rapid.Int64Range(-1000, 100000), rapid.Int64Range(-999_999_999_999_999, 999_999_999_999_999)).Draw(rt, name)
			m, err := money.FromMinorUnits(n, cur)
			if err != nil {
				rt.Fatal(err)
			}
			return m
		}
		d := SampleData(Reminder, "DK")
		d.Claims, d.Fees, d.Costs = d.Claims[:0:0], nil, nil
		d.Total = money.Zero(cur) // the letter's currency, for d.sum
		for range rapid.IntRange(1, 4).Draw(rt, "claims") {
			d.Claims = append(d.Claims, Claim{Invoice: "1", Amount: amount("amount"), Open: amount("open")})
		}
		for range rapid.IntRange(0, 2).Draw(rt, "fees") {
			d.Fees = append(d.Fees, Charge{Amount: amount("fee")})
		}
		d.Interest.Total = money.Money{}
		if rapid.Bool().Draw(rt, "interest") {
			d.Interest.Total = amount("interest")
		}
		sum, err := d.sum()
		if err != nil {
			rt.Fatal(err)
		}
		d.Total = sum
		if rapid.Bool().Draw(rt, "off by one") {
			one, _ := money.FromMinorUnits(1, cur)
			d.Total, _ = d.Total.Add(one)
		}
		want := d.Total.Equal(sum)
		got := d.totalAddsUp()
		if got && !want {
			rt.Fatalf("totalAddsUp = true, decimal sum %s ≠ total %s", sum, d.Total)
		}
		if want && d.Total.Amount().NumDigits() <= 15 && !got {
			rt.Fatalf("totalAddsUp = false for a total that adds up: %s", d.Total)
		}
	})
}
