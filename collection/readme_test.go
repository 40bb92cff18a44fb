package collection_test

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README's tour from Example_tour")

// TestReadmeTourIsTheExample: the README's "A ten-minute tour" code block is the
// body of Example_tour, line for line (its output included), so the README's code
// compiles, handles its errors and prints what it says. Run with -update-readme
// to rewrite the block after changing the example.
func TestReadmeTourIsTheExample(t *testing.T) {
	src, err := os.ReadFile("example_tour_test.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	start := strings.Index(s, "func Example_tour() {\n")
	end := strings.Index(s[start:], "\n}\n")
	if start < 0 || end < 0 {
		t.Fatal("no Example_tour in example_tour_test.go")
	}
	var body []string
	for _, ln := range strings.Split(s[start+len("func Example_tour() {\n"):start+end], "\n") {
		body = append(body, strings.TrimPrefix(ln, "\t"))
	}
	want := strings.Join(body, "\n") + "\n"

	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	r := string(readme)
	sec := strings.Index(r, "## A ten-minute tour")
	if sec < 0 {
		t.Fatal(`README.md has no "## A ten-minute tour"`)
	}
	open := strings.Index(r[sec:], "```go\n")
	if open < 0 {
		t.Fatal("the tour has no ```go block")
	}
	from := sec + open + len("```go\n")
	to := strings.Index(r[from:], "```\n")
	if to < 0 {
		t.Fatal("the tour's code block is not closed")
	}
	got := r[from : from+to]
	if got == want {
		return
	}
	if *updateReadme {
		if err := os.WriteFile("../README.md", []byte(r[:from]+want+r[from+to:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's tour is not Example_tour's body (go test ./collection -run TestReadmeTourIsTheExample -update-readme rewrites it):\n--- README\n%s\n--- Example_tour\n%s", got, want)
}
