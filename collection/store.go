package collection

import (
	"context"
	"iter"
	"slices"
	"time"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// Store is the host's persistence of cases, their events and their outbox. The
// Service is the only writer; hosts implement Store over their database, and
// every implementation must pass storetest.Run. memstore is the reference.
//
// Implementations must be safe for concurrent use. A Store never interprets a
// case beyond the fields named here (ID, Version, Status, Creditor.ID, Debtor.ID,
// Claims[].InvoiceID, NextDue, and Claims[].Status for an InvoiceGuard); it
// stores the whole value and gives it back unchanged (every field, amounts with
// their exact scale and currency). Cases it returns must not share memory with
// cases it was given or stores.
//
// Errors: ErrNotFound and ErrConflict must be returned wrapped so that errors.Is
// finds them (preferably as *NotFoundError and *ConflictError); any other error is
// the host's and is passed on as is. A cancelled ctx does not say whether a Save
// happened: the Service reloads the case and decides again.
//
// Iterators (Due, List) follow one contract: at most one non-nil error, yielded as
// the last element with a zero Case; iteration stops when the consumer breaks or
// ctx is cancelled (ctx.Err() is then yielded, unless the consumer broke); each
// call returns a fresh iterator that may be ranged over once.
type Store interface {
	// Get returns the stored case with id, including a deleted one, with Version
	// set to its stored version. A missing case is an error wrapping ErrNotFound.
	Get(ctx context.Context, id CaseID) (Case, error)

	// Save stores c if the stored version of c.ID equals c.Version (0: the case
	// must not exist yet), and in the same atomic step appends events (in order)
	// and outbox messages. It returns the new version, c.Version+1, which the
	// stored case carries from then on. On a version mismatch it returns an error
	// wrapping ErrConflict (a *ConflictError) and writes nothing: not the case,
	// not one event, not one message. The Service gives every event Seq c.Version+1.
	// An event of type EventMessageCancelled among events takes the message it
	// names (Data["message"], queued by an earlier Save of the same case) out of
	// the outbox in the same atomic step: Outbox never yields it again (E19: the
	// letter of a deleted action). The Service sends one only for a message not
	// yet delivered; a store that tracks delivery keeps a delivered one.
	//
	// A Store that is an InvoiceGuard also refuses, with an *InvoiceError and
	// writing nothing, a Save that would put an invoice in a second running case
	// of its creditor (see InvoiceGuard); the version check comes first.
	Save(ctx context.Context, c Case, events []Event, outbox []letters.Message) (Version, error)

	// Due yields the cases whose NextDue is set and on or before day, ordered by
	// (NextDue, ID). Deleted cases are never yielded. The Service keeps NextDue zero
	// for cases that are not running, so a store need not filter by status.
	Due(ctx context.Context, day date.Date) iter.Seq2[Case, error]

	// List yields the cases that match f, ordered by ID. Deleted cases are never
	// yielded (P5), whatever f says.
	List(ctx context.Context, f Filter) iter.Seq2[Case, error]
}

// Filter selects cases for Store.List. Every field that is set must match; the
// zero Filter matches every case that is not deleted.
type Filter struct {
	// CreditorID matches Case.Creditor.ID.
	CreditorID string
	// DebtorID matches Case.Debtor.ID.
	DebtorID string
	// InvoiceID matches a case with a claim for that invoice, whatever its status.
	InvoiceID string
	// Statuses matches a case whose saved Status is one of them (P5: the filter
	// "closed cases → deactivated" is Statuses: {StatusDeactivated}). Empty
	// matches every status but StatusDeleted, which never matches.
	Statuses []Status
}

// Match reports whether c matches f. Stores may use it; they must give the same
// answer.
func (f Filter) Match(c Case) bool {
	if c.Status == StatusDeleted {
		return false
	}
	if f.CreditorID != "" && c.Creditor.ID != f.CreditorID {
		return false
	}
	if f.DebtorID != "" && c.Debtor.ID != f.DebtorID {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, c.Status) {
		return false
	}
	if f.InvoiceID != "" && c.claimIndex(f.InvoiceID) < 0 {
		return false
	}
	return true
}

// EventReader is an optional Store capability: reading the audit trail back.
type EventReader interface {
	// Events yields the events of case id in the order they were saved (by Seq,
	// then by position within a Save). A case without events yields nothing; the
	// iterator contract is Store's.
	Events(ctx context.Context, id CaseID) iter.Seq2[Event, error]
}

// OutboxEntry is one message of the outbox with its position.
type OutboxEntry struct {
	// Pos is the entry's position in the outbox, above 0 and increasing in
	// the order saved (two Saves running at once may come in either order):
	// 1, 2, 3, ... in memstore; a store may leave gaps (sqlstore on
	// PostgreSQL derives it from the writing transaction's id).
	// A reader by position (Outbox, Undelivered) never sees a position while
	// a lower one can still be written.
	Pos uint64
	// CaseID and Seq are the case and the version whose Save queued the message.
	CaseID CaseID
	Seq    Version
	// Message is the message to deliver.
	Message letters.Message
}

// OutboxReader is an optional Store capability: reading the outbox, for a relay
// that delivers its messages through a letters.Dispatcher.
type OutboxReader interface {
	// Outbox yields the entries with Pos greater than after, in order; the
	// iterator contract is Store's.
	Outbox(ctx context.Context, after uint64) iter.Seq2[OutboxEntry, error]
}

// DeliveryRecorder is an optional Store capability: a mark per outbox message
// that the Relay is done with it, recorded in the store as soon as the message
// is delivered (the Dispatcher accepted it and its message.sent receipt is on
// the case). A Relay over a DeliveryRecorder reads only the unmarked messages
// (Undelivered), so after a crash or a restart it needs no saved cursor and
// delivers again at most the messages that were in flight when it stopped: at
// most RelayOptions.Concurrency. Without the capability the Relay resumes from
// RelayOptions.After and delivers again everything after it. memstore and
// sqlstore implement it.
type DeliveryRecorder interface {
	// MarkDelivered records that the relay is done with the message at outbox
	// position pos, at time at: the Dispatcher accepted it (and, for a court
	// submission, the creditor's copy too), or the relay gave up on it after
	// its last attempt and recorded message.failed. Marking a position that is
	// already marked keeps the first mark; a position that is not in the
	// outbox (a message cancelled meanwhile, E19) is not an error.
	MarkDelivered(ctx context.Context, pos uint64, at time.Time) error

	// Undelivered yields the outbox entries with Pos greater than after that
	// are not marked, in order: Outbox(after) without the marked ones. The
	// iterator contract is Store's.
	Undelivered(ctx context.Context, after uint64) iter.Seq2[OutboxEntry, error]
}

// BatchSaver is an optional Store capability: many Saves in one round of
// writes. The daily run (Commit) saves thousands of cases, each with its
// events and letter; over a BatchSaver it saves them a batch at a time
// (256 writes), so that a database store pays its round trips and its
// commit once per batch instead of once per case. sqlstore implements it.
type BatchSaver interface {
	// SaveBatch saves each write as Save(ctx, w.Case, w.Events, w.Outbox)
	// would, in the order given, and reports the outcome of each in errs
	// (len(errs) == len(writes)): nil when the write was saved, its case now
	// at version w.Case.Version+1, else the error Save would have returned for
	// it (an error wrapping ErrConflict, an *InvoiceError, a store's own). A
	// refused write stores nothing of its own, and the other writes are saved
	// all the same. The writes name different cases (the Service never puts
	// one case twice in a batch; a store may refuse a batch that does with
	// err).
	//
	// err is a failure of the batch as a whole (the database, a cancelled ctx):
	// errs is then nil, and like a Save whose ctx was cancelled it does not
	// say whether the writes were saved; the Service reloads each case and
	// decides again. Saved writes are atomic per write, as Save is; a store may
	// also make the whole batch one transaction.
	SaveBatch(ctx context.Context, writes []Write) (errs []error, err error)
}

// Write is one Save of a batch (BatchSaver): a case at the version it was
// read, and the events and outbox messages to store with it.
type Write struct {
	Case   Case
	Events []Event
	Outbox []letters.Message
}

// batchSize is how many writes the daily run gives a BatchSaver at a time.
const batchSize = 256

// InvoiceGuard is an optional Store capability: the store itself keeps every
// invoice in at most one running case of its creditor, atomically in Save, so
// that two Opens (or Reopens) of one invoice that run at the same time cannot
// both succeed: Service.Open and Reopen check the invoices with List first,
// and two concurrent calls can both pass that check.
//
// A case holds invoice i of its creditor (Creditor.ID) when the case is running
// (Status.Running: active or paused) and its claim for i has status ClaimOpen:
// exactly the cases the Service's own check refuses a new case for. A closed,
// deactivated or deleted case holds nothing, nor does a claim that is paid,
// credited, written off or locked (the locking of P6, which only Reopen lifts,
// stays the Service's check: it is a rule about history, not about two running
// cases). Save of a case that would hold an invoice another case holds fails
// with an *InvoiceError (ErrInvoiceInUse) whose InvoiceID is the invoice and
// whose CaseID is the holder, and writes nothing; when two Saves race, exactly
// one wins and the other gets that error naming the winner. A case that stops
// holding an invoice (closed, deactivated, its claim paid) frees it in the
// same Save. memstore and sqlstore implement it, and storetest.Run races Opens
// on every store that does.
type InvoiceGuard interface {
	// InvoiceHolder returns the case that holds invoice invoiceID of creditor
	// creditorID, and false when no case does.
	InvoiceHolder(ctx context.Context, creditorID, invoiceID string) (CaseID, bool, error)
}

// HeldInvoices returns the invoices c holds in the sense of InvoiceGuard, in
// the order of its claims, each once: none unless c is running (active or
// paused), else the invoice ids of its claims with status ClaimOpen. Stores
// that are InvoiceGuards should use it; they must give the same answer.
func (c Case) HeldInvoices() []string {
	if !c.Status.Running() {
		return nil
	}
	var out []string
	for _, cl := range c.Claims {
		if cl.Status == ClaimOpen && !slices.Contains(out, cl.InvoiceID) {
			out = append(out, cl.InvoiceID)
		}
	}
	return out
}

// Collect gathers an iterator's elements into a slice and returns the first
// error it yields, so the error cannot be ignored.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
