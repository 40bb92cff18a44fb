package law

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/dunning-go/dunning"
)

// ErrNoPack is what a lookup of a code without a pack unwraps to (wrapped in a
// *NoPackError).
var ErrNoPack = errors.New("law: no law pack")

// NoPackError says no pack is known for a code, and lists the codes that have one.
type NoPackError struct {
	Code  dunning.Jurisdiction
	Known []dunning.Jurisdiction
}

// Error returns a message such as
// `law: no law pack for "BE" (packs: DK, SE, NO, DE, NL, FI, EU, GB, FR; a host brings its own with law.New)`.
func (e *NoPackError) Error() string {
	codes := make([]string, len(e.Known))
	for i, c := range e.Known {
		codes[i] = string(c)
	}
	return `law: no law pack for "` + string(e.Code) + `" (packs: ` + strings.Join(codes, ", ") +
		"; a host brings its own with law.New)"
}

// Unwrap returns ErrNoPack and dunning.ErrInvalid.
func (e *NoPackError) Unwrap() []error { return []error{ErrNoPack, dunning.ErrInvalid} }

// Set is the packs a host uses: its own, then the shipped ones for the codes it
// brings none for. The zero Set and a nil *Set hold the shipped packs only. A Set
// is immutable and safe for concurrent use.
type Set struct {
	host []*Pack
}

// NewSet returns the set of the host's packs over the shipped ones: a host pack
// for a shipped code (a creditor-specific variant) takes its place. A nil pack or
// two packs for one code is a *dunning.FieldError naming it ("Laws[2]").
func NewSet(packs ...*Pack) (*Set, error) {
	var errs []error
	seen := map[dunning.Jurisdiction]bool{}
	for i, p := range packs {
		switch {
		case p == nil:
			errs = append(errs, &dunning.FieldError{Field: "Laws[" + strconv.Itoa(i) + "]", Reason: "is nil"})
		case seen[p.Code()]:
			errs = append(errs, &dunning.FieldError{Field: "Laws[" + strconv.Itoa(i) + "]", Value: string(p.Code()),
				Reason: "is a second pack for the code"})
		default:
			seen[p.Code()] = true
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Set{host: slices.Clone(packs)}, nil
}

// Pack returns the pack for j: the host's, else the shipped one. A code without
// either is a *NoPackError listing the codes that have one. It does not allocate
// when it finds one.
func (s *Set) Pack(j dunning.Jurisdiction) (*Pack, error) {
	if p := s.lookup(j); p != nil {
		return p, nil
	}
	return nil, &NoPackError{Code: j, Known: s.Codes()}
}

// lookup is Pack without the error.
func (s *Set) lookup(j dunning.Jurisdiction) *Pack {
	if s != nil {
		for _, p := range s.host {
			if p.spec.Code == j {
				return p
			}
		}
	}
	return Builtin(j)
}

// Codes returns the codes the set has a pack for: the shipped ones, then the
// host's others, in the order given.
func (s *Set) Codes() []dunning.Jurisdiction {
	var out []dunning.Jurisdiction
	for _, p := range Builtins() {
		out = append(out, p.spec.Code)
	}
	if s != nil {
		for _, p := range s.host {
			if !slices.Contains(out, p.spec.Code) {
				out = append(out, p.spec.Code)
			}
		}
	}
	return out
}
