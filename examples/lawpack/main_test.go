package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun: the case runs on the host's Belgian pack: its reminder fee (two at
// most), its compensation, its interest, and a warning that gives its 15 days.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(t.Context(), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"2025-03-06  reminder           fee 7.50 EUR",
		"2025-03-30  collection-warning fee 7.50 EUR",
		"2025-04-15  demand-letter", // the day after the warning's 15 days
		"compensation          40.00 EUR  Directive 2011/7/EU Art. 6 (VERIFIED)",
		"statutory interest: host research (illustration) (UNVERIFIED)",
		"owed: 2493.86 EUR",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "fee 7.50 EUR"); n != 2 {
		t.Errorf("%d fee-bearing steps, want the pack's 2", n)
	}
}
