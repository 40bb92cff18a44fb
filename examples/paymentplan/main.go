// Command paymentplan shows a payment plan for a Danish consumer who owes
// 18,450.00 DKK (E12): the default plan agreement.Propose offers (the most monthly
// instalments that clear the debt within 12 months) and a variant with an instalment
// the creditor chooses. Each is printed as the table the debtor's letter shows
// (number, due date, amount, interest, principal, balance, with totals) and the
// summary the debtor must be told: term, down payment, first and last instalment,
// rate, total interest and total paid. The default plan's balance and cumulative
// interest are drawn as a hand-written SVG chart.
//
//	go run ./examples/paymentplan
//	go run ./examples/paymentplan -lang en -rate 12 -instalment 2500 -svg /tmp/plan.svg -letter
//
// Flags: -lang is the language amounts (and the letter) are written in (da, sv, nb,
// de, nl, fi, en; default da); -rate is a contract rate in percent a year (default:
// the Danish statutory rate of renteloven § 5 in force on the agreement date, whose
// research status is printed beside it); -instalment is the creditor's instalment for
// the variant; -svg is where the chart is written; -letter also prints the
// plan-overview letter rendered by package letters.
//
// Every amount is an exact money.Money; the chart's pixel coordinates are computed
// with integer arithmetic on minor units, never with float64. The dates are fixed, so
// the output is the same on every run.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "paymentplan:", err)
		os.Exit(1)
	}
}

// The case: fixed figures, so that every run prints the same.
var (
	debt            = money.MustNew("18450.00", money.DKK)
	agreed          = date.MustParse("2025-09-01") // the agreement date: interest runs from it
	downPayment     = money.MustNew("2000.00", money.DKK)
	downPaymentDate = date.MustParse("2025-09-05")
	firstDue        = date.MustParse("2025-10-01")
	minInstalment   = money.MustNew("500.00", money.DKK) // the smallest instalment the creditor accepts
)

// run parses args, computes the two plans, prints them to stdout and writes the chart.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("paymentplan", flag.ContinueOnError)
	fs.SetOutput(stdout)
	lang := fs.String("lang", "da", "language of amounts and of the letter (da, sv, nb, de, nl, fi, en)")
	svgPath := fs.String("svg", filepath.Join(".", "out", "paymentplan.svg"), "file to write the SVG chart to")
	rateFlag := fs.String("rate", "", "contract rate in percent a year; empty: the Danish statutory rate on the agreement date")
	instFlag := fs.String("instalment", "2000.00", "the creditor's instalment in DKK for the variant plan")
	letter := fs.Bool("letter", false, "also print the plan-overview letter (package letters)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tag, err := language.Parse(*lang)
	if err != nil {
		return fmt.Errorf("-lang %q: %w", *lang, err)
	}
	chosen, err := money.New(*instFlag, money.DKK)
	if err != nil {
		return fmt.Errorf("-instalment: %w", err)
	}

	terms := agreement.Terms{
		Principal:       debt,
		Start:           agreed,
		First:           firstDue,
		DownPayment:     downPayment,
		DownPaymentDate: downPaymentDate,
	}
	var rateNote string
	if *rateFlag == "" {
		// The statutory rate changes every half-year; a plan fixes the rate in force on
		// the agreement date, counted the way Danish practice counts it (30E/360).
		table, conv, err := interest.Statutory(dunning.DK, dunning.Consumer)
		if err != nil {
			return err
		}
		r, err := table.RateAt(agreed)
		if err != nil {
			return err
		}
		terms.Rate, terms.DayCount = r.Percent, conv.DayCount
		rateNote = fmt.Sprintf("the Danish statutory rate on %s; source: %s; research status %s", agreed, r.Source, r.Status)
	} else {
		rate, err := decimal.NewFromString(*rateFlag)
		if err != nil {
			return fmt.Errorf("-rate %q: %w", *rateFlag, err)
		}
		terms.Rate, terms.DayCount = rate, interest.Thirty360E
		rateNote = "contract rate"
	}

	fmt.Fprintf(stdout, "Payment plan for a debt of %s agreed on %s\n", debt.Format(tag), agreed)
	fmt.Fprintf(stdout, "Rate: %s %% a year (%s), %s\n", terms.Rate, terms.DayCount, rateNote)

	proposed, err := agreement.Propose(terms, agreement.Proposal{Months: 12, MinInstalment: minInstalment})
	if err != nil {
		return fmt.Errorf("default plan: %w", err)
	}
	fmt.Fprintf(stdout, "\nDefault plan (agreement.Propose: within 12 months, instalment at least %s)\n\n", minInstalment.Format(tag))
	if err := printPlan(stdout, proposed, tag); err != nil {
		return err
	}

	terms.Instalment = chosen
	variant, err := agreement.NewPlan(terms)
	if err != nil {
		return fmt.Errorf("variant plan: %w", err)
	}
	fmt.Fprintf(stdout, "\nVariant: the creditor's instalment of %s\n\n", chosen.Format(tag))
	if err := printPlan(stdout, variant, tag); err != nil {
		return err
	}

	svg, err := chart(proposed, tag)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(*svgPath); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(*svgPath, []byte(svg), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote the chart of the default plan to %s\n", *svgPath)

	if *letter {
		text, err := overviewLetter(proposed, tag)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\n%s\n", text)
	}
	return nil
}

// printPlan prints plan p as the letter's table, with totals, and its E12 summary.
func printPlan(w io.Writer, p agreement.Plan, tag language.Tag) error {
	rows := [][]string{{"No.", "Due date", "Amount", "Interest", "Principal", "Balance"}}
	var amount, intr, principal money.Money
	var err error
	for in := range p.All() {
		no := strconv.Itoa(in.Number)
		if in.IsDownPayment() {
			no = "down"
		}
		rows = append(rows, []string{no, in.Due.String(),
			in.Amount.Format(tag), in.Interest.Format(tag), in.Principal.Format(tag), in.Balance.Format(tag)})
		if amount, err = amount.Add(in.Amount); err != nil {
			return err
		}
		if intr, err = intr.Add(in.Interest); err != nil {
			return err
		}
		if principal, err = principal.Add(in.Principal); err != nil {
			return err
		}
	}
	rows = append(rows, []string{"Total", "", amount.Format(tag), intr.Format(tag), principal.Format(tag), ""})
	table(w, rows, len(rows)-1)

	s := p.Summary()
	// The summary's totals come from the plan; the table's from its lines: they agree.
	if !s.TotalPaid.Equal(amount) || !s.TotalInterest.Equal(intr) || !s.Principal.Equal(principal) {
		return fmt.Errorf("plan totals %s/%s do not match the lines %s/%s", s.TotalPaid, s.TotalInterest, amount, intr)
	}
	rate := s.Rate.String() + " % a year, " + s.DayCount.String()
	if s.InterestFree() {
		rate = "interest-free"
	}
	down := "none"
	if !s.DownPayment.IsZero() {
		down = s.DownPayment.Format(tag) + " on " + s.DownPaymentDate.String()
	}
	fmt.Fprintln(w, "\nSummary (E12)")
	for _, kv := range [][2]string{
		{"Debt", s.Principal.Format(tag)},
		{"Down payment", down},
		{"Term", fmt.Sprintf("%d %s instalments of %s, the last %s", s.Count, s.Frequency, s.Instalment.Format(tag), s.LastInstalment.Format(tag))},
		{"First instalment", s.First.String()},
		{"Last instalment", s.Last.String()},
		{"Interest rate", rate},
		{"Total interest", s.TotalInterest.Format(tag)},
		{"Total paid", s.TotalPaid.Format(tag)},
	} {
		fmt.Fprintf(w, "  %-18s %s\n", kv[0], kv[1])
	}
	return nil
}

// table prints rows as aligned columns, the first two left-aligned and the amounts
// right-aligned, with a rule above row ruleAt. Widths are counted in runes, because
// formatted amounts contain no-break spaces.
func table(w io.Writer, rows [][]string, ruleAt int) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	total := 0
	for _, wd := range widths {
		total += wd + 2
	}
	for n, r := range rows {
		if n == ruleAt {
			fmt.Fprintln(w, "  "+strings.Repeat("-", total-2))
		}
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			b.WriteString("  ")
			if i == 1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// overviewLetter renders the plan-overview letter (E12) for plan p as plain text.
func overviewLetter(p agreement.Plan, tag language.Tag) (string, error) {
	s := p.Summary()
	lp := letters.Plan{
		Principal:       s.Principal,
		DownPayment:     s.DownPayment,
		DownPaymentDate: s.DownPaymentDate,
		Instalment:      s.Instalment,
		Term:            s.Count,
		First:           s.First,
		Last:            s.Last,
		Rate:            s.Rate,
		TotalInterest:   s.TotalInterest,
		TotalPaid:       s.TotalPaid,
	}
	for in := range p.All() {
		if in.IsDownPayment() {
			continue // the letter shows the down payment apart from the instalments
		}
		lp.Instalments = append(lp.Instalments, letters.Instalment{No: in.Number, Due: in.Due,
			Amount: in.Amount, Interest: in.Interest, Principal: in.Principal, Balance: in.Balance})
	}
	ref, err := letters.NewReference(letters.FIK71, "20250173")
	if err != nil {
		return "", err
	}
	d := letters.Data{
		Creditor: letters.Creditor{
			Name:         "Nordhavn VVS ApS",
			Address:      dunning.Address{Lines: []string{"Strandvejen 100"}, PostalCode: "2900", City: "Hellerup", Country: "DK"},
			Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"},
			Email:        "debitor@nordhavn-vvs.dk",
			Bank:         letters.Bank{Name: "Danske Bank", IBAN: "DK50 0040 0440 1162 43", BIC: "DABADKKK"},
		},
		Debtor: dunning.Party{ID: "K-20417", Name: "Mette Sørensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
			Address: dunning.Address{Lines: []string{"Nørregade 12, 2. tv."}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}},
		Jurisdiction:     dunning.DK,
		Date:             agreed,
		Case:             "2025-0173",
		PaymentReference: ref.Display(),
		Plan:             lp,
	}
	r, err := letters.New(letters.Options{})
	if err != nil {
		return "", err
	}
	l, err := r.Render(letters.PlanOverview, tag, d)
	if err != nil {
		return "", errors.Join(errors.New("plan-overview letter"), err)
	}
	return l.Text, nil
}
