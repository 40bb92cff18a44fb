package letters_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dunning-go/dunning/letters"
	"github.com/stretchr/testify/require"
)

// A message made from a letter goes out at once (zero SendAt); SendAt is
// additive in JSON: left out when zero, kept exactly when set.
func TestMessage_SendAt(t *testing.T) {
	m := letters.Letter{Subject: "s", Text: "t"}.Message("c1/0/2", letters.Email, "a@example.dk")
	require.True(t, m.SendAt.IsZero(), "a letter's message is sent at once")
	b, err := json.Marshal(m)
	require.NoError(t, err)
	require.False(t, strings.Contains(string(b), "SendAt"), "a zero SendAt is left out: %s", b)

	m.SendAt = time.Date(2025, 3, 3, 7, 0, 0, 0, time.UTC)
	b, err = json.Marshal(m)
	require.NoError(t, err)
	require.Contains(t, string(b), `"SendAt":"2025-03-03T07:00:00Z"`)
	var back letters.Message
	require.NoError(t, json.Unmarshal(b, &back))
	require.True(t, back.SendAt.Equal(m.SendAt))

	var old letters.Message // a message stored before the field existed
	require.NoError(t, json.Unmarshal([]byte(`{"ID":"x","Channel":"email"}`), &old))
	require.True(t, old.SendAt.IsZero())
}
