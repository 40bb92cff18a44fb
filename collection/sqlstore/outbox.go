package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/letters"
)

// Lease is an outbox message leased to one relay by ClaimOutbox.
type Lease struct {
	collection.OutboxEntry
	// Attempts is how many times the message was claimed, this time included.
	Attempts int
}

// ClaimOutbox leases to owner, for the duration lease, up to max undelivered
// messages whose send time has come, oldest first: messages no other relay
// holds an unexpired lease on, or that owner itself holds (a relay restarted
// under the same name takes its messages back at once). On PostgreSQL the
// claim uses FOR UPDATE SKIP LOCKED, so relays in many processes claim
// disjoint sets without waiting for each other; on SQLite claims are
// serialised by the write lock.
//
// The owner delivers each message and then calls Delivered, or Release to let
// it be tried again later. A lease that expires (the relay died) makes the
// message claimable again: delivery is at least once, and the message id is how
// the Dispatcher recognises a repeat.
//
// Leases and send times are timed by the database, never by the caller's
// clock: a lease runs for lease from the database's now (PostgreSQL's now(),
// the transaction's timestamp, which every worker process shares; on SQLite the
// machine's clock, which every process that opens the file shares), and it is
// free again only when the database's now has passed its end. So relays whose
// clocks disagree, by a day say, never take each other's leases.
func (s *Store) ClaimOutbox(ctx context.Context, owner string, max int, lease time.Duration) ([]Lease, error) {
	var errs []error
	if owner == "" {
		errs = append(errs, &dunning.FieldError{Field: "owner", Value: owner, Reason: "is required", Err: ErrConfig})
	}
	if max < 1 {
		errs = append(errs, &dunning.FieldError{Field: "max", Value: strconv.Itoa(max), Reason: "is less than 1", Err: ErrConfig})
	}
	if lease <= 0 {
		errs = append(errs, &dunning.FieldError{Field: "lease", Value: lease.String(), Reason: "is not positive", Err: ErrConfig})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	ms := lease.Milliseconds()
	if ms < 1 {
		ms = 1 // a lease shorter than the clock's millisecond
	}
	var out []Lease
	err := s.write(ctx, func(ex execer) error {
		out = out[:0]
		rows, err := ex.QueryContext(ctx, s.q.claim, owner, ms, owner, max)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l Lease
			var pos, seq int64
			var caseID, doc string
			if err := rows.Scan(&pos, &caseID, &seq, &doc, &l.Attempts); err != nil {
				return err
			}
			l.Pos, l.CaseID, l.Seq = uint64(pos), collection.CaseID(caseID), collection.Version(seq)
			if err := json.Unmarshal([]byte(doc), &l.Message); err != nil {
				return fmt.Errorf("decode message at %d: %w", pos, err)
			}
			out = append(out, l)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.ctxErr(ctx, fmt.Errorf("sqlstore: claim outbox: %w", err))
	}
	slices.SortFunc(out, func(a, b Lease) int { return cmp.Compare(a.Pos, b.Pos) })
	return out, nil
}

// Delivered marks the message at pos as delivered (at the database's now), so
// no relay claims it again. Marking a message that is already marked is a
// no-op; so is marking one whose lease another relay took over meanwhile (it
// was delivered: the other relay's delivery is a repeat the Dispatcher
// recognises).
func (s *Store) Delivered(ctx context.Context, pos uint64) error {
	err := s.write(ctx, func(ex execer) error {
		_, err := ex.ExecContext(ctx, s.q.delivered, int64(pos))
		return err
	})
	if err != nil {
		return s.ctxErr(ctx, fmt.Errorf("sqlstore: mark %d delivered: %w", pos, err))
	}
	return nil
}

// Release gives up owner's lease on the message at pos after a failed
// delivery: no relay claims it before retryAt (a zero retryAt: at once), as
// the database's clock reads it. A lease owner no longer holds changes
// nothing. ReleaseAfter takes a wait instead, which no clock difference
// between the caller and the database affects; Deliver uses it.
func (s *Store) Release(ctx context.Context, owner string, pos uint64, retryAt time.Time) error {
	var until int64
	if !retryAt.IsZero() {
		until = retryAt.UnixMilli()
	}
	err := s.write(ctx, func(ex execer) error {
		_, err := ex.ExecContext(ctx, s.q.release, until, int64(pos), owner)
		return err
	})
	if err != nil {
		return s.ctxErr(ctx, fmt.Errorf("sqlstore: release %d: %w", pos, err))
	}
	return nil
}

// ReleaseAfter is Release with the retry time given as a wait from the
// database's now: no relay claims the message at pos before wait has passed
// (0: at once). A lease owner no longer holds changes nothing.
func (s *Store) ReleaseAfter(ctx context.Context, owner string, pos uint64, wait time.Duration) error {
	if wait < 0 {
		return &dunning.FieldError{Field: "wait", Value: wait.String(), Reason: "is negative", Err: ErrConfig}
	}
	err := s.write(ctx, func(ex execer) error {
		_, err := ex.ExecContext(ctx, s.q.releaseAfter, wait.Milliseconds(), int64(pos), owner)
		return err
	})
	if err != nil {
		return s.ctxErr(ctx, fmt.Errorf("sqlstore: release %d: %w", pos, err))
	}
	return nil
}

// DeliverOptions configure Deliver.
type DeliverOptions struct {
	// Owner names the relay (a host and process name, say); required. A relay
	// restarted under the same name takes its leases back at once.
	Owner string
	// Max is how many messages one call claims; 0 means 100.
	Max int
	// Lease is how long a claimed message stays the relay's; 0 means a minute.
	// It must be longer than delivering Max messages takes.
	Lease time.Duration
	// Retry is the wait before a failed message is tried again, doubled after
	// each further attempt up to an hour; 0 means a minute.
	Retry time.Duration
}

// DeliverResult says what one Deliver call did.
type DeliverResult struct {
	// Delivered are the leases whose message the Dispatcher accepted.
	Delivered []Lease
	// Failed are the leases whose delivery failed, released for a retry.
	Failed []Lease
}

// Deliver claims up to o.Max messages for o.Owner, hands each to d and marks it
// delivered, or releases it with a back-off when d fails. Run it in as many
// processes as you like, each with its own Owner, as often as you like: every
// message goes to one of them at a time, at least once. It does not record
// receipts on the cases: call collection.Service.RecordReceipt with the
// delivered ids if the audit trail should show them (E15, E16). The error is a
// failure of the store or a cancelled ctx; delivery failures are in the result.
func (s *Store) Deliver(ctx context.Context, d letters.Dispatcher, o DeliverOptions) (DeliverResult, error) {
	if d == nil {
		return DeliverResult{}, &dunning.FieldError{Field: "dispatcher", Value: "<nil>", Reason: "is required", Err: ErrConfig}
	}
	if o.Max == 0 {
		o.Max = 100
	}
	if o.Lease == 0 {
		o.Lease = time.Minute
	}
	if o.Retry <= 0 {
		o.Retry = time.Minute
	}
	leases, err := s.ClaimOutbox(ctx, o.Owner, o.Max, o.Lease)
	if err != nil {
		return DeliverResult{}, err
	}
	var res DeliverResult
	for _, l := range leases {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if derr := d.Deliver(ctx, l.Message); derr != nil {
			wait := o.Retry << min(l.Attempts-1, 10)
			wait = min(wait, time.Hour)
			if err := s.ReleaseAfter(ctx, o.Owner, l.Pos, wait); err != nil {
				return res, err
			}
			res.Failed = append(res.Failed, l)
			continue
		}
		if err := s.Delivered(ctx, l.Pos); err != nil {
			return res, err
		}
		res.Delivered = append(res.Delivered, l)
	}
	return res, nil
}

// write runs fn in a write transaction: on SQLite a BEGIN IMMEDIATE on one
// connection with the busy timeout set, on PostgreSQL an ordinary one.
func (s *Store) write(ctx context.Context, fn func(execer) error) error {
	return s.writeThen(ctx, fn, nil)
}

// writeThen is write, then, when the transaction committed, after on the
// same connection, with this process's other SQLite writers free to go on.
func (s *Store) writeThen(ctx context.Context, fn func(execer) error, after func(*sql.Conn)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.d == SQLite {
		if _, err := conn.ExecContext(ctx, s.busy); err != nil {
			return err
		}
		s.writing.Lock()
		err = withConnTx(ctx, conn, s.d, fn)
		s.writing.Unlock()
	} else {
		err = withConnTx(ctx, conn, s.d, fn)
	}
	if err == nil && after != nil {
		after(conn)
	}
	return err
}
