package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// planTable is one plan as the program printed it, parsed back.
type planTable struct {
	rows    [][]string        // the instalment rows, down payment first: no, due, amount, interest, principal, balance
	total   []string          // the Total row: "Total", amount, interest, principal
	summary map[string]string // the E12 summary, label → value
}

var columns = regexp.MustCompile(` {2,}`) // amounts hold no-break spaces, never two ASCII spaces

// parsePlans reads every plan table and summary in out, in order.
func parsePlans(t *testing.T, out string) []planTable {
	t.Helper()
	var plans []planTable
	var cur *planTable
	inSummary := false
	for _, line := range strings.Split(out, "\n") {
		f := columns.Split(strings.TrimSpace(line), -1)
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "No.  Due date"):
			plans = append(plans, planTable{summary: map[string]string{}})
			cur, inSummary = &plans[len(plans)-1], false
		case cur == nil:
		case line == "Summary (E12)":
			inSummary = true
		case inSummary && strings.HasPrefix(line, "  ") && len(f) == 2:
			cur.summary[f[0]] = f[1]
		case inSummary:
			cur, inSummary = nil, false
		case f[0] == "Total":
			cur.total = f
		case len(f) == 6:
			cur.rows = append(cur.rows, f)
		}
	}
	return plans
}

// minor reads a formatted amount back as minor units (every DKK amount has two
// decimals, so the digits are the minor units, whatever the language's separators).
func minor(t *testing.T, s string) int64 {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-' || r == '−':
			b.WriteByte('-')
		}
	}
	n, err := strconv.ParseInt(b.String(), 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return n
}

// checkTotals asserts that the Total row is the sum of the lines, that the principal
// parts repay the whole debt and that the balance ends at zero.
func checkTotals(t *testing.T, name string, p planTable) {
	t.Helper()
	var sum [3]int64
	for _, r := range p.rows {
		for i := range sum {
			sum[i] += minor(t, r[2+i])
		}
		if got := minor(t, r[3]) + minor(t, r[4]); got != minor(t, r[2]) {
			t.Errorf("%s row %s: interest + principal = %d, amount %s", name, r[0], got, r[2])
		}
	}
	if len(p.total) != 4 {
		t.Fatalf("%s: no Total row: %q", name, p.total)
	}
	for i, col := range []string{"amount", "interest", "principal"} {
		if got := minor(t, p.total[1+i]); got != sum[i] {
			t.Errorf("%s: total %s %s is %d minor units, the lines add up to %d", name, col, p.total[1+i], got, sum[i])
		}
	}
	if got := minor(t, p.total[3]); got != 18_450_00 {
		t.Errorf("%s: principal repaid %d, want the whole debt 1845000", name, got)
	}
	if last := p.rows[len(p.rows)-1]; minor(t, last[5]) != 0 {
		t.Errorf("%s: balance after the last instalment is %s", name, last[5])
	}
	if got := minor(t, p.summary["Total paid"]); got != sum[0] {
		t.Errorf("%s: summary total paid %s, the lines add up to %d", name, p.summary["Total paid"], sum[0])
	}
	if got := minor(t, p.summary["Total interest"]); got != sum[1] {
		t.Errorf("%s: summary total interest %s, the lines add up to %d", name, p.summary["Total interest"], sum[1])
	}
}

// TestPaymentPlan runs the program in Danish with the letter: the default plan has 12
// monthly instalments ending 2026-09-01, the variant 9 ending 2026-06-01, totals equal
// the sum of the lines, the chart is well-formed SVG with two polylines, and the
// letter is the Danish plan overview. Implements E12.
func TestPaymentPlan(t *testing.T) {
	svgPath := filepath.Join(t.TempDir(), "nested", "plan.svg")
	var out bytes.Buffer
	if err := run([]string{"-svg", svgPath, "-letter"}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Payment plan for a debt of 18.450,00\u00a0kr. agreed on 2025-09-01",
		"Rate: 9.75 % a year (30E/360), the Danish statutory rate on 2025-09-01",
		"research status DERIVED",
		"wrote the chart of the default plan to " + svgPath,
		"Din betalingsaftale – sag 2025-0173", // the rendered plan-overview letter
		"Løbetid:          12 afdrag",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	plans := parsePlans(t, text)
	if len(plans) != 2 {
		t.Fatalf("%d plan tables, want 2:\n%s", len(plans), text)
	}
	def, variant := plans[0], plans[1]
	for _, c := range []struct {
		name         string
		p            planTable
		count        int
		first, last  string
		term, totalP string
	}{
		{"default", def, 12, "2025-10-01", "2026-09-01",
			"12 monthly instalments of 1.444,30\u00a0kr., the last 1.444,36\u00a0kr.", "19.331,66\u00a0kr."},
		{"variant", variant, 9, "2025-10-01", "2026-06-01",
			"9 monthly instalments of 2.000,00\u00a0kr., the last 1.096,52\u00a0kr.", "19.096,52\u00a0kr."},
	} {
		if got := len(c.p.rows); got != c.count+1 {
			t.Errorf("%s: %d rows, want the down payment and %d instalments", c.name, got, c.count)
		}
		if d := c.p.rows[0]; d[0] != "down" || d[1] != "2025-09-05" || d[2] != "2.000,00\u00a0kr." {
			t.Errorf("%s: down payment row %q", c.name, d)
		}
		if r := c.p.rows[len(c.p.rows)-1]; r[0] != strconv.Itoa(c.count) || r[1] != c.last {
			t.Errorf("%s: last row %q, want instalment %d due %s", c.name, r, c.count, c.last)
		}
		for k, want := range map[string]string{
			"Term": c.term, "First instalment": c.first, "Last instalment": c.last,
			"Down payment": "2.000,00\u00a0kr. on 2025-09-05", "Interest rate": "9.75 % a year, 30E/360",
			"Total paid": c.totalP, "Debt": "18.450,00\u00a0kr.",
		} {
			if got := c.p.summary[k]; got != want {
				t.Errorf("%s: summary %s = %q, want %q", c.name, k, got, want)
			}
		}
		checkTotals(t, c.name, c.p)
	}
	// The variant pays the creditor's instalment every month but the last.
	for _, r := range variant.rows[1 : len(variant.rows)-1] {
		if r[2] != "2.000,00\u00a0kr." {
			t.Errorf("variant instalment %s is %s, want 2.000,00 kr.", r[0], r[2])
		}
	}

	checkSVG(t, svgPath, 2*(1+12)+1) // start, then two points per line of the plan
}

// checkSVG asserts that the file is well-formed XML with an svg root and exactly two
// polylines of n points each, inside the view box.
func checkSVG(t *testing.T, path string, n int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var root string
	lines := map[string][]string{}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
		}
		if se.Name.Local != "polyline" {
			continue
		}
		var id, pts string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "id":
				id = a.Value
			case "points":
				pts = a.Value
			}
		}
		lines[id] = strings.Fields(pts)
	}
	if root != "svg" {
		t.Errorf("root element %q, want svg", root)
	}
	if len(lines) != 2 || lines["balance"] == nil || lines["interest"] == nil {
		t.Fatalf("polylines %v, want balance and interest", lines)
	}
	for id, pts := range lines {
		if len(pts) != n {
			t.Errorf("%s: %d points, want %d", id, len(pts), n)
		}
		for _, p := range pts {
			x, y, ok := strings.Cut(p, ",")
			xi, errX := strconv.Atoi(x)
			yi, errY := strconv.Atoi(y)
			if !ok || errX != nil || errY != nil || xi < 0 || xi > width || yi < 0 || yi > height {
				t.Errorf("%s: point %q is not an integer pixel inside %dx%d", id, p, width, height)
			}
		}
	}
	// The balance ends on the time axis (zero); the cumulative interest starts there.
	if last := lines["balance"][len(lines["balance"])-1]; !strings.HasSuffix(last, ","+strconv.Itoa(top+plotH)) {
		t.Errorf("balance ends at %s, want y = %d", last, top+plotH)
	}
	if first := lines["interest"][0]; first != strconv.Itoa(left)+","+strconv.Itoa(top+plotH) {
		t.Errorf("interest starts at %s", first)
	}
}

// TestPaymentPlanEnglishContractRate runs the program in English at a contract rate of
// 12 %: amounts are formatted for English, and the totals still add up.
func TestPaymentPlanEnglishContractRate(t *testing.T) {
	svgPath := filepath.Join(t.TempDir(), "plan.svg")
	var out bytes.Buffer
	if err := run([]string{"-lang", "en", "-rate", "12", "-instalment", "2500", "-svg", svgPath}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"DKK\u00a018,450.00", "Rate: 12 % a year (30E/360), contract rate", "12 % a year, 30E/360"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	plans := parsePlans(t, text)
	if len(plans) != 2 {
		t.Fatalf("%d plan tables, want 2", len(plans))
	}
	for i, p := range plans {
		checkTotals(t, []string{"default", "variant"}[i], p)
	}
	if got := plans[0].summary["Last instalment"]; got != "2026-09-01" {
		t.Errorf("default plan ends %s, want 2026-09-01 (12 months)", got)
	}
	if _, err := os.Stat(svgPath); err != nil {
		t.Error(err)
	}
}

// TestPaymentPlanBadFlags: bad input is an error naming the flag, and writes nothing.
func TestPaymentPlanBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-rate", "ten"}, {"-instalment", "10.005"}, {"-lang", "!!"}} {
		svgPath := filepath.Join(t.TempDir(), "plan.svg")
		err := run(append(args, "-svg", svgPath), io.Discard)
		if err == nil || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%q: error %v, want one naming %s", args, err, args[0])
		}
		if _, err := os.Stat(svgPath); err == nil {
			t.Errorf("%q wrote the chart", args)
		}
	}
}

// TestChartDateLabelsDoNotOverlap: the time axis labels dates (ten characters)
// at least 70 pixels apart, for plans of any length, the last date included.
func TestChartDateLabelsDoNotOverlap(t *testing.T) {
	label := regexp.MustCompile(`<text x="(\d+)" y="\d+" text-anchor="middle">(\d{4}-\d{2}-\d{2})</text>`)
	for _, rate := range []string{"0", "8", "12"} {
		for _, inst := range []string{"600", "1500", "2500", "9000"} {
			svgPath := filepath.Join(t.TempDir(), "plan.svg")
			if err := run([]string{"-rate", rate, "-instalment", inst, "-svg", svgPath}, io.Discard); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(svgPath)
			if err != nil {
				t.Fatal(err)
			}
			prev := -1000
			for _, m := range label.FindAllStringSubmatch(string(b), -1) {
				x, _ := strconv.Atoi(m[1])
				if x-prev < 70 {
					t.Errorf("rate %s, instalment %s: label %s at x=%d is %d px after the previous", rate, inst, m[2], x, x-prev)
				}
				prev = x
			}
		}
	}
}
