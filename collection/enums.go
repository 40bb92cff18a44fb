package collection

import (
	"fmt"

	"github.com/dunning-go/dunning"
)

// Status is where a case is in its lifecycle. The zero Status is invalid: a case
// gets StatusActive when it is opened.
type Status uint8

// The statuses of a case (L1, L2, P1–P5).
const (
	StatusActive      Status = iota + 1 // the flow runs
	StatusPaused                        // paused until a resume date (L1); resumes by itself (L2)
	StatusClosed                        // closed with a reason, costs and interest waived (P1); still visible
	StatusDeactivated                   // deactivated: final, invoices unlinked and locked (P2, P4)
	StatusDeleted                       // deleted after deactivation (P5); never listed
)

var statusNames = [...]string{"", "active", "paused", "closed", "deactivated", "deleted"}

// String returns "active", "paused", "closed", "deactivated", "deleted", or
// "Status(n)" for an undefined status.
func (s Status) String() string { return enumString(statusNames[:], uint8(s), "Status") }

// IsValid reports whether s is one of the defined statuses.
func (s Status) IsValid() bool { return s > 0 && int(s) < len(statusNames) }

// Running reports whether the flow runs for a case with status s: it is active
// or paused (a pause only holds the flow back).
func (s Status) Running() bool { return s == StatusActive || s == StatusPaused }

// MarshalText implements encoding.TextMarshaler; an undefined status is an error.
func (s Status) MarshalText() ([]byte, error) {
	return enumMarshal(statusNames[:], uint8(s), "Status")
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseStatus.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseStatus parses the form Status.String returns.
func ParseStatus(text string) (Status, error) {
	v, err := enumParse(statusNames[:], text, "Status")
	return Status(v), err
}

// Stage is the phase of collection a case is in. The Service keeps it up to date
// from the steps taken, the track and the hand-over; the zero Stage is invalid.
type Stage uint8

// The stages of a case (E3, E20, S13).
const (
	StageReminders  Stage = iota + 1 // reminders and the collection warning
	StageCollection                  // demand letter and later out-of-court steps
	StageAgreement                   // a payment plan runs (E12, E20)
	StageSettlement                  // a settlement offer is open (E11, E20)
	StageCourt                       // a payment claim or enforcement request was filed (E8)
	StageAgency                      // handed over to an external collection partner (S13)
)

var stageNames = [...]string{"", "reminders", "collection", "agreement", "settlement", "court", "agency"}

// String returns the stage's text form, such as "reminders", or "Stage(n)".
func (s Stage) String() string { return enumString(stageNames[:], uint8(s), "Stage") }

// IsValid reports whether s is one of the defined stages.
func (s Stage) IsValid() bool { return s > 0 && int(s) < len(stageNames) }

// MarshalText implements encoding.TextMarshaler; an undefined stage is an error.
func (s Stage) MarshalText() ([]byte, error) {
	return enumMarshal(stageNames[:], uint8(s), "Stage")
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseStage.
func (s *Stage) UnmarshalText(b []byte) error {
	v, err := ParseStage(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseStage parses the form Stage.String returns.
func ParseStage(text string) (Stage, error) {
	v, err := enumParse(stageNames[:], text, "Stage")
	return Stage(v), err
}

// ClaimStatus is the state of one invoice in a case. The zero value is invalid.
type ClaimStatus uint8

// The claim statuses (N4, P1, P2, P6).
const (
	ClaimOpen       ClaimStatus = iota + 1 // open: it is being collected
	ClaimPaid                              // paid in full; left as it is on deactivation (P2)
	ClaimCredited                          // credited by the creditor when the case was closed (P1)
	ClaimWrittenOff                        // written off in the creditor's ledger (N9)
	ClaimLocked                            // "collection deactivated": unlinked and locked (P2, P6)
)

var claimStatusNames = [...]string{"", "open", "paid", "credited", "written-off", "locked"}

// String returns the claim status's text form, such as "locked", or "ClaimStatus(n)".
func (s ClaimStatus) String() string {
	return enumString(claimStatusNames[:], uint8(s), "ClaimStatus")
}

// IsValid reports whether s is one of the defined claim statuses.
func (s ClaimStatus) IsValid() bool { return s > 0 && int(s) < len(claimStatusNames) }

// MarshalText implements encoding.TextMarshaler; an undefined status is an error.
func (s ClaimStatus) MarshalText() ([]byte, error) {
	return enumMarshal(claimStatusNames[:], uint8(s), "ClaimStatus")
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseClaimStatus.
func (s *ClaimStatus) UnmarshalText(b []byte) error {
	v, err := ParseClaimStatus(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseClaimStatus parses the form ClaimStatus.String returns.
func ParseClaimStatus(text string) (ClaimStatus, error) {
	v, err := enumParse(claimStatusNames[:], text, "ClaimStatus")
	return ClaimStatus(v), err
}

// ChargeKind is what a charge in the case's ledger is for. The zero value is invalid.
type ChargeKind uint8

// The kinds of charges. Interest is waived by Close's WaiveInterest; every other
// kind is a collection cost waived by WaiveCosts (P1).
const (
	ChargeReminderFee    ChargeKind = iota + 1 // a reminder fee (E4, S4)
	ChargeInterest                             // late-payment interest (S7, S8)
	ChargeCompensation                         // the fixed compensation fee of a business debtor (E6)
	ChargeCollectionCost                       // collection costs (demand letter, agency)
	ChargeCourtFee                             // a court fee added to the debt (E9)
)

var chargeKindNames = [...]string{"", "reminder-fee", "interest", "compensation", "collection-cost", "court-fee"}

// String returns the kind's text form, such as "reminder-fee", or "ChargeKind(n)".
func (k ChargeKind) String() string {
	return enumString(chargeKindNames[:], uint8(k), "ChargeKind")
}

// IsValid reports whether k is one of the defined kinds.
func (k ChargeKind) IsValid() bool { return k > 0 && int(k) < len(chargeKindNames) }

// MarshalText implements encoding.TextMarshaler; an undefined kind is an error.
func (k ChargeKind) MarshalText() ([]byte, error) {
	return enumMarshal(chargeKindNames[:], uint8(k), "ChargeKind")
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseChargeKind.
func (k *ChargeKind) UnmarshalText(b []byte) error {
	v, err := ParseChargeKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseChargeKind parses the form ChargeKind.String returns.
func ParseChargeKind(text string) (ChargeKind, error) {
	v, err := enumParse(chargeKindNames[:], text, "ChargeKind")
	return ChargeKind(v), err
}

func enumString(names []string, v uint8, typ string) string {
	if v > 0 && int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

func enumMarshal(names []string, v uint8, typ string) ([]byte, error) {
	if v > 0 && int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("collection: cannot marshal undefined %s(%d)", typ, v)
}

func enumParse(names []string, text, typ string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == text {
			return uint8(i), nil
		}
	}
	return 0, &dunning.FieldError{Field: typ, Value: text, Reason: "is not a known " + typ}
}
