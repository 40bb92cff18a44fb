package memstore_test

import (
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
)

// TestConformance runs the Store conformance suite against memstore.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) collection.Store { return memstore.New() })
}

// TestZeroStore checks that the zero Store is usable too.
func TestZeroStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) collection.Store { return new(memstore.Store) })
}
