package sqlstore

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// marshal is json.Marshal without HTML escaping, returning text: a letter's
// HTML keeps its < and > instead of growing by five bytes for each, which the
// database would parse again on every insert. Decoding gives the same value
// either way. Its buffers are reused (bufs), so a daily run encoding
// thousands of letters does not grow a new one for each.
func marshal(v any) (string, error) {
	buf := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})), nil
}

// bufs are marshal's buffers. A sync.Pool holds no state anyone can see: any
// buffer serves any call.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// jsonRows builds a JSON array of objects, a batch statement's one parameter,
// appending the documents the store already encoded as they are (json.Marshal
// of a json.RawMessage would check and compact each of them again).
type jsonRows struct {
	b     []byte
	first bool // no field written yet in the current object
}

// grow makes room for n more bytes, so that a batch's parameter of some
// megabytes is built without copying it again as it grows.
func (a *jsonRows) grow(n int) { a.b = slices.Grow(a.b, n) }

// row starts the next object.
func (a *jsonRows) row() {
	if len(a.b) == 0 {
		a.b = append(a.b, '[')
	} else {
		a.b = append(a.b, '}', ',')
	}
	a.b = append(a.b, '{')
	a.first = true
}

func (a *jsonRows) key(k string) {
	if !a.first {
		a.b = append(a.b, ',')
	}
	a.first = false
	a.b = appendJSONString(a.b, k)
	a.b = append(a.b, ':')
}

// str adds the field k with the string v.
func (a *jsonRows) str(k, v string) *jsonRows {
	a.key(k)
	a.b = appendJSONString(a.b, v)
	return a
}

// num adds the field k with the integer v.
func (a *jsonRows) num(k string, v int64) *jsonRows {
	a.key(k)
	a.b = strconv.AppendInt(a.b, v, 10)
	return a
}

// raw adds the field k with v, a JSON document the store encoded.
func (a *jsonRows) raw(k, v string) *jsonRows {
	a.key(k)
	a.b = append(a.b, v...)
	return a
}

// null adds the field k with null.
func (a *jsonRows) null(k string) *jsonRows {
	a.key(k)
	a.b = append(a.b, "null"...)
	return a
}

// text returns the array as text.
func (a *jsonRows) text() string {
	if len(a.b) == 0 {
		return "[]"
	}
	return string(append(a.b, '}', ']'))
}

// appendJSONString appends s as a JSON string, as encoding/json writes it
// without HTML escaping (invalid UTF-8 becomes U+FFFD).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
