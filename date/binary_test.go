package date_test

import (
	"bytes"
	"encoding"
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/dunning-go/dunning/date"
)

var (
	_ encoding.BinaryAppender    = date.Date{}
	_ encoding.BinaryMarshaler   = date.Date{}
	_ encoding.BinaryUnmarshaler = (*date.Date)(nil)
)

func TestBinary(t *testing.T) {
	for _, tt := range []struct {
		d    date.Date
		want []byte
	}{
		{date.Date{}, []byte{0}},
		{date.MustNew(1, 1, 1), []byte{1}},
		{date.MustNew(2025, 3, 3), []byte{0xf1, 0x8f, 0x2d}}, // day 739,313
		{date.MustNew(9999, 12, 31), []byte{0xdb, 0xf3, 0xde, 0x01}},
	} {
		got, err := tt.d.MarshalBinary()
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("%v.MarshalBinary() = %x, %v; want %x", tt.d, got, err, tt.want)
		}
		got, _ = tt.d.AppendBinary([]byte("x"))
		if !bytes.Equal(got, append([]byte("x"), tt.want...)) {
			t.Errorf("%v.AppendBinary(x) = %x", tt.d, got)
		}
		back := date.MustNew(2000, 1, 1)
		if err := back.UnmarshalBinary(tt.want); err != nil || back != tt.d {
			t.Errorf("UnmarshalBinary(%x) = %v, %v; want %v", tt.want, back, err, tt.d)
		}
	}
	for _, bad := range [][]byte{nil, {0x80}, {0, 0}, {0xdc, 0xf3, 0xde, 0x01}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		d := date.MustNew(2000, 1, 1)
		err := d.UnmarshalBinary(bad)
		var pe *date.ParseError
		if !errors.Is(err, date.ErrInvalid) || !errors.As(err, &pe) || d != date.MustNew(2000, 1, 1) {
			t.Errorf("UnmarshalBinary(%x) = %v (date %v), want a *ParseError and the date unchanged", bad, err, d)
		}
	}
	if err := (&date.Date{}).UnmarshalBinary([]byte{0x80}); err == nil || err.Error() != `date: "80" is not a binary date (want an unsigned varint day number up to 3652059)` {
		t.Errorf("error = %v", err)
	}
}

// TestPropBinaryRoundTrip: every date, the zero Date included, comes back
// from its binary form, which is at most 4 bytes long.
func TestPropBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.OneOf(genDate(), genMonthEndish(), rapid.Just(date.Date{})).Draw(t, "d")
		b, err := d.MarshalBinary()
		if err != nil || len(b) == 0 || len(b) > 4 {
			t.Fatalf("MarshalBinary(%v) = %x, %v", d, b, err)
		}
		var back date.Date
		if err := back.UnmarshalBinary(b); err != nil || back != d {
			t.Fatalf("UnmarshalBinary(%x) = %v, %v; want %v", b, back, err, d)
		}
	})
}
