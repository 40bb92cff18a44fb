package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

// Step 5: payments from the bank.
//
// The ERP imports its bank statement every night. Each line that carries one of our
// payment references is a payment on a case: RecordPayment with the bank's id of
// the line as the payment id. That id makes the import idempotent: importing the
// same statement again (or an overlapping one) records nothing twice, and the SDK
// tells the host so (PaymentResult.Duplicate). A line without a reference of ours
// goes to a person.

// bankLine is one line of the statement: id;date;amount;reference;text, amounts in
// Danish notation (1.234,50).
type bankLine struct {
	id        string
	on        date.Date
	amount    money.Money
	reference string
	text      string
}

// parseBank reads the statement. Lines starting with # are comments; the first other
// line is the header.
func parseBank(b []byte) ([]bankLine, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma, r.Comment, r.FieldsPerRecord = ';', '#', 5
	var lines []bankLine
	header := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return lines, nil
		}
		if err != nil {
			return nil, err
		}
		if header {
			header = false
			continue
		}
		on, err := date.Parse(rec[1])
		if err != nil {
			return nil, fmt.Errorf("bank line %s: %w", rec[0], err)
		}
		// "4.375,00" → "4375.00"
		amount, err := money.New(strings.ReplaceAll(strings.ReplaceAll(rec[2], ".", ""), ",", "."), money.DKK)
		if err != nil {
			return nil, fmt.Errorf("bank line %s: amount %q: %w", rec[0], rec[2], err)
		}
		lines = append(lines, bankLine{id: rec[0], on: on, amount: amount, reference: rec[3], text: rec[4]})
	}
}

// importBank matches the statement's lines to cases by payment reference and records
// them as payments.
func importBank(ctx context.Context, w io.Writer, svc *collection.Service, statement []byte, name string) error {
	lines, err := parseBank(statement)
	if err != nil {
		return err
	}
	// The references of every case, as the bank reports them (canonical digits):
	// collection.PaymentReference is the reference every letter of the case prints,
	// and the ERP prints the same on its invoice, so a debtor who pays from either
	// is matched.
	byRef := map[string]collection.CaseID{}
	cases, err := collection.Collect(svc.List(ctx, collection.Filter{}))
	if err != nil {
		return err
	}
	for _, c := range cases {
		ref, err := collection.PaymentReference(c.ID, c.Jurisdiction)
		if err != nil {
			return err
		}
		byRef[ref.String()] = c.ID
	}

	recorded, repeated := 0, 0
	var unmatched []string
	for _, l := range lines {
		id, ok := match(byRef, l.reference)
		if !ok {
			unmatched = append(unmatched, fmt.Sprintf("%s %s %s %q", l.id, l.on, l.amount.Format(language.Danish), l.text))
			continue
		}
		res, err := svc.RecordPayment(ctx, id, collection.Payment{
			ID: l.id, On: l.on, Amount: l.amount, Reference: l.reference, To: collection.PaidToCreditor,
		})
		if err != nil {
			return fmt.Errorf("bank line %s: %w", l.id, err)
		}
		if res.Duplicate {
			repeated++
			continue
		}
		recorded++
		fmt.Fprintf(w, "  %s %s → case %s: %s, still owed %s, case %s\n", l.id, l.amount.Format(language.Danish), id,
			"recorded", res.Outstanding.Format(language.Danish), res.Case.Status)
	}
	fmt.Fprintf(w, "Bank import (%s): %d lines, %d recorded, %d already recorded, %d unmatched\n",
		name, len(lines), recorded, repeated, len(unmatched))
	for _, u := range unmatched {
		fmt.Fprintf(w, "  unmatched, for a person: %s\n", u)
	}
	return nil
}

// match finds the case of a reference as the bank gives it: the bare reference, or a
// whole FIK line (+71<...+creditor<). The ERP's companies are Danish, so the
// references are FIK +71 (letters.ReferenceForJurisdiction(dunning.DK)).
func match(byRef map[string]collection.CaseID, s string) (collection.CaseID, bool) {
	ref, err := letters.ParseReference(letters.FIK71, s)
	if err != nil {
		if ref, _, err = letters.ParseFIKLine(s); err != nil {
			return "", false
		}
	}
	id, ok := byRef[ref.String()]
	return id, ok
}
