package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// runQuick runs the program with 100 invoices for 60 days into a temporary folder and
// returns what it printed and the folder.
func runQuick(t *testing.T, extra ...string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(append([]string{"-invoices", "100", "-days", "60", "-out", dir}, extra...), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String(), dir
}

// number returns the integer that re captures in text (its first group).
func number(t *testing.T, text string, re string) int {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("output lacks %s:\n%s", re, text)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sumCounts adds the counts of a line such as "active 3, paused 0, closed 9  (= 12)"
// and returns the sum and the printed total.
func sumCounts(t *testing.T, line string) (sum, total int) {
	t.Helper()
	body, tot, ok := strings.Cut(line, "(= ")
	if !ok {
		t.Fatalf("no total in %q", line)
	}
	for _, part := range strings.Split(body, ",") {
		f := strings.Fields(part)
		n, err := strconv.Atoi(f[len(f)-1])
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		sum += n
	}
	total, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(tot), ")"))
	if err != nil {
		t.Fatal(err)
	}
	return sum, total
}

// TestQuickstart runs a short simulation and checks that the report adds up: one line
// per day, cases by status and by stage sum to the cases opened, the letter table sums
// to the letters sent and to the day lines, at least one first reminder and one
// collection warning went out, every letter was written once and index.html links
// each file. Implements E17 (the daily batch), E22 (the digest).
func TestQuickstart(t *testing.T) {
	out, dir := runQuick(t)

	// One progress line per day, and the daily letters add up to the total.
	dayLine := regexp.MustCompile(`(?m)^\s+(\d+)  (\d{4}-\d\d-\d\d)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$`)
	days := dayLine.FindAllStringSubmatch(out, -1)
	if len(days) != 60 {
		t.Fatalf("%d day lines, want 60:\n%s", len(days), out)
	}
	if days[0][2] != "2025-03-03" || days[59][2] != "2025-05-01" {
		t.Errorf("days run from %s to %s, want 2025-03-03 to 2025-05-01", days[0][2], days[59][2])
	}
	dailyLetters, opened := 0, 0
	for _, d := range days {
		n, _ := strconv.Atoi(d[5])
		dailyLetters += n
		o, _ := strconv.Atoi(d[3])
		opened += o
	}

	cases := number(t, out, `(?m)^Cases opened: (\d+)$`)
	if cases == 0 || cases != opened {
		t.Errorf("cases opened %d, the day lines opened %d", cases, opened)
	}
	invoices := number(t, out, `(?m)^Invoices: (\d+),`)
	onTime := number(t, out, `paid on time without a case: (\d+)`)
	notYet := number(t, out, `not overdue yet: (\d+)`)
	if invoices != 100 || onTime+notYet+cases != invoices {
		t.Errorf("invoices %d = on time %d + not overdue %d + cases %d?", invoices, onTime, notYet, cases)
	}
	for _, label := range []string{"by status:", "by stage: "} {
		line := regexp.MustCompile(`(?m)^  ` + label + `\s*(.*)$`).FindStringSubmatch(out)
		if line == nil {
			t.Fatalf("no %q line", label)
		}
		sum, total := sumCounts(t, line[1])
		if sum != cases || total != cases {
			t.Errorf("cases %s add up to %d (printed %d), want %d", label, sum, total, cases)
		}
	}

	sent := number(t, out, `(?m)^Letters sent: (\d+)`)
	if sent != dailyLetters {
		t.Errorf("letters sent %d, the day lines say %d", sent, dailyLetters)
	}
	if repeats := number(t, out, `repeated deliveries recognised by id: (\d+)`); repeats != 0 {
		t.Errorf("%d messages were delivered twice", repeats)
	}
	rows := regexp.MustCompile(`(?m)^  ([a-z-]+)\s+((?:\d+\s+)+)(\d+)$`).FindAllStringSubmatch(out, -1)
	perKind := map[string]int{}
	tableTotal := 0
	for _, r := range rows {
		n, _ := strconv.Atoi(r[3])
		sum := 0
		for _, f := range strings.Fields(r[2]) {
			v, _ := strconv.Atoi(f)
			sum += v
		}
		if sum != n {
			t.Errorf("letters %s: languages add up to %d, total %d", r[1], sum, n)
		}
		perKind[r[1]] = n
		tableTotal += n
	}
	if tableTotal != sent {
		t.Errorf("letter table adds up to %d, %d sent", tableTotal, sent)
	}
	if perKind["reminder"] == 0 || perKind["collection-warning"] == 0 {
		t.Errorf("want at least one reminder and one collection warning: %v", perKind)
	}
	for _, want := range []string{"Charged (not waived):", "reminder-fee", "Recovered: DKK", "Plans: ", "Offers: ", "For a person (Digest, E22):"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}

	// Every letter is a file, linked from index.html once, and no message id repeats.
	written := number(t, out, `(?m)^Wrote (\d+) letters`)
	if written != sent {
		t.Errorf("wrote %d letters, sent %d", written, sent)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]int{}
	for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(string(index), -1) {
		links[m[1]]++
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(`data-id="([^"]+)"`).FindAllStringSubmatch(string(index), -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("message id %s appears %d times", id, n)
		}
	}
	if len(ids) != sent {
		t.Errorf("index lists %d message ids, %d letters sent", len(ids), sent)
	}
	files := 0
	err = filepath.WalkDir(filepath.Join(dir, "letters"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if links[rel] != 1 {
			t.Errorf("index links %s %d times, want once", rel, links[rel])
		}
		delete(links, rel)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte("Nordhavn VVS ApS")) {
			t.Errorf("%s lacks the letterhead", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != sent {
		t.Errorf("%d files, %d letters sent", files, sent)
	}
	for l := range links {
		t.Errorf("index links %s, which was not written", l)
	}
}

// TestQuickstartDeterministic: the same seed gives the same run, line for line (but
// for the wall time and the output folder); another seed gives another.
func TestQuickstartDeterministic(t *testing.T) {
	strip := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(l, "Wall time") && !strings.HasPrefix(l, "Wrote ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	a, _ := runQuick(t, "-quiet")
	b, _ := runQuick(t, "-quiet")
	if strip(a) != strip(b) {
		t.Errorf("two runs with the same seed differ:\n%s\n---\n%s", a, b)
	}
	c, _ := runQuick(t, "-quiet", "-seed", "2")
	if strip(a) == strip(c) {
		t.Error("seeds 1 and 2 gave the same run")
	}
	if strings.Contains(a, "  day  date") {
		t.Error("-quiet printed the day lines")
	}
}

// TestQuickstartBadFlags: bad flags are errors naming the flag.
func TestQuickstartBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-invoices", "0"}, {"-days", "-1"}} {
		err := run(append(args, "-out", t.TempDir()), io.Discard)
		if err == nil || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%q: error %v, want one naming %s", args, err, args[0])
		}
	}
}

// TestQuickstartSQLite runs the same simulation on the SQLite store (-db) and on
// memstore: the reports are the same, line for line.
func TestQuickstartSQLite(t *testing.T) {
	report := func(s string) string {
		_, r, ok := strings.Cut(s, "\nReport on ")
		if !ok {
			t.Fatalf("no report in:\n%s", s)
		}
		r, _, _ = strings.Cut(r, "\nWrote ")
		return r
	}
	args := []string{"-invoices", "60", "-days", "45", "-quiet"}
	var mem, sqlite bytes.Buffer
	if err := run(append(args, "-out", t.TempDir(), "-memstore"), &mem); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "quickstart.db")
	if err := run(append(args, "-out", t.TempDir(), "-db", db), &sqlite); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sqlite.String(), "store: SQLite "+db) {
		t.Errorf("the SQLite run does not say so:\n%s", sqlite.String())
	}
	if a, b := report(mem.String()), report(sqlite.String()); a != b {
		t.Errorf("memstore and SQLite reports differ:\n%s\n---\n%s", a, b)
	}
	if !strings.Contains(mem.String(), "store: memstore") {
		t.Errorf("the memstore run does not say so:\n%s", mem.String())
	}
}

// TestQuickstartDefaultStore: without flags the cases live in SQLite in a
// temporary file, which the run says and removes; -memstore and -db together are
// an error.
func TestQuickstartDefaultStore(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var out bytes.Buffer
	if err := run([]string{"-invoices", "20", "-days", "20", "-quiet", "-out", t.TempDir()}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "store: SQLite (temporary file)") {
		t.Errorf("the default run does not name its temporary SQLite store:\n%s", out.String())
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "dunning-quickstart-*")); len(left) > 0 {
		t.Errorf("the temporary store was left behind: %v", left)
	}
	err := run([]string{"-memstore", "-db", filepath.Join(tmp, "x.db"), "-out", t.TempDir()}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-memstore") {
		t.Errorf("-memstore with -db: %v", err)
	}
}
