package collection

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
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
	id, err := checkReceipt(messageID, r)
	if err != nil {
		return err
	}
	_, err = s.update(ctx, id, "record receipt", func(c *Case, now time.Time, _ date.Date, ch *change) error {
		if seen, err := s.hasEvent(ctx, c.ID, r.Kind.event(), messageID); err != nil || seen {
			return err
		}
		if err := s.receiptQueued(ctx, c, messageID); err != nil {
			return err // a message the case never queued (ErrUnknownMessage)
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
// the outbox, deliver one message at a time and retry a failed delivery 8
// times, after 1, 2, 4, ... minutes (at most an hour apart).
type RelayOptions struct {
	// After is the outbox position up to which every message was delivered: the
	// Relay's Cursor saved by the host before a restart. 0 means from the start.
	// Over a Store that is a DeliveryRecorder the relay skips the messages it
	// marked, so it needs no saved cursor (After only saves reading what is
	// before it). Over any other Store the messages after After that were
	// delivered before are delivered again with the same ids, which the
	// Dispatcher recognises.
	After uint64
	// MaxAttempts is how many times a message is tried before the relay gives up
	// and records message.failed (shown in the Digest). 0 means 8.
	MaxAttempts int
	// Backoff is the wait after the first failed attempt; it doubles after each
	// further one, up to MaxBackoff. 0 means a minute and an hour.
	Backoff, MaxBackoff time.Duration
	// Concurrency is how many messages the relay hands to the Dispatcher at
	// once (the Dispatcher must then be safe for concurrent use); 0 means 1:
	// one at a time, in outbox order. The messages of one case always go one
	// at a time, in outbox order. Over a DeliveryRecorder it is also the bound
	// on the messages a crash makes the relay deliver twice.
	Concurrency int
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
//
// What a crash delivers again: over a Store that is a DeliveryRecorder (memstore,
// sqlstore) the relay records each message as it goes, not per RunOnce: as soon
// as the Dispatcher accepts a message it records the message.sent receipt on
// the case and marks the message delivered in the store (a court submission
// once its creditor's copy went too), and a relay started after a crash reads
// only the unmarked messages and skips any whose message.sent receipt is
// recorded (with an EventReader). So a crash, a kill -9 included, makes it
// deliver again at most the messages that were in flight, handed to the
// Dispatcher and not yet recorded: at most RelayOptions.Concurrency, one per
// worker. A RunOnce whose ctx is cancelled records what the Dispatcher had
// accepted before it returns, so a shutdown that cancels ctx delivers nothing
// twice. Over any other Store the relay resumes from RelayOptions.After, and
// everything after it that was delivered is delivered again.
type Relay struct {
	s    *Service
	out  OutboxReader
	rec  DeliveryRecorder // nil: the store records no deliveries
	d    letters.Dispatcher
	opts RelayOptions

	mu      sync.Mutex
	read    uint64          // the last outbox position read
	pending []*relayMessage // by position
}

// relayMessage is a message the relay has yet to deliver, record or mark.
type relayMessage struct {
	pos       uint64
	caseID    CaseID
	msg       letters.Message
	next      time.Time // not before
	attempts  int
	delivered bool // the Dispatcher accepted it (now or before a restart)
	gaveUp    bool // the last attempt failed; message.failed is recorded
	receipted bool // its message.sent receipt is recorded (or its case is gone)
	copied    bool // the creditor's copy of a court submission was made
	// mark: this message marks pos delivered when it is done (a court
	// submission leaves that to its creditor's copy); marked: it did.
	mark, marked bool
}

// done reports whether nothing is left to do for m.
func (m *relayMessage) done(recorder bool) bool {
	if m.delivered && !m.receipted {
		return false
	}
	return !recorder || !m.mark || m.marked
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
	// retried, or delivered with their receipt or delivery mark still to record.
	Pending int
}

// NewRelay returns a Relay over the Service's Store, which must implement
// OutboxReader, delivering through d. Over a Store that also implements
// DeliveryRecorder it records every delivery as it happens (see Relay).
func (s *Service) NewRelay(d letters.Dispatcher, opts RelayOptions) (*Relay, error) {
	out, ok := s.store.(OutboxReader)
	var errs []error
	if !ok {
		errs = append(errs, fmt.Errorf("collection: relay: the store has no outbox reader: %w", ErrUnsupported))
	}
	if d == nil {
		errs = append(errs, &dunning.FieldError{Field: "dispatcher", Value: "<nil>", Reason: "is required"})
	}
	if opts.MaxAttempts < 0 || opts.Backoff < 0 || opts.MaxBackoff < 0 || opts.Concurrency < 0 {
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
	if opts.Concurrency == 0 {
		opts.Concurrency = 1
	}
	rec, _ := s.store.(DeliveryRecorder)
	return &Relay{s: s, out: out, rec: rec, d: d, opts: opts, read: opts.After}, nil
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

// relayOutcome is what one attempt did to one pending message.
type relayOutcome struct {
	delivered, retrying, failed, cancelled []string
	keep                                   bool          // the message stays pending
	copy                                   *relayMessage // its creditor's copy, pending behind it
}

// recordTimeout bounds the recording of a delivery after ctx was cancelled.
const recordTimeout = 10 * time.Second

// RunOnce reads the new outbox entries and delivers every message whose time
// has come at now, in outbox order, RelayOptions.Concurrency at a time (the
// messages of one case one at a time). It returns what it did; its error is a
// failure to read the outbox, or a cancelled ctx (delivery failures are
// retried, not returned). On a cancelled ctx it hands no further message to
// the Dispatcher, and records the ones the Dispatcher accepted.
func (r *Relay) RunOnce(ctx context.Context, now time.Time) (RelayResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var res RelayResult
	if err := r.readNew(ctx); err != nil {
		return res, err
	}
	// The due messages go to the workers by case: one worker delivers the
	// messages of a case, in outbox order.
	n := r.opts.Concurrency
	lanes := make([][]int, n)
	outs := make([]relayOutcome, len(r.pending))
	for i, m := range r.pending {
		if m.next.After(now) {
			res.Waiting++
			outs[i].keep = true
			continue
		}
		lane := 0
		if n > 1 {
			h := fnv.New32a()
			h.Write([]byte(m.caseID))
			lane = int(h.Sum32() % uint32(n))
		}
		lanes[lane] = append(lanes[lane], i)
	}
	var wg sync.WaitGroup
	for _, lane := range lanes {
		work := func() {
			for _, i := range lane {
				if ctx.Err() != nil {
					outs[i].keep = true // not handed to the Dispatcher
					continue
				}
				r.attempt(ctx, r.pending[i], now, &outs[i])
			}
		}
		if n == 1 {
			work()
			continue
		}
		wg.Go(work)
	}
	wg.Wait()
	kept := make([]*relayMessage, 0, len(r.pending))
	for i, m := range r.pending {
		o := &outs[i]
		res.Delivered = append(res.Delivered, o.delivered...)
		res.Retrying = append(res.Retrying, o.retrying...)
		res.Failed = append(res.Failed, o.failed...)
		res.Cancelled = append(res.Cancelled, o.cancelled...)
		if o.keep {
			kept = append(kept, m)
		}
		if o.copy != nil {
			// A court submission's creditor copy joins the queue right behind it.
			kept = append(kept, o.copy)
		}
	}
	r.pending = kept
	res.Pending = len(kept)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// attempt works on m: it delivers m unless that was done, records its
// message.sent receipt, makes and delivers the creditor's copy of a court
// submission, and marks m's position delivered in a DeliveryRecorder when
// nothing of it is left to send. o gets what it did and whether m stays pending.
func (r *Relay) attempt(ctx context.Context, m *relayMessage, now time.Time, o *relayOutcome) {
	// What the Dispatcher took (or the relay gave up on) is recorded even when
	// ctx is cancelled meanwhile, so that a restart does not send it again.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if !m.delivered && !m.gaveUp {
		cancelled, sent, err := r.seen(ctx, m.msg.ID)
		if err != nil {
			m.next = now.Add(r.opts.Backoff)
			o.keep = true // not known: ask again on the next run
			return
		}
		switch {
		case cancelled:
			o.cancelled = append(o.cancelled, m.msg.ID)
			return
		case sent:
			// Delivered and recorded by a relay that stopped before marking it.
			m.delivered, m.receipted = true, true
		default:
			m.attempts++
			if err := r.d.Deliver(ctx, m.msg); err != nil {
				if m.attempts < r.opts.MaxAttempts {
					o.retrying = append(o.retrying, m.msg.ID)
					m.next = now.Add(r.backoff(m.attempts))
					r.s.log.DebugContext(ctx, "collection: relay: delivery failed, retrying", "message", m.msg.ID, "attempt", m.attempts)
					o.keep = true
					return
				}
				o.failed = append(o.failed, m.msg.ID)
				m.gaveUp, m.receipted = true, true
				r.record(rctx, m.msg.ID, EventMessageFailed, err.Error(), now)
			} else {
				m.delivered = true
				o.delivered = append(o.delivered, m.msg.ID)
			}
		}
	}
	if m.delivered && !m.receipted {
		// A case that is gone, or a receipt the Service refuses (an id it
		// cannot take), will not take the receipt on a later run either.
		err := r.s.RecordReceipt(rctx, m.msg.ID, Receipt{Kind: ReceiptSent, At: now})
		m.receipted = err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, dunning.ErrInvalid)
		if err != nil && !errors.Is(err, ErrNotFound) {
			r.s.log.WarnContext(ctx, "collection: relay: could not record the receipt", "message", m.msg.ID, "err", err)
		}
	}
	if m.delivered && !m.copied && isCourt(m.msg.Kind) && !strings.HasSuffix(m.msg.ID, copySuffix) {
		m.copied = true
		if cp, ok := r.creditorCopy(rctx, m); ok {
			m.mark, cp.mark = false, true // the copy marks the position when it is done
			var co relayOutcome
			if ctx.Err() == nil {
				r.attempt(ctx, cp, now, &co)
			} else {
				co.keep = true
			}
			o.delivered = append(o.delivered, co.delivered...)
			o.retrying = append(o.retrying, co.retrying...)
			o.failed = append(o.failed, co.failed...)
			o.cancelled = append(o.cancelled, co.cancelled...)
			if co.keep {
				o.copy = cp
			}
		}
	}
	if r.rec != nil && m.mark && !m.marked {
		if err := r.rec.MarkDelivered(rctx, m.pos, now); err == nil {
			m.marked = true
		} else {
			r.s.log.WarnContext(ctx, "collection: relay: could not mark the message delivered", "message", m.msg.ID, "pos", m.pos, "err", err)
		}
	}
	if !m.done(r.rec != nil) {
		m.next = now.Add(r.opts.Backoff)
		o.keep = true // delivered; what is left is recorded on a later run
	}
}

// seen reports whether the case of message id has a message.cancelled or a
// message.sent event about it; both false when the Store is not an EventReader.
func (r *Relay) seen(ctx context.Context, msgID string) (cancelled, sent bool, err error) {
	id, ok := caseOfMessage(msgID)
	er, isReader := r.s.store.(EventReader)
	if !ok || !isReader {
		return false, false, nil
	}
	for e, err := range er.Events(ctx, id) {
		if err != nil {
			return false, false, fmt.Errorf("collection: events of case %q: %w", string(id), err)
		}
		if e.Data["message"] != msgID {
			continue
		}
		switch e.Type {
		case EventMessageCancelled:
			cancelled = true
		case EventMessageSent:
			sent = true
		}
	}
	return cancelled, sent, nil
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

// readNew appends the outbox entries after r.read to the pending messages:
// over a DeliveryRecorder only those not marked delivered.
func (r *Relay) readNew(ctx context.Context) error {
	entries := r.out.Outbox
	if r.rec != nil {
		entries = r.rec.Undelivered
	}
	for e, err := range entries(ctx, r.read) {
		if err != nil {
			return fmt.Errorf("collection: relay: read outbox: %w", err)
		}
		r.pending = append(r.pending, &relayMessage{pos: e.Pos, caseID: e.CaseID, msg: e.Message, next: e.Message.SendAt, mark: true})
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
