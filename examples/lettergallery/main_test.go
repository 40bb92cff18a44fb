package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dunning-go/dunning/letters"
)

// TestGallery runs the program into a temporary directory: the index links every
// letter file, every file exists and is non-empty, and every kind × language is there.
func TestGallery(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wrote 105 letters (HTML and PDF)") {
		t.Fatalf("unexpected output %q", out.String())
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(string(index), -1) {
		links[m[1]] = true
	}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(path) == "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files = append(files, filepath.ToSlash(rel))
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() == 0 {
			t.Errorf("%s is empty", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 * len(letters.Kinds()) * len(letters.Languages()); len(files) != want {
		t.Errorf("%d files, want %d", len(files), want)
	}
	for _, f := range files {
		if !links[f] {
			t.Errorf("index does not link %s", f)
		}
		delete(links, f)
	}
	for l := range links {
		t.Errorf("index links %s, which was not written", l)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".pdf") {
			b, _ := os.ReadFile(filepath.Join(dir, f))
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%s is not a PDF", f)
			}
		}
	}
	// The ways to pay: the EPC QR code on a EUR letter, the Finnish bar code, the FIK line.
	for f, want := range map[string]string{
		"de/reminder.html": `<figure class="qr"><img src="data:image/png;base64,`,
		"fi/reminder.html": "Virtuaaliviivakoodi",
		"da/reminder.html": "+71&lt;",
	} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", f, want)
		}
	}
}
