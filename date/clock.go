package date

import "time"

// Clock is the only source of "now" in the SDK. Production code passes
// [SystemClock]{}; tests pass a [FixedClock] or a [ClockFunc]. Implementations
// must be safe for concurrent use.
type Clock interface {
	// Now returns the current instant.
	Now() time.Time
}

// ClockFunc adapts a function to a [Clock].
type ClockFunc func() time.Time

// Now returns f().
func (f ClockFunc) Now() time.Time { return f() }

// SystemClock is the [Clock] that reads the system's wall clock. Its zero
// value is ready to use: date.SystemClock{}. It is the only code in the SDK
// that calls time.Now.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock is a [Clock] that always returns the same instant; convert a
// time.Time to use it: date.FixedClock(t). It is meant for tests, examples and
// for replaying a past day's batch run.
type FixedClock time.Time

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return time.Time(c) }

// Today returns the current civil date in loc according to c: the date a
// person at loc would read off a calendar. Pass the creditor's location (or
// the contract's, if it names one); the same instant is often a different
// date in UTC. A nil loc means UTC.
//
// A nil Clock is a programming error and panics: the SDK never falls back to
// the system clock on its own.
func Today(c Clock, loc *time.Location) Date {
	if c == nil {
		panic("date: Today called with a nil Clock (use date.SystemClock{} for the wall clock)")
	}
	return In(c.Now(), loc)
}
