package memstore

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// TestCompileStoreTypes: the codec packs every field of the types a Store
// keeps, and every entry of packing names a field of the right kind.
func TestCompileStoreTypes(t *testing.T) {
	if _, err := compiled(); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[collection.Case](), reflect.TypeFor[collection.Event](), reflect.TypeFor[letters.Message](), reflect.TypeFor[dunning.Party]()} {
		if _, _, err := compile(&config{}, typ); err != nil {
			t.Errorf("compile(%s) without interning: %v", typ, err)
		}
	}
}

type (
	hidden       struct{ n int }
	withHidden   struct{ Inner struct{ ok, no int } }
	withIface    struct{ X any }
	withChan     struct{ C chan int }
	withFunc     struct{ F func() }
	withComplex  struct{ Z complex128 }
	deepHidden   struct{ P *[]map[string]hidden }
	badValueType struct{ S []int }
)

// TestCompileRejects: a type the codec cannot pack exactly is an error that
// names the way to it, not a field silently dropped; so is a config entry
// that names no field, or a field of the wrong kind.
func TestCompileRejects(t *testing.T) {
	for _, tt := range []struct {
		cfg  *config
		typ  reflect.Type
		want string
	}{
		{&config{}, reflect.TypeFor[hidden](), "memstore.hidden.n is unexported"},
		{&config{}, reflect.TypeFor[withHidden](), "memstore.withHidden.Inner.ok is unexported"},
		{&config{}, reflect.TypeFor[withIface](), "memstore.withIface.X is a interface"},
		{&config{}, reflect.TypeFor[withChan](), "memstore.withChan.C is a chan"},
		{&config{}, reflect.TypeFor[withFunc](), "memstore.withFunc.F is a func"},
		{&config{}, reflect.TypeFor[withComplex](), "memstore.withComplex.Z is a complex128"},
		{&config{}, reflect.TypeFor[deepHidden](), "*memstore.deepHidden.P[][].n is unexported"},
		{&config{values: []reflect.Type{reflect.TypeFor[badValueType]()}}, reflect.TypeFor[badValueType](), "interned by value but not comparable"},
		{&config{fields: map[fieldKey]fieldOpt{{reflect.TypeFor[leafs](), "Nope"}: optIntern}}, reflect.TypeFor[leafs](), "memstore.leafs has no field Nope"},
		{&config{fields: map[fieldKey]fieldOpt{{reflect.TypeFor[leafs](), "Date"}: optIntern}}, reflect.TypeFor[leafs](), "leafs.Date is a date.Date, not a string"},
		{&config{fields: map[fieldKey]fieldOpt{{reflect.TypeFor[leafs](), "Date"}: optData}}, reflect.TypeFor[leafs](), "not a map[string]string"},
	} {
		_, _, err := compile(tt.cfg, tt.typ)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("compile(%s) = %v, want an error with %q", tt.typ, err, tt.want)
		}
	}
}

// kinds has a field of every kind the codec packs.
type kinds struct {
	B         bool
	I         int
	I8        int8
	I16       int16
	I32       int32
	I64       int64
	U         uint
	U8        uint8
	U16       uint16
	U32       uint32
	U64       uint64
	UP        uintptr
	F32       float32
	F64       float64
	S         string
	Named     collection.Status // a basic kind with MarshalText: packed raw
	Bytes     []byte
	Slice     []string
	Array     [3]int16
	Map       map[string]int
	DateMap   map[date.Date][]string
	Ptr       *int
	PtrPtr    **string
	Leafs     leafs
	Recursive *kinds
	Anonymous struct{ A, B string }
	_         int
	Interned  string
	HTML      string
	Data      map[string]string
	Tag       language.Tag
	Party     dunning.Party
	Parties   []dunning.Party
	Empty     struct{}
	Empties   []struct{}
}

// leafs has a field of each kind of leaf.
type leafs struct {
	Date    date.Date
	Money   money.Money
	Decimal decimal.Decimal // a BinaryMarshaler without AppendBinary
	Time    time.Time
	Times   []time.Time
	Text    textOnly
	Kind    dunning.PartyKind // its MarshalText fails for an invalid kind: packed raw
}

// textOnly is a leaf with a text form only.
type textOnly struct{ v string }

func (x textOnly) MarshalText() ([]byte, error)  { return []byte(x.v), nil }
func (x *textOnly) UnmarshalText(b []byte) error { x.v = string(b); return nil }
func (x textOnly) Equal(y textOnly) bool         { return x == y }

var testPacking = &config{
	fields: map[fieldKey]fieldOpt{
		{reflect.TypeFor[kinds](), "Interned"}: optIntern,
		{reflect.TypeFor[kinds](), "HTML"}:     optHTML,
		{reflect.TypeFor[kinds](), "Data"}:     optData,
	},
	shared:     []reflect.Type{reflect.TypeFor[dunning.Party]()},
	values:     []reflect.Type{reflect.TypeFor[language.Tag]()},
	dataValues: map[string]bool{"kind": true},
}

// roundTrip packs x with cd into the tables tb and unpacks it; t is a
// *testing.T or a *rapid.T.
func roundTrip[T any](t interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}, cd *codec, tb *tables, x T) (T, string) {
	t.Helper()
	e := encoder{t: tb}
	cd.enc(&e, reflect.ValueOf(&x).Elem())
	if e.err != nil {
		t.Fatal(e.err)
	}
	var back T
	v := tb.view()
	d := decoder{s: string(e.b), v: &v}
	cd.dec(&d, reflect.ValueOf(&back).Elem())
	d.end()
	if d.err != nil {
		t.Fatalf("unpacking %x: %v", e.b, d.err)
	}
	return back, string(e.b)
}

func newTables(cfg *config) *tables {
	tb := &tables{}
	tb.init()
	tb.dataValues = cfg.dataValues
	return tb
}

var cmpOpts = []cmp.Option{
	cmp.Comparer(func(a, b language.Tag) bool { return a == b }),
	cmp.Comparer(func(a, b money.Money) bool { return sameMoney(a, b) }),
	cmp.Comparer(func(a, b decimal.Decimal) bool {
		return a.Equal(b) && a.Exponent() == b.Exponent() && (a == decimal.Decimal{}) == (b == decimal.Decimal{})
	}),
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.Location() == b.Location() }),
}

// sameMoney reports whether a and b are the same exactly: equal amounts,
// currencies and scales, and Money{} only for Money{}.
func sameMoney(a, b money.Money) bool {
	return a.Equal(b) && a.String() == b.String() && a.Amount().Exponent() == b.Amount().Exponent() &&
		(a.Amount() == decimal.Decimal{}) == (b.Amount() == decimal.Decimal{})
}

func TestCodecKinds(t *testing.T) {
	cs, _, err := compile(testPacking, reflect.TypeFor[kinds]())
	if err != nil {
		t.Fatal(err)
	}
	one, s := 1, "s"
	ps := &s
	cet := time.FixedZone("CET", 3600)
	full := kinds{
		B: true, I: math.MinInt, I8: -128, I16: 1 << 14, I32: -1, I64: math.MaxInt64,
		U: math.MaxUint, U8: 255, U16: 1, U32: 1 << 31, U64: math.MaxUint64, UP: 7,
		F32: -1.5, F64: math.Inf(-1), S: "æøå\x00", Named: collection.Status(200),
		Bytes: []byte{0, 1}, Slice: []string{"", "a"}, Array: [3]int16{1, 0, -1},
		Map: map[string]int{"b": 2, "a": 1, "": 0}, DateMap: map[date.Date][]string{{}: nil, date.MustNew(2025, 3, 3): {}},
		Ptr: &one, PtrPtr: &ps,
		Leafs: leafs{
			Date: date.MustNew(2025, 1, 31), Money: money.MustNew("-123456789012345678901234.56", money.EUR),
			Decimal: decimal.New(-125, -1), Time: time.Date(2025, 3, 3, 9, 30, 1, 5, cet),
			Times: []time.Time{{}, time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), time.Date(2025, 3, 3, 9, 0, 0, 0, time.Local)},
			Text:  textOnly{"text"}, Kind: dunning.PartyKind(9),
		},
		Recursive: &kinds{S: "inner", Recursive: &kinds{}},
		Anonymous: struct{ A, B string }{"", "b"},
		Interned:  "interned", HTML: "<p>x</p><style>a{}</style><p>y</p><style>b{}</style>",
		Data: map[string]string{"kind": "reminder", "message": "c/1", "": ""}, Tag: language.MustParse("de-CH"),
		Party:   storetest.Full("x").Creditor,
		Parties: []dunning.Party{{}, storetest.Full("x").Debtor, storetest.Full("x").Creditor},
		Empties: []struct{}{{}, {}},
	}
	for name, x := range map[string]kinds{
		"zero":  {},
		"full":  full,
		"empty": {Bytes: []byte{}, Slice: []string{}, Map: map[string]int{}, Data: map[string]string{}, Parties: []dunning.Party{}, Empties: []struct{}{}},
	} {
		tb := newTables(testPacking)
		back, packed := roundTrip(t, cs[0], tb, x)
		if d := cmp.Diff(x, back, append(cmpOpts, cmp.AllowUnexported(kinds{}))...); d != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", name, d)
		}
		// Nil and empty are kept apart, and nothing is shared with x.
		for _, f := range []string{"Bytes", "Slice", "Map", "Data", "Parties", "Empties"} {
			a, b := reflect.ValueOf(x).FieldByName(f), reflect.ValueOf(back).FieldByName(f)
			if a.IsNil() != b.IsNil() {
				t.Errorf("%s: %s nil is %t, came back %t", name, f, a.IsNil(), b.IsNil())
			}
			if a.Len() > 0 && a.Kind() == reflect.Slice && a.Type().Elem().Size() > 0 && a.Pointer() == b.Pointer() {
				t.Errorf("%s: %s shares its array", name, f)
			}
		}
		if name == "zero" && len(packed) != 5 { // the bitmap alone
			t.Errorf("the zero value packs into %d bytes: %x", len(packed), packed)
		}
		if name == "full" {
			if back.Ptr == x.Ptr || *back.PtrPtr == *x.PtrPtr || back.Leafs.Time.Location() != cet ||
				back.Leafs.Times[2].Location() != time.Local || back.Leafs.Times[1].Location() != time.UTC {
				t.Errorf("pointers shared or locations lost: %+v", back)
			}
			if back.Leafs.Times[1] != x.Leafs.Times[1] {
				t.Errorf("a UTC time is %#v, not == %#v", back.Leafs.Times[1], x.Leafs.Times[1])
			}
			// The style blocks and the party are in the tables once each.
			if !strings.Contains(strings.Join(tb.strs, "|"), "<style>a{}</style>|<style>b{}</style>") ||
				strings.Contains(packed, "a{}") || len(tb.shared[0]) != 3 {
				t.Errorf("not interned: strs %q, %d parties", tb.strs, len(tb.shared[0]))
			}
		}
	}
}

// TestHTMLStyles: HTML comes back unchanged whatever its <style> blocks:
// none, unclosed, empty, many (past the 8 the encoding interns).
func TestHTMLStyles(t *testing.T) {
	type doc struct{ HTML string }
	cfg := &config{fields: map[fieldKey]fieldOpt{{reflect.TypeFor[doc](), "HTML"}: optHTML}}
	cs, _, err := compile(cfg, reflect.TypeFor[doc]())
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{
		"", "<p>", "<style>", "<style></style>", "</style><style>", "<style>a</style", "<style>a</style>",
		"x<style>a</style>y<style>b</style>z", strings.Repeat("<style>s</style>-", 11), "<STYLE>a</STYLE>", "<style media=print>a</style>",
	} {
		tb := newTables(cfg)
		back, _ := roundTrip(t, cs[0], tb, doc{h})
		if back.HTML != h {
			t.Errorf("%q came back %q", h, back.HTML)
		}
	}
}

// TestCorruptRecords: a record cut short or with a byte changed does not
// unpack, and unpacking it fails with errCorrupt rather than panics.
func TestCorruptRecords(t *testing.T) {
	cs, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	s := New()
	c := storetest.Full("full")
	if _, err := s.Save(t.Context(), c, nil, nil); err != nil {
		t.Fatal(err)
	}
	rec := slices.Clone(s.rec(0))
	h := readHeader(rec)
	v := s.t.view()
	for cut := h.body; cut < len(rec); cut++ {
		if _, err := s.unpackCase(cs, rec[:cut], &v); err == nil {
			t.Errorf("the record cut at %d of %d unpacked", cut, len(rec))
		}
	}
	for i := h.body; i < len(rec); i++ {
		b := slices.Clone(rec)
		b[i] ^= 0xff
		_, err := s.unpackCase(cs, b, &v)
		if err != nil && !strings.Contains(err.Error(), errCorrupt.Error()) {
			t.Errorf("byte %d changed: %v, want an errCorrupt", i, err)
		}
	}
	if _, err := s.unpackCase(cs, append(slices.Clone(rec), 'x'), &v); err == nil {
		t.Errorf("a record with a byte too many unpacked")
	}
}

// TestSameParty: sameParty tells apart two parties that differ in any field
// (so it fails when dunning.Party gets a field sameParty does not compare),
// and nil Lines from empty ones.
func TestSameParty(t *testing.T) {
	base := storetest.Full("x").Creditor
	if !sameParty(&base, &base) {
		t.Fatal("a party is not the same as itself")
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch {
		case v.Kind() == reflect.Struct && v.Type() != reflect.TypeFor[language.Tag]():
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
			return
		}
		p := base
		p.Address.Lines = append([]string(nil), base.Address.Lines...)
		f := reflect.ValueOf(&p).Elem().FieldByIndex(fieldIndex(reflect.TypeFor[dunning.Party](), path))
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Uint8:
			f.SetUint(f.Uint() + 1)
		case reflect.Slice:
			f.Set(reflect.Append(f, reflect.ValueOf("x")))
		default:
			if f.Type() != reflect.TypeFor[language.Tag]() {
				t.Fatalf("Party%s is a %s: teach this test and sameParty about it", path, f.Type())
			}
			f.Set(reflect.ValueOf(language.Swahili))
		}
		if sameParty(&p, &base) {
			t.Errorf("sameParty does not see a change of Party%s", path)
		}
	}
	walk(reflect.ValueOf(base), "")
	a, b := base, base
	a.Address.Lines, b.Address.Lines = nil, []string{}
	if sameParty(&a, &b) {
		t.Errorf("sameParty does not tell nil Lines from empty ones")
	}
}

// fieldIndex returns the index path of the field at path (".A.B") in t.
func fieldIndex(t reflect.Type, path string) []int {
	var idx []int
	for _, name := range strings.Split(path, ".")[1:] {
		f, _ := t.FieldByName(name)
		idx = append(idx, f.Index...)
		t = f.Type
	}
	return idx
}

// TestPartyCopy: Address.Lines is the only part of a dunning.Party that holds
// memory a caller could change, so unpackParty's copy with Lines cloned
// shares nothing mutable with the party table.
func TestPartyCopy(t *testing.T) {
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		switch typ.Kind() {
		case reflect.Struct:
			if typ == reflect.TypeFor[language.Tag]() { // an immutable value
				return
			}
			for i := range typ.NumField() {
				walk(typ.Field(i).Type, path+"."+typ.Field(i).Name)
			}
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		default:
			if path != ".Address.Lines" || typ != reflect.TypeFor[[]string]() {
				t.Errorf("Party%s is a %s: unpackParty must copy it", path, typ)
			}
		}
	}
	walk(reflect.TypeFor[dunning.Party](), "")
}

func TestCommonPrefixSuffix(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		p, q int
	}{
		{"", "", 0, 0}, {"abc", "", 0, 0}, {"abc", "abc", 3, 3}, {"abc", "abd", 2, 0}, {"xbc", "abc", 0, 2},
		{strings.Repeat("a", 200) + "X" + strings.Repeat("b", 130), strings.Repeat("a", 200) + "YY" + strings.Repeat("b", 130), 200, 130},
		{strings.Repeat("a", 129), strings.Repeat("a", 128), 128, 128},
	} {
		if p, q := commonPrefix(tt.a, tt.b), commonSuffix(tt.a, tt.b); p != tt.p || q != tt.q {
			t.Errorf("commonPrefix, commonSuffix(%q, %q) = %d, %d; want %d, %d", tt.a, tt.b, p, q, tt.p, tt.q)
		}
	}
}

func TestIndexY(t *testing.T) {
	for _, h := range []string{"", "y", "<style", "x<style>", "<styl", "tyle", "yy<style<style", "</style>", "a</styley</style>", "<sty<style>"} {
		for _, n := range []string{styleOpen, styleClose} {
			if got, want := indexY(h, n), strings.Index(h, n); got != want {
				t.Errorf("indexY(%q, %q) = %d, want %d", h, n, got, want)
			}
		}
	}
}

// TestEncLinesRuns: encLines packs a letter to the same bytes whether it
// compares the runs of lines the letter shares with its reference at once
// (refLines.all) or line by line, and the letter unpacks to itself. The
// letters are drawn from a few lines, so that they share runs with the
// reference, differ from it in the middle of lines, repeat lines and end with
// or without a newline.
func TestEncLinesRuns(t *testing.T) {
	pool := []string{"Kære Jens Jensen\n", "Vi kan ikke se, at beløbet er betalt.\n", "\n", "Faktura 1001  31-01-2025  1.000,00\n",
		"Faktura 1002  28-02-2025  2.500,00\n", "I alt 3.500,00 kr.\n", "Med venlig hilsen\n", "<td class=\"r\">1.000,00</td>\n", "x"}
	line := rapid.SampledFrom(pool)
	rapid.Check(t, func(t *rapid.T) {
		ref := strings.Join(rapid.SliceOfN(line, 0, 30).Draw(t, "ref"), "")
		s := strings.Join(rapid.SliceOfN(line, 0, 30).Draw(t, "letter"), "")
		fast := newRefLines(ref)
		slow := fast
		slow.all = "" // line by line
		var a, b encoder
		na, nb := rapid.IntRange(0, 3).Draw(t, "next"), 0
		nb = na
		encLines(&a, s, &fast, &na)
		encLines(&b, s, &slow, &nb)
		if string(a.b) != string(b.b) || na != nb {
			t.Fatalf("runs packed %q (next %d), lines %q (next %d)", a.b, na, b.b, nb)
		}
		d := decoder{s: string(a.b)}
		if got := join(decLines(&d, fast.lines, nil)); d.err != nil || got != s {
			t.Fatalf("unpacked %q (%v), want %q", got, d.err, s)
		}
	})
}
