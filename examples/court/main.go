// Command court takes a Danish claim to court (E8, E9): it checks a payment claim
// (betalingspåkrav) for readiness with court.CheckPaymentClaim, prints every problem
// the court would reject it for, fixes them one by one, checks it again, and prints the
// court fee (court.FeeFor) and the data of the payment-claim form
// (court.NewPaymentClaimForm). It then builds the transfer list of court fees for
// several cases in different court districts (court.NewTransferList) and prints it
// per district, with totals and whether each fee is added to the debtor's debt.
//
//	go run ./examples/court
//	go run ./examples/court -lang en
//
// The flag -lang is the language amounts are written in (default da). The interest
// lines of the claim are computed by package interest at the Danish statutory rate,
// one line per rate; the collection-cost cap comes from package fees. All dates are
// fixed, so the output is the same on every run.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/court"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/dunning-go/dunning/interest"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "court:", err)
		os.Exit(1)
	}
}

func dkk(s string) money.Money { return money.MustNew(s, money.DKK) }

// The case: fixed figures, so that every run prints the same.
var (
	plannedFiling = date.MustParse("2025-11-03")
	warningSent   = date.MustParse("2025-10-27") // the collection warning (inkassoloven § 10)
	creditor      = dunning.Party{ID: "C-1", Name: "Nordhavn VVS ApS", Kind: dunning.Business, Jurisdiction: dunning.DK,
		Address:      dunning.Address{Lines: []string{"Strandvejen 100"}, PostalCode: "2900", City: "Hellerup", Country: "DK"},
		Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"}}
	debtor = dunning.Party{ID: "K-20417", Name: "Mette Sørensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK,
		Address: dunning.Address{Lines: []string{"Nørregade 12, 2. tv."}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}}
	debtorCPR = dunning.Registration{Scheme: dunning.CPR, Number: "010180-1234"}
)

// run parses args, prints the readiness check, the fixes, the form and the transfer list.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("court", flag.ContinueOnError)
	fs.SetOutput(stdout)
	lang := fs.String("lang", "da", "language of amounts (da, sv, nb, de, nl, fi, en)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tag, err := language.Parse(*lang)
	if err != nil {
		return fmt.Errorf("-lang %q: %w", *lang, err)
	}
	rates, conv, err := interest.Statutory(dunning.DK, dunning.Consumer)
	if err != nil {
		return err
	}

	// The claim as a first draft has it: no CPR number, no court, interest counted to
	// the expected court date instead of the filing date, a reminder fee and collection
	// costs above their caps, and a warning whose deadline has not passed.
	filing := plannedFiling
	claim := court.PaymentClaim{
		Creditor: creditor,
		Debtor:   debtor,
		Basis:    "VVS-arbejde ifølge fakturaer 2025-0412 og 2025-0587",
		Invoices: []court.Invoice{
			{Number: "2025-0412", Issued: date.MustParse("2025-04-15"), Due: date.MustParse("2025-05-15"), Principal: dkk("12400.00")},
			{Number: "2025-0587", Issued: date.MustParse("2025-06-10"), Due: date.MustParse("2025-07-10"), Principal: dkk("6050.00")},
		},
		Costs: []court.Cost{
			{Kind: court.ReminderFee, Date: date.MustParse("2025-05-25"), Amount: dkk("100.00"), Text: "1. rykker"},
			{Kind: court.ReminderFee, Date: date.MustParse("2025-07-20"), Amount: dkk("150.00"), Text: "2. rykker"},
			{Kind: court.CollectionCost, Date: warningSent, Amount: dkk("2000.00"), Text: "Inkassoomkostninger"},
		},
		Warning:              warningSent,
		CivilCaseOnObjection: true,
	}
	if claim.Invoices[0].Interest, err = interestLines(claim.Invoices[0], filing, rates, conv); err != nil {
		return err
	}
	if claim.Invoices[1].Interest, err = interestLines(claim.Invoices[1], date.MustParse("2025-11-20"), rates, conv); err != nil {
		return err
	}

	fmt.Fprintf(stdout, "Payment claim against %s, to be filed %s\n", claim.Debtor.Name, filing)
	problems := court.Problems(court.CheckPaymentClaim(claim, filing))
	fmt.Fprintf(stdout, "\nCheckPaymentClaim: %d problems\n", len(problems))
	for _, p := range problems {
		fmt.Fprintf(stdout, "  - %s %q: %s [%s]\n", p.Field, p.Value, p.Reason, sentinel(p))
	}

	// The fixes, each followed by a new check.
	fmt.Fprintln(stdout, "\nFixes")
	fixes := []struct {
		what string
		fix  func() error
	}{
		{"Debtor.Registration: added the debtor's CPR number", func() error {
			claim.Debtor.Registration = debtorCPR
			return nil
		}},
		{"District: the debtor lives in Aarhus C, so the claim goes to " + court.Aarhus.String(), func() error {
			claim.District = court.Aarhus
			return nil
		}},
		{"Warning: filing moved to the day after the warning's deadline", func() error {
			filing = warningSent.AddDays(court.WarningDays + 1)
			return nil
		}},
		{"Invoices[1].Interest: interest of every invoice recomputed up to the filing date", func() error {
			for i := range claim.Invoices {
				var err error
				if claim.Invoices[i].Interest, err = interestLines(claim.Invoices[i], filing, rates, conv); err != nil {
					return err
				}
			}
			return nil
		}},
		{"Costs[1].Amount: the second reminder fee lowered to the cap of package fees", func() error {
			rule, err := fees.ReminderRules(dunning.DK, claim.Debtor.Kind, date.Date{}, claim.Costs[1].Date)
			if err != nil {
				return err
			}
			claim.Costs[1].Amount = rule.Cap
			return nil
		}},
		{"Costs: collection costs lowered to the cap of fees.CollectionCostCap", func() error {
			capped, err := collectionCap(claim)
			if err != nil {
				return err
			}
			claim.Costs[2].Amount = capped.Amount
			return nil
		}},
	}
	for _, f := range fixes {
		if err := f.fix(); err != nil {
			return err
		}
		left := len(court.Problems(court.CheckPaymentClaim(claim, filing)))
		fmt.Fprintf(stdout, "  fixed %s; problems left: %d\n", f.what, left)
	}
	fmt.Fprintf(stdout, "  (filing date now %s; second reminder fee %s; collection costs %s)\n",
		filing, claim.Costs[1].Amount.Format(tag), claim.Costs[2].Amount.Format(tag))

	if err := court.CheckPaymentClaim(claim, filing); err != nil {
		return fmt.Errorf("the fixed claim is still not ready: %w", err)
	}
	fmt.Fprintf(stdout, "\nCheckPaymentClaim again: no problems, ready to file on %s\n", filing)

	form, err := court.NewPaymentClaimForm(claim, filing, date.Date{})
	if err != nil {
		return err
	}
	// The court fee is keyed on the filing date and computed from the claim without
	// the collection costs (retsplejeloven § 401).
	feeBase, err := form.Principal.Add(form.Interest)
	if err != nil {
		return err
	}
	fee, err := court.FeeFor(court.Filing{Jurisdiction: dunning.DK, Proceeding: court.PaymentOrder, Claim: feeBase, Date: filing})
	if err != nil {
		return err
	}
	if !fee.Amount.Equal(form.Fee.Amount) {
		return fmt.Errorf("FeeFor gives %s, the form %s", fee.Amount, form.Fee.Amount)
	}
	fmt.Fprintf(stdout, "\nCourt fee (court.FeeFor): %s for a %s filed %s; rule %s, %s, %s\n",
		fee.Amount.Format(tag), fee.Proceeding, fee.Filed, fee.Rule.ID, fee.Rule.Source, fee.Status)

	printForm(stdout, form, tag)
	fmt.Fprintf(stdout, "  Interest at the Danish statutory rate (%s), %s; research status of the rates: %s\n",
		rateSource(rates, filing), conv.DayCount, weakestRate(rates, form.Invoices))
	return transferList(stdout, form, fee, tag)
}

// interestLines computes the statutory interest on inv from its due date to `to`
// (exclusive), one court line per rate: package interest splits the period at every
// rate change, and each segment becomes a line, rounded to the øre.
func interestLines(inv court.Invoice, to date.Date, rates interest.RateSource, conv interest.Convention) ([]court.InterestLine, error) {
	res, err := interest.Accrue(inv.Principal, inv.Due, to, rates, conv)
	if err != nil {
		return nil, err
	}
	lines := make([]court.InterestLine, 0, len(res.Segments))
	for _, s := range res.Segments {
		amount, err := money.FromDecimal(s.Amount, money.DKK, money.PolicyFor(money.DKK, money.HalfAwayFromZero))
		if err != nil {
			return nil, err
		}
		lines = append(lines, court.InterestLine{Period: date.Period{From: s.From, To: s.To}, Rate: s.Rate, Amount: amount})
	}
	return lines, nil
}

// rateSource is the source of the statutory rate in force on day.
func rateSource(rates interest.RateSource, day date.Date) string {
	r, err := rates.RateAt(day)
	if err != nil {
		return err.Error()
	}
	return r.Source
}

// weakestRate is the weakest research status among the rates of the interest lines:
// court.InterestLine keeps the rate but not its status, so it is looked up again.
func weakestRate(rates interest.RateSource, invoices []court.Invoice) dunning.Status {
	weakest := dunning.Verified
	for _, inv := range invoices {
		for _, in := range inv.Interest {
			r, err := rates.RateAt(in.Period.From)
			if err != nil {
				return dunning.Unverified
			}
			weakest = weakest.Weaker(r.Status)
		}
	}
	return weakest
}

// collectionCap is the cap on the collection costs of claim c: fees.CollectionCostCap on
// the claim base of bilag 1 (the principals plus the reminder and other fees), keyed on
// the date the claim arose (the earliest invoice date), as CheckPaymentClaim applies it.
func collectionCap(c court.PaymentClaim) (fees.Cap, error) {
	var base money.Money
	var arose date.Date
	var err error
	for _, inv := range c.Invoices {
		if base, err = base.Add(inv.Principal); err != nil {
			return fees.Cap{}, err
		}
		if arose.IsZero() || inv.Issued.Before(arose) {
			arose = inv.Issued
		}
	}
	for _, cost := range c.Costs {
		if cost.Kind == court.CollectionCost {
			continue
		}
		if base, err = base.Add(cost.Amount); err != nil {
			return fees.Cap{}, err
		}
	}
	return fees.CollectionCostCap(dunning.DK, c.Debtor.Kind, base, arose)
}

// sentinel names the ErrNotReady sentinel a problem wraps.
func sentinel(p *dunning.FieldError) string {
	for _, s := range []struct {
		err  error
		name string
	}{
		{court.ErrIncomplete, "incomplete"}, {court.ErrSpecification, "specification"},
		{court.ErrAboveCap, "above cap"}, {court.ErrTimeBarred, "time-barred"},
		{court.ErrTooEarly, "too early"}, {court.ErrCurrency, "currency"},
	} {
		if errors.Is(p, s.err) {
			return s.name
		}
	}
	return "other"
}

// printForm prints the payment-claim form's data in the order the form asks for it.
func printForm(w io.Writer, f court.PaymentClaimForm, tag language.Tag) {
	party := func(p dunning.Party) string {
		return fmt.Sprintf("%s (%s), %s, %s %s, %s", p.Name, p.Kind, strings.Join(p.Address.Lines, ", "),
			p.Address.PostalCode, p.Address.City, p.Registration)
	}
	yesNo := map[bool]string{true: "yes", false: "no"}
	fmt.Fprintln(w, "\nPayment claim form (court.NewPaymentClaimForm)")
	fmt.Fprintf(w, "  %-26s %s\n", "Court", f.District)
	fmt.Fprintf(w, "  %-26s %s\n", "Filed", f.Filed)
	fmt.Fprintf(w, "  %-26s %s\n", "Creditor", party(f.Creditor))
	fmt.Fprintf(w, "  %-26s %s\n", "Debtor", party(f.Debtor))
	fmt.Fprintf(w, "  %-26s %s\n", "Basis", f.Basis)
	fmt.Fprintf(w, "  %-26s sent %s, deadline %s\n", "Collection warning", f.Warning, f.WarningDeadline)
	fmt.Fprintf(w, "  %-26s %s\n", "Civil case on objection", yesNo[f.CivilCaseOnObjection])
	fmt.Fprintln(w, "  Claim specification")
	line := func(label, amount string) { fmt.Fprintf(w, "    %-52s %16s\n", label, amount) }
	for _, inv := range f.Invoices {
		line(fmt.Sprintf("Invoice %s, issued %s, due %s", inv.Number, inv.Issued, inv.Due), inv.Principal.Format(tag))
		for _, in := range inv.Interest {
			line(fmt.Sprintf("  interest %s to %s at %s %%", in.Period.From, in.Period.To.AddDays(-1), in.Rate), in.Amount.Format(tag))
		}
	}
	for _, c := range f.Costs {
		line(fmt.Sprintf("%s %s (%s)", c.Kind, c.Date, c.Text), c.Amount.Format(tag))
	}
	fmt.Fprintf(w, "    %s\n", strings.Repeat("-", 69))
	line("Principal", f.Principal.Format(tag))
	line("Interest", f.Interest.Format(tag))
	line("Costs", f.CostTotal.Format(tag))
	line("Total claimed", f.Total.Format(tag))
	line("Court fee (not part of the claim)", f.Fee.Amount.Format(tag))
}

// transferList builds and prints the court fees to transfer for this claim and four
// other cases, per district.
func transferList(w io.Writer, form court.PaymentClaimForm, fee court.Fee, tag language.Tag) error {
	items := []court.Transfer{{CaseID: "2025-0173", District: form.District, Fee: fee, AddToDebt: true}}
	cases := []struct {
		id       string
		district court.District
		filing   court.Filing
		add      bool
	}{
		{"2025-0151", court.Koebenhavn, court.Filing{Proceeding: court.PaymentOrder, Claim: dkk("42000.00"), Date: date.MustParse("2025-11-04")}, true},
		// An enforcement request within 12 months of the payment claim's fee is covered.
		{"2025-0098", court.Odense, court.Filing{Proceeding: court.Enforcement, Claim: dkk("9800.00"), Date: date.MustParse("2025-11-05"),
			FeePaid: date.MustParse("2025-03-12")}, true},
		// The creditor bears this civil-case fee itself.
		{"2025-0120", court.Koebenhavn, court.Filing{Proceeding: court.CivilCase, Claim: dkk("120000.00"), Date: date.MustParse("2025-11-06")}, false},
		{"2025-0164", court.Aalborg, court.Filing{Proceeding: court.PaymentOrder, Claim: dkk("7300.00"), Date: date.MustParse("2025-11-07")}, false},
	}
	for _, c := range cases {
		c.filing.Jurisdiction = dunning.DK
		fee, err := court.FeeFor(c.filing)
		if err != nil {
			return fmt.Errorf("case %s: %w", c.id, err)
		}
		items = append(items, court.Transfer{CaseID: c.id, District: c.district, Fee: fee, AddToDebt: c.add})
	}
	list, err := court.NewTransferList(items)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTransfer list (court.NewTransferList): court fees to transfer, per district")
	for _, d := range list.Districts {
		fmt.Fprintf(w, "  %s\n", d.District)
		for _, it := range d.Items {
			note := ""
			if it.Fee.Covered {
				note = " (covered by a fee paid within the last 12 months)"
			}
			fmt.Fprintf(w, "    %-10s %-14s %s  %14s  added to debt: %s%s\n", it.CaseID, it.Fee.Proceeding, it.Fee.Filed,
				it.Fee.Amount.Format(tag), map[bool]string{true: "yes", false: "no"}[it.AddToDebt], note)
		}
		fmt.Fprintf(w, "    %-37s %14s  added to debt: %s\n", "district total", d.Total.Format(tag), d.AddedToDebt.Format(tag))
	}
	fmt.Fprintf(w, "  %-39s %14s  added to debt: %s\n", "Total to transfer", list.Total.Format(tag), list.AddedToDebt.Format(tag))
	return nil
}
