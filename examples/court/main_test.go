package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// minor reads a formatted DKK amount back as øre (every amount has two decimals, so
// its digits are the minor units whatever the language's separators).
func minor(t *testing.T, s string) int64 {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	n, err := strconv.ParseInt(b.String(), 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return n
}

// section returns the lines of out from the line starting with from up to, not
// including, the next blank line.
func section(t *testing.T, out, from string) []string {
	t.Helper()
	i := strings.Index(out, "\n"+from)
	if i < 0 {
		t.Fatalf("output has no section %q:\n%s", from, out)
	}
	rest := out[i+1:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	return strings.Split(strings.TrimRight(rest, "\n"), "\n")
}

var amountAtEnd = regexp.MustCompile(`(\S+\x{a0}kr\.)$`)

// TestCourt runs the program: the first check lists six problems, each naming its
// field and the sentinel it wraps; the fixes leave none; the fee is 750,00 kr. for a
// filing after 2021-10-01; the form's totals add up; the transfer list groups the fees
// per district with the right totals. Implements E8 and E9.
func TestCourt(t *testing.T) {
	var buf bytes.Buffer
	if err := run(nil, &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()

	// Every problem, each naming its field and why.
	problems := section(t, out, "CheckPaymentClaim: ")
	if problems[0] != "CheckPaymentClaim: 6 problems" {
		t.Errorf("first check: %q", problems[0])
	}
	wantFields := []struct{ field, kind string }{
		{`Debtor.Registration ""`, "[incomplete]"},
		{`District "District(0)"`, "[incomplete]"},
		{`Invoices[1].Interest[0].Period "[2025-07-10, 2025-11-20)"`, "[specification]"},
		{`Warning "2025-10-27"`, "[too early]"},
		{`Costs[1].Amount "150.00 DKK"`, "[above cap]"},
		{`Costs "2000.00 DKK"`, "[above cap]"},
	}
	if len(problems)-1 != len(wantFields) {
		t.Fatalf("%d problem lines, want %d: %q", len(problems)-1, len(wantFields), problems)
	}
	for i, w := range wantFields {
		line := problems[1+i]
		if !strings.HasPrefix(line, "  - "+w.field+": ") || !strings.HasSuffix(line, w.kind) {
			t.Errorf("problem %d: %q, want field %s and %s", i, line, w.field, w.kind)
		}
	}
	if !strings.Contains(out, "collection costs exceed the cap of 1700.00 DKK on a claim of 18700.00 DKK") {
		t.Error("the collection-cost problem does not give the cap")
	}

	// One fix at a time, each removing one problem.
	fixes := section(t, out, "Fixes")
	for i, want := range []string{"Debtor.Registration", "District", "Warning", "Invoices[1].Interest", "Costs[1].Amount", "Costs"} {
		line := fixes[1+i]
		if !strings.HasPrefix(line, "  fixed "+want+":") || !strings.HasSuffix(line, "problems left: "+strconv.Itoa(5-i)) {
			t.Errorf("fix %d: %q, want %s with %d problems left", i, line, want, 5-i)
		}
	}
	for _, want := range []string{
		"(filing date now 2025-11-07; second reminder fee 100,00\u00a0kr.; collection costs 1.700,00\u00a0kr.)",
		"CheckPaymentClaim again: no problems, ready to file on 2025-11-07",
		// A DK payment claim filed after 2021-10-01 costs 750 DKK (retsafgiftsloven § 12).
		"Court fee (court.FeeFor): 750,00\u00a0kr. for a payment-order filed 2025-11-07; rule DK-2021-payment-order",
		"research status of the rates: DERIVED",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	// The form: the specification lines add up to the totals.
	form := section(t, out, "Payment claim form")
	totals := map[string]int64{}
	var principal, interest, costs int64
	inSpec := false
	for _, line := range form {
		m := amountAtEnd.FindString(line)
		label := strings.TrimSpace(strings.TrimSuffix(line, m))
		switch {
		case line == "  Claim specification":
			inSpec = true
		case !inSpec || m == "":
		case strings.HasPrefix(label, "Invoice "):
			principal += minor(t, m)
		case strings.HasPrefix(label, "interest "):
			interest += minor(t, m)
		case strings.HasPrefix(label, "reminder-fee "), strings.HasPrefix(label, "collection-cost "):
			costs += minor(t, m)
		default:
			totals[label] = minor(t, m)
		}
	}
	for label, want := range map[string]int64{
		"Principal": principal, "Interest": interest, "Costs": costs,
		"Total claimed": principal + interest + costs, "Court fee (not part of the claim)": 750_00,
	} {
		if got, ok := totals[label]; !ok || got != want {
			t.Errorf("form %s = %d (printed: %t), want %d", label, got, ok, want)
		}
	}
	if principal != 18_450_00 || costs != 1_900_00 {
		t.Errorf("principal %d, costs %d; want 1845000 and 190000", principal, costs)
	}
	for _, want := range []string{"Court                      Retten i Aarhus", "Debtor                     Mette Sørensen (consumer)", "DK:CPR 010180-1234", "Civil case on objection    yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("form lacks %q", want)
		}
	}

	// The transfer list: per district, in the order of retsplejeloven § 9.
	list := section(t, out, "Transfer list")
	type district struct {
		name         string
		cases        []string
		total, added int64
	}
	var got []district
	var grand, grandAdded int64
	for _, line := range list[1:] {
		f := strings.SplitN(line, "  added to debt: ", 2)
		switch {
		case !strings.HasPrefix(line, "    "):
			if strings.HasPrefix(line, "  Total to transfer") {
				grand, grandAdded = minor(t, f[0]), minor(t, f[1])
			} else {
				got = append(got, district{name: strings.TrimSpace(line)})
			}
		case strings.HasPrefix(line, "    district total"):
			got[len(got)-1].total, got[len(got)-1].added = minor(t, f[0]), minor(t, f[1])
		default:
			d := &got[len(got)-1]
			d.cases = append(d.cases, strings.Fields(line)[0])
		}
	}
	want := []district{
		{"Københavns Byret", []string{"2025-0151", "2025-0120"}, 2250_00, 750_00},
		{"Retten i Aarhus", []string{"2025-0173"}, 750_00, 750_00},
		{"Retten i Odense", []string{"2025-0098"}, 0, 0},
		{"Retten i Aalborg", []string{"2025-0164"}, 750_00, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("districts %+v, want %+v", got, want)
	}
	var sum, sumAdded int64
	for i, w := range want {
		g := got[i]
		if g.name != w.name || strings.Join(g.cases, ",") != strings.Join(w.cases, ",") || g.total != w.total || g.added != w.added {
			t.Errorf("district %d: %+v, want %+v", i, g, w)
		}
		sum += g.total
		sumAdded += g.added
	}
	if grand != 3750_00 || grand != sum || grandAdded != 1500_00 || grandAdded != sumAdded {
		t.Errorf("list total %d (added %d), districts sum to %d (added %d); want 375000 (150000)", grand, grandAdded, sum, sumAdded)
	}
	if !strings.Contains(out, "2025-0098  enforcement    2025-11-05        0,00\u00a0kr.  added to debt: yes (covered") {
		t.Error("the covered enforcement fee is not listed as covered")
	}
}

// TestCourtEnglish: -lang formats the amounts for English readers.
func TestCourtEnglish(t *testing.T) {
	var buf bytes.Buffer
	if err := run([]string{"-lang", "en"}, &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Court fee (court.FeeFor): DKK\u00a0750.00") {
		t.Errorf("fee not in English:\n%s", buf.String())
	}
}
