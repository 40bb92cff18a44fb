package collection

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// ReceiptKind is what a delivery receipt reports (E15, E16).
type ReceiptKind uint8

// The receipt kinds. The relay records ReceiptSent itself when the Dispatcher
// accepts a message; the host reports the others from its transport (bounce
// handling, delivery reports, the e-mail opened-log).
const (
	ReceiptSent      ReceiptKind = iota + 1 // handed to the transport
	ReceiptDelivered                        // delivered to the recipient
	ReceiptOpened                           // opened (e-mail with an opened-log)
	ReceiptBounced                          // bounced: not delivered; needs a person (E22)
)

var receiptNames = [...]string{"", "sent", "delivered", "opened", "bounced"}

// String returns "sent", "delivered", "opened", "bounced", or "ReceiptKind(n)".
func (k ReceiptKind) String() string { return enumString(receiptNames[:], uint8(k), "ReceiptKind") }

// IsValid reports whether k is one of the receipt kinds.
func (k ReceiptKind) IsValid() bool { return k > 0 && int(k) < len(receiptNames) }

func (k ReceiptKind) event() EventType {
	return [...]EventType{"", EventMessageSent, EventMessageDelivered, EventMessageOpened, EventMessageBounced}[k]
}

// Receipt is a delivery receipt of one message.
type Receipt struct {
	Kind ReceiptKind
	// At is when it happened, as the transport reports it; zero means now.
	At time.Time
	// Detail is the transport's text, such as a bounce reason.
	Detail string
}

// RecordReceipt records a delivery receipt of message messageID as an event on
// its case (E15, E16): message.sent, message.delivered, message.opened or
// message.bounced. The case is the one named at the start of the id: every
// message id the SDK makes is "<case id>/<what>/<n>", with "/creditor-copy"
// appended for the creditor's copy of a court submission. Recording the same
// kind of receipt for the same message twice is a no-op when the Store is an
// EventReader (the relay retries). A deleted case is a *NotFoundError; an id
// that names no case, or an invalid kind, a *dunning.FieldError. Implements E15, E16.
func (s *Service) RecordReceipt(ctx context.Context, messageID string, r Receipt) error {
	var errs []error
	id, ok := caseOfMessage(messageID)
	if !ok {
		errs = append(errs, &dunning.FieldError{Field: "messageID", Value: messageID, Reason: `is not a message id of the form "<case id>/<what>/<n>"`})
	}
	if !r.Kind.IsValid() {
		errs = append(errs, &dunning.FieldError{Field: "Receipt.Kind", Value: r.Kind.String(), Reason: "is not a receipt kind"})
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	_, err := s.update(ctx, id, "record receipt", func(c *Case, now time.Time, _ date.Date, ch *change) error {
		if seen, err := s.hasEvent(ctx, c.ID, r.Kind.event(), messageID); err != nil || seen {
			return err
		}
		at := r.At
		if at.IsZero() {
			at = now
		}
		ch.add(r.Kind.event(), "message", messageID, "at", at.UTC().Format(time.RFC3339), "detail", r.Detail)
		return nil
	})
	return err
}

// hasEvent reports whether case id has an event of type t about message msg;
// false when the Store is not an EventReader.
func (s *Service) hasEvent(ctx context.Context, id CaseID, t EventType, msg string) (bool, error) {
	er, ok := s.store.(EventReader)
	if !ok {
		return false, nil
	}
	for e, err := range er.Events(ctx, id) {
		if err != nil {
			return false, fmt.Errorf("collection: events of case %q: %w", string(id), err)
		}
		if e.Type == t && e.Data["message"] == msg {
			return true, nil
		}
	}
	return false, nil
}

const copySuffix = "/creditor-copy"

// caseOfMessage returns the case id a message id starts with.
func caseOfMessage(id string) (CaseID, bool) {
	id = strings.TrimSuffix(id, copySuffix)
	i := strings.LastIndexByte(id, '/')
	if i <= 0 {
		return "", false
	}
	j := strings.LastIndexByte(id[:i], '/')
	if j <= 0 {
		return "", false
	}
	return CaseID(id[:j]), true
}

// RelayOptions configure a Relay. The zero RelayOptions start at the beginning of
// the outbox and retry a failed delivery 8 times, after 1, 2, 4, ... minutes
// (at most an hour apart).
type RelayOptions struct {
	// After is the outbox position up to which every message was delivered: the
	// Relay's Cursor saved by the host before a restart. 0 means from the start;
	// messages delivered before are delivered again with the same ids, which the
	// Dispatcher recognises.
	After uint64
	// MaxAttempts is how many times a message is tried before the relay gives up
	// and records message.failed (shown in the Digest). 0 means 8.
	MaxAttempts int
	// Backoff is the wait after the first failed attempt; it doubles after each
	// further one, up to MaxBackoff. 0 means a minute and an hour.
	Backoff, MaxBackoff time.Duration
}

// Relay delivers the outbox through a letters.Dispatcher (E15): every message
// whose send time has come (letters.Message.SendAt; at once when it is zero),
// at least once, with its stable id, so a delivery retried
// after an error or a crash is recognised by the Dispatcher. A failed delivery is
// retried with exponential backoff; each success is recorded as a message.sent
// receipt on the case. A court submission (payment claim, enforcement request)
// is also sent to the creditor as a copy, with the id "<id>/creditor-copy" (E15).
//
// The host drives it: call RunOnce with the current time as often as it likes
// (every minute, say); it never sleeps. A Relay keeps its retry state in memory
// and is safe for concurrent use, but run one Relay per outbox: two would both
// deliver every message (harmless, as the ids repeat, but wasteful).
type Relay struct {
	s    *Service
	out  OutboxReader
	d    letters.Dispatcher
	opts RelayOptions

	mu      sync.Mutex
	read    uint64          // the last outbox position read
	pending []*relayMessage // by position
}

// relayMessage is a message the relay has yet to deliver or record.
type relayMessage struct {
	pos       uint64
	caseID    CaseID
	msg       letters.Message
	next      time.Time // not before
	attempts  int
	delivered bool // delivered, but the receipt is not recorded yet
	copied    bool // the creditor's copy of a court submission was queued
}

// RelayResult says what one RunOnce did.
type RelayResult struct {
	// Delivered are the ids of the messages the Dispatcher accepted.
	Delivered []string
	// Retrying are the ids of the messages that failed and will be tried again.
	Retrying []string
	// Failed are the ids of the messages the relay gave up on.
	Failed []string
	// Cancelled are the ids of the messages not delivered because their action
	// was deleted before they were sent (E19, DeleteLastAction).
	Cancelled []string
	// Waiting is the number of messages whose send time or retry time has not come.
	Waiting int
	// Pending is the number of messages left for later runs: waiting, to be
	// retried, or delivered with their receipt still to record.
	Pending int
}

// NewRelay returns a Relay over the Service's Store, which must implement
// OutboxReader, delivering through d.
func (s *Service) NewRelay(d letters.Dispatcher, opts RelayOptions) (*Relay, error) {
	out, ok := s.store.(OutboxReader)
	var errs []error
	if !ok {
		errs = append(errs, fmt.Errorf("collection: relay: the store has no outbox reader: %w", ErrUnsupported))
	}
	if d == nil {
		errs = append(errs, &dunning.FieldError{Field: "dispatcher", Value: "<nil>", Reason: "is required"})
	}
	if opts.MaxAttempts < 0 || opts.Backoff < 0 || opts.MaxBackoff < 0 {
		errs = append(errs, &dunning.FieldError{Field: "RelayOptions", Value: fmt.Sprintf("%+v", opts), Reason: "has a negative value"})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if opts.MaxAttempts == 0 {
		opts.MaxAttempts = 8
	}
	if opts.Backoff == 0 {
		opts.Backoff = time.Minute
	}
	if opts.MaxBackoff == 0 {
		opts.MaxBackoff = time.Hour
	}
	return &Relay{s: s, out: out, d: d, opts: opts, read: opts.After}, nil
}

// Cursor returns the outbox position up to which every message was delivered
// (or given up on): what to pass as RelayOptions.After after a restart.
func (r *Relay) Cursor() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.pending) > 0 {
		return r.pending[0].pos - 1
	}
	return r.read
}

// RunOnce reads the new outbox entries and delivers every message whose time
// has come at now, in outbox order. It returns what it did; its error is a
// failure to read the outbox, or a cancelled ctx (delivery
// failures are retried, not returned).
func (r *Relay) RunOnce(ctx context.Context, now time.Time) (RelayResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var res RelayResult
	if err := r.readNew(ctx); err != nil {
		return res, err
	}
	kept := make([]*relayMessage, 0, len(r.pending))
	for i, m := range r.pending {
		if err := ctx.Err(); err != nil {
			r.pending = append(kept, r.pending[i:]...)
			return res, err
		}
		if m.next.After(now) {
			res.Waiting++
			kept = append(kept, m)
			continue
		}
		if r.attempt(ctx, m, now, &res) {
			kept = append(kept, m)
		}
		// A court submission's creditor copy joins the queue right behind it.
		if m.delivered && !m.copied && isCourt(m.msg.Kind) && !strings.HasSuffix(m.msg.ID, copySuffix) {
			m.copied = true
			if cp, ok := r.creditorCopy(ctx, m); ok && r.attempt(ctx, cp, now, &res) {
				kept = append(kept, cp)
			}
		}
	}
	r.pending = kept
	res.Pending = len(kept)
	return res, nil
}

// attempt delivers m (unless it was delivered) and records its receipt; it
// reports whether m stays pending.
func (r *Relay) attempt(ctx context.Context, m *relayMessage, now time.Time, res *RelayResult) bool {
	if !m.delivered {
		if id, ok := caseOfMessage(m.msg.ID); ok {
			cancelled, err := r.s.hasEvent(ctx, id, EventMessageCancelled, m.msg.ID)
			if err != nil {
				m.next = now.Add(r.opts.Backoff)
				return true // not known: ask again on the next run
			}
			if cancelled {
				res.Cancelled = append(res.Cancelled, m.msg.ID)
				return false
			}
		}
		m.attempts++
		if err := r.d.Deliver(ctx, m.msg); err != nil {
			if m.attempts >= r.opts.MaxAttempts {
				res.Failed = append(res.Failed, m.msg.ID)
				r.record(ctx, m.msg.ID, EventMessageFailed, err.Error(), now)
				return false
			}
			res.Retrying = append(res.Retrying, m.msg.ID)
			m.next = now.Add(r.backoff(m.attempts))
			r.s.log.DebugContext(ctx, "collection: relay: delivery failed, retrying", "message", m.msg.ID, "attempt", m.attempts)
			return true
		}
		m.delivered = true
		res.Delivered = append(res.Delivered, m.msg.ID)
	}
	if err := r.s.RecordReceipt(ctx, m.msg.ID, Receipt{Kind: ReceiptSent, At: now}); err != nil && !errors.Is(err, ErrNotFound) {
		m.next = now.Add(r.opts.Backoff)
		return true // delivered; the receipt is recorded on the next run
	}
	return false
}

// record appends an event about a message that has no Receipt kind (failed).
func (r *Relay) record(ctx context.Context, msgID string, t EventType, detail string, now time.Time) {
	id, ok := caseOfMessage(msgID)
	if !ok {
		return
	}
	_, err := r.s.update(ctx, id, "relay", func(c *Case, _ time.Time, _ date.Date, ch *change) error {
		ch.add(t, "message", msgID, "at", now.UTC().Format(time.RFC3339), "detail", detail)
		return nil
	})
	if err != nil {
		r.s.log.WarnContext(ctx, "collection: relay: could not record", "message", msgID, "event", string(t), "err", err)
	}
}

// backoff is the wait after the n-th failed attempt.
func (r *Relay) backoff(n int) time.Duration {
	d := r.opts.Backoff
	for i := 1; i < n && d < r.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, r.opts.MaxBackoff)
}

// readNew appends the outbox entries after r.read to the pending messages.
func (r *Relay) readNew(ctx context.Context) error {
	for e, err := range r.out.Outbox(ctx, r.read) {
		if err != nil {
			return fmt.Errorf("collection: relay: read outbox: %w", err)
		}
		r.pending = append(r.pending, &relayMessage{pos: e.Pos, caseID: e.CaseID, msg: e.Message, next: e.Message.SendAt})
		r.read = e.Pos
	}
	return nil
}

func isCourt(k letters.Kind) bool {
	return k == letters.PaymentClaim || k == letters.EnforcementRequest
}

// creditorCopy is the creditor's copy of court submission m (E15): the same
// letter to the creditor's CopyTo address, else its e-mail, else its postal address.
func (r *Relay) creditorCopy(ctx context.Context, m *relayMessage) (*relayMessage, bool) {
	c, err := r.s.store.Get(ctx, m.caseID)
	if err != nil {
		r.s.log.WarnContext(ctx, "collection: relay: no creditor copy", "message", m.msg.ID, "err", err)
		return nil, false
	}
	ci := r.s.creditor(ctx, c.Creditor.ID, nil)
	cp := m.msg
	cp.ID += copySuffix
	cp.Attachments = slices.Clone(cp.Attachments)
	switch {
	case ci.err == nil && ci.profile.CopyTo != "":
		cp.Channel, cp.Recipient = letters.Email, ci.profile.CopyTo
	case c.Creditor.Email != "":
		cp.Channel, cp.Recipient = letters.Email, c.Creditor.Email
	default:
		cp.Channel, cp.Recipient = letters.Post, defaultRecipient(c.Creditor, letters.Post)
	}
	return &relayMessage{pos: m.pos, caseID: m.caseID, msg: cp}, true
}

// statusOf is used by the digest: the last receipt of each message of a case.
func receiptOf(t EventType) (ReceiptKind, bool) {
	for k := ReceiptSent; k <= ReceiptBounced; k++ {
		if k.event() == t {
			return k, true
		}
	}
	return 0, false
}
