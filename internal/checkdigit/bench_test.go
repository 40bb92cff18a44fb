package checkdigit_test

import (
	"testing"

	"github.com/dunning-go/dunning/internal/checkdigit"
)

// docs/design.md sets no target of its own for check digits. They are computed once or
// twice per letter, inside "render one reminder (text + HTML) <= 30 µs", and for every
// registration number validated; the target here is 0 allocations (asserted in
// TestNoAllocations) and well under 100 ns for the longest reference (25 characters).

// BenchmarkLuhn measures the check digit of a 25-digit KID/OCR payload. Target: 0
// allocations, well under 100 ns (no docs/design.md target; part of the <= 30 µs reminder).
func BenchmarkLuhn(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkByte, sinkBool = checkdigit.Luhn(benchKID)
	}
}

// BenchmarkValidLuhn measures validating a 25-digit number. Target as BenchmarkLuhn.
func BenchmarkValidLuhn(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = checkdigit.ValidLuhn(benchKID)
	}
}

// BenchmarkMod11 measures a 25-digit KID MOD11 with weights 2..7. Target as
// BenchmarkLuhn.
func BenchmarkMod11(b *testing.B) {
	b.ReportAllocs()
	weights := []int{2, 3, 4, 5, 6, 7}
	for b.Loop() {
		sinkInt, sinkBool = checkdigit.Mod11(benchKID, weights)
	}
}

// BenchmarkMod731 measures the 7-3-1 check digit of 25 digits. Target as BenchmarkLuhn.
func BenchmarkMod731(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkByte, sinkBool = checkdigit.Mod731(benchKID)
	}
}

// BenchmarkMod97 measures the RF check digits of a 21-character body (REF-RF-10).
// Target as BenchmarkLuhn.
func BenchmarkMod97(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkPair, sinkBool = checkdigit.Mod97("RF", benchBody)
	}
}

// BenchmarkValidMod97 measures validating the 25-character RF reference REF-RF-10.
// Target as BenchmarkLuhn.
func BenchmarkValidMod97(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = checkdigit.ValidMod97(benchRF)
	}
}
