package storetest_test

import (
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
)

// Hosts run the suite from a test of their own Store; here against memstore.
func ExampleRun() {
	// In a _test.go file of the host:
	_ = func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) collection.Store { return memstore.New() })
	}
}
