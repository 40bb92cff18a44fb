package dunning_test

import (
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The requirement IDs (E12, P1, L3, S7, N4, …) that doc comments, test names, error
// messages and the Markdown docs cite are explained in docs/requirements.md, one
// item per ID with an explicit anchor: <a id="e12"></a>**E12** — what it means.
const requirementsDoc = "docs/requirements.md"

// requirementItem is one item of docs/requirements.md.
var requirementItem = regexp.MustCompile(`(?m)^- <a id="([a-z])([0-9]+)"></a>\*\*([A-Z])([0-9]+)\*\* — (.*)$`)

// notRequirements are the known mentions of an ID-shaped token in another sense.
// They are blanked out before the search, so that "(E65)" is not read as a
// requirement. Each is matched exactly, never by its letter alone.
var notRequirements = []*regexp.Regexp{
	regexp.MustCompile(`\bE65\b`),        // the E65 envelope (110 × 220 mm, A4 folded twice)
	regexp.MustCompile(`\bPaytrail E\d`), // Paytrail's "E2" payment interface
	regexp.MustCompile(`\b(?:Amazon|AWS) S3\b|\bS3[ -](?:bucket|object|API|storage|compatible)`),
}

// definedRequirements reads docs/requirements.md: the IDs it explains, each once,
// numbered 1, 2, … without a gap in each group, and each with its explanation.
func definedRequirements(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(requirementsDoc)
	if err != nil {
		t.Fatalf("the requirement IDs must be explained in the repository: %v", err)
	}
	defined := map[string]bool{}
	count := map[string]int{}
	for _, m := range requirementItem.FindAllStringSubmatch(string(b), -1) {
		anchor, id := m[1]+m[2], m[3]+m[4]
		if anchor != strings.ToLower(id) {
			t.Errorf("%s: %s has the anchor #%s, want #%s", requirementsDoc, id, anchor, strings.ToLower(id))
		}
		if defined[id] {
			t.Errorf("%s: %s is explained twice", requirementsDoc, id)
		}
		if strings.TrimSpace(m[5]) == "" {
			t.Errorf("%s: %s has no explanation", requirementsDoc, id)
		}
		defined[id] = true
		count[m[3]]++
	}
	if len(defined) == 0 {
		t.Fatalf("%s explains no requirement ID (want items such as %q)", requirementsDoc, `- <a id="e12"></a>**E12** — …`)
	}
	for letter, n := range count {
		for i := 1; i <= n; i++ {
			if !defined[letter+strconv.Itoa(i)] {
				t.Errorf("%s: group %s has %d IDs but no %s%d", requirementsDoc, letter, n, letter, i)
			}
		}
	}
	return defined
}

// citation is one requirement ID cited at file:line.
type citation struct {
	file string
	line int
	id   string
}

// citer finds the requirement IDs cited in a text. An ID is a letter of a group
// docs/requirements.md defines and a number without a leading zero, standing on its
// own (not part of a word, a hex string, a path, a version or an article number
// such as L441-10), in a context the repository cites requirements in:
//
//   - in parentheses: "(E12)", "(S1, E4)", "(L2: …)", "(S1–S6)";
//   - after "Implements" or "Requirements:": "Implements E8 and E10.";
//   - in a list after another ID: "E8, E9", "E8 and E9", "E14 (templates), E15";
//   - followed by ")", ",", ";", ":", ".", "'s", " (", a quotation, " —", " and ",
//     " or ", or a range dash: "S7, S8", "E12: …", "E12's summary", "E1 (presets)",
//     E17 "charges …";
//   - at the start of a string (a test name: t.Run("L1 excluded period", …));
//   - in an aligned column of a doc-comment table ("Pause, Resume      L1, L2").
//
// A range "E8–E13" cites every ID from E8 to E13.
type citer struct {
	token, listBefore, implements, after, rangeAfter *regexp.Regexp
}

func newCiter(letters string) *citer {
	id := `[` + letters + `][1-9][0-9]?`
	return &citer{
		token:      regexp.MustCompile(`\b([` + letters + `])([1-9][0-9]?)\b`),
		listBefore: regexp.MustCompile(`\b` + id + `(?:'s)?\)?(?:\s*\([^()]*\))?\s*(?:,|;|and|or|to|–|-)\s*$`),
		implements: regexp.MustCompile(`(?:\b[Ii]mplements|\bRequirements:)\s+$`),
		after:      regexp.MustCompile(`^(?:[),;:–]|\.(?:[^0-9\pL]|$)|'s\b| \(| "| —| and | or |-[` + letters + `]|\s*$)`),
		rangeAfter: regexp.MustCompile(`^\s*[–-]\s*([` + letters + `])?([1-9][0-9]?)\b`),
	}
}

// cites returns the IDs text cites; first is the line text starts on.
func (c *citer) cites(file string, first int, text string) []citation {
	for _, re := range notRequirements {
		text = re.ReplaceAllStringFunc(text, func(s string) string { return strings.Repeat(" ", len(s)) })
	}
	var out []citation
	for _, m := range c.token.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		// The context is the 200 bytes before and the rest of the text after.
		before, after := text[max(0, start-200):start], text[end:]
		if !c.standsAlone(before, after) || !c.inCitation(before, after) {
			continue
		}
		letter, num := text[m[2]:m[3]], text[m[4]:m[5]]
		line := first + strings.Count(text[:start], "\n")
		out = append(out, citation{file, line, letter + num})
		// A range cites the IDs between its ends; the last is matched on its own.
		if r := c.rangeAfter.FindStringSubmatch(after); r != nil && (r[1] == "" || r[1] == letter) {
			from, _ := strconv.Atoi(num)
			to, _ := strconv.Atoi(r[2])
			for i := from + 1; i < to && to-from <= 50; i++ {
				out = append(out, citation{file, line, letter + strconv.Itoa(i)})
			}
		}
	}
	return out
}

// standsAlone reports whether the token between before and after is a word of its
// own: not inside a word, a number, a path, a hex string or an identifier.
func (c *citer) standsAlone(before, after string) bool {
	if r, _ := utf8.DecodeLastRuneInString(before); r != utf8.RuneError {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_/.#$@\\=+*~^&%<>", r) {
			return false
		}
		if r == '-' && !c.listBefore.MatchString(before) {
			return false // "C6-E5", not a range "E4-E6"
		}
	}
	if r, size := utf8.DecodeRuneInString(after); r != utf8.RuneError {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_/@#=+*<>", r) {
			return false
		}
		if next, _ := utf8.DecodeRuneInString(after[size:]); (r == '-' || r == '.' || r == ',') && unicode.IsDigit(next) {
			return false // L441-10, E1.5, S1,5
		}
	}
	return true
}

func (c *citer) inCitation(before, after string) bool {
	switch {
	case strings.HasSuffix(before, "("),
		c.implements.MatchString(before),
		c.listBefore.MatchString(before),
		c.after.MatchString(after),
		strings.HasSuffix(before, `"`), strings.HasSuffix(before, "`"),
		strings.HasSuffix(before, "  "), strings.HasSuffix(before, "\t"):
		return true
	}
	return false
}

// goCitations returns the IDs cited in the comments and string literals of a Go file.
func goCitations(c *citer, file string, src []byte) []citation {
	fset := token.NewFileSet()
	f := fset.AddFile(file, -1, len(src))
	var s scanner.Scanner
	s.Init(f, src, func(token.Position, string) {}, scanner.ScanComments)
	var out []citation
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.COMMENT || tok == token.STRING {
			out = append(out, c.cites(file, fset.Position(pos).Line, lit)...)
		}
	}
}

// repositoryCitations walks the repository from the root and returns the IDs cited
// in every .go and .md file except the definitions themselves, this file (its
// examples include an undefined ID on purpose), testdata, .git, other hidden
// directories, out (the quickstart's output) and docs/law (legal research whose
// article numbers look like IDs).
func repositoryCitations(t *testing.T, c *citer) []citation {
	t.Helper()
	var out []citation
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		path = filepath.ToSlash(path)
		if d.IsDir() {
			switch {
			case path == ".":
			case d.Name() == "testdata", d.Name() == ".git", path == "docs/law",
				strings.HasPrefix(d.Name(), "."), path == "out":
				return filepath.SkipDir
			}
			return nil
		}
		if path == requirementsDoc || path == "requirements_test.go" {
			return nil // the definitions, and this test's made-up examples
		}
		ext := filepath.Ext(path)
		if ext != ".go" && ext != ".md" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if ext == ".go" {
			out = append(out, goCitations(c, path, b)...)
		} else {
			out = append(out, c.cites(path, 1, string(b))...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func groupLetters(defined map[string]bool) string {
	var letters []string
	for id := range defined {
		if l := id[:1]; !slices.Contains(letters, l) {
			letters = append(letters, l)
		}
	}
	slices.Sort(letters)
	return strings.Join(letters, "")
}

// TestRequirementIDsAreExplained: every requirement ID the repository cites, in a
// comment, a string (an error message, a test name) or a Markdown document, is
// explained in docs/requirements.md.
func TestRequirementIDsAreExplained(t *testing.T) {
	defined := definedRequirements(t)
	c := newCiter(groupLetters(defined))
	cited := repositoryCitations(t, c)
	if len(cited) < 100 {
		t.Fatalf("found only %d citations of requirement IDs; is the search broken?", len(cited))
	}
	reported := map[string]bool{}
	for _, ct := range cited {
		if defined[ct.id] {
			continue
		}
		if key := ct.file + " " + ct.id; !reported[key] {
			reported[key] = true
			t.Errorf("%s:%d cites requirement %s, which %s does not explain", ct.file, ct.line, ct.id, requirementsDoc)
		}
	}
}

// TestRequirementCitationsFound checks the search itself: the ways the repository
// cites an ID are found, and ID-shaped tokens in another sense are not.
func TestRequirementCitationsFound(t *testing.T) {
	c := newCiter("ELNPS")
	tests := []struct {
		text string
		want []string
	}{
		{"// the case is closed (P1).", []string{"P1"}},
		{"// Implements E8 and E10.", []string{"E8", "E10"}},
		{"// Implements S7, S8 in the batch run; E17 \"charges", []string{"S7", "S8", "E17"}},
		{"// Implements E14 (templates), E15 (SMS), S6, S8.", []string{"E14", "E15", "S6", "S8"}},
		{"// ReminderModule (S1–S3), L1–L3 (pause)", []string{"S1", "S2", "S3", "L1", "L2", "L3"}},
		{"// What a step does (E1, E4-E6, E11)", []string{"E1", "E4", "E5", "E6", "E11"}},
		{"// L3: the creditor's holiday windows", []string{"L3"}},
		{"// instalments to the cent, E12's summary", []string{"E12"}},
		{`"a paused case is not contacted (L1) until "`, []string{"L1"}},
		{`"L1 excluded period, payment and addition"`, []string{"L1"}},
		{"//\tPause, Resume          L1, L2 (a pause ends by itself)", []string{"L1", "L2"}},
		{"// the reminder (S1 \"to collection\", S13)", []string{"S1", "S13"}},
		{"// TestFoundationRoute: E8 — a valid foundation", []string{"E8"}},
		{"// the E23 rule (E23)", []string{"E23"}},
		// Not requirements.
		{"// Lenient: R1 +5, R2 +15, warning +15", nil},
		{"// jurisdictions DK, SE, NO, DE, NL, FI, EU (DK)", nil},
		{"// C5/E65 left window; E6/5 39 mm; the E65 window (E65) 40 mm", nil},
		{"// C. com. L441-10 II, L313-2, D441-5, R124", nil},
		{`source: "Paytrail E2 payment interface docs"`, nil},
		{"// commit 3fE12a9c, 0xE12, 1E10, E1.5 %", nil},
		{"// stored in Amazon S3 (an S3 bucket)", nil},
		{"// 2025-H1, 2025-W05-5, T12 AB34", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, ct := range c.cites("x.go", 1, tt.text) {
			got = append(got, ct.id)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("cites(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestRequirementsDocIsLinked: the README points to docs/requirements.md, and no
// document points to requirement files outside the repository.
func TestRequirementsDocIsLinked(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "("+requirementsDoc+")") {
		t.Errorf("README.md does not link %s", requirementsDoc)
	}
	for _, outside := range []string{"shared/domain", "REQUIREMENTS.md"} {
		if strings.Contains(string(readme), outside) {
			t.Errorf("README.md points to %q outside the repository; cite %s", outside, requirementsDoc)
		}
	}
}
