package dunning_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var exampleFunc = regexp.MustCompile(`(?m)^func (Example\w*)\(\) \{\n`)

// exampleBodies returns the body of every Example function of the repository's
// test files, one tab of indentation removed, by name ("law.Example_hostPack").
func exampleBodies(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s := string(b)
		for _, m := range exampleFunc.FindAllStringSubmatchIndex(s, -1) {
			end := strings.Index(s[m[1]:], "\n}\n")
			if end < 0 {
				continue
			}
			var lines []string
			for _, ln := range strings.Split(s[m[1]:m[1]+end], "\n") {
				lines = append(lines, strings.TrimPrefix(ln, "\t"))
			}
			out[filepath.Dir(path)+"."+s[m[2]:m[3]]] = strings.Join(lines, "\n") + "\n"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadmeGoBlocksAreExamples: every Go code block of README.md is the body of
// an Example function of the repository (its imports are the example file's), so
// it compiles, runs in the tests and prints what its Output says; a block that
// drifts from its example fails here, naming the line.
func TestReadmeGoBlocksAreExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	bodies := exampleBodies(t)
	blocks := 0
	lines := strings.Split(string(readme), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```go" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && lines[i] != "```"; i++ {
		}
		block := strings.Join(lines[start:i], "\n") + "\n"
		blocks++
		found := ""
		for name, body := range bodies {
			if body == block {
				found = name
			}
		}
		if found == "" {
			t.Errorf("README.md:%d: this Go block is not the body of any Example function; make it one (or copy the example's body here)", start)
		}
	}
	if blocks < 3 {
		t.Errorf("found %d Go blocks in README.md; the test is not reading it", blocks)
	}
}
