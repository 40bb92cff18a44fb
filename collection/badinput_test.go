package collection_test

import (
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/memstore"
	"github.com/dunning-go/dunning/collection/storetest"
)

// TestBadInput runs the bad-input table of issue 21 (storetest.RunBadInput)
// through a Service over memstore: every command refuses NUL bytes, invalid
// UTF-8, 1 MiB strings, CR/LF in headers, absurd amounts, dates, postal days,
// rates and recipients with the *dunning.FieldError the table names, before it
// reads the store, and changes nothing.
func TestBadInput(t *testing.T) {
	storetest.RunBadInput(t, func(*testing.T) collection.Store { return memstore.New() })
}
