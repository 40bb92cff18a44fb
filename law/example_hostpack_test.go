package law_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/law"
	"github.com/dunning-go/dunning/money"
)

// Example_hostPack is the README's host law pack: the law of a country the SDK
// does not ship, given to the Service as plain values.
func Example_hostPack() {
	from := date.MustNew(2025, 1, 1)
	eur := func(s string) money.Money { return money.MustNew(s, money.EUR) }
	src := "the host's reading of the law" // a figure without a Status is UNVERIFIED
	be, err := law.New(law.Spec{Code: "BE", Name: "Belgium", Currency: money.EUR,
		Reminders: []fees.ReminderRule{{From: from, Cap: eur("7.50"), MaxFees: 2, MinDaysBetween: 14, Source: src}},
		Interest: []law.StatutoryInterest{{Kind: dunning.Business, Convention: interest.Convention{DayCount: interest.Actual365Fixed},
			Rows: []interest.Row{{From: from, Reference: decimal.RequireFromString("2.15"), Margin: decimal.NewFromInt(8), Source: src}}}},
		Notices: []fees.NoticeRule{{Notice: fees.CollectionWarning, MinDays: 15, Counting: fees.FromDispatch}}})
	if err != nil {
		panic(err)
	}
	svc, err := collection.New(memstore.New(), collection.Options{Laws: []*law.Pack{be}})
	if err != nil {
		panic(err)
	}
	f, _ := svc.Flow("standard") // flow names match in any letter case
	rule, _ := be.ReminderRule(dunning.Business, from, from.AddDays(30))
	fmt.Println(be, "-", f.Name(), "flow; reminder fee cap", rule.Cap, rule.Status)
	// Output:
	// BE (Belgium) - Standard flow; reminder fee cap 7.50 EUR UNVERIFIED
}
