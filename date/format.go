package date

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrInvalid is the sentinel for every invalid date, date text or period this
// package rejects. Match it with errors.Is; use errors.As with a
// [*ParseError] for the input and the reason.
var ErrInvalid = errors.New("date: invalid date")

// ParseError describes a rejected date: which input, and what is wrong with it.
// It unwraps to [ErrInvalid].
type ParseError struct {
	// Input is the rejected text as given (for New, the values formatted as
	// YYYY-MM-DD; for JSON, the raw JSON value or the decoded string).
	Input string
	// Reason says what is wrong; it reads as a sentence that follows the
	// quoted input, e.g. "is not an ISO 8601 date (want YYYY-MM-DD)".
	Reason string
}

// maxQuoted bounds how much of a long input Error repeats.
const maxQuoted = 64

// Error returns "date: <quoted input> <reason>", for example
//
//	date: "2025-02-30" is not a valid date: February 2025 has 28 days
//
// Inputs longer than 64 bytes are cut short in the message (not in Input).
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > maxQuoted {
		return "date: " + strconv.Quote(in[:maxQuoted]) + "... (" + strconv.Itoa(len(in)) + " bytes) " + e.Reason
	}
	return "date: " + strconv.Quote(in) + " " + e.Reason
}

// Unwrap returns [ErrInvalid].
func (e *ParseError) Unwrap() error { return ErrInvalid }

const reasonFormat = "is not an ISO 8601 date (want YYYY-MM-DD)"

// Parse parses an ISO 8601 calendar date in the extended format YYYY-MM-DD
// ("2025-01-31") or the basic format YYYYMMDD ("20250131"). Anything else is
// rejected: signs, expanded years, week or ordinal dates, times, zones,
// surrounding whitespace and the empty string. The year must be 0001..9999 and
// the date must exist. Errors are [*ParseError]s that unwrap to [ErrInvalid]:
//
//	date: "2025/01/31" is not an ISO 8601 date (want YYYY-MM-DD)
//	date: "2025-02-30" is not a valid date: February 2025 has 28 days
//
// Parse does not allocate when it succeeds.
func Parse(s string) (Date, error) {
	var y, m, d int
	var ok bool
	switch len(s) {
	case 10:
		if s[4] == '-' && s[7] == '-' {
			y, ok = digits(s[0:4])
			mm, ok2 := digits(s[5:7])
			dd, ok3 := digits(s[8:10])
			m, d, ok = mm, dd, ok && ok2 && ok3
		}
	case 8:
		y, ok = digits(s[0:4])
		mm, ok2 := digits(s[4:6])
		dd, ok3 := digits(s[6:8])
		m, d, ok = mm, dd, ok && ok2 && ok3
	}
	if !ok {
		return Date{}, &ParseError{Input: s, Reason: reasonFormat}
	}
	if reason := validate(y, time.Month(m), d); reason != "" {
		return Date{}, &ParseError{Input: s, Reason: reason}
	}
	return fromCivil(y, time.Month(m), d), nil
}

// MustParse is like [Parse] but panics on error. Use it for constants in code
// and tests, never for user input.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// digits parses an all-ASCII-digit string.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// String returns d in ISO 8601 extended format, "2025-01-31", or "" for the
// zero Date (the same text [Date.MarshalText] produces).
func (d Date) String() string {
	if d.n == 0 {
		return ""
	}
	var buf [10]byte
	return string(d.appendISO(buf[:0]))
}

// GoString returns Go syntax for d, used by %#v: date.MustParse("2025-01-31"),
// or date.Date{} for the zero Date.
func (d Date) GoString() string {
	if d.n == 0 {
		return "date.Date{}"
	}
	return `date.MustParse("` + d.String() + `")`
}

// appendISO appends YYYY-MM-DD; d must not be zero.
func (d Date) appendISO(b []byte) []byte {
	y, m, day := toCivil(d.n)
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-',
		byte('0'+day/10), byte('0'+day%10))
}

// AppendText implements encoding.TextAppender: it appends d.String() to b.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.n == 0 {
		return b, nil
	}
	return d.appendISO(b), nil
}

// MarshalText implements encoding.TextMarshaler: "2025-01-31", or empty text
// for the zero Date.
func (d Date) MarshalText() ([]byte, error) {
	return d.AppendText(nil)
}

// UnmarshalText implements encoding.TextUnmarshaler. Empty text gives the zero
// Date; anything else must be accepted by [Parse].
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON implements json.Marshaler: the JSON string "2025-01-31", or
// null for the zero Date.
// To leave a zero Date out of a JSON object, tag the field `json:",omitzero"`
// (it uses [Date.IsZero]); omitempty has no effect on structs.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.n == 0 {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.appendISO(b)
	return append(b, '"'), nil
}

// UnmarshalJSON implements json.Unmarshaler. It accepts null and "" as the
// zero Date and otherwise a JSON string accepted by [Parse]. Other JSON
// values are rejected with a [*ParseError] naming them.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return &ParseError{Input: string(b), Reason: `is not a date: want a JSON string "YYYY-MM-DD" or null`}
	}
	s := string(b[1 : len(b)-1])
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] < 0x20 {
			// Rare: let encoding/json decode escapes and reject bad strings.
			if err := json.Unmarshal(b, &s); err != nil {
				return &ParseError{Input: string(b), Reason: "is not a valid JSON string"}
			}
			break
		}
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value implements driver.Valuer: the text "2025-01-31", or NULL for the zero
// Date. Both SQLite (TEXT) and PostgreSQL (DATE) accept it.
func (d Date) Value() (driver.Value, error) {
	if d.n == 0 {
		return nil, nil
	}
	return d.String(), nil
}

// Scan implements sql.Scanner. It accepts NULL (the zero Date), text or bytes
// accepted by [Parse] (empty text is the zero Date), and time.Time, whose date
// is taken in its own location (drivers return DATE columns as midnight UTC);
// the zero time.Time is the zero Date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		dt := Of(v)
		if dt.n == 0 && !v.IsZero() {
			return &ParseError{Input: v.String(), Reason: "is outside the supported years 1 to 9999"}
		}
		*d = dt
		return nil
	}
	return fmt.Errorf("date: cannot scan %T into a Date: %w", src, ErrInvalid)
}

// formatYMD formats possibly invalid values for error messages.
func formatYMD(y int, m time.Month, d int) string {
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
}

func itoa(n int) string { return strconv.Itoa(n) }
