package dunning

import (
	"fmt"
	"strings"
)

// Status says how well the SDK's legal research backs a figure: a rate, a fee, a cap, a
// court fee. It uses the four tags of the research (docs/research/jurisdictions.md,
// "How to read this report"). Every row of law the SDK ships carries one, and every result
// computed from rows carries the weakest status among them, so a host can refuse, or warn
// about, figures that are not verified, and a letter never presents an UNVERIFIED figure
// as fact.
//
// The constants run from weakest to strongest, so the weaker of two statuses is the
// smaller. The zero value is Unverified: a figure whose status was forgotten never passes
// for verified.
type Status uint8

// The research statuses, weakest first.
const (
	// Unverified: not confirmed by any stored source. Do not rely on it without checking.
	Unverified Status = iota
	// Secondary: seen only in one practitioner, industry or calculator page; confirm
	// against the primary source before release.
	Secondary
	// Derived: computed from a verified formula and verified inputs (for example an ECB
	// rate plus the statutory margin); no source states the result itself.
	Derived
	// Verified: seen in a primary text (statute, regulation, authority or central-bank
	// notice), or in two independent secondary sources that agree. A figure the host
	// supplies itself (a contract rate, its own table) is its own responsibility and is
	// marked Verified by the host.
	Verified
)

// ParseStatus returns the status for "VERIFIED", "SECONDARY", "DERIVED" or
// "UNVERIFIED" (any letter case).
func ParseStatus(s string) (Status, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "UNVERIFIED":
		return Unverified, nil
	case "SECONDARY":
		return Secondary, nil
	case "DERIVED":
		return Derived, nil
	case "VERIFIED":
		return Verified, nil
	}
	return 0, &FieldError{Field: "Status", Value: s, Reason: "is not a research status (want VERIFIED, SECONDARY, DERIVED or UNVERIFIED)"}
}

// IsValid reports whether s is one of the four statuses.
func (s Status) IsValid() bool { return s <= Verified }

// String returns the research's tag: "VERIFIED", "SECONDARY", "DERIVED" or "UNVERIFIED".
// Other values print as "Status(n)".
func (s Status) String() string {
	switch s {
	case Unverified:
		return "UNVERIFIED"
	case Secondary:
		return "SECONDARY"
	case Derived:
		return "DERIVED"
	case Verified:
		return "VERIFIED"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Weaker returns the weaker of s and o: the status of a figure computed from both.
func (s Status) Weaker(o Status) Status {
	if o < s {
		return o
	}
	return s
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) {
	if !s.IsValid() {
		return nil, &FieldError{Field: "Status", Value: s.String(), Reason: "is not a research status"}
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting what [ParseStatus] accepts.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
