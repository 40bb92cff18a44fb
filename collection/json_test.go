package collection_test

import (
	"encoding/json"
	"testing"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/stretchr/testify/require"
)

// TestCaseJSONRoundTrip checks that a Case with every field set survives JSON, the
// form a document or SQL store may keep it in.
func TestCaseJSONRoundTrip(t *testing.T) {
	want := storetest.Full("c1")
	want.Version = 7
	b, err := json.Marshal(want)
	require.NoError(t, err)
	var got collection.Case
	require.NoError(t, json.Unmarshal(b, &got))
	if d := storetest.Equal(want, got); d != "" {
		t.Fatalf("JSON round trip (-want +got):\n%s", d)
	}
}

func TestEnumsText(t *testing.T) {
	for s := collection.StatusActive; s <= collection.StatusDeleted; s++ {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back collection.Status
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, s, back)
	}
	_, err := collection.Status(0).MarshalText()
	require.Error(t, err)
	_, err = collection.ParseStage("nope")
	require.Error(t, err)
	require.Equal(t, "locked", collection.ClaimLocked.String())
	require.Equal(t, "court-fee", collection.ChargeCourtFee.String())
}
