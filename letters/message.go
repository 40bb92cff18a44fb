package letters

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dunning-go/dunning"
	"golang.org/x/text/language"
)

// Channel is how a message reaches the debtor (E15).
type Channel uint8

// The channels.
const (
	Email Channel = iota + 1 // e-mail: Subject, Text and HTML
	SMS                      // SMS: the short text (Message.Text)
	Post                     // a letter service prints and posts the letter
	Print                    // the creditor prints and posts the letter itself
)

var channelNames = [...]string{"", "email", "sms", "post", "print"}

// IsValid reports whether c is one of the channels.
func (c Channel) IsValid() bool { return c >= Email && c <= Print }

// String returns "email", "sms", "post" or "print".
func (c Channel) String() string {
	if !c.IsValid() {
		return fmt.Sprintf("Channel(%d)", uint8(c))
	}
	return channelNames[c]
}

// ParseChannel returns the channel named s ("email", "sms", "post", "print"; letter
// case ignored).
func ParseChannel(s string) (Channel, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for c := Email; c <= Print; c++ {
		if channelNames[c] == name {
			return c, nil
		}
	}
	return 0, &dunning.FieldError{Field: "Channel", Value: s, Reason: "is not a channel (email, sms, post, print)"}
}

// MarshalText implements encoding.TextMarshaler.
func (c Channel) MarshalText() ([]byte, error) {
	if c == 0 {
		return []byte{}, nil
	}
	if !c.IsValid() {
		return nil, &dunning.FieldError{Field: "Channel", Value: c.String(), Reason: "is not a channel"}
	}
	return []byte(channelNames[c]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Channel) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = 0
		return nil
	}
	v, err := ParseChannel(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Message is one letter on its way to one recipient over one channel: what the
// collection layer writes to its outbox in the same transaction as the case change,
// and what a relay hands to the Dispatcher.
type Message struct {
	// ID is the idempotency key, stable for one (case, step, attempt), such as
	// "case-42/collection-warning/2025-03-03". A relay delivers at least once, so the
	// same message may reach the Dispatcher more than once; the ID is how a retried
	// delivery is recognised.
	ID string
	// CaseID is the id of the case the message belongs to, and CreditorID the id
	// of that case's creditor (its dunning.Party.ID), so that a Dispatcher can
	// pick the sender, the mailbox or the account without parsing ID. The
	// collection layer sets both on every message it queues; a letter about
	// several cases of one debtor (a balance statement) names the case whose
	// change queued it, the one its ID starts with. Empty for a message made
	// elsewhere (Letter.Message leaves them to the caller). In JSON they are
	// "CaseID" and "CreditorID", left out when empty.
	CaseID     string `json:",omitempty"`
	CreditorID string `json:",omitempty"`
	Channel    Channel
	// Recipient is the e-mail address, the phone number in international form, or for
	// post and print the addressee's name and address as printed.
	Recipient string
	Subject   string
	// Text is the plain-text body; for an SMS, the SMS text.
	Text string
	// HTML is the HTML body (e-mail, post, print); empty for an SMS.
	HTML string
	// Lang is the language the letter was written in, after matching.
	Lang        language.Tag
	Kind        Kind
	Attachments []Attachment // optional: a PDF, a signed declaration, the court form
	// SendAt is the earliest time the message may be delivered: a relay holds it
	// back until then (a batch run queues the day's letters for the morning, say).
	// The zero time means at once. In JSON it is "SendAt", left out when zero.
	SendAt time.Time `json:",omitzero"`
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string // file name, such as "skyldnererklaering.pdf"
	ContentType string // such as "application/pdf"
	Data        []byte
}

// Message returns the letter as a message with the given idempotency key, channel and
// recipient, to be sent at once (SendAt zero). For SMS the text is the SMS form and
// there is no HTML.
func (l Letter) Message(id string, ch Channel, recipient string) Message {
	m := Message{ID: id, Channel: ch, Recipient: recipient, Subject: l.Subject, Lang: l.Lang, Kind: l.Kind}
	if partsFor(ch) == partSMS { // what RenderFor renders for ch
		m.Text = l.SMS.Text
		return m
	}
	m.Text, m.HTML = l.Text, l.HTML
	return m
}

// Dispatcher delivers messages; the host implements it over its mail server, SMS
// gateway, letter service or print queue (E15).
//
// Deliver may be called more than once with the same message (the relay delivers at
// least once, and retries after errors and crashes). An implementation must treat a
// repeated Message.ID as already done: deliver it at most once and return nil for the
// repeat. Deliver returns an error when delivery failed and should be retried with
// the same ID. A cancelled ctx does not say whether delivery happened; the retry with
// the same ID settles it. Implementations must be safe for concurrent use.
type Dispatcher interface {
	Deliver(ctx context.Context, msg Message) error
}

// DispatcherFunc adapts a function to a Dispatcher.
type DispatcherFunc func(ctx context.Context, msg Message) error

// Deliver calls f(ctx, msg).
func (f DispatcherFunc) Deliver(ctx context.Context, msg Message) error { return f(ctx, msg) }
