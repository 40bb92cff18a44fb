package date

import (
	"encoding/binary"
	"encoding/hex"
)

// AppendBinary implements encoding.BinaryAppender: it appends the binary form
// of d to b (see [Date.MarshalBinary]).
func (d Date) AppendBinary(b []byte) ([]byte, error) {
	return binary.AppendUvarint(b, uint64(uint32(d.n))), nil
}

// MarshalBinary implements encoding.BinaryMarshaler. The binary form is the
// day number as an unsigned varint (encoding/binary's AppendUvarint): 0 for
// the zero Date, 1 for 0001-01-01, 739,313 for 2025-03-03; one byte for the
// zero Date and three for the dates of this era. It never fails. Stores that
// pack many dates (collection/memstore) use it.
func (d Date) MarshalBinary() ([]byte, error) {
	return d.AppendBinary(make([]byte, 0, 3))
}

// UnmarshalBinary implements encoding.BinaryUnmarshaler: it sets d from the
// form MarshalBinary writes. Anything else (no bytes, a bad or overlong
// varint, trailing bytes, a day number beyond 9999-12-31) is a [*ParseError]
// naming the bytes in hex, which unwraps to [ErrInvalid]; d is then unchanged.
func (d *Date) UnmarshalBinary(data []byte) error {
	n, w := binary.Uvarint(data)
	if w <= 0 || w != len(data) || n > maxN {
		return &ParseError{Input: hex.EncodeToString(data), Reason: "is not a binary date (want an unsigned varint day number up to 3652059)"}
	}
	d.n = int32(n)
	return nil
}
