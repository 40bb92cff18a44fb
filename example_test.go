package dunning_test

import (
	"errors"
	"fmt"

	"github.com/dunning-go/dunning"
)

// A host checks a debtor it imported before opening a case, and shows every problem at once.
func ExampleParty_Validate() {
	debtor := dunning.Party{
		ID:           "D-17",
		Name:         "Karin Berg",
		Kind:         dunning.Consumer,
		Jurisdiction: dunning.SE,
		Email:        "karin.berg@",
		Phone:        "+46 70 123 45 67",
	}
	err := debtor.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, dunning.ErrInvalid))
	// Output:
	// Party.Email "karin.berg@": is not a bare e-mail address such as name@example.com
	// true
}

func ExampleParseJurisdiction() {
	j, err := dunning.ParseJurisdiction("no")
	if err != nil {
		panic(err)
	}
	fmt.Println(j, j.Name(), j.Language(), j.CurrencyCode(), j.TimeZone())
	// Output: NO Norway nb NOK Europe/Oslo
}
