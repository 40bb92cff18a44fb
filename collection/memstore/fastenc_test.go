package memstore

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/collection/storetest"
	"github.com/dunning-go/dunning/letters"
)

// packBoth packs the value p points to, of type t, with cd.enc and with
// cd.fenc, each into fresh tables, and fails unless the bytes and the tables
// are the same.
func packBoth(t *rapid.T, cfg *config, cd *codec, typ reflect.Type, p unsafe.Pointer, ref *letterRef) {
	t.Helper()
	slow, fast := encoder{t: newTables(cfg), ref: ref}, encoder{t: newTables(cfg), ref: ref}
	cd.enc(&slow, reflect.NewAt(typ, p).Elem())
	cd.fenc(&fast, p)
	if !bytes.Equal(slow.b, fast.b) || (slow.err == nil) != (fast.err == nil) {
		t.Fatalf("packed by reflection:\n%x (%v)\nby the fast encoder:\n%x (%v)", slow.b, slow.err, fast.b, fast.err)
	}
	if !slices.Equal(slow.t.strs, fast.t.strs) || !slices.Equal(slow.t.shared[0], fast.t.shared[0]) ||
		!slices.Equal(slow.t.values[0], fast.t.values[0]) || !slices.Equal(slow.t.locs, fast.t.locs) {
		t.Fatalf("the tables differ: %q %q, %q %q", slow.t.strs, fast.t.strs, slow.t.shared[0], fast.t.shared[0])
	}
}

// TestFastEncoderAgrees: the fast encoders a Store packs with pack the same
// bytes as the reflection codec, for any case (with parties, which a Store
// packs in its header), event, message (against a reference letter or none)
// and value of every kind the codec packs.
func TestFastEncoderAgrees(t *testing.T) {
	cs, _, err := compile(packing, reflect.TypeFor[caseAndParties](), reflect.TypeFor[collection.Event](), reflect.TypeFor[letters.Message]())
	if err != nil {
		t.Fatal(err)
	}
	ks, _, err := compile(testPacking, reflect.TypeFor[kinds]())
	if err != nil {
		t.Fatal(err)
	}
	floats := rapid.SampledFrom([]float64{0, math.Copysign(0, -1), 1.5, math.NaN(), math.Inf(-1), math.SmallestNonzeroFloat64})
	rapid.Check(t, func(t *rapid.T) {
		c := caseAndParties{C: gen[collection.Case](t, "case")}
		c.P = []dunning.Party{c.C.Creditor, c.C.Debtor, gen[dunning.Party](t, "party")}
		packBoth(t, packing, cs[0], reflect.TypeFor[caseAndParties](), unsafe.Pointer(&c), nil)

		ev := gen[collection.Event](t, "event")
		packBoth(t, packing, cs[1], reflect.TypeFor[collection.Event](), unsafe.Pointer(&ev), nil)

		m := gen[letters.Message](t, "message")
		m.Text = rapid.SampledFrom([]string{m.Text, "a\nb\nc\n", "Dear Jens\n\nYou owe 12.50.\nRegards\n"}).Draw(t, "text")
		m.HTML = genHTML.Draw(t, "html")
		var ref *letterRef
		if rapid.Bool().Draw(t, "ref") {
			r := newLetterRef(rapid.SampledFrom([]string{"a\nb\nc\n", "Dear Anna\n\nYou owe 9.00.\nRegards\n"}).Draw(t, "refText"), withoutStyles(genHTML.Draw(t, "refHTML")))
			ref = &r
		}
		packBoth(t, packing, cs[2], reflect.TypeFor[letters.Message](), unsafe.Pointer(&m), ref)

		// kinds has floats, which genValue does not draw: drawn apart, with
		// the zeros and the NaN whose zero is not a matter of bytes.
		var k kinds
		v := reflect.ValueOf(&k).Elem()
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || rapid.IntRange(0, 3).Draw(t, f.Name+"?") == 0 {
				continue
			}
			switch f.Type.Kind() {
			case reflect.Float32, reflect.Float64:
				v.Field(i).SetFloat(floats.Draw(t, f.Name))
			case reflect.Uintptr:
				v.Field(i).SetUint(rapid.Uint64().Draw(t, f.Name))
			case reflect.Array:
				for j := range f.Type.Len() {
					v.Field(i).Index(j).Set(genValue(t, f.Type.Elem(), f.Name, 1))
				}
			case reflect.Pointer:
				if f.Name == "Recursive" {
					k.Recursive = &kinds{S: genString.Draw(t, "inner"), F64: floats.Draw(t, "innerF64"), Recursive: &kinds{}}
					continue
				}
				fallthrough
			default:
				v.Field(i).Set(genValue(t, f.Type, f.Name, 1))
			}
		}
		packBoth(t, testPacking, ks[0], reflect.TypeFor[kinds](), unsafe.Pointer(&k), nil)
	})
}

// TestZeroCheck: a zeroCheck says what reflect.Value.IsZero says, for empty
// strings that point somewhere, empty slices that are not nil, and floats
// (-0.0 and NaN) inside and outside comparable structs.
func TestZeroCheck(t *testing.T) {
	type flt struct{ F float64 }
	type mixed struct {
		A bool
		B int32
		S string
		P *int
		L []int
		_ int64
		F flt
		M map[string]int
		R [2]string
	}
	s := "xy"
	var none []int
	for _, x := range []any{
		mixed{}, mixed{A: true}, mixed{B: -1}, mixed{S: s[:0]}, mixed{S: s[1:]}, mixed{P: new(int)},
		mixed{L: []int{}}, mixed{L: none}, mixed{M: map[string]int{}}, mixed{R: [2]string{"", s[2:]}}, mixed{R: [2]string{"", "a"}},
		mixed{F: flt{math.Copysign(0, -1)}}, mixed{F: flt{math.NaN()}}, flt{math.Copysign(0, -1)}, flt{},
		[2]float64{math.Copysign(0, -1), 0}, math.Copysign(0, -1), float32(0), "", s[:0], 0, uint8(1),
	} {
		v := reflect.New(reflect.TypeOf(x)).Elem()
		v.Set(reflect.ValueOf(x))
		z := zeroCheckOf(v.Type())
		if got, want := z.is(v.Addr().UnsafePointer()), v.IsZero(); got != want {
			t.Errorf("%#v: zero %t, reflect.Value.IsZero %t", x, got, want)
		}
	}
}

// BenchmarkEncoders packs a case with every field set (storetest.Full) with
// the reflection codec and with the fast encoder.
func BenchmarkEncoders(b *testing.B) {
	cs, err := compiled()
	if err != nil {
		b.Fatal(err)
	}
	c := storetest.Full("c1")
	tb := newTables(packing)
	for _, enc := range []struct {
		name string
		f    func(e *encoder)
	}{
		{"reflect", func(e *encoder) { cs.c.enc(e, reflect.ValueOf(&c).Elem()) }},
		{"fast", func(e *encoder) { cs.c.fenc(e, unsafe.Pointer(&c)) }},
	} {
		b.Run(enc.name, func(b *testing.B) {
			e := encoder{t: tb}
			for b.Loop() {
				e.b = e.b[:0]
				enc.f(&e)
			}
		})
	}
}

// TestPropCommonPrefixSuffix: commonPrefix and commonSuffix, which compare
// by words, say what a comparison byte by byte says, wherever the strings
// differ and whatever their lengths.
func TestPropCommonPrefixSuffix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := rapid.StringN(0, 300, -1).Draw(t, "base")
		b := []byte(base)
		for range rapid.IntRange(0, 3).Draw(t, "changes") {
			if len(b) > 0 {
				b[rapid.IntRange(0, len(b)-1).Draw(t, "at")] ^= byte(rapid.IntRange(1, 255).Draw(t, "bits"))
			}
		}
		other := rapid.StringN(0, 5, -1).Draw(t, "head") + string(b[:rapid.IntRange(0, len(b)).Draw(t, "cut")]) + string(b[len(b)/2:])
		for _, pair := range [][2]string{{base, string(b)}, {base, other}, {other, base}, {string(b), base[:len(base)/2]}} {
			x, y := pair[0], pair[1]
			p := 0
			for p < min(len(x), len(y)) && x[p] == y[p] {
				p++
			}
			q := 0
			for q < min(len(x), len(y)) && x[len(x)-q-1] == y[len(y)-q-1] {
				q++
			}
			if gp, gq := commonPrefix(x, y), commonSuffix(x, y); gp != p || gq != q {
				t.Fatalf("commonPrefix, commonSuffix(%q, %q) = %d, %d; want %d, %d", x, y, gp, gq, p, q)
			}
		}
	})
}
