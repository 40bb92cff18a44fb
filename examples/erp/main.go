// Command erp shows how an ERP embeds the dunning SDK: a tutorial in code. It is the
// ERP's nightly dunning job for one day, and every piece the host supplies is here,
// in its own file:
//
//	store.go       its Store: the cases, events and outbox, kept in a JSON file
//	               (checked with the conformance suite storetest.Run in main_test.go)
//	dispatcher.go  its Dispatcher: letters written as .eml files (RFC 5322, MIME
//	               multipart/alternative, text and HTML), post as HTML for print
//	main.go        its Creditors (the companies in the ERP), its clock, and the job
//	bank.go        payments from its bank import, matched by payment reference
//	agency.go      its collection agency: hand-over and the agency's update feed
//
// Run it:
//
//	go run ./examples/erp                       # state and letters in ./out/erp
//	go run ./examples/erp -dir /tmp/erp -today 2025-04-15 -bank my-bank.csv -agency feed.json
//
// Run it twice: the second run finds the cases open, the bank lines and the agency
// messages recorded, the day's steps taken and the letters delivered, and does
// nothing again. Everything the SDK does is idempotent on the host's ids: case
// numbers, bank line ids, agency message ids, message ids.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Copenhagen on machines without a zone database

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "erp:", err)
		os.Exit(1)
	}
}

// The sample bank statement and agency feed, used when -bank and -agency are not given.
var (
	//go:embed sample/bank.csv
	sampleBank []byte
	//go:embed sample/agency.json
	sampleAgency []byte
)

// run is the nightly job: open cases for overdue invoices, hand the ones marked for it
// to the agency, import the bank statement and the agency's updates, run the batch and
// deliver the letters.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("erp", flag.ContinueOnError)
	fs.SetOutput(stdout)
	dir := fs.String("dir", filepath.Join(".", "out", "erp"), "folder for the store, the relay cursor and the letters")
	todayFlag := fs.String("today", "2025-04-15", "the day of the job")
	bankPath := fs.String("bank", "", "bank statement (CSV: id;date;amount;reference;text); empty: the sample")
	agencyPath := fs.String("agency", "", "agency update feed (JSON); empty: the sample")
	if err := fs.Parse(args); err != nil {
		return err
	}
	today, err := date.Parse(*todayFlag)
	if err != nil {
		return fmt.Errorf("-today: %w", err)
	}
	bank, err := readInput(*bankPath, sampleBank)
	if err != nil {
		return fmt.Errorf("-bank: %w", err)
	}
	feed, err := readInput(*agencyPath, sampleAgency)
	if err != nil {
		return fmt.Errorf("-agency: %w", err)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	ctx := context.Background()

	// Time: the SDK never calls time.Now. The job runs at 06:00 in the creditors'
	// zone; "today" is read off that clock in that zone. A production host passes
	// date.SystemClock{}.
	cph, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return err
	}
	now := time.Date(today.Year(), today.Month(), today.Day(), 6, 0, 0, 0, cph)
	clock := date.FixedClock(now)

	// The Store (store.go) and the Service over it. Options.Creditors is the ERP's
	// company table (below); the zero values of the other options are the defaults:
	// the preset flows, three retries on a version conflict, no logging.
	store, err := openFileStore(filepath.Join(*dir, "cases.json"))
	if err != nil {
		return err
	}
	svc, err := collection.New(store, collection.Options{Clock: clock, Location: cph, Creditors: companies})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Dunning job for %s (state in %s)\n", today, *dir)

	if err := openCases(ctx, stdout, svc, today); err != nil {
		return err
	}
	if err := handOver(ctx, stdout, svc); err != nil {
		return err
	}
	if err := importBank(ctx, stdout, svc, bank, "bank statement"); err != nil {
		return err
	}
	if err := applyAgencyFeed(ctx, stdout, svc, feed); err != nil {
		return err
	}

	// The batch: every step that is due today, with its fee and its letter, queued
	// in the outbox in the same Save as the case. A second run of the same day finds
	// nothing due.
	res, err := svc.Commit(ctx, collection.BatchRequest{}, now)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	fmt.Fprintf(stdout, "Batch: %d steps, %d held for a person\n", len(res.Steps), len(res.Held))
	for _, s := range res.Steps {
		fee := "no fee"
		if s.Fee.IsValid() {
			fee = "fee " + s.Fee.Format(language.English)
		}
		fmt.Fprintf(stdout, "  %s: %s, %s, letter %s\n", s.CaseID, s.Kind, fee, s.MessageID)
	}

	// The relay delivers the outbox through the Dispatcher (dispatcher.go). The host
	// keeps the relay's cursor, so that a restart does not read the outbox from the
	// start (it would be harmless: the Dispatcher recognises ids it has delivered).
	cursorPath := filepath.Join(*dir, "relay-cursor")
	cursor, err := readCursor(cursorPath)
	if err != nil {
		return err
	}
	d := &emlDispatcher{dir: *dir, clock: clock, from: senderOf(companies)}
	relay, err := svc.NewRelay(d, collection.RelayOptions{After: cursor})
	if err != nil {
		return err
	}
	rr, err := relay.RunOnce(ctx, now)
	if err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	if err := os.WriteFile(cursorPath, []byte(strconv.FormatUint(relay.Cursor(), 10)), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Relay: %d letters delivered to %s, %d to retry, %d failed\n",
		len(rr.Delivered), *dir, len(rr.Retrying), len(rr.Failed))
	for _, id := range rr.Delivered {
		fmt.Fprintf(stdout, "  %s\n", id)
	}

	// What needs a person today (E22): court filings, agency hand-overs, bounces.
	for _, co := range companyList {
		dg, err := svc.Digest(ctx, co.id, today)
		if err != nil {
			return err
		}
		for _, it := range dg.Items {
			fmt.Fprintf(stdout, "For a person at %s: %s (%s): %s %s\n", co.party.Name, it.CaseID, it.Debtor, it.Reason, it.Detail)
		}
	}
	return nil
}

// readInput reads path, or returns the sample when path is empty.
func readInput(path string, sample []byte) ([]byte, error) {
	if path == "" {
		return sample, nil
	}
	return os.ReadFile(path)
}

// readCursor reads the relay cursor saved by the last run; 0 when there is none.
func readCursor(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
}

// Step 3: the creditors. An ERP has several companies; each is a creditor with its
// letterhead and bank account, which the SDK asks for through collection.Creditors
// (once per creditor per batch run). The zero CreditorProfile would take the
// letterhead from the case's creditor party, without bank details.

type company struct {
	id      string
	party   dunning.Party
	profile collection.CreditorProfile
}

// creditorTable is the host's Creditors: the ERP's companies by id. It is read-only,
// so safe for concurrent use.
type creditorTable map[string]company

func (t creditorTable) Profile(_ context.Context, id string) (collection.CreditorProfile, error) {
	co, ok := t[id]
	if !ok {
		return collection.CreditorProfile{}, fmt.Errorf("no company %q in the ERP", id)
	}
	return co.profile, nil
}

// Holidays are the company's closing days (L3): no letters go out in them.
func (t creditorTable) Holidays(_ context.Context, id string) ([]date.Period, error) {
	if id == "NEL" { // Nordhavn El closes for Easter
		return []date.Period{{From: date.MustParse("2025-04-17"), To: date.MustParse("2025-04-22")}}, nil
	}
	return nil, nil
}

var companyList = []company{
	newCompany("NVS", "Nordhavn VVS ApS", "24256790", "debitor@nordhavn-vvs.dk", "DK50 0040 0440 1162 43", "Reg.nr. 0040 konto 0440116243", true),
	newCompany("NEL", "Nordhavn El A/S", "35841377", "regnskab@nordhavn-el.dk", "DK89 3000 0012 3456 78", "Reg.nr. 3000 konto 0012345678", false),
}

var companies = func() creditorTable {
	t := creditorTable{}
	for _, c := range companyList {
		t[c.id] = c
	}
	return t
}()

func newCompany(id, name, cvr, email, iban, account string, compensation bool) company {
	p := dunning.Party{ID: id, Name: name, Kind: dunning.Business, Jurisdiction: dunning.DK, Email: email,
		Address:      dunning.Address{Lines: []string{"Strandvejen 100"}, PostalCode: "2900", City: "Hellerup", Country: "DK"},
		Registration: dunning.Registration{Scheme: dunning.CVR, Number: cvr}}
	return company{id: id, party: p, profile: collection.CreditorProfile{
		Letterhead: letters.Creditor{Name: name, Address: p.Address, Registration: p.Registration, Email: email,
			Bank: letters.Bank{Name: "Danske Bank", IBAN: iban, BIC: "DABADKKK", Account: account}},
		ClaimCompensation: compensation, // E6: 310 DKK per invoice from business debtors
	}}
}

// senderOf returns the From address of a message: the company that is the creditor
// of its case. The SDK puts the creditor's id on every message (Message.CreditorID),
// which is how a host with several companies finds the sender without a lookup.
func senderOf(t creditorTable) func(letters.Message) (mail.Address, error) {
	return func(m letters.Message) (mail.Address, error) {
		co, ok := t[m.CreditorID]
		if !ok {
			return mail.Address{}, fmt.Errorf("message %s: no company %q", m.ID, m.CreditorID)
		}
		return mail.Address{Name: co.party.Name, Address: co.party.Email}, nil
	}
}

// Step 4: the ERP's receivables. These would be rows in its database: customers and
// their unpaid invoices.

type erpInvoice struct {
	number   string // "2025-0101"
	company  string
	customer string
	issued   date.Date
	due      date.Date
	amount   string // DKK
}

var customers = map[string]dunning.Party{
	"K-1001": {ID: "K-1001", Name: "Mette Sørensen", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Email: "mette.soerensen@example.dk",
		Address: dunning.Address{Lines: []string{"Nørregade 12, 2. tv."}, PostalCode: "8000", City: "Aarhus C", Country: "DK"}},
	"K-1002": {ID: "K-1002", Name: "Hansen Byg ApS", Kind: dunning.Business, Jurisdiction: dunning.DK, Email: "bogholderi@hansen-byg.example.dk",
		Registration: dunning.Registration{Scheme: dunning.CVR, Number: "29402353"},
		Address:      dunning.Address{Lines: []string{"Industrivej 4"}, PostalCode: "7100", City: "Vejle", Country: "DK"}},
	"K-1003": {ID: "K-1003", Name: "James Walsh", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Language: language.English, Email: "james.walsh@example.com",
		Address: dunning.Address{Lines: []string{"Vesterbrogade 80, 3. th."}, PostalCode: "1620", City: "København V", Country: "DK"}},
	"K-1004": {ID: "K-1004", Name: "Karin Lindqvist", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Language: language.Swedish,
		Address: dunning.Address{Lines: []string{"Strandgade 3"}, PostalCode: "3000", City: "Helsingør", Country: "DK"}},
	"K-1005": {ID: "K-1005", Name: "Jens Olsen", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Email: "jens.olsen@example.dk",
		Address: dunning.Address{Lines: []string{"Skolevej 9"}, PostalCode: "5000", City: "Odense C", Country: "DK"}},
	"K-1006": {ID: "K-1006", Name: "Ida Madsen", Kind: dunning.Consumer, Jurisdiction: dunning.DK, Email: "ida.madsen@example.dk",
		Address: dunning.Address{Lines: []string{"Birkevej 21"}, PostalCode: "9000", City: "Aalborg", Country: "DK"}},
}

var openItems = []erpInvoice{
	{"2025-0101", "NVS", "K-1001", date.MustParse("2025-03-03"), date.MustParse("2025-03-17"), "4375.00"},
	{"2025-0102", "NVS", "K-1002", date.MustParse("2025-02-14"), date.MustParse("2025-03-16"), "18900.00"},
	{"2025-0103", "NEL", "K-1003", date.MustParse("2025-03-10"), date.MustParse("2025-03-24"), "1249.00"},
	{"2025-0104", "NEL", "K-1004", date.MustParse("2025-03-12"), date.MustParse("2025-03-26"), "2680.50"},
	{"2025-0105", "NVS", "K-1005", date.MustParse("2025-01-20"), date.MustParse("2025-02-03"), "9800.00"},
	{"2025-0106", "NVS", "K-1006", date.MustParse("2025-04-01"), date.MustParse("2025-04-15"), "560.00"},
	{"2025-0107", "NVS", "K-1001", date.MustParse("2025-03-20"), date.MustParse("2025-04-03"), "760.00"},
}

// toAgency are the customers the credit controller decided to hand straight to the
// collection agency (S13).
var toAgency = map[string]bool{"K-1005": true}

// caseID is the dunning case number of an invoice: the host chooses it, so opening a
// case is idempotent (a second Open of the same id is ErrExists).
func caseID(invoiceNumber string) collection.CaseID {
	return collection.CaseID("R" + strings.ReplaceAll(invoiceNumber, "-", ""))
}

// openCases opens a case in the Standard flow (E1) for every invoice that is overdue
// today. Cases opened by an earlier run are found by their id and left alone.
func openCases(ctx context.Context, w io.Writer, svc *collection.Service, today date.Date) error {
	opened, existing := 0, 0
	for _, inv := range openItems {
		if !inv.due.Before(today) {
			continue // not overdue yet
		}
		amount, err := money.New(inv.amount, money.DKK)
		if err != nil {
			return fmt.Errorf("invoice %s: %w", inv.number, err)
		}
		_, err = svc.Open(ctx, collection.OpenRequest{
			ID:       caseID(inv.number),
			Creditor: companies[inv.company].party,
			Debtor:   customers[inv.customer],
			Invoices: []collection.Invoice{{ID: inv.number, Number: inv.number, Issued: inv.issued, Due: inv.due, Amount: amount}},
			Flow:     "Standard",
		})
		var inUse *collection.InvoiceError
		switch {
		case errors.Is(err, collection.ErrExists),
			errors.As(err, &inUse) && inUse.CaseID == caseID(inv.number): // opened by an earlier run
			existing++
		case err != nil:
			return fmt.Errorf("open %s: %w", inv.number, err)
		default:
			opened++
		}
	}
	fmt.Fprintf(w, "Cases: %d opened, %d already open\n", opened, existing)
	return nil
}
