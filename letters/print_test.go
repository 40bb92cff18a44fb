package letters_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// chromium returns the headless browser the print tests use: $DUNNING_CHROMIUM,
// else chromium or chromium-browser on the PATH, else "".
func chromium() string {
	if p := os.Getenv("DUNNING_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// printPDF prints html to PDF with headless Chromium, as a creditor's print
// service would, and returns the PDF.
func printPDF(t *testing.T, bin, dir, name, html string) []byte {
	t.Helper()
	in, out := filepath.Join(dir, name+".html"), filepath.Join(dir, name+".pdf")
	require.NoError(t, os.WriteFile(in, []byte(html), 0o644))
	// A browser that crashes on a loaded machine (it happens: a segmentation
	// fault in the GPU-less renderer) is started again, up to three times; a
	// letter that fails three times fails the test.
	var msg []byte
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
		cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
			"--disable-sync", "--disable-extensions", "--user-data-dir="+filepath.Join(dir, fmt.Sprintf("profile-%s-%d", name, attempt)),
			"--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+in)
		msg, err = cmd.CombinedOutput()
		cancel()
		if err == nil {
			break
		}
		t.Logf("%s: attempt %d: %v", name, attempt, err)
	}
	require.NoError(t, err, "%s", msg)
	pdf, err := os.ReadFile(out)
	require.NoError(t, err)
	return pdf
}

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)
)

// pdfPages returns the pages of a PDF Chromium wrote, and checks that each is A4
// (595.3 × 841.9 points, within a point).
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	boxes := pdfMediaBox.FindAllSubmatch(pdf, -1)
	require.NotEmpty(t, boxes, "a MediaBox")
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(string(b[1]), 64)
		h, _ := strconv.ParseFloat(string(b[2]), 64)
		require.InDelta(t, 595.3, w, 1, "A4 width")
		require.InDelta(t, 841.9, h, 1, "A4 height")
	}
	return len(pdfPage.FindAllIndex(pdf, -1))
}

// withInvoices returns d with n claims: the sample's, and copies of its last
// claim under new invoice numbers, with the total raised by their open amounts.
func withInvoices(d letters.Data, n int) letters.Data {
	last := d.Claims[len(d.Claims)-1]
	for i := len(d.Claims); i < n; i++ {
		c := last
		c.Invoice = fmt.Sprintf("%d", 2001+i)
		d.Claims = append(d.Claims, c)
		d.Total, _ = d.Total.Add(c.Open)
	}
	return d
}

// onePage are the kinds that must fit one A4 page with up to 10 invoices.
var onePage = []letters.Kind{letters.Reminder, letters.CollectionWarning, letters.DemandLetter}

// TestPrintWithChromium prints the HTML letters to PDF with a real browser: every
// kind (each in one of the seven languages, in turn), and the reminder, the
// collection warning and the demand letter in every language with ten invoices
// and the address in each envelope window. Every page is A4; those three fit one
// page. Without Chromium the test is skipped: .ci/run installs Debian's chromium
// package; set DUNNING_CHROMIUM to use another binary.
func TestPrintWithChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium: install Debian's chromium package (apt-get install chromium), or set DUNNING_CHROMIUM to a Chrome or Chromium binary, to run the print tests (.ci/run does)")
	}
	if testing.Short() {
		t.Skip("prints about 40 letters in a browser")
	}
	r, err := letters.New(letters.Options{})
	require.NoError(t, err)
	dir := t.TempDir()
	langs := letters.Languages()
	homes := map[language.Base]dunning.Jurisdiction{}
	for _, j := range dunning.Jurisdictions() {
		b, _ := j.Language().Base()
		homes[b] = j
	}
	home := func(l language.Tag) dunning.Jurisdiction {
		b, _ := l.Base()
		if j, ok := homes[b]; ok && j != dunning.EU {
			return j
		}
		if b.String() == "nb" {
			return dunning.NO
		}
		return dunning.EU
	}
	type job struct {
		name  string
		kind  letters.Kind
		lang  language.Tag
		data  letters.Data
		pages int // the most pages allowed; 0 for no limit
	}
	var jobs []job
	for i, k := range letters.Kinds() {
		l := langs[i%len(langs)]
		jobs = append(jobs, job{name: fmt.Sprintf("%s-%s", k, l), kind: k, lang: l, data: letters.SampleData(k, home(l))})
	}
	windows := []letters.Window{letters.WindowDINB, letters.WindowDINA, letters.WindowNordicLeft, letters.WindowNordicRight}
	for i, l := range langs {
		for _, k := range onePage {
			d := withInvoices(letters.SampleData(k, home(l)), 10)
			d.Creditor.Window = windows[i%len(windows)]
			jobs = append(jobs, job{name: fmt.Sprintf("%s-%s-10", k, l), kind: k, lang: l, data: d, pages: 1})
		}
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, j := range jobs {
		letter, err := r.Render(j.kind, j.lang, j.data)
		require.NoError(t, err, j.name)
		require.NotEqual(t, money.Money{}, j.data.Total)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t.Run(j.name, func(t *testing.T) {
				pdf := printPDF(t, bin, dir, j.name, letter.HTML)
				require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
				n := pdfPages(t, pdf)
				require.Positive(t, n)
				if j.pages > 0 {
					require.LessOrEqual(t, n, j.pages, "%s prints on %d pages", j.name, n)
				}
			})
		}()
	}
	wg.Wait()
}
