package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
)

// Step 6: the collection agency.
//
// A case can be handed to an external agency (S13). The SDK calls the host's
// AgencyClient to submit it and records the agency's reference and link (N3); from
// then on the batch leaves the case alone, and the agency reports back: status
// changes, payments it received, closure, withdrawal (N2, N5, N7). The host feeds
// those messages to ApplyAgencyUpdate, which applies each message id once.

// agencyClient is the host's connection to the agency. Submit may be called again for
// the same case after a failure, so the reference is made from the case id: the same
// case gets the same reference.
type agencyClient struct{}

func (agencyClient) Submit(_ context.Context, c collection.Case) (collection.AgencyRef, error) {
	ref := "NI-" + string(c.ID)
	return collection.AgencyRef{Reference: ref, Link: "https://portal.example-inkasso.dk/sager/" + ref}, nil
}

// handOver hands the cases of the customers marked for it to the agency, once.
func handOver(ctx context.Context, w io.Writer, svc *collection.Service) error {
	n := 0
	for _, inv := range openItems {
		if !toAgency[inv.customer] {
			continue
		}
		c, err := svc.Get(ctx, caseID(inv.number))
		if errors.Is(err, collection.ErrNotFound) {
			continue // not overdue yet
		}
		if err != nil {
			return err
		}
		if !c.Agency.IsZero() || !c.Status.Running() {
			continue // handed over by an earlier run
		}
		c, err = svc.HandOverToAgency(ctx, c.ID, "Nordisk Inkasso A/S", agencyClient{})
		if err != nil {
			return err
		}
		n++
		fmt.Fprintf(w, "  handed %s to %s, reference %s\n", c.ID, c.Agency.Partner, c.Agency.Reference)
	}
	fmt.Fprintf(w, "Agency: %d cases handed over\n", n)
	return nil
}

// agencyMessage is one message of the agency's feed.
type agencyMessage struct {
	ID     string    `json:"id"`
	Case   string    `json:"case"`
	Kind   string    `json:"kind"` // status, payment, closed, withdrawn
	Status string    `json:"status,omitempty"`
	Date   date.Date `json:"date,omitzero"`
	Amount string    `json:"amount,omitempty"` // DKK
}

var agencyKinds = map[string]collection.AgencyUpdateKind{
	"status": collection.AgencyStatusChanged, "payment": collection.AgencyPayment,
	"closed": collection.AgencyClosed, "withdrawn": collection.AgencyWithdrawn,
}

// applyAgencyFeed applies the agency's messages. Each is applied once: a message seen
// before changes nothing, and the SDK tells the host so (AgencyUpdateResult.Duplicate).
func applyAgencyFeed(ctx context.Context, w io.Writer, svc *collection.Service, feed []byte) error {
	var msgs []agencyMessage
	if err := json.Unmarshal(feed, &msgs); err != nil {
		return fmt.Errorf("agency feed: %w", err)
	}
	applied, repeated := 0, 0
	for _, m := range msgs {
		kind, ok := agencyKinds[m.Kind]
		if !ok {
			return fmt.Errorf("agency message %s: unknown kind %q", m.ID, m.Kind)
		}
		u := collection.AgencyUpdate{MessageID: m.ID, CaseID: collection.CaseID(m.Case), Kind: kind, Status: m.Status}
		if kind == collection.AgencyPayment {
			amount, err := money.New(m.Amount, money.DKK)
			if err != nil {
				return fmt.Errorf("agency message %s: %w", m.ID, err)
			}
			u.Payment = collection.Payment{On: m.Date, Amount: amount} // its id is the message id
		}
		res, err := svc.ApplyAgencyUpdate(ctx, u)
		if err != nil {
			return fmt.Errorf("agency message %s: %w", m.ID, err)
		}
		if res.Duplicate {
			repeated++
			continue
		}
		applied++
		c := res.Case
		fmt.Fprintf(w, "  %s on %s: %s %s%s → agency status %q, case %s\n", m.ID, c.ID, m.Kind, m.Status, m.Amount, c.Agency.Status, c.Status)
	}
	fmt.Fprintf(w, "Agency feed: %d messages, %d applied, %d already applied\n", len(msgs), applied, repeated)
	return nil
}
