package memstore_test

import (
	"context"
	"fmt"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
)

// A Save is accepted only at the version the case was loaded at.
func Example() {
	ctx := context.Background()
	s := memstore.New()
	v, _ := s.Save(ctx, collection.Case{ID: "c1", Status: collection.StatusActive}, []collection.Event{{CaseID: "c1", Seq: 1, Type: collection.EventOpened}}, nil)
	fmt.Println("saved version", v)

	stale := collection.Case{ID: "c1", Version: 0}
	_, err := s.Save(ctx, stale, nil, nil)
	fmt.Println(err)

	for e, err := range s.Events(ctx, "c1") {
		if err != nil {
			panic(err)
		}
		fmt.Println(e.Seq, e.Type)
	}
	// Output:
	// saved version 1
	// collection: case "c1": version 0 is stale, stored is 1
	// 1 case.opened
}
