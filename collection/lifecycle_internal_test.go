package collection

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// lifecycleDoc renders the lifecycle table as the package doc prints it.
func lifecycleDoc() string {
	var b strings.Builder
	fmt.Fprintf(&b, "//\t%-18s %-11s %-46s %s\n", "command", "needs", "refused in", "what it does")
	for _, t := range lifecycle {
		needs, refuses := "-", "-"
		if t.needs != 0 {
			needs = t.needs.String()
		}
		if t.refuses != 0 {
			refuses = t.refuses.String()
		}
		fmt.Fprintf(&b, "//\t%-18s %-11s %-46s %s\n", t.op, needs, refuses, t.effects)
	}
	return b.String()
}

// TestLifecycleTableIsInTheDoc: the package doc's lifecycle table is the table
// the commands ask (lifecycle), written down once.
func TestLifecycleTableIsInTheDoc(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if want := lifecycleDoc(); !strings.Contains(string(doc), want) {
		t.Fatalf("doc.go does not hold the lifecycle table; it should read:\n%s", want)
	}
}

// TestEveryCommandHasALifecycleRow: allow panics on an op without a row, so every
// op a command passes must have one; and no two rows share an op.
func TestEveryCommandHasALifecycleRow(t *testing.T) {
	seen := map[string]bool{}
	for _, tr := range lifecycle {
		if seen[tr.op] {
			t.Fatalf("two rows for %q", tr.op)
		}
		seen[tr.op] = true
		if tr.effects == "" {
			t.Fatalf("row %q says nothing of what the command does", tr.op)
		}
	}
	src, err := os.ReadFile("commands.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"commands.go", "plans.go", "court.go", "payments.go", "agency.go", "service.go", "batch.go"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, b...)
	}
	for _, part := range strings.Split(string(src), "s.allow(")[1:] {
		q := strings.Index(part, `"`)
		end := strings.Index(part[q+1:], `"`)
		if op := part[q+1 : q+1+end]; !seen[op] {
			t.Fatalf("a command asks allow for %q, which has no row", op)
		}
	}
}
