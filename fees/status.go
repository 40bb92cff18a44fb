package fees

// Status says how well the research backs a figure (jurisdictions.md, "How to read this
// report"). Every rule row and every result carries one, so a host can refuse, or show a
// warning for, figures that are not verified.
//
// The order of the constants is the order of confidence, weakest first, so the weaker
// of two statuses is the smaller: a result computed from several rows carries the
// weakest status among them. The zero value is Unverified, so a row whose status was
// forgotten never passes for verified.
type Status uint8

const (
	// Unverified: not confirmed by any stored page. Do not rely on it without checking.
	Unverified Status = iota
	// Secondary: seen only in one practitioner, industry or calculator page.
	Secondary
	// Derived: computed from a verified formula and verified inputs; no stored page
	// states the result itself.
	Derived
	// Verified: seen in a primary text, or in two independent secondary sources that agree.
	Verified
)

// String returns "VERIFIED", "SECONDARY", "DERIVED" or "UNVERIFIED", the tags of the
// research.
func (s Status) String() string {
	switch s {
	case Verified:
		return "VERIFIED"
	case Secondary:
		return "SECONDARY"
	case Derived:
		return "DERIVED"
	case Unverified:
		return "UNVERIFIED"
	}
	return "Status(" + itoa(int(s)) + ")"
}

// weaker returns the weaker of s and o.
func (s Status) weaker(o Status) Status {
	if o < s {
		return o
	}
	return s
}

// itoa formats small integers without fmt (used on paths that must not allocate more
// than the result).
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
