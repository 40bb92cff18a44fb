package collection

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/dunning-go/dunning"
)

// TestText is the one text check every field passes: length, UTF-8, NUL and,
// on one line, control characters; one problem per field.
func TestText(t *testing.T) {
	for _, tt := range []struct {
		value  string
		max    int
		kind   textKind
		reason string // "" when accepted
	}{
		{"Jens Jensen", 200, oneLine, ""},
		{"Søren Ærø", 200, oneLine, ""},
		{"", 200, oneLine, ""},
		{strings.Repeat("x", 200), 200, oneLine, ""},
		{strings.Repeat("x", 201), 200, oneLine, "is 201 bytes long, more than the 200 allowed"},
		{"a\xffb", 200, oneLine, "is not valid UTF-8"},
		{"a\x00b", 200, multiLine, "contains a NUL byte"},
		{"a\r\nb", 200, oneLine, "contains a line break (CR or LF), which a one-line field may not hold"},
		{"a\nb", 200, oneLine, "contains a line break (CR or LF), which a one-line field may not hold"},
		{"a\tb", 200, oneLine, "contains the control character U+0009"},
		{"a\u0085b", 200, oneLine, "contains the control character U+0085"},
		{"a\x7fb", 200, oneLine, "contains the control character U+007F"},
		{"line 1\r\nline 2\tend", 200, multiLine, ""},
		{strings.Repeat("\x00", 300), 200, multiLine, "is 300 bytes long, more than the 200 allowed"},
	} {
		var p problems
		ok := p.text("F", tt.value, tt.max, tt.kind)
		if tt.reason == "" {
			if !ok || len(p) != 0 {
				t.Errorf("%q refused: %v", tt.value, p.err())
			}
			continue
		}
		fes := fieldErrors(p.err())
		if ok || len(fes) != 1 || fes[0].Reason != tt.reason || fes[0].Field != "F" {
			t.Errorf("%q: got %v, want %q", tt.value, p.err(), tt.reason)
		}
	}
}

// TestShown: a long value is cut to 64 bytes at a character boundary.
func TestShown(t *testing.T) {
	if got := shown(strings.Repeat("x", 64)); got != strings.Repeat("x", 64) {
		t.Errorf("64 bytes cut: %q", got)
	}
	if got := shown(strings.Repeat("x", 65)); got != strings.Repeat("x", 64)+"…" {
		t.Errorf("65 bytes: %q", got)
	}
	if got := shown("x" + strings.Repeat("ø", 40)); got != "x"+strings.Repeat("ø", 31)+"…" {
		t.Errorf("cut inside a character: %q", got)
	}
	if got := shown(strings.Repeat("\xff", 70)); got != strings.Repeat("\xff", 64)+"…" {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

func TestCheckReceipt(t *testing.T) {
	id, err := checkReceipt("c1/letter/2/creditor-copy", Receipt{Kind: ReceiptSent, At: time.Date(2025, 2, 20, 9, 0, 0, 0, time.UTC)})
	if err != nil || id != "c1" {
		t.Fatalf("a valid receipt: %q, %v", id, err)
	}
	for _, tt := range []struct {
		id    string
		r     Receipt
		field string
	}{
		{"", Receipt{Kind: ReceiptSent}, "messageID"},
		{"c1", Receipt{Kind: ReceiptSent}, "messageID"},
		{"c1/letter\x00/2", Receipt{Kind: ReceiptSent}, "messageID"},
		{"c1/letter/2\r\nX", Receipt{Kind: ReceiptSent}, "messageID"},
		{"c1/" + strings.Repeat("x", MaxMessageIDBytes) + "/2", Receipt{Kind: ReceiptSent}, "messageID"},
		{"c1/letter/2", Receipt{}, "Receipt.Kind"},
		{"c1/letter/2", Receipt{Kind: ReceiptDelivered, At: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)}, "Receipt.At"},
		{"c1/letter/2", Receipt{Kind: ReceiptDelivered, At: time.Date(9999, 1, 2, 0, 0, 0, 0, time.UTC)}, "Receipt.At"},
		{"c1/letter/2", Receipt{Kind: ReceiptBounced, Detail: strings.Repeat("d", MaxShortTextBytes+1)}, "Receipt.Detail"},
	} {
		_, err := checkReceipt(tt.id, tt.r)
		var fe *dunning.FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, dunning.ErrInvalid) {
			t.Errorf("%q %+v: got %v, want a problem with %s", tt.id, tt.r, err, tt.field)
		}
	}
}

// eventStore is a Store that only reads events: receiptQueued needs nothing else.
type eventStore struct {
	Store
	events []Event
}

func (s eventStore) Events(_ context.Context, id CaseID) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		for _, e := range s.events {
			if e.CaseID == id && !yield(e, nil) {
				return
			}
		}
	}
}

// TestReceiptQueued: a receipt is for a message its case queued (a
// letter.queued event names it), or for the creditor's copy of one.
func TestReceiptQueued(t *testing.T) {
	st := eventStore{events: []Event{
		{CaseID: "c1", Type: EventLetterQueued, Data: map[string]string{"message": "c1/court/3"}},
		{CaseID: "c1", Type: EventMessageSent, Data: map[string]string{"message": "c1/letter/9"}},
		{CaseID: "c2", Type: EventLetterQueued, Data: map[string]string{"message": "c2/letter/2"}},
	}}
	s := &Service{store: st}
	c := &Case{ID: "c1"}
	for _, id := range []string{"c1/court/3", "c1/court/3/creditor-copy"} {
		if err := s.receiptQueued(t.Context(), c, id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	for _, id := range []string{"c1/letter/9", "c1/letter/2", "c1/court/4"} {
		err := s.receiptQueued(t.Context(), c, id)
		var fe *dunning.FieldError
		if !errors.As(err, &fe) || fe.Field != "messageID" || fe.Value != id || !errors.Is(err, ErrUnknownMessage) || !errors.Is(err, dunning.ErrInvalid) {
			t.Errorf("%s: got %v, want a *dunning.FieldError wrapping ErrUnknownMessage", id, err)
		}
	}
	// A Store that cannot read events cannot say: every id passes.
	if err := (&Service{store: struct{ Store }{}}).receiptQueued(t.Context(), c, "c1/letter/2"); err != nil {
		t.Errorf("without an EventReader: %v", err)
	}
}
