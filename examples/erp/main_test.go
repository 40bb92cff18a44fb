package main

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
)

// TestFileStoreConformance runs the SDK's conformance suite on the host's Store: the
// point of storetest is that every Store a host writes passes it.
func TestFileStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) collection.Store {
		s, err := openFileStore(filepath.Join(t.TempDir(), "cases.json"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestFileStoreReopen: what one process saved, the next one reads back.
func TestFileStoreReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.json")
	s, err := openFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	want := storetest.Full("c1")
	want.Version = 0
	if _, err := s.Save(t.Context(), want, []collection.Event{{CaseID: "c1", Seq: 1, Type: collection.EventOpened}}, nil); err != nil {
		t.Fatal(err)
	}
	again, err := openFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Get(t.Context(), "c1")
	if err != nil {
		t.Fatal(err)
	}
	want.Version = 1
	if d := storetest.Equal(want, got); d != "" {
		t.Errorf("reopened case differs (-want +got):\n%s", d)
	}
	events, err := collection.Collect(again.Events(t.Context(), "c1"))
	if err != nil || len(events) != 1 {
		t.Errorf("events after reopening: %v, %v", events, err)
	}
}

// TestERPTwice runs the nightly job twice over the same state, bank statement and
// agency feed: the first run opens the overdue cases, records the three bank lines
// that carry our references, applies the agency's three messages and sends the day's
// reminders; the second records nothing new and sends nothing. Implements N7 (agency
// payments), E17 (the batch), E15 (delivery).
func TestERPTwice(t *testing.T) {
	dir := t.TempDir()
	var first, second bytes.Buffer
	if err := run([]string{"-dir", dir}, &first); err != nil {
		t.Fatalf("first run: %v\n%s", err, first.String())
	}
	files := letterFiles(t, dir)
	if err := run([]string{"-dir", dir}, &second); err != nil {
		t.Fatalf("second run: %v\n%s", err, second.String())
	}
	for _, want := range []string{
		"Cases: 6 opened, 0 already open",
		"Agency: 1 cases handed over",
		"Bank import (bank statement): 5 lines, 3 recorded, 0 already recorded, 2 unmatched",
		"DB-20250414-0001 4.375,00\u00a0kr. → case R20250101: recorded, still owed 0,00\u00a0kr., case closed",
		"Agency feed: 3 messages, 3 applied, 0 already applied",
		"Batch: 3 steps, 0 held for a person",
		"Relay: 3 letters delivered",
	} {
		if !strings.Contains(first.String(), want) {
			t.Errorf("first run lacks %q:\n%s", want, first.String())
		}
	}
	for _, want := range []string{
		"Cases: 0 opened, 6 already open",
		"Agency: 0 cases handed over",
		"Bank import (bank statement): 5 lines, 0 recorded, 3 already recorded, 2 unmatched",
		"Agency feed: 3 messages, 0 applied, 3 already applied",
		"Batch: 0 steps",
		"Relay: 0 letters delivered",
	} {
		if !strings.Contains(second.String(), want) {
			t.Errorf("second run lacks %q:\n%s", want, second.String())
		}
	}
	if again := letterFiles(t, dir); len(again) != len(files) || len(files) != 3 {
		t.Errorf("letters after the first run %v, after the second %v; want the same 3", files, again)
	}
}

// letterFiles lists the files the Dispatcher wrote.
func letterFiles(t *testing.T, dir string) []string {
	t.Helper()
	var fs []string
	for _, sub := range []string{"mail", "print"} {
		es, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			fs = append(fs, sub+"/"+e.Name())
		}
	}
	return fs
}

// TestEML: every .eml file parses with net/mail, is multipart/alternative with a
// text and an HTML part, both quoted-printable UTF-8, names its case
// (Message.CaseID), and prints the case's payment reference
// (collection.PaymentReference), which the bank import matches on.
func TestEML(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-dir", dir}, io.Discard); err != nil {
		t.Fatal(err)
	}
	emls, err := filepath.Glob(filepath.Join(dir, "mail", "*.eml"))
	if err != nil || len(emls) != 2 {
		t.Fatalf("eml files %v, %v; want 2 (one debtor has no e-mail address and gets post)", emls, err)
	}
	for _, path := range emls {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		from, err := mail.ParseAddress(msg.Header.Get("From"))
		if err != nil || from.Address != "debitor@nordhavn-vvs.dk" {
			t.Errorf("%s: From %v, %v", path, from, err)
		}
		if _, err := mail.ParseAddress(msg.Header.Get("To")); err != nil {
			t.Errorf("%s: To: %v", path, err)
		}
		if _, err := msg.Header.Date(); err != nil {
			t.Errorf("%s: Date: %v", path, err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || !strings.HasPrefix(subject, "Påmindelse") {
			t.Errorf("%s: Subject %q, %v", path, subject, err)
		}
		id, caseID := msg.Header.Get("X-Dunning-Message"), msg.Header.Get("X-Dunning-Case")
		if caseID == "" || !strings.HasPrefix(id, caseID+"/") {
			t.Errorf("%s: X-Dunning-Case %q is not the case of message %q", path, caseID, id)
		}
		ref, err := collection.PaymentReference(collection.CaseID(caseID), dunning.DK)
		if err != nil {
			t.Fatal(err)
		}
		mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		if err != nil || mt != "multipart/alternative" {
			t.Fatalf("%s: Content-Type %q, %v", path, mt, err)
		}
		parts := map[string]string{}
		mr := multipart.NewReader(msg.Body, params["boundary"])
		for {
			p, err := mr.NextPart() // decodes quoted-printable
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
			b, err := io.ReadAll(p)
			if err != nil {
				t.Fatal(err)
			}
			parts[pt] = string(b)
		}
		f.Close()
		if len(parts) != 2 || parts["text/plain"] == "" || parts["text/html"] == "" {
			t.Fatalf("%s: parts %v, want text/plain and text/html", path, keys(parts))
		}
		if !regexp.MustCompile(`(?i)<html`).MatchString(parts["text/html"]) {
			t.Errorf("%s: the HTML part is not HTML", path)
		}
		for typ, body := range parts {
			if !strings.Contains(body, ref.Display()) {
				t.Errorf("%s: the %s part lacks the payment reference %s that the bank import matches", path, typ, ref.Display())
			}
		}
	}
}

// TestBankImportMatchesByPaymentReference: a statement with one line for every
// running case, its reference written by the public rule
// (collection.PaymentReference) in each form a bank may report it (machine digits,
// spaced as the letter prints it, a whole FIK line), is matched line by line to
// the right case, with nothing unmatched. Implements N8 (payments matched).
func TestBankImportMatchesByPaymentReference(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-dir", dir}, io.Discard); err != nil {
		t.Fatal(err)
	}
	store, err := openFileStore(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	running, err := collection.Collect(store.List(t.Context(), collection.Filter{Statuses: []collection.Status{collection.StatusActive, collection.StatusPaused}}))
	if err != nil || len(running) < 3 {
		t.Fatalf("running cases %d, %v; want at least 3", len(running), err)
	}
	var csv strings.Builder
	csv.WriteString("id;date;amount;reference;text\n")
	want := map[collection.CaseID]string{} // case → bank line id
	for i, c := range running {
		ref, err := collection.PaymentReference(c.ID, c.Jurisdiction)
		if err != nil {
			t.Fatal(err)
		}
		printed := []string{ref.String(), ref.Display()}[i%2]
		if i == 0 {
			if printed, err = ref.FIKLine("85123456"); err != nil {
				t.Fatal(err)
			}
		}
		line := fmt.Sprintf("T-%d", i)
		want[c.ID] = line
		fmt.Fprintf(&csv, "%s;2025-04-15;1,00;%s;test\n", line, printed)
	}
	path := filepath.Join(dir, "test-bank.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{"-dir", dir, "-bank", path}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	summary := fmt.Sprintf("Bank import (bank statement): %d lines, %d recorded, 0 already recorded, 0 unmatched", len(running), len(running))
	if !strings.Contains(out.String(), summary) {
		t.Errorf("output lacks %q:\n%s", summary, out.String())
	}
	store, err = openFileStore(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	for id, line := range want {
		c, err := store.Get(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range c.Payments {
			found = found || p.ID == line
		}
		if !found {
			t.Errorf("case %s: bank line %s (its reference) was not recorded on it", id, line)
		}
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
