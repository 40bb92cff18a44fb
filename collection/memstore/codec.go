package memstore

import (
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"
)

// This file is a small reflection codec: a tree of encode and decode functions
// built once per Go type from its reflect.Type, like a gob without type
// information in the stream (the reader knows the type). It packs the cases,
// events and messages of a Store.
//
// The encoding of a value of each kind:
//
//   - bool: one byte, 0 or 1; signed integers: a zigzag varint; unsigned
//     integers: a varint; floats: their IEEE 754 bits, little-endian.
//   - string: a varint length and the bytes; decoded as a substring of (a
//     copy of) the packed record, so one allocation serves every string of a
//     record.
//   - slice and map: 0 for nil, else the length plus one, then the elements
//     (a map's by their encoded key, so one value always packs the same); a
//     []byte is copied as is. Pointer: 0 for nil, 1 and the value.
//   - array: the elements. Struct: a bitmap of the fields that are not zero
//     (reflect.Value.IsZero), one bit per field in whole bytes, then those
//     fields in order: a zero field costs one bit and comes back as the zero
//     value.
//   - a type implementing encoding.BinaryAppender or BinaryMarshaler, whose
//     pointer implements BinaryUnmarshaler (money.Money, date.Date,
//     decimal.Decimal), is a leaf: a varint length and its binary form; else one
//     implementing TextAppender or TextMarshaler with TextUnmarshaler, its text.
//     Types of a basic kind (the enums) are packed as their kind even when they
//     have such methods: the raw value is exact, and a text form may refuse an
//     invalid value.
//   - time.Time: its Unix seconds (zigzag), nanoseconds and an index into the
//     Store's table of locations, so the location comes back as the same
//     *time.Location (the monotonic reading is dropped, as time.Time's own
//     encodings drop it).
//   - a type in config.values (language.Tag) is an index into a table of its
//     distinct values, so it comes back == to what was packed.
//   - a type in config.shared (dunning.Party) is packed once per distinct value
//     into a table of the Store and referred to by index.
//
// A field can also be packed as config.fields says: interned (optIntern), as
// a letter's text or HTML (optText, optHTML: line by line against a reference
// letter, the <style> blocks interned), as event data (optData), or left out
// for the caller to pack (optOmit).
//
// A struct with an unexported field that is not a leaf, an interface, a
// channel, a function or a complex number cannot be packed: compile fails on
// it, naming the path to it, so that a new field of such a type is caught by
// the tests instead of dropped silently.

// encoder packs values into b. The tables are the Store's; the caller holds
// their lock (for reading only if ro).
type encoder struct {
	b   []byte
	t   *tables
	err error
	// ref is the letter the text fields (optText, optHTML) are packed
	// against, if any.
	ref *letterRef
	// ro says the caller holds the tables' read lock only: a value that is
	// not in them yet is not added but sets miss, and the caller packs again
	// under the write lock.
	ro, miss bool
	// scratch are buffers for the values of config.shared types, ops for
	// encLines.
	scratch [maxShared][]byte
	ops     []lineOp
}

// lineOp is an operation of encLines.
type lineOp struct {
	kind    int // 0 in line, 1 lines of ref, 2 a line of ref changed
	lit     string
	k, m    int
	keep, q int
}

// intern returns the index of s in the string table (see tables.intern).
func (e *encoder) intern(s string) uint64 {
	if i, ok := e.t.strIdx[s]; ok {
		return i
	}
	if e.ro {
		e.miss = true
		return 0
	}
	return e.t.intern(s)
}

// share returns the index of packed in shared table i (see tables.share).
func (e *encoder) share(i int, packed []byte) (uint64, bool) {
	if n, ok := e.t.sharedIdx[i][string(packed)]; ok {
		return n, false
	}
	if e.ro {
		e.miss = true
		return 0, false
	}
	return e.t.share(i, packed), true
}

// value returns the index of x in value table i (see tables.value).
func (e *encoder) value(i int, x any) uint64 {
	if n, ok := e.t.valueIdx[i][x]; ok {
		return n
	}
	if e.ro {
		e.miss = true
		return 0
	}
	return e.t.value(i, x)
}

// location returns the index of loc in the location table.
func (e *encoder) location(loc *time.Location) uint64 {
	if n, ok := e.t.locIdx[loc]; ok {
		return n
	}
	if e.ro {
		e.miss = true
		return 0
	}
	return e.t.location(loc)
}

// decoder unpacks a record s. The strings it makes are substrings of s or of
// the Store's tables.
type decoder struct {
	s   string
	i   int
	v   *view
	buf []byte // s as bytes, for the unmarshalers, which read it only
	has bool   // buf holds s; else it is made on first use
	err error
	ref *letterRef // as encoder.ref
}

type (
	encFunc func(e *encoder, v reflect.Value)
	decFunc func(d *decoder, v reflect.Value)
)

// codec packs and unpacks the values of one type. dec expects a settable zero
// value. fenc packs as enc does, the same bytes, reading the value through a
// pointer to it instead of a reflect.Value (see fastenc.go): what a Store
// packs with.
type codec struct {
	enc  encFunc
	dec  decFunc
	fenc fastEncFunc
}

// fieldOpt is how a field is packed, when not as its type says.
type fieldOpt uint8

const (
	// optIntern packs a string field as an index into the string table.
	optIntern fieldOpt = iota + 1
	// optText packs a string field of text by its lines, each line that is
	// also in the encoder's reference letter as a reference to it.
	optText
	// optHTML packs a string field of HTML as optText does, with its
	// <style> blocks interned.
	optHTML
	// optData packs a map[string]string with its keys interned, and the
	// values of the keys in config.dataValues too.
	optData
	// optOmit leaves the field out: the caller packs it (in a record's
	// header) and sets it when unpacking.
	optOmit
)

// fieldKey names a field of a struct type.
type fieldKey struct {
	t    reflect.Type
	name string
}

// config says which values a Store interns.
type config struct {
	fields     map[fieldKey]fieldOpt
	values     []reflect.Type  // interned by value (comparable types)
	shared     []reflect.Type  // interned by their encoding
	dataValues map[string]bool // optData: the keys whose values are interned
}

// compiler builds the codecs of one config.
type compiler struct {
	cfg  *config
	done map[reflect.Type]*codec
	used map[fieldKey]bool
	// inner are the codecs of the config.shared types that pack the value
	// itself, not its index.
	inner []*codec
}

var (
	binaryAppender    = reflect.TypeFor[encoding.BinaryAppender]()
	binaryMarshaler   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	textAppender      = reflect.TypeFor[encoding.TextAppender]()
	textMarshaler     = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler   = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType          = reflect.TypeFor[time.Time]()
	bytesType         = reflect.TypeFor[[]byte]()
	dataType          = reflect.TypeFor[map[string]string]()
)

// compile returns the codecs of types under cfg, and for each type of
// cfg.shared the codec that packs the value itself (a record of the shared
// table). It fails on a type that cannot be packed, and on an entry of cfg
// that names no field or a field of the wrong kind.
func compile(cfg *config, types ...reflect.Type) (out, inner []*codec, err error) {
	c := &compiler{cfg: cfg, done: map[reflect.Type]*codec{}, used: map[fieldKey]bool{}, inner: make([]*codec, len(cfg.shared))}
	for _, t := range cfg.shared {
		if _, err := c.codec(t, t.String()); err != nil {
			return nil, nil, err
		}
	}
	for _, t := range types {
		cd, err := c.codec(t, t.String())
		if err != nil {
			return nil, nil, err
		}
		out = append(out, cd)
	}
	for k := range cfg.fields {
		if !c.used[k] {
			return nil, nil, fmt.Errorf("memstore: codec: %s has no field %s", k.t, k.name)
		}
	}
	return out, c.inner, nil
}

// codec returns the codec of t; path names t for errors.
func (c *compiler) codec(t reflect.Type, path string) (*codec, error) {
	if cd, ok := c.done[t]; ok {
		return cd, nil // also a type being built (a recursive type): its funcs are set when used
	}
	cd := &codec{}
	c.done[t] = cd
	if err := c.build(cd, t, path); err != nil {
		delete(c.done, t)
		return nil, err
	}
	return cd, nil
}

func (c *compiler) build(cd *codec, t reflect.Type, path string) error {
	if i := slices.Index(c.cfg.shared, t); i >= 0 {
		inner := &codec{}
		if err := c.plain(inner, t, path); err != nil {
			return err
		}
		c.inner[i] = inner
		cd.enc, cd.dec = sharedCodec(i, inner)
		cd.fenc = sharedFast(i, inner)
		return nil
	}
	if i := slices.Index(c.cfg.values, t); i >= 0 {
		if !t.Comparable() {
			return fmt.Errorf("memstore: codec: %s (%s) is interned by value but not comparable", path, t)
		}
		cd.enc, cd.dec = valueCodec(i)
		cd.fenc = valueFast(i, t)
		return nil
	}
	return c.plain(cd, t, path)
}

// plain builds the codec of t without interning t itself, with its fast
// encoder (see fastenc.go).
func (c *compiler) plain(cd *codec, t reflect.Type, path string) error {
	if err := c.plainCodec(cd, t, path); err != nil {
		return err
	}
	if cd.fenc == nil { // a struct's is built by structCodec
		cd.fenc = c.fastPlain(cd, t)
	}
	return nil
}

// plainCodec builds enc and dec of plain.
func (c *compiler) plainCodec(cd *codec, t reflect.Type, path string) error {
	if t == timeType {
		cd.enc, cd.dec = encTime, decTime
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		cd.enc, cd.dec = encBool, decBool
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		cd.enc, cd.dec = encInt, decInt
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		cd.enc, cd.dec = encUint, decUint
		return nil
	case reflect.Float32, reflect.Float64:
		cd.enc, cd.dec = encFloat, decFloat
		return nil
	case reflect.String:
		cd.enc, cd.dec = encString, decString
		return nil
	}
	ptr := reflect.PointerTo(t)
	switch {
	case (t.Implements(binaryAppender) || t.Implements(binaryMarshaler)) && ptr.Implements(binaryUnmarshaler):
		cd.enc, cd.dec = leafCodec(t.Implements(binaryAppender), true)
		return nil
	case (t.Implements(textAppender) || t.Implements(textMarshaler)) && ptr.Implements(textUnmarshaler):
		cd.enc, cd.dec = leafCodec(t.Implements(textAppender), false)
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem, err := c.codec(t.Elem(), "*"+path)
		if err != nil {
			return err
		}
		cd.enc, cd.dec = pointerCodec(t, elem)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && t.Elem() == bytesType.Elem() {
			cd.enc, cd.dec = encBytes, decBytes
			return nil
		}
		elem, err := c.codec(t.Elem(), path+"[]")
		if err != nil {
			return err
		}
		cd.enc, cd.dec = sliceCodec(t, elem)
	case reflect.Array:
		elem, err := c.codec(t.Elem(), path+"[]")
		if err != nil {
			return err
		}
		cd.enc, cd.dec = arrayCodec(elem)
	case reflect.Map:
		key, err := c.codec(t.Key(), path+"[key]")
		if err != nil {
			return err
		}
		elem, err := c.codec(t.Elem(), path+"[]")
		if err != nil {
			return err
		}
		cd.enc, cd.dec = mapCodec(t, key, elem)
	case reflect.Struct:
		return c.structCodec(cd, t, path)
	default:
		return fmt.Errorf("memstore: codec: %s is a %s (%s), which cannot be packed", path, t.Kind(), t)
	}
	return nil
}

func (c *compiler) structCodec(cd *codec, t reflect.Type, path string) error {
	type field struct {
		index int
		cd    *codec
	}
	fields := make([]field, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		fpath := path + "." + f.Name
		if !f.IsExported() {
			if f.Name == "_" {
				continue
			}
			return fmt.Errorf("memstore: codec: %s is unexported, and %s implements neither encoding.BinaryMarshaler nor TextMarshaler (with the Unmarshaler)", fpath, t)
		}
		key := fieldKey{t, f.Name}
		var fc *codec
		switch opt := c.cfg.fields[key]; opt {
		case optOmit:
			c.used[key] = true
			continue
		case 0:
			var err error
			if fc, err = c.codec(f.Type, fpath); err != nil {
				return err
			}
		case optIntern, optText, optHTML:
			if f.Type.Kind() != reflect.String {
				return fmt.Errorf("memstore: codec: %s is a %s, not a string, and cannot be interned", fpath, f.Type)
			}
			switch opt {
			case optIntern:
				fc = &codec{enc: encInterned, dec: decInterned, fenc: fastInterned}
			case optText:
				fc = &codec{enc: encText, dec: decText, fenc: fastText}
			default:
				fc = &codec{enc: encHTML, dec: decHTML, fenc: fastHTML}
			}
		case optData:
			if f.Type != dataType {
				return fmt.Errorf("memstore: codec: %s is a %s, not a map[string]string", fpath, f.Type)
			}
			fc = &codec{enc: encData, dec: decData, fenc: fastData}
		}
		c.used[key] = true
		fields = append(fields, field{i, fc})
	}
	// The bitmap: one bit per field, in ceil(fields/8) bytes, written after
	// the fields are, so each field is read once.
	size := (len(fields) + 7) / 8
	ffs := make([]fastField, len(fields))
	for j, f := range fields {
		sf := t.Field(f.index)
		ffs[j] = fastField{off: sf.Offset, cd: f.cd, zero: zeroCheckOf(sf.Type)}
	}
	cd.fenc = structFast(size, ffs)
	cd.enc = func(e *encoder, v reflect.Value) {
		at := len(e.b)
		e.b = append(e.b, make([]byte, size)...)
		for j, f := range fields {
			if fv := v.Field(f.index); !fv.IsZero() {
				e.b[at+j/8] |= 1 << (j % 8)
				f.cd.enc(e, fv)
			}
		}
	}
	cd.dec = func(d *decoder, v reflect.Value) {
		bits := d.take(size)
		if len(bits) != size {
			return
		}
		if r := len(fields) % 8; r != 0 && bits[size-1]>>r != 0 {
			d.fail("a field bitmap with bits beyond the fields")
			return
		}
		for j, f := range fields {
			if bits[j/8]&(1<<(j%8)) != 0 && d.err == nil {
				f.cd.dec(d, v.Field(f.index))
			}
		}
	}
	return nil
}

// Scalars.

func encBool(e *encoder, v reflect.Value) {
	if v.Bool() {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func decBool(d *decoder, v reflect.Value) {
	switch d.byte() {
	case 0:
	case 1:
		v.SetBool(true)
	default:
		d.fail("a bool other than 0 or 1")
	}
}

func encInt(e *encoder, v reflect.Value) { e.b = binary.AppendVarint(e.b, v.Int()) }

func decInt(d *decoder, v reflect.Value) {
	n := d.varint()
	if v.OverflowInt(n) {
		d.fail(fmt.Sprintf("%d overflows %s", n, v.Type()))
		return
	}
	v.SetInt(n)
}

func encUint(e *encoder, v reflect.Value) { e.b = binary.AppendUvarint(e.b, v.Uint()) }

func decUint(d *decoder, v reflect.Value) {
	n := d.uvarint()
	if v.OverflowUint(n) {
		d.fail(fmt.Sprintf("%d overflows %s", n, v.Type()))
		return
	}
	v.SetUint(n)
}

func encFloat(e *encoder, v reflect.Value) {
	if v.Kind() == reflect.Float32 {
		e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(float32(v.Float())))
		return
	}
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
}

func decFloat(d *decoder, v reflect.Value) {
	if v.Kind() == reflect.Float32 {
		if s := d.take(4); len(s) == 4 {
			v.SetFloat(float64(math.Float32frombits(binary.LittleEndian.Uint32([]byte(s)))))
		}
		return
	}
	if s := d.take(8); len(s) == 8 {
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64([]byte(s))))
	}
}

func encString(e *encoder, v reflect.Value) { e.str(v.String()) }

func decString(d *decoder, v reflect.Value) {
	if s := d.str(); s != "" {
		v.SetString(s)
	}
}

func encInterned(e *encoder, v reflect.Value) {
	e.b = binary.AppendUvarint(e.b, e.intern(v.String()))
}

func decInterned(d *decoder, v reflect.Value) {
	if s := d.interned(); s != "" {
		v.SetString(s)
	}
}

func encBytes(e *encoder, v reflect.Value) {
	if v.IsNil() {
		e.b = append(e.b, 0)
		return
	}
	e.b = binary.AppendUvarint(e.b, uint64(v.Len())+1)
	e.b = append(e.b, v.Bytes()...)
}

func decBytes(d *decoder, v reflect.Value) {
	n, ok := d.length(1)
	if !ok {
		return
	}
	v.SetBytes([]byte(d.take(n))) // a fresh copy
}

// Leaves: types with a binary or text form of their own.

func leafCodec(appender, binaryForm bool) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		if !v.CanAddr() { // a map key or value
			p := reflect.New(v.Type())
			p.Elem().Set(v)
			v = p.Elem()
		}
		encLeaf(e, v.Addr().Interface(), v.Type(), appender, binaryForm) // a pointer: no allocation, and it has the value's methods
	}
	dec := func(d *decoder, v reflect.Value) {
		data := d.bytes(int(min(d.uvarint(), uint64(len(d.s))+1)))
		if d.err != nil {
			return
		}
		var err error
		if binaryForm {
			err = v.Addr().Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(data)
		} else {
			err = v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(data)
		}
		if err != nil {
			d.fail(fmt.Sprintf("a %s: %v", v.Type(), err))
		}
	}
	return enc, dec
}

// encAppender is encLeaf of a BinaryAppender.
func encAppender(e *encoder, x encoding.BinaryAppender, t reflect.Type) {
	start := len(e.b)
	e.b = append(e.b, 0) // the length, when it is under 128
	var err error
	e.b, err = x.AppendBinary(e.b)
	e.leafEnd(start, t, err)
}

// encLeaf packs the value x points to, of type t, with the methods
// leafCodec says.
func encLeaf(e *encoder, x any, t reflect.Type, appender, binaryForm bool) {
	start := len(e.b)
	e.b = append(e.b, 0) // the length, when it is under 128
	var err error
	switch {
	case appender && binaryForm:
		e.b, err = x.(encoding.BinaryAppender).AppendBinary(e.b)
	case appender:
		e.b, err = x.(encoding.TextAppender).AppendText(e.b)
	default:
		var data []byte
		if binaryForm {
			data, err = x.(encoding.BinaryMarshaler).MarshalBinary()
		} else {
			data, err = x.(encoding.TextMarshaler).MarshalText()
		}
		e.b = append(e.b, data...)
	}
	e.leafEnd(start, t, err)
}

// leafEnd ends a leaf started at start: its length before it, or err.
func (e *encoder) leafEnd(start int, t reflect.Type, err error) {
	if err != nil {
		e.fail(fmt.Errorf("memstore: packing a %s: %w", t, err))
		return
	}
	n := len(e.b) - start - 1
	if n < 0x80 {
		e.b[start] = byte(n)
		return
	}
	var l [binary.MaxVarintLen64]byte
	w := binary.PutUvarint(l[:], uint64(n))
	e.b = slices.Insert(e.b, start+1, l[1:w]...)
	copy(e.b[start:], l[:w])
}

func encTime(e *encoder, v reflect.Value) {
	var t time.Time
	if v.CanAddr() {
		t = *v.Addr().Interface().(*time.Time) // no allocation
	} else {
		t = v.Interface().(time.Time)
	}
	encTimeOf(e, t)
}

func encTimeOf(e *encoder, t time.Time) {
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.b = binary.AppendUvarint(e.b, uint64(t.Nanosecond()))
	e.b = binary.AppendUvarint(e.b, e.location(t.Location()))
}

func decTime(d *decoder, v reflect.Value) {
	sec, nsec, loc := d.varint(), d.uvarint(), d.uvarint()
	if d.err != nil {
		return
	}
	if nsec >= 1e9 || loc >= uint64(len(d.v.locs)) {
		d.fail("a time")
		return
	}
	v.Set(reflect.ValueOf(time.Unix(sec, int64(nsec)).In(d.v.locs[loc])))
}

// Composites.

func pointerCodec(t reflect.Type, elem *codec) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = append(e.b, 1)
		elem.enc(e, v.Elem())
	}
	dec := func(d *decoder, v reflect.Value) {
		switch d.byte() {
		case 0:
		case 1:
			p := reflect.New(t.Elem())
			elem.dec(d, p.Elem())
			v.Set(p)
		default:
			d.fail("a pointer flag other than 0 or 1")
		}
	}
	return enc, dec
}

func sliceCodec(t reflect.Type, elem *codec) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		n := v.Len()
		e.b = binary.AppendUvarint(e.b, uint64(n)+1)
		for i := range n {
			elem.enc(e, v.Index(i))
		}
	}
	minSize := 1
	if t.Elem().Size() == 0 {
		minSize = 0
	}
	dec := func(d *decoder, v reflect.Value) {
		n, ok := d.length(minSize)
		if !ok {
			return
		}
		s := reflect.MakeSlice(t, n, n)
		for i := 0; i < n && d.err == nil; i++ {
			elem.dec(d, s.Index(i))
		}
		v.Set(s)
	}
	return enc, dec
}

func arrayCodec(elem *codec) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		for i := range v.Len() {
			elem.enc(e, v.Index(i))
		}
	}
	dec := func(d *decoder, v reflect.Value) {
		for i := 0; i < v.Len() && d.err == nil; i++ {
			elem.dec(d, v.Index(i))
		}
	}
	return enc, dec
}

func mapCodec(t reflect.Type, key, elem *codec) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		if v.IsNil() {
			e.b = append(e.b, 0)
			return
		}
		e.b = binary.AppendUvarint(e.b, uint64(v.Len())+1)
		// Each entry packed on its own, then in the order of the packed keys.
		type entry struct{ k, kv []byte }
		var entries []entry
		outer := e.b
		for it := v.MapRange(); it.Next(); {
			e.b = nil
			key.enc(e, it.Key())
			k := e.b
			elem.enc(e, it.Value())
			entries = append(entries, entry{k[:len(k):len(k)], e.b})
		}
		slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(string(a.k), string(b.k)) })
		e.b = outer
		for _, en := range entries {
			e.b = append(e.b, en.kv...)
		}
	}
	dec := func(d *decoder, v reflect.Value) {
		n, ok := d.length(1)
		if !ok {
			return
		}
		m := reflect.MakeMapWithSize(t, n)
		for i := 0; i < n && d.err == nil; i++ {
			k := reflect.New(t.Key()).Elem()
			key.dec(d, k)
			x := reflect.New(t.Elem()).Elem()
			elem.dec(d, x)
			m.SetMapIndex(k, x)
		}
		if m.Len() != n && d.err == nil {
			d.fail("a map with a key twice")
		}
		v.Set(m)
	}
	return enc, dec
}

// Interning.

// beginShared starts packing a value of shared table i into the table's
// scratch buffer, returning the buffer packed so far (endShared's outer).
func (e *encoder) beginShared(i int) (outer []byte) {
	outer = e.b
	e.b, e.scratch[i] = e.scratch[i][:0], nil // nil while in use, for a value inside a value of the type
	return outer
}

// endShared appends to outer the index in shared table i of the value packed
// since beginShared, and keeps the scratch buffer for the next one.
func (e *encoder) endShared(i int, outer []byte) {
	packed := e.b
	e.scratch[i] = packed
	n, _ := e.share(i, packed)
	e.b = binary.AppendUvarint(outer, n)
}

// sharedCodec packs a value of a config.shared type as the index of its
// encoding (by inner) in shared table i.
func sharedCodec(i int, inner *codec) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		outer := e.beginShared(i)
		inner.enc(e, v)
		e.endShared(i, outer)
	}
	dec := func(d *decoder, v reflect.Value) {
		n := d.uvarint()
		if d.err != nil {
			return
		}
		if n >= uint64(len(d.v.shared[i])) {
			d.fail("a shared value beyond the table")
			return
		}
		sub := decoder{s: d.v.shared[i][n], v: d.v}
		inner.dec(&sub, v)
		sub.end()
		if sub.err != nil {
			d.err = sub.err
		}
	}
	return enc, dec
}

// valueCodec packs a value of a config.values type as its index in value
// table i.
func valueCodec(i int) (encFunc, decFunc) {
	enc := func(e *encoder, v reflect.Value) {
		e.b = binary.AppendUvarint(e.b, e.value(i, v.Interface()))
	}
	dec := func(d *decoder, v reflect.Value) {
		n := d.uvarint()
		if d.err != nil {
			return
		}
		if n >= uint64(len(d.v.values[i])) {
			d.fail("a value beyond the table")
			return
		}
		v.Set(reflect.ValueOf(d.v.values[i][n]))
	}
	return enc, dec
}

// Letters (optText, optHTML). A Store packs the text and the HTML of a
// message against a reference letter: the first message of its creditor,
// kind, channel and language (see Store.letterRef). Letters of one kind are
// mostly the same lines (the letterhead, the paragraphs, the closing, the
// footer) around the lines of the case, so a line of the letter that is a
// line of the reference near where the last one matched is packed as a
// reference to it: the letter keeps its own lines only.

// letterRef is the reference letter of its kind: its text, and its HTML
// without the <style> blocks.
type letterRef struct {
	text, html refLines
}

// refLines is one side of a reference letter: its lines, each with its "\n",
// where each line is, and the lines as the one string they were cut from with
// the offset of each line in it (and its length last), so that a run of
// lines a letter shares with it is compared at once (encLines).
type refLines struct {
	lines []string
	at    map[string][]int32
	all   string
	off   []int32
}

// newLetterRef returns the reference letter of text and HTML (without its
// <style> blocks).
func newLetterRef(text, html string) letterRef {
	return letterRef{text: newRefLines(text), html: newRefLines(html)}
}

// newRefLines cuts s, one side of a reference letter, into its lines.
func newRefLines(s string) refLines {
	r := refLines{lines: lines(s), all: s}
	r.at = make(map[string][]int32, len(r.lines))
	r.off = make([]int32, 0, len(r.lines)+1)
	n := 0
	for i, l := range r.lines {
		r.at[l] = append(r.at[l], int32(i))
		r.off = append(r.off, int32(n))
		n += len(l)
	}
	r.off = append(r.off, int32(n))
	return r
}

// lines splits s after each "\n".
func lines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

// window is how far ahead a line of a letter is looked for in its
// reference, from the line after the last match (moved on by one for each
// line that matched none), before the line before and then anywhere in it.
const window = 4

// encLines packs s as a sequence of operations, first their number:
//
//   - a part of s in line: uvarint length<<2, then the bytes;
//   - m lines of ref from line k: uvarint k<<2|1, then uvarint m;
//   - line k of ref with its middle changed (a line that differs in a number
//     or a name): uvarint k<<2|2, then uvarint p and q, the length of the
//     start and of the end it keeps, then the middle in line as above.
//
// next is where to look first in ref, for this part and the next one.
func encLines(e *encoder, s string, r *refLines, next *int) {
	ref, at := r.lines, r.at
	out := e.ops[:0]
	start, lit := 0, 0 // where the line starts, where the part in line does
	flush := func() {  // the lines in line before the one at start
		if lit < start {
			out = append(out, lineOp{lit: s[lit:start]})
		}
	}
	for start < len(s) {
		end := strings.IndexByte(s[start:], '\n') + 1
		if end == 0 {
			end = len(s) - start
		}
		line := s[start : start+end]
		k := -1
		for j := *next; j < min(*next+window, len(ref)); j++ {
			if len(ref[j]) == len(line) && ref[j] == line {
				k = j
				break
			}
		}
		if j := *next - 1; k < 0 && j >= 0 && j < len(ref) && ref[j] == line {
			k = j
		}
		if k < 0 {
			if js := at[line]; len(js) > 0 {
				// Lines were added or dropped: the first place after the
				// last match, or the last before.
				i, _ := slices.BinarySearch(js, int32(*next))
				k = int(js[min(i, len(js)-1)])
			}
		}
		switch {
		case k >= 0:
			flush()
			if n := len(out); n > 0 && out[n-1].kind == 1 && out[n-1].k+out[n-1].m == k {
				out[n-1].m++
			} else {
				out = append(out, lineOp{kind: 1, k: k, m: 1})
			}
			// The lines after it that are the reference's lines after k, as
			// many as there are, compared as one string: each of them would
			// match the reference's next line, the first place looked at.
			if m := r.run(s[start+end:], k+1); m.lines > 0 {
				out[len(out)-1].m += m.lines
				end += m.bytes
				k += m.lines
			}
			lit, *next = start+end, k+1
		case *next < len(ref):
			// The line of the reference this one stands for: keep its start
			// and end if they are long enough to be worth it.
			r := ref[*next]
			p := commonPrefix(r, line)
			q := commonSuffix(r[p:], line[p:])
			if p+q >= 16 {
				flush()
				out = append(out, lineOp{kind: 2, k: *next, keep: p, q: q, lit: line[p : len(line)-q]})
				lit = start + end
			}
			*next++
		default:
			*next++
		}
		start += end
	}
	flush()
	e.ops = out[:0]
	e.b = binary.AppendUvarint(e.b, uint64(len(out)))
	for _, o := range out {
		switch o.kind {
		case 0:
			e.b = binary.AppendUvarint(e.b, uint64(len(o.lit))<<2)
			e.b = append(e.b, o.lit...)
		case 1:
			e.b = binary.AppendUvarint(e.b, uint64(o.k)<<2|1)
			e.b = binary.AppendUvarint(e.b, uint64(o.m))
		default:
			e.b = binary.AppendUvarint(e.b, uint64(o.k)<<2|2)
			e.b = binary.AppendUvarint(e.b, uint64(o.keep))
			e.b = binary.AppendUvarint(e.b, uint64(o.q))
			e.str(o.lit)
		}
	}
}

// runLen is a run of whole lines: how many, and their bytes.
type runLen struct{ lines, bytes int }

// run returns the run of whole lines that s starts with and that are the
// reference's lines from line k on.
func (r *refLines) run(s string, k int) runLen {
	if k >= len(r.lines) || r.all == "" {
		return runLen{}
	}
	from := int(r.off[k])
	p := commonPrefix(s, r.all[from:])
	p = strings.LastIndexByte(s[:p], '\n') + 1 // whole lines, in both
	if p == 0 {
		return runLen{}
	}
	// The line that starts at from+p is the first one after the run.
	j, found := slices.BinarySearch(r.off[k:], int32(from+p))
	if !found { // cannot be: the run ends after a "\n" of all
		return runLen{}
	}
	return runLen{lines: j, bytes: p}
}

// commonPrefix returns the length of the longest common prefix of a and b:
// 64 bytes at a time while they are equal (string comparison is fast), then 8
// bytes at a time, the first differing byte found in the word's bits.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	p := 0
	for p+64 <= n && a[p:p+64] == b[p:p+64] {
		p += 64
	}
	x, y := bytesOfString(a), bytesOfString(b)
	for ; p+8 <= n; p += 8 {
		if d := binary.LittleEndian.Uint64(x[p:]) ^ binary.LittleEndian.Uint64(y[p:]); d != 0 {
			return p + bits.TrailingZeros64(d)/8
		}
	}
	for p < n && a[p] == b[p] {
		p++
	}
	return p
}

// commonSuffix returns the length of the longest common suffix of a and b, as
// commonPrefix does from the end.
func commonSuffix(a, b string) int {
	n := min(len(a), len(b))
	q := 0
	for q+64 <= n && a[len(a)-q-64:len(a)-q] == b[len(b)-q-64:len(b)-q] {
		q += 64
	}
	x, y := bytesOfString(a), bytesOfString(b)
	for ; q+8 <= n; q += 8 {
		if d := binary.LittleEndian.Uint64(x[len(x)-q-8:]) ^ binary.LittleEndian.Uint64(y[len(y)-q-8:]); d != 0 {
			return q + bits.LeadingZeros64(d)/8
		}
	}
	for q < n && a[len(a)-q-1] == b[len(b)-q-1] {
		q++
	}
	return q
}

// bytesOfString returns the bytes of s, to be read only: binary.LittleEndian
// reads 8 of them as one word.
func bytesOfString(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// decLines unpacks what encLines packed, appending the parts to parts.
func decLines(d *decoder, ref []string, parts []string) []string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) {
		d.fail("more parts than bytes")
		return parts
	}
	for range n {
		x := d.uvarint()
		switch x & 3 {
		case 0:
			parts = append(parts, d.take(int(min(x>>2, uint64(len(d.s))+1))))
			continue
		case 1:
			k, m := x>>2, d.uvarint()
			if d.err != nil {
				return parts
			}
			if k > uint64(len(ref)) || m > uint64(len(ref))-k || m == 0 {
				d.fail("lines beyond the reference letter")
				return parts
			}
			parts = append(parts, ref[k:k+m]...)
		case 2:
			k, p, q := x>>2, d.uvarint(), d.uvarint()
			mid := d.str()
			if d.err != nil {
				return parts
			}
			if k >= uint64(len(ref)) || p > uint64(len(ref[k])) || q > uint64(len(ref[k]))-p {
				d.fail("a line beyond the reference letter")
				return parts
			}
			r := ref[k]
			parts = append(parts, r[:p], mid, r[uint64(len(r))-q:])
		default:
			d.fail("an unknown part of a letter")
			return parts
		}
	}
	return parts
}

// join returns the concatenation of parts.
func join(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(p)
	}
	return b.String()
}

func encText(e *encoder, v reflect.Value) { encTextString(e, v.String()) }

func encTextString(e *encoder, s string) {
	var ref refLines
	if e.ref != nil {
		ref = e.ref.text
	}
	next := 0
	encLines(e, s, &ref, &next)
}

func decText(d *decoder, v reflect.Value) {
	var ref []string
	if d.ref != nil {
		ref = d.ref.text.lines
	}
	var arr [64]string
	if s := join(decLines(d, ref, arr[:0])); s != "" && d.err == nil {
		v.SetString(s)
	}
}

// The <style> blocks of HTML, interned (optHTML).
const (
	styleOpen  = "<style"
	styleClose = "</style>"
)

// styles returns the <style>…</style> blocks of h, at most len(blocks) of
// them, as their starts and ends.
func styles(h string, blocks *[8][2]int) [][2]int {
	n := 0
	for rest := 0; n < len(blocks); {
		i := indexY(h[rest:], styleOpen)
		if i < 0 {
			break
		}
		j := indexY(h[rest+i:], styleClose)
		if j < 0 {
			break
		}
		blocks[n] = [2]int{rest + i, rest + i + j + len(styleClose)}
		rest = blocks[n][1]
		n++
	}
	return blocks[:n]
}

// indexY is strings.Index(h, needle) for a needle with one 'y': it looks
// for the 'y's of h, which HTML has few of, where strings.Index would stop at
// every '<'.
func indexY(h, needle string) int {
	y := strings.IndexByte(needle, 'y')
	for off := 0; ; {
		i := strings.IndexByte(h[off:], 'y')
		if i < 0 {
			return -1
		}
		if start := off + i - y; start >= 0 && start+len(needle) <= len(h) && h[start:start+len(needle)] == needle {
			return start
		}
		off += i + 1
	}
}

// withoutStyles returns h without its <style> blocks (those styles finds).
func withoutStyles(h string) string {
	var blocks [8][2]int
	bs := styles(h, &blocks)
	if len(bs) == 0 {
		return h
	}
	var b strings.Builder
	at := 0
	for _, x := range bs {
		b.WriteString(h[at:x[0]])
		at = x[1]
	}
	b.WriteString(h[at:])
	return b.String()
}

// encHTML packs HTML as: the number of <style>…</style> blocks, then for each
// the text before it (as encLines packs it) and the block's index in the
// string table, then the rest (as encLines packs it).
func encHTML(e *encoder, v reflect.Value) { encHTMLString(e, v.String()) }

func encHTMLString(e *encoder, h string) {
	var ref refLines
	if e.ref != nil {
		ref = e.ref.html
	}
	var blocks [8][2]int
	bs := styles(h, &blocks)
	e.b = binary.AppendUvarint(e.b, uint64(len(bs)))
	at, next := 0, 0
	for _, b := range bs {
		encLines(e, h[at:b[0]], &ref, &next)
		e.b = binary.AppendUvarint(e.b, e.intern(h[b[0]:b[1]]))
		at = b[1]
	}
	encLines(e, h[at:], &ref, &next)
}

func decHTML(d *decoder, v reflect.Value) {
	var ref []string
	if d.ref != nil {
		ref = d.ref.html.lines
	}
	n := d.uvarint()
	if n > 8 {
		d.fail("too many style blocks")
		return
	}
	var arr [128]string
	parts := arr[:0]
	for range n {
		parts = decLines(d, ref, parts)
		parts = append(parts, d.interned())
	}
	parts = decLines(d, ref, parts)
	if s := join(parts); s != "" && d.err == nil {
		v.SetString(s)
	}
}

// encData packs a map[string]string (optData): nil or its length, then its
// entries sorted by key, each key interned, each value interned when its key
// is in config.dataValues (a 0 byte first) or else in line (a 1 byte first).
func encData(e *encoder, v reflect.Value) {
	if v.IsNil() {
		e.b = append(e.b, 0)
		return
	}
	encDataMap(e, v.Interface().(map[string]string))
}

// encDataMap is encData of a map that is not nil.
func encDataMap(e *encoder, m map[string]string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(m))+1)
	var arr [16][2]string
	kvs := arr[:0]
	for k, x := range m {
		kvs = append(kvs, [2]string{k, x})
	}
	// By key, which are distinct: the few of most events by an insertion
	// sort.
	if len(kvs) > len(arr) {
		slices.SortFunc(kvs, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	}
	for i := 1; i < len(kvs); i++ {
		for j := i; j > 0 && kvs[j][0] < kvs[j-1][0]; j-- {
			kvs[j], kvs[j-1] = kvs[j-1], kvs[j]
		}
	}
	for _, kv := range kvs {
		e.b = binary.AppendUvarint(e.b, e.intern(kv[0]))
		if e.t.dataValues[kv[0]] {
			e.b = append(e.b, 0)
			e.b = binary.AppendUvarint(e.b, e.intern(kv[1]))
		} else {
			e.b = append(e.b, 1)
			e.str(kv[1])
		}
	}
}

func decData(d *decoder, v reflect.Value) {
	n, ok := d.length(2)
	if !ok {
		return
	}
	m := make(map[string]string, n)
	for range n {
		k := d.interned()
		switch d.byte() {
		case 0:
			m[k] = d.interned()
		case 1:
			m[k] = d.str()
		default:
			d.fail("a data value flag other than 0 or 1")
		}
		if d.err != nil {
			return
		}
	}
	if len(m) != n {
		d.fail("a map with a key twice")
		return
	}
	v.Set(reflect.ValueOf(m))
}

// The encoder's and decoder's primitives.

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// errCorrupt is wrapped by the errors of a record that does not unpack: a bug
// of this package, as records never leave it.
var errCorrupt = errors.New("memstore: corrupt record")

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w at byte %d: %s", errCorrupt, d.i, what)
	}
}

// end fails unless every byte was read.
func (d *decoder) end() {
	if d.err == nil && d.i != len(d.s) {
		d.fail(fmt.Sprintf("%d bytes left over", len(d.s)-d.i))
	}
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.i >= len(d.s) {
		d.fail("truncated")
		return 0
	}
	d.i++
	return d.s[d.i-1]
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := d.byte()
		if d.err != nil {
			return 0
		}
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	d.fail("an overlong varint")
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// length reads the length of a slice or map (0 for nil) and reports whether
// it is not nil. Each element takes at least minSize bytes.
func (d *decoder) length(minSize int) (int, bool) {
	n := d.uvarint()
	if n == 0 || d.err != nil {
		return 0, false
	}
	n--
	if n > uint64(len(d.s)-d.i) && minSize > 0 || n > 1<<24 {
		d.fail("a length beyond the record")
		return 0, false
	}
	return int(n), true
}

// take returns the next n bytes as a substring.
func (d *decoder) take(n int) string {
	if d.err != nil {
		return ""
	}
	if n < 0 || n > len(d.s)-d.i {
		d.fail("truncated")
		return ""
	}
	d.i += n
	return d.s[d.i-n : d.i]
}

// bytes returns the next n bytes as a slice, valid until the decoder is reused.
func (d *decoder) bytes(n int) []byte {
	start := d.i
	if d.take(n); d.err != nil {
		return nil
	}
	if !d.has {
		d.buf = []byte(d.s)
		d.has = true
	}
	return d.buf[start:d.i:d.i]
}

func (d *decoder) str() string { return d.take(int(min(d.uvarint(), uint64(len(d.s))+1))) }

func (d *decoder) interned() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n >= uint64(len(d.v.strs)) {
		d.fail("a string beyond the table")
		return ""
	}
	return d.v.strs[n]
}
