package flow

import (
	"strconv"

	"github.com/dunning-go/dunning"
)

// Kind is what a step does: which document it sends, or that a person must decide.
// The zero Kind is not a step kind and is rejected by New.
type Kind uint8

// The step kinds of E1, E3, E8, N6 and S13.
const (
	Reminder             Kind = iota + 1 // a payment reminder (rykker, påminnelse, purring, Mahnung)
	CollectionWarning                    // the last reminder, announcing collection (inkassovarsel, E5)
	DemandLetter                         // the collection demand (inkassopåkrav, inkassokrav)
	SettlementOffer                      // an offer of a discount on the debt (akkord, E11)
	MissingPaymentLetter                 // a letter about a payment that did not arrive
	PaymentClaim                         // the payment claim to the court (betalingspåkrav, E8)
	EnforcementRequest                   // the request to the enforcement court (fogedrekvisition, E8)
	AgencyHandover                       // hand-over to a collection agency (S1 "to collection", S13)
	FreeLetter                           // a free letter; it never moves the flow (E20)
	Wait                                 // nothing is sent: a person must decide what happens next (N6)
)

var kindNames = [...]string{
	"", "reminder", "collection-warning", "demand-letter", "settlement-offer",
	"missing-payment-letter", "payment-claim", "enforcement-request", "agency-handover",
	"free-letter", "wait",
}

// IsValid reports whether k is one of the defined kinds.
func (k Kind) IsValid() bool { return k >= Reminder && k <= Wait }

// IsReminder reports whether a step of kind k is a reminder in the sense of the
// reminder-fee laws: a Reminder or a CollectionWarning (the warning is the last
// reminder, E5; in Denmark the third fee-bearing reminder may carry the warning,
// renteloven § 9 b). Only these steps may carry a fee in a Flow.
func (k Kind) IsReminder() bool { return k == Reminder || k == CollectionWarning }

// String returns the kind's text form, such as "collection-warning", or
// "Kind(42)" for an undefined kind.
func (k Kind) String() string { return enumString(kindNames[:], uint8(k), "Kind", false) }

// MarshalText implements encoding.TextMarshaler. An undefined kind is an error.
func (k Kind) MarshalText() ([]byte, error) {
	return enumMarshal(kindNames[:], uint8(k), "Kind", false)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseKind parses the form Kind.String returns. An unknown name is a
// *dunning.FieldError naming the input.
func ParseKind(s string) (Kind, error) {
	v, err := enumParse(kindNames[:], s, "Kind", "is not a step kind", false)
	return Kind(v), err
}

// Channel is how a step's document reaches the debtor (E15); the letters package maps
// it to a transport. The zero Channel is "unset": the host's default channel.
type Channel uint8

// The channels of E15.
const (
	Email Channel = iota + 1 // e-mail, with an opened-log where the host has one
	SMS                      // a text message with a link to the document
	Post                     // post, by a letter service
	Print                    // printed and posted by the creditor
)

var channelNames = [...]string{"", "email", "sms", "post", "print"}

// IsValid reports whether c is unset or one of the defined channels.
func (c Channel) IsValid() bool { return c <= Print }

// String returns "email", "sms", "post", "print", or "" for the unset channel.
func (c Channel) String() string { return enumString(channelNames[:], uint8(c), "Channel", true) }

// MarshalText implements encoding.TextMarshaler; the unset channel is empty text.
func (c Channel) MarshalText() ([]byte, error) {
	return enumMarshal(channelNames[:], uint8(c), "Channel", true)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseChannel.
func (c *Channel) UnmarshalText(b []byte) error {
	v, err := ParseChannel(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseChannel parses the form Channel.String returns; "" is the unset channel.
func ParseChannel(s string) (Channel, error) {
	v, err := enumParse(channelNames[:], s, "Channel", "is not a channel", true)
	return Channel(v), err
}

// Track is the line a case is on (E3, E20). On TrackMain the flow's steps are proposed;
// on the plan and offer tracks the agreement package governs the case and Decide
// proposes nothing until the case is switched back (Switch, or WithTrack(TrackMain)).
type Track uint8

// The tracks of E3 and E20. The zero Track is the main flow.
const (
	TrackMain  Track = iota // the flow in use
	TrackPlan               // a payment plan is running (E12, E20)
	TrackOffer              // a settlement offer is open (E11, E20)
)

var trackNames = [...]string{"main", "plan", "offer"}

// IsValid reports whether t is one of the defined tracks.
func (t Track) IsValid() bool { return t <= TrackOffer }

// String returns "main", "plan" or "offer".
func (t Track) String() string { return enumString(trackNames[:], uint8(t), "Track", true) }

// MarshalText implements encoding.TextMarshaler.
func (t Track) MarshalText() ([]byte, error) {
	return enumMarshal(trackNames[:], uint8(t), "Track", true)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseTrack.
func (t *Track) UnmarshalText(b []byte) error {
	v, err := ParseTrack(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTrack parses the form Track.String returns.
func ParseTrack(s string) (Track, error) {
	v, err := enumParse(trackNames[:], s, "Track", "is not a track", true)
	return Track(v), err
}

// FeeMode says how a step's fee is set.
type FeeMode uint8

// The fee modes. The zero FeeMode is FeeNone, so a zero FeeRule charges nothing.
const (
	FeeNone  FeeMode = iota // no fee: the step is not fee-bearing
	FeeFixed                // the rule's Amount, reduced by the law where it must be
	FeeMax                  // the law's maximum for the step, as the fees package says
)

var feeModeNames = [...]string{"none", "fixed", "max"}

// String returns "none", "fixed" or "max".
func (m FeeMode) String() string { return enumString(feeModeNames[:], uint8(m), "FeeMode", true) }

// MarshalText implements encoding.TextMarshaler.
func (m FeeMode) MarshalText() ([]byte, error) {
	return enumMarshal(feeModeNames[:], uint8(m), "FeeMode", true)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseFeeMode.
func (m *FeeMode) UnmarshalText(b []byte) error {
	v, err := ParseFeeMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// ParseFeeMode parses the form FeeMode.String returns.
func ParseFeeMode(s string) (FeeMode, error) {
	v, err := enumParse(feeModeNames[:], s, "FeeMode", "is not a fee mode", true)
	return FeeMode(v), err
}

func enumString(names []string, v uint8, typ string, zeroOK bool) string {
	if int(v) < len(names) && (v != 0 || zeroOK) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

func enumMarshal(names []string, v uint8, typ string, zeroOK bool) ([]byte, error) {
	if int(v) >= len(names) || (v == 0 && !zeroOK) {
		return nil, &dunning.FieldError{Field: typ, Value: strconv.Itoa(int(v)), Reason: "is not a defined " + typ}
	}
	return []byte(names[v]), nil
}

func enumParse(names []string, s, typ, reason string, zeroOK bool) (uint8, error) {
	for i, n := range names {
		if n == s && (i != 0 || zeroOK) {
			return uint8(i), nil
		}
	}
	return 0, &dunning.FieldError{Field: typ, Value: s, Reason: reason}
}
