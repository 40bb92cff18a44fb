package memstore

import (
	"fmt"
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

// The generators fill every field of a value by reflection, so a field added
// to collection.Case, Event or letters.Message is in the round trips below
// without a change here. Slices, maps and pointers are nil, empty or full;
// amounts come in currencies of every scale, beyond int64 too, and as
// Money{} and zero in an unknown currency.

var (
	genCurrency = rapid.SampledFrom([]money.Currency{money.EUR, money.DKK, money.JPY, "KWD", "CLF", "ISK", "BHD", "UYW"})
	genMoney    = rapid.Custom(func(t *rapid.T) money.Money {
		switch rapid.IntRange(0, 5).Draw(t, "kind") {
		case 0:
			return money.Money{}
		case 1:
			return money.Zero(money.Currency(rapid.StringN(0, 4, 4).Draw(t, "code")))
		case 2: // beyond int64
			c := genCurrency.Draw(t, "currency")
			digits, _ := c.MinorUnits()
			s := rapid.StringMatching(`-?[1-9][0-9]{19,40}`).Draw(t, "int")
			if digits > 0 {
				s += "." + strings.Repeat("7", int(digits))
			}
			return money.MustNew(s, c)
		}
		m, err := money.FromMinorUnits(rapid.Int64().Draw(t, "units"), genCurrency.Draw(t, "currency"))
		if err != nil {
			t.Fatal(err)
		}
		return m
	})
	genDate = rapid.Custom(func(t *rapid.T) date.Date {
		if rapid.IntRange(0, 4).Draw(t, "zero") == 0 {
			return date.Date{}
		}
		return date.MustNew(1, 1, 1).AddDays(rapid.IntRange(0, 3652058).Draw(t, "days"))
	})
	genTime = rapid.Custom(func(t *rapid.T) time.Time {
		if rapid.IntRange(0, 4).Draw(t, "zero") == 0 {
			return time.Time{}
		}
		loc := rapid.SampledFrom([]*time.Location{time.UTC, time.Local, time.FixedZone("CET", 3600), time.FixedZone("", -5*3600)}).Draw(t, "loc")
		return time.Unix(rapid.Int64Range(-1e11, 1e11).Draw(t, "sec"), rapid.Int64Range(0, 999_999_999).Draw(t, "nsec")).In(loc)
	})
	genTag     = rapid.SampledFrom([]language.Tag{language.Und, language.Danish, language.English, language.German, language.MustParse("de-CH"), language.MustParse("sv-FI"), language.MustParse("en-US-u-ca-gregory")})
	genDecimal = rapid.Custom(func(t *rapid.T) decimal.Decimal {
		if rapid.IntRange(0, 4).Draw(t, "zero") == 0 {
			return decimal.Decimal{}
		}
		return decimal.New(rapid.Int64().Draw(t, "coef"), rapid.Int32Range(-12, 3).Draw(t, "exp"))
	})
	// genString favours short strings and the strings that repeat in a store.
	genString = rapid.OneOf(
		rapid.SampledFrom([]string{"", "DKK", "DK", "Standard", "renteloven § 9 b (VERIFIED)", "reminder", "email"}),
		rapid.StringN(0, 12, -1),
		rapid.String(),
	)
)

// genValue draws a value of type typ with every field set or not at random.
func genValue(t *rapid.T, typ reflect.Type, label string, depth int) reflect.Value {
	v := reflect.New(typ).Elem()
	switch typ {
	case reflect.TypeFor[money.Money]():
		return reflect.ValueOf(genMoney.Draw(t, label))
	case reflect.TypeFor[date.Date]():
		return reflect.ValueOf(genDate.Draw(t, label))
	case reflect.TypeFor[time.Time]():
		return reflect.ValueOf(genTime.Draw(t, label))
	case reflect.TypeFor[language.Tag]():
		return reflect.ValueOf(genTag.Draw(t, label))
	case reflect.TypeFor[decimal.Decimal]():
		return reflect.ValueOf(genDecimal.Draw(t, label))
	}
	switch typ.Kind() {
	case reflect.Bool:
		v.SetBool(rapid.Bool().Draw(t, label))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := typ.Bits()
		v.SetInt(rapid.Int64Range(-1<<(bits-1), 1<<(bits-1)-1).Draw(t, label))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(rapid.Uint64Range(0, 1<<typ.Bits()-1).Draw(t, label))
	case reflect.String:
		v.SetString(genString.Draw(t, label))
	case reflect.Pointer:
		if depth < 4 && rapid.Bool().Draw(t, label+"?") {
			p := reflect.New(typ.Elem())
			p.Elem().Set(genValue(t, typ.Elem(), label+"*", depth+1))
			v.Set(p)
		}
	case reflect.Slice:
		switch n := rapid.IntRange(-1, 3).Draw(t, label+"#"); {
		case n < 0 || depth >= 4:
		default:
			s := reflect.MakeSlice(typ, n, n)
			for i := range n {
				s.Index(i).Set(genValue(t, typ.Elem(), fmt.Sprintf("%s[%d]", label, i), depth+1))
			}
			v.Set(s)
		}
	case reflect.Map:
		if n := rapid.IntRange(-1, 3).Draw(t, label+"#"); n >= 0 && depth < 4 {
			m := reflect.MakeMap(typ)
			for i := range n {
				m.SetMapIndex(genValue(t, typ.Key(), fmt.Sprintf("%s key%d", label, i), depth+1), genValue(t, typ.Elem(), fmt.Sprintf("%s[%d]", label, i), depth+1))
			}
			v.Set(m)
		}
	case reflect.Struct:
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() && rapid.IntRange(0, 3).Draw(t, label+"."+f.Name+"?") > 0 {
				v.Field(i).Set(genValue(t, f.Type, label+"."+f.Name, depth+1))
			}
		}
	default:
		t.Fatalf("genValue: %s is a %s", label, typ)
	}
	return v
}

func gen[T any](t *rapid.T, label string) T {
	return genValue(t, reflect.TypeFor[T](), label, 0).Interface().(T)
}

// genHTML draws HTML with and without <style> blocks, some of them the same.
var genHTML = rapid.Custom(func(t *rapid.T) string {
	var b strings.Builder
	for i := range rapid.IntRange(0, 4).Draw(t, "parts") {
		switch rapid.IntRange(0, 3).Draw(t, fmt.Sprint("part", i)) {
		case 0:
			b.WriteString(rapid.SampledFrom([]string{"<style>body{margin:0}</style>", "<style>p{}</style>\n"}).Draw(t, "style"))
		case 1:
			b.WriteString("<style>" + rapid.String().Draw(t, "css") + "</style>")
		case 2:
			b.WriteString(rapid.SampledFrom([]string{"<style>", "</style>", "<style", "<p>"}).Draw(t, "tag"))
		default:
			b.WriteString(rapid.String().Draw(t, "text"))
		}
	}
	return b.String()
})

// caseAndParties is what the codec alone packs for a case: the case and the
// parties, which a Store packs in the header of a record.
type caseAndParties struct {
	C collection.Case
	P []dunning.Party
}

// TestPropCaseRoundTrip: any Case comes back from Save and Get exactly, and
// from the codec alone; the case Get returns shares no memory with the
// store, nor does the case saved.
func TestPropCaseRoundTrip(t *testing.T) {
	cs, _, err := compile(packing, reflect.TypeFor[caseAndParties](), reflect.TypeFor[collection.Event](), reflect.TypeFor[letters.Message]())
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		s := New()
		c := gen[collection.Case](t, "case")
		c.Version = 0
		want := c.Clone()
		want.Version = 1
		if _, err := s.Save(t.Context(), c, nil, nil); err != nil {
			t.Fatalf("Save: %v", err)
		}
		got, err := s.Get(t.Context(), c.ID)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		if d := storetest.Equal(want, got); d != "" {
			t.Fatalf("Save, Get (-want +got):\n%s", d)
		}
		if d := cmp.Diff(want, got, cmpOpts...); d != "" {
			t.Fatalf("Save, Get, amounts, decimals and times exactly (-want +got):\n%s", d)
		}
		scribble(reflect.ValueOf(&got).Elem())
		scribble(reflect.ValueOf(&c).Elem())
		if again, err := s.Get(t.Context(), c.ID); err != nil || storetest.Equal(want, again) != "" {
			t.Fatalf("the store shares memory with a case given or returned (-want +got):\n%s", storetest.Equal(want, again))
		}

		in := caseAndParties{want, []dunning.Party{want.Creditor, want.Debtor, want.Creditor}}
		back, _ := roundTrip(t, cs[0], newTables(packing), in)
		in.C.ID, in.C.Version, in.C.Creditor, in.C.Debtor = "", 0, dunning.Party{}, dunning.Party{} // left out (optOmit)
		if d := cmp.Diff(in, back, cmpOpts...); d != "" {
			t.Fatalf("the codec (-want +got):\n%s", d)
		}
	})
}

// TestPropEventsAndMessages: any events and messages come back from Save,
// Events and Outbox as saved; HTML with or without style blocks included.
func TestPropEventsAndMessages(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := New()
		c := collection.Case{ID: collection.CaseID(rapid.StringN(1, 8, -1).Draw(t, "id"))}
		var events []collection.Event
		var outbox []letters.Message
		saves := rapid.IntRange(1, 3).Draw(t, "saves")
		for v := range saves {
			var evs []collection.Event
			for i := range rapid.IntRange(0, 3).Draw(t, "events") {
				e := gen[collection.Event](t, fmt.Sprint("event", i))
				if rapid.Bool().Draw(t, "own") {
					e.CaseID = c.ID
				}
				if e.Type == collection.EventMessageCancelled {
					e.Type = "x" // cancelling is storetest's
				}
				evs = append(evs, e)
			}
			var msgs []letters.Message
			for i := range rapid.IntRange(0, 2).Draw(t, "messages") {
				m := gen[letters.Message](t, fmt.Sprint("message", i))
				m.HTML = genHTML.Draw(t, "html")
				if rapid.Bool().Draw(t, "own") {
					m.CaseID = string(c.ID)
				}
				msgs = append(msgs, m)
			}
			c.Version = collection.Version(v)
			if _, err := s.Save(t.Context(), c, evs, msgs); err != nil {
				t.Fatalf("Save: %v", err)
			}
			events = append(events, cloneEvents(evs)...)
			for _, m := range msgs {
				outbox = append(outbox, cloneMessage(m))
			}
			scribble(reflect.ValueOf(&evs).Elem())
			scribble(reflect.ValueOf(&msgs).Elem())
		}
		got, err := collection.Collect(s.Events(t.Context(), c.ID))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(events, got, cmpOpts...); d != "" {
			t.Fatalf("Events (-want +got):\n%s", d)
		}
		entries, err := collection.Collect(s.Outbox(t.Context(), 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(outbox) {
			t.Fatalf("%d outbox entries, want %d", len(entries), len(outbox))
		}
		for i, en := range entries {
			if en.Pos != uint64(i)+1 || en.CaseID != c.ID {
				t.Fatalf("entry %d: Pos %d, CaseID %q", i, en.Pos, en.CaseID)
			}
			if d := cmp.Diff(outbox[i], en.Message, cmpOpts...); d != "" {
				t.Fatalf("Outbox[%d] (-want +got):\n%s", i, d)
			}
			scribble(reflect.ValueOf(&en).Elem())
		}
		again, _ := collection.Collect(s.Outbox(t.Context(), 0))
		for i, en := range again {
			if d := cmp.Diff(outbox[i], en.Message, cmpOpts...); d != "" {
				t.Fatalf("the outbox shares memory with an entry returned (-want +got):\n%s", d)
			}
		}
	})
}

func cloneEvents(evs []collection.Event) []collection.Event {
	out := slices.Clone(evs)
	for i := range out {
		out[i] = out[i].Clone()
	}
	return out
}

func cloneMessage(m letters.Message) letters.Message {
	m.Attachments = slices.Clone(m.Attachments)
	for i := range m.Attachments {
		m.Attachments[i].Data = slices.Clone(m.Attachments[i].Data)
	}
	return m
}

// scribble changes every element of every slice, map and pointer reachable
// from v (strings are immutable and left alone), as a caller that holds a
// value might.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			scribble(v.Elem())
			if v.Elem().CanSet() {
				v.Elem().SetZero()
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			scribble(v.Index(i))
			v.Index(i).SetZero()
		}
	case reflect.Map:
		if !v.IsNil() {
			for _, k := range v.MapKeys() {
				v.SetMapIndex(k, reflect.Zero(v.Type().Elem()))
			}
			if v.Type().Key().Kind() == reflect.String {
				v.SetMapIndex(reflect.ValueOf("scribbled").Convert(v.Type().Key()), reflect.Zero(v.Type().Elem()))
			}
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() || v.Type() == reflect.TypeFor[money.Money]() ||
			v.Type() == reflect.TypeFor[date.Date]() || v.Type() == reflect.TypeFor[language.Tag]() ||
			v.Type() == reflect.TypeFor[decimal.Decimal]() {
			return // immutable values
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scribble(v.Field(i))
			}
		}
	}
}

// TestPropLetterLines: letters of one kind that share lines with the first
// one (the reference) in any order, with lines added, dropped and changed,
// with or without a last "\n", come back from the outbox unchanged.
func TestPropLetterLines(t *testing.T) {
	pool := []string{"Tømrer Hansen ApS\n", "Vestergade 1\n", "\n", "Kære Jens Jensen\n", "<p>Med venlig hilsen</p>\n", "--\n", "x", "", "<style>p{}</style>\n",
		"<tr><th>Sagsnr.</th><td>c0000001</td></tr><tr><th>Kundenr.</th><td>d00001</td></tr>\n",
		"Betalingsreference:  000000100000017, the same at the start and at the end of the line\n"}
	genLetter := rapid.Custom(func(t *rapid.T) string {
		var b strings.Builder
		for i := range rapid.IntRange(0, 12).Draw(t, "lines") {
			switch rapid.IntRange(0, 5).Draw(t, fmt.Sprint("new", i)) {
			case 0:
				b.WriteString(rapid.String().Draw(t, "line"))
				if rapid.Bool().Draw(t, "nl") {
					b.WriteByte('\n')
				}
			case 1: // a pooled line with its middle changed
				l := rapid.SampledFrom(pool).Draw(t, "pooled")
				i := rapid.IntRange(0, len(l)).Draw(t, "from")
				j := rapid.IntRange(i, len(l)).Draw(t, "to")
				b.WriteString(l[:i] + rapid.StringN(0, 3, -1).Draw(t, "middle") + l[j:])
			default:
				b.WriteString(rapid.SampledFrom(pool).Draw(t, "pooled"))
			}
		}
		return b.String()
	})
	rapid.Check(t, func(t *rapid.T) {
		s := New()
		var want []letters.Message
		for v := range rapid.IntRange(1, 6).Draw(t, "messages") {
			m := letters.Message{ID: fmt.Sprint("m", v), CreditorID: "cr", Kind: letters.Reminder, Channel: letters.Email, Lang: language.Danish,
				Text: genLetter.Draw(t, "text"), HTML: genLetter.Draw(t, "html")}
			want = append(want, m)
			if _, err := s.Save(t.Context(), collection.Case{ID: "c", Version: collection.Version(v)}, nil, []letters.Message{m}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := collection.Collect(s.Outbox(t.Context(), 0))
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range got {
			if d := cmp.Diff(want[i], e.Message, cmpOpts...); d != "" {
				t.Fatalf("message %d (-want +got):\n%s", i, d)
			}
		}
	})
}

// TestLetterLinesShared: a letter that differs from the reference letter in
// a few lines keeps only those lines.
func TestLetterLinesShared(t *testing.T) {
	var ref, other strings.Builder
	for i := range 40 {
		fmt.Fprintf(&ref, "line %d of the letter, the same in every letter of its kind\n", i)
		if i == 7 || i == 30 {
			fmt.Fprintf(&other, "line %d of this case only\n", i)
			continue
		}
		fmt.Fprintf(&other, "line %d of the letter, the same in every letter of its kind\n", i)
	}
	s := New()
	m := letters.Message{ID: "a", CreditorID: "cr", Kind: letters.Reminder, Text: ref.String(), HTML: "<style>p{}</style>" + ref.String()}
	m2 := letters.Message{ID: "b", CreditorID: "cr", Kind: letters.Reminder, Text: other.String(), HTML: "<style>p{}</style>" + other.String()}
	if _, err := s.Save(t.Context(), collection.Case{ID: "c"}, nil, []letters.Message{m, m2}); err != nil {
		t.Fatal(err)
	}
	if n := len(s.a.get(s.outbox[1])); n > 200 {
		t.Errorf("the second letter packs into %d bytes", n)
	}
	got, err := collection.Collect(s.Outbox(t.Context(), 0))
	if err != nil || len(got) != 2 || got[1].Message.Text != m2.Text || got[1].Message.HTML != m2.HTML || got[0].Message.HTML != m.HTML {
		t.Fatalf("outbox: %v, %v", got, err)
	}
}
