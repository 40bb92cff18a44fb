package memstore

import (
	"encoding"
	"encoding/binary"
	"math"
	"reflect"
	"time"
	"unsafe"
)

// The fast encoders: each codec's enc again, reading the value through an
// unsafe.Pointer to it at the offsets its reflect.Type gives, instead of
// through reflect.Value (whose Field, IsZero and Interface are most of the
// cost of packing a case). They are built by the compiler from the same
// types and config as enc, and pack the same bytes: TestFastEncoderAgrees
// packs random cases, events, messages and values of every kind both ways.
// Kinds rare in a Store (maps other than event data, values of a config.values
// type being boxed as enc boxes them) call enc through reflect.NewAt.

// fastEncFunc packs the value p points to.
type fastEncFunc func(e *encoder, p unsafe.Pointer)

// fastSigned packs the signed integer p points to as a varint.
func fastSigned[T int | int8 | int16 | int32 | int64](e *encoder, p unsafe.Pointer) {
	e.b = binary.AppendVarint(e.b, int64(*(*T)(p)))
}

// fastUnsigned packs the unsigned integer p points to as a uvarint.
func fastUnsigned[T uint | uint8 | uint16 | uint32 | uint64 | uintptr](e *encoder, p unsafe.Pointer) {
	e.b = binary.AppendUvarint(e.b, uint64(*(*T)(p)))
}

// sliceHeader is the layout of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// fastPlain returns the fast encoder of t as plainCodec packed it into cd
// (not a struct: structCodec builds that). The codecs of t's element types
// are in c.done, as plainCodec built them.
func (c *compiler) fastPlain(cd *codec, t reflect.Type) fastEncFunc {
	if t == timeType {
		return func(e *encoder, p unsafe.Pointer) { encTimeOf(e, *(*time.Time)(p)) }
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(e *encoder, p unsafe.Pointer) {
			if *(*bool)(p) {
				e.b = append(e.b, 1)
			} else {
				e.b = append(e.b, 0)
			}
		}
	case reflect.Int:
		return fastSigned[int]
	case reflect.Int8:
		return fastSigned[int8]
	case reflect.Int16:
		return fastSigned[int16]
	case reflect.Int32:
		return fastSigned[int32]
	case reflect.Int64:
		return fastSigned[int64]
	case reflect.Uint:
		return fastUnsigned[uint]
	case reflect.Uint8:
		return fastUnsigned[uint8]
	case reflect.Uint16:
		return fastUnsigned[uint16]
	case reflect.Uint32:
		return fastUnsigned[uint32]
	case reflect.Uint64:
		return fastUnsigned[uint64]
	case reflect.Uintptr:
		return fastUnsigned[uintptr]
	case reflect.Float32:
		return func(e *encoder, p unsafe.Pointer) {
			e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(*(*float32)(p)))
		}
	case reflect.Float64:
		return func(e *encoder, p unsafe.Pointer) {
			e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(*(*float64)(p)))
		}
	case reflect.String:
		return func(e *encoder, p unsafe.Pointer) { e.str(*(*string)(p)) }
	}
	ptr := reflect.PointerTo(t)
	switch {
	case (t.Implements(binaryAppender) || t.Implements(binaryMarshaler)) && ptr.Implements(binaryUnmarshaler):
		if t.Implements(binaryAppender) {
			// The interface value of encoding.BinaryAppender built in line:
			// no type assertion for each value.
			x := reflect.New(t).Interface().(encoding.BinaryAppender)
			tab := (*eface)(unsafe.Pointer(&x)).typ
			return func(e *encoder, p unsafe.Pointer) {
				w := eface{tab, p}
				encAppender(e, *(*encoding.BinaryAppender)(unsafe.Pointer(&w)), t)
			}
		}
		typ := ptrTypeWord(t)
		return func(e *encoder, p unsafe.Pointer) { encLeaf(e, pointerAny(typ, p), t, false, true) }
	case (t.Implements(textAppender) || t.Implements(textMarshaler)) && ptr.Implements(textUnmarshaler):
		appender, typ := t.Implements(textAppender), ptrTypeWord(t)
		return func(e *encoder, p unsafe.Pointer) { encLeaf(e, pointerAny(typ, p), t, appender, false) }
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := c.done[t.Elem()]
		return func(e *encoder, p unsafe.Pointer) {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				e.b = append(e.b, 0)
				return
			}
			e.b = append(e.b, 1)
			elem.fenc(e, q)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && t.Elem() == bytesType.Elem() {
			return func(e *encoder, p unsafe.Pointer) {
				b := *(*[]byte)(p)
				if b == nil {
					e.b = append(e.b, 0)
					return
				}
				e.b = binary.AppendUvarint(e.b, uint64(len(b))+1)
				e.b = append(e.b, b...)
			}
		}
		elem, size := c.done[t.Elem()], t.Elem().Size()
		return func(e *encoder, p unsafe.Pointer) {
			h := (*sliceHeader)(p)
			if h.data == nil {
				e.b = append(e.b, 0)
				return
			}
			e.b = binary.AppendUvarint(e.b, uint64(h.len)+1)
			for i := range h.len {
				elem.fenc(e, unsafe.Add(h.data, uintptr(i)*size))
			}
		}
	case reflect.Array:
		elem, size, n := c.done[t.Elem()], t.Elem().Size(), t.Len()
		return func(e *encoder, p unsafe.Pointer) {
			for i := range n {
				elem.fenc(e, unsafe.Add(p, uintptr(i)*size))
			}
		}
	}
	// A map: through reflection, as enc.
	enc := cd.enc
	return func(e *encoder, p unsafe.Pointer) { enc(e, reflect.NewAt(t, p).Elem()) }
}

// eface is the layout of an interface{}: its type word and its data word,
// which for a pointer type is the pointer; and of an interface with methods,
// whose first word is then its itab.
type eface struct {
	typ, data unsafe.Pointer
}

// ptrTypeWord returns the type word of an interface{} holding a *t.
func ptrTypeWord(t reflect.Type) unsafe.Pointer {
	x := reflect.New(t).Interface()
	return (*eface)(unsafe.Pointer(&x)).typ
}

// pointerAny returns the interface{} holding the *t p, typ being
// ptrTypeWord(t): what reflect.NewAt(t, p).Interface() returns, without
// its lookup of the pointer type.
func pointerAny(typ, p unsafe.Pointer) any {
	x := eface{typ, p}
	return *(*any)(unsafe.Pointer(&x))
}

// fastField is a field of a struct for structFast: its offset, its codec and
// how to tell it is zero.
type fastField struct {
	off  uintptr
	cd   *codec
	zero zeroCheck
}

// structFast packs a struct as structCodec's enc does: the bitmap of the
// fields that are not zero, then those fields.
func structFast(size int, fields []fastField) fastEncFunc {
	return func(e *encoder, p unsafe.Pointer) {
		at := len(e.b)
		for range size {
			e.b = append(e.b, 0)
		}
		for j := range fields {
			f := &fields[j]
			fp := unsafe.Add(p, f.off)
			var zero bool
			switch q := unsafe.Add(fp, f.zero.off); f.zero.word {
			case 8:
				zero = *(*uint64)(q) == 0
			case 4:
				zero = *(*uint32)(q) == 0
			case 2:
				zero = *(*uint16)(q) == 0
			case 1:
				zero = *(*uint8)(q) == 0
			default:
				zero = f.zero.is(fp)
			}
			if !zero {
				e.b[at+j/8] |= 1 << (j % 8)
				f.cd.fenc(e, fp)
			}
		}
	}
}

func fastInterned(e *encoder, p unsafe.Pointer) {
	e.b = binary.AppendUvarint(e.b, e.intern(*(*string)(p)))
}

func fastText(e *encoder, p unsafe.Pointer) { encTextString(e, *(*string)(p)) }

func fastHTML(e *encoder, p unsafe.Pointer) { encHTMLString(e, *(*string)(p)) }

func fastData(e *encoder, p unsafe.Pointer) {
	m := *(*map[string]string)(p)
	if m == nil {
		e.b = append(e.b, 0)
		return
	}
	encDataMap(e, m)
}

// sharedFast is the fast encoder of sharedCodec.
func sharedFast(i int, inner *codec) fastEncFunc {
	return func(e *encoder, p unsafe.Pointer) {
		outer := e.beginShared(i)
		inner.fenc(e, p)
		e.endShared(i, outer)
	}
}

// valueFast is the fast encoder of valueCodec: the value boxed as enc boxes
// it, the key of the value table.
func valueFast(i int, t reflect.Type) fastEncFunc {
	return func(e *encoder, p unsafe.Pointer) {
		e.b = binary.AppendUvarint(e.b, e.value(i, reflect.NewAt(t, p).Elem().Interface()))
	}
}

// zeroCheck tells whether a value is zero as reflect.Value.IsZero does: by
// the byte ranges of it that must be zero (a string's length, a slice's,
// map's or pointer's pointer, a number's or bool's bytes), or through
// reflection for a type that holds a float, a complex number or an
// interface, whose zero is not a matter of bytes (-0.0, NaN).
type zeroCheck struct {
	ranges []byteRange
	t      reflect.Type // non-nil: through reflection
	// word is 1, 2, 4 or 8 when the one range is a word of that size at
	// off, aligned to it; structFast reads it in line.
	word, off uintptr
}

// byteRange is n bytes at off.
type byteRange struct{ off, n uintptr }

// zeroCheckOf returns the zeroCheck of t.
func zeroCheckOf(t reflect.Type) zeroCheck {
	var rs []byteRange
	if !zeroRanges(t, 0, &rs) {
		return zeroCheck{t: t}
	}
	// Merge adjacent ranges.
	var out []byteRange
	for _, r := range rs {
		if r.n == 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1].off+out[n-1].n == r.off {
			out[n-1].n += r.n
			continue
		}
		out = append(out, r)
	}
	z := zeroCheck{ranges: out}
	if len(out) == 1 {
		switch r := out[0]; r.n {
		case 1, 2, 4, 8:
			if uintptr(t.Align())%r.n == 0 && r.off%r.n == 0 {
				z.word, z.off = r.n, r.off
			}
		}
	}
	return z
}

// zeroRanges appends the ranges of a value of t at off that must be zero for
// it to be, and reports whether bytes tell it.
func zeroRanges(t reflect.Type, off uintptr, rs *[]byteRange) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func:
		*rs = append(*rs, byteRange{off, t.Size()})
	case reflect.String:
		*rs = append(*rs, byteRange{off + unsafe.Offsetof(stringHeader{}.len), unsafe.Sizeof(0)})
	case reflect.Slice:
		*rs = append(*rs, byteRange{off + unsafe.Offsetof(sliceHeader{}.data), unsafe.Sizeof(uintptr(0))})
	case reflect.Array:
		for i := range t.Len() {
			if !zeroRanges(t.Elem(), off+uintptr(i)*t.Elem().Size(), rs) {
				return false
			}
		}
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Name == "_" {
				continue
			}
			if !zeroRanges(f.Type, off+f.Offset, rs) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// stringHeader is the layout of a string.
type stringHeader struct {
	data unsafe.Pointer
	len  int
}

// is reports whether the value at p is zero (word aside: see structFast).
func (z *zeroCheck) is(p unsafe.Pointer) bool {
	if z.t != nil {
		return reflect.NewAt(z.t, p).Elem().IsZero()
	}
	// Every pointer made points into the value: one past its end would be
	// an invalid pointer (checkptr, under -race, stops on it).
	for _, r := range z.ranges {
		off, end := r.off, r.off+r.n
		for ; end-off >= 8 && (uintptr(p)+off)%8 == 0; off += 8 {
			if *(*uint64)(unsafe.Add(p, off)) != 0 {
				return false
			}
		}
		for ; off < end; off++ {
			if *(*byte)(unsafe.Add(p, off)) != 0 {
				return false
			}
		}
	}
	return true
}
