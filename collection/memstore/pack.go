package memstore

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/text/language"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/flow"
	"github.com/dunning-go/dunning/letters"
)

// packing is the configuration of the Store's codec: which strings repeat
// across cases, events and messages, and so are interned (kept once, in the
// Store's tables, and packed as an index).
var packing = &config{
	fields: map[fieldKey]fieldOpt{
		// In the header of a record (see header and packEntry).
		{reflect.TypeFor[collection.Case](), "ID"}:       optOmit,
		{reflect.TypeFor[collection.Case](), "Version"}:  optOmit,
		{reflect.TypeFor[collection.Case](), "Creditor"}: optOmit,
		{reflect.TypeFor[collection.Case](), "Debtor"}:   optOmit,
		{reflect.TypeFor[letters.Message](), "ID"}:       optOmit,
		// Interned.
		{reflect.TypeFor[collection.Case](), "Currency"}:       optIntern,
		{reflect.TypeFor[collection.Case](), "Jurisdiction"}:   optIntern,
		{reflect.TypeFor[collection.Charge](), "Source"}:       optIntern,
		{reflect.TypeFor[collection.Note](), "Actor"}:          optIntern,
		{reflect.TypeFor[collection.Agency](), "Partner"}:      optIntern,
		{reflect.TypeFor[collection.Agency](), "Status"}:       optIntern,
		{reflect.TypeFor[flow.Progress](), "Flow"}:             optIntern,
		{reflect.TypeFor[flow.Taken](), "Flow"}:                optIntern,
		{reflect.TypeFor[flow.Taken](), "Name"}:                optIntern,
		{reflect.TypeFor[collection.Event](), "Type"}:          optIntern,
		{reflect.TypeFor[collection.Event](), "Actor"}:         optIntern,
		{reflect.TypeFor[collection.Event](), "Data"}:          optData,
		{reflect.TypeFor[letters.Message](), "CreditorID"}:     optIntern,
		{reflect.TypeFor[letters.Message](), "Text"}:           optText,
		{reflect.TypeFor[letters.Message](), "HTML"}:           optHTML,
		{reflect.TypeFor[letters.Attachment](), "ContentType"}: optIntern,
	},
	// The parties: a creditor has many cases, and so has many a debtor.
	shared: []reflect.Type{reflect.TypeFor[dunning.Party]()},
	// Comparable, so kept exactly (== after a round trip); few distinct values.
	values: []reflect.Type{reflect.TypeFor[language.Tag]()},
	// The event data whose values repeat: kinds, channels, the run's send time,
	// law sources, flow and step names, dates and amounts. Ids (message,
	// invoice, reference) and free text stay in line.
	dataValues: map[string]bool{
		"action": true, "amount": true, "auto": true, "channel": true, "currency": true, "deadline": true,
		"fee": true, "flow": true, "from": true, "index": true, "jurisdiction": true, "kind": true,
		"name": true, "on": true, "sendAt": true, "source": true, "to": true, "until": true,
	},
}

// partyTable is the index of dunning.Party in packing.shared.
const partyTable = 0

// The numbers of shared and value tables a config may have.
const (
	maxShared = 1
	maxValues = 1
)

// codecs are the compiled codecs of packing, built on first use and never
// changed after.
type codecs struct {
	c, party, event, message *codec
}

var compiled = sync.OnceValues(func() (*codecs, error) {
	if len(packing.shared) > maxShared || len(packing.values) > maxValues {
		return nil, fmt.Errorf("memstore: codec: more tables than maxShared and maxValues allow")
	}
	cs, inner, err := compile(packing,
		reflect.TypeFor[collection.Case](), reflect.TypeFor[collection.Event](), reflect.TypeFor[letters.Message]())
	if err != nil {
		return nil, err
	}
	return &codecs{c: cs[0], event: cs[1], message: cs[2], party: inner[partyTable]}, nil
})

// tables are a Store's intern tables, guarded by its tables lock. They only
// grow, so a view of them taken under the lock stays valid after it is
// released.
type tables struct {
	strs   []string
	strIdx map[string]uint64

	shared    [maxShared][]string // packed values
	sharedIdx [maxShared]map[string]uint64

	values   [maxValues][]any
	valueIdx [maxValues]map[any]uint64

	locs   []*time.Location
	locIdx map[*time.Location]uint64

	// parties are the parties of the party table (shared[partyTable]),
	// unpacked: a case is unpacked with copies of them.
	parties []dunning.Party

	// letters are the reference letters, by the key of their kind.
	letters   []letterRef
	letterIdx map[letterKey]uint64

	dataValues map[string]bool
}

// view is what a decoder reads of the tables: their slices as they were when
// the view was taken.
type view struct {
	strs    []string
	shared  [maxShared][]string
	values  [maxValues][]any
	locs    []*time.Location
	parties []dunning.Party
	letters []letterRef
}

func (t *tables) init() {
	if t.strIdx != nil {
		return
	}
	t.strs, t.strIdx = []string{""}, map[string]uint64{"": 0}
	for i := range t.sharedIdx {
		t.sharedIdx[i] = map[string]uint64{}
	}
	for i := range t.valueIdx {
		t.valueIdx[i] = map[any]uint64{}
	}
	t.locs, t.locIdx = []*time.Location{time.UTC}, map[*time.Location]uint64{time.UTC: 0}
	t.letterIdx = map[letterKey]uint64{}
	t.dataValues = packing.dataValues
}

// letterKey is the kind of a letter, whose messages share a reference
// letter: one creditor's letters of one kind, on one channel, in one
// language.
type letterKey struct {
	creditor string
	kind     letters.Kind
	channel  letters.Channel
	lang     language.Tag
}

// letter returns the index of the reference letter of m's kind, making m the
// reference if it is the first of its kind (unless e.ro: see encoder).
func (e *encoder) letter(m *letters.Message) uint64 {
	t := e.t
	k := letterKey{m.CreditorID, m.Kind, m.Channel, m.Lang}
	if n, ok := t.letterIdx[k]; ok {
		return n
	}
	if e.ro {
		e.miss = true
		return 0
	}
	n := uint64(len(t.letters))
	k.creditor = strings.Clone(k.creditor)
	t.letters = append(t.letters, newLetterRef(strings.Clone(m.Text), strings.Clone(withoutStyles(m.HTML))))
	t.letterIdx[k] = n
	return n
}

func (t *tables) view() view {
	return view{strs: t.strs, shared: t.shared, values: t.values, locs: t.locs, parties: t.parties, letters: t.letters}
}

// intern returns the index of s in the string table, adding a copy of it (s
// may be part of a larger string the table must not keep).
func (t *tables) intern(s string) uint64 {
	if i, ok := t.strIdx[s]; ok {
		return i
	}
	s = strings.Clone(s)
	i := uint64(len(t.strs))
	t.strs = append(t.strs, s)
	t.strIdx[s] = i
	return i
}

// share returns the index of packed in shared table i, adding a copy of it.
func (t *tables) share(i int, packed []byte) uint64 {
	if n, ok := t.sharedIdx[i][string(packed)]; ok {
		return n
	}
	s := string(packed)
	n := uint64(len(t.shared[i]))
	t.shared[i] = append(t.shared[i], s)
	t.sharedIdx[i][s] = n
	return n
}

// value returns the index of x in value table i, adding it.
func (t *tables) value(i int, x any) uint64 {
	if n, ok := t.valueIdx[i][x]; ok {
		return n
	}
	n := uint64(len(t.values[i]))
	t.values[i] = append(t.values[i], x)
	t.valueIdx[i][x] = n
	return n
}

// location returns the index of loc in the location table, adding it.
func (t *tables) location(loc *time.Location) uint64 {
	if n, ok := t.locIdx[loc]; ok {
		return n
	}
	n := uint64(len(t.locs))
	t.locs = append(t.locs, loc)
	t.locIdx[loc] = n
	return n
}

// A packed case (a record) is a header the Store reads without unpacking the
// case, then the rest of the case:
//
//	uvarint len(ID), ID, uvarint Version,
//	uvarint creditor, uvarint debtor (indexes into the party table),
//	uvarint n, n × 8 bytes: the hashes (Store.invoiceHash) of the distinct
//	invoice ids of the claims, in claim order, little-endian,
//	(n+7)/8 bytes: bit j says the case holds invoice j (Case.HeldInvoices),
//	the case packed by the codec, which leaves ID, Version, Creditor and
//	Debtor out (optOmit).
type header struct {
	id               []byte
	version          collection.Version
	creditor, debtor uint64
	invoices         []byte // n × 8 bytes
	held             []byte // (n+7)/8 bytes
	body             int    // where the codec's part starts
}

// readHeader reads the header of rec, which the Store wrote.
func readHeader(rec []byte) header {
	var h header
	r := rec
	h.id, r = bytesOf(r)
	var n uint64
	n, r = uvarintOf(r)
	h.version = collection.Version(n)
	h.creditor, r = uvarintOf(r)
	h.debtor, r = uvarintOf(r)
	n, r = uvarintOf(r)
	h.invoices, r = r[:8*n:8*n], r[8*n:]
	h.held, r = r[:(n+7)/8:(n+7)/8], r[(n+7)/8:]
	h.body = len(rec) - len(r)
	return h
}

// invoice returns the hash of invoice j of the header, and whether the case
// holds it.
func (h *header) invoice(j int) (uint64, bool) {
	return binary.LittleEndian.Uint64(h.invoices[8*j:]), h.held[j/8]&(1<<(j%8)) != 0
}

// uvarintOf reads a varint the Store wrote off the front of b.
func uvarintOf(b []byte) (uint64, []byte) {
	n, w := binary.Uvarint(b)
	if w <= 0 {
		panic(fmt.Errorf("%w: a bad varint in a header", errCorrupt)) // records are written only by this package
	}
	return n, b[w:]
}

// bytesOf reads a length-prefixed string the Store wrote off the front of b.
func bytesOf(b []byte) ([]byte, []byte) {
	n, b := uvarintOf(b)
	return b[:n:n], b[n:]
}

// idOf returns the ID of the case packed in rec, without copying it.
func idOf(rec []byte) []byte {
	id, _ := bytesOf(rec)
	return id
}

// packer is what a Save packs with: buffers for the records, and copies of
// the values it packs (what the fast encoders read through an unsafe.Pointer
// would escape to the heap) without an allocation per Save. Saves pack at
// the same time, each with a packer from Store.packers.
type packer struct {
	e   encoder
	rec []byte   // the case
	evs []byte   // the block of its events (see pack)
	out [][]byte // the outbox entries

	c  collection.Case
	p  dunning.Party
	ev collection.Event
	m  letters.Message

	// invoices are the distinct invoice ids of the claims of the case being
	// saved, hashes their hashes, held whether the case holds each.
	invoices []string
	hashes   []uint64
	held     []bool
	// creditor and debtor are the parties of the case this packer packed
	// last.
	creditor, debtor uint64
}

// packer returns a packer from s.packers, or a new one.
func (s *Store) packer() *packer {
	if pk, ok := s.packers.Get().(*packer); ok {
		return pk
	}
	return &packer{}
}

// unpacker is what a Store unpacks into: from a pool, as unpacking happens
// outside the lock.
type unpacker struct {
	c  collection.Case
	ev collection.Event
	m  letters.Message
}

// unpacker returns an unpacker from s.unpackers, or a new one.
func (s *Store) unpacker() *unpacker {
	if u, ok := s.unpackers.Get().(*unpacker); ok {
		return u
	}
	return &unpacker{}
}

// pack packs c, with version v, its events and the outbox entries of its
// letters into pk.rec, pk.evs and pk.out, in an encoder over the tables with
// mode ro (see encoder), and reports whether it missed a value (then nothing
// it packed is good). The parties are first compared with those of the
// parties at hints (of the stored case) and of the case pk packed last. The
// events block starts with 8 zero bytes, for the ref of the block before it.
// The caller holds the tables lock, for reading if ro.
func (s *Store) pack(cs *codecs, pk *packer, c *collection.Case, events []collection.Event, outbox []letters.Message, v collection.Version, ro bool, hints ...uint64) (bool, error) {
	e := &pk.e
	*e = encoder{t: &s.t, ro: ro, scratch: e.scratch, ops: e.ops}

	// The case (see header).
	e.b = pk.rec[:0]
	e.str(string(c.ID))
	e.b = binary.AppendUvarint(e.b, uint64(v))
	var cred, debt uint64
	if len(hints) == 2 {
		cred, debt = s.party(cs, pk, &c.Creditor, hints[0], pk.creditor), s.party(cs, pk, &c.Debtor, hints[1], pk.debtor)
	} else {
		cred, debt = s.party(cs, pk, &c.Creditor, pk.creditor), s.party(cs, pk, &c.Debtor, pk.debtor)
	}
	e.b = binary.AppendUvarint(e.b, cred)
	e.b = binary.AppendUvarint(e.b, debt)
	n := len(pk.hashes)
	e.b = binary.AppendUvarint(e.b, uint64(n))
	for _, h := range pk.hashes {
		e.b = binary.LittleEndian.AppendUint64(e.b, h)
	}
	at := len(e.b)
	e.b = append(e.b, make([]byte, (n+7)/8)...)
	for j, held := range pk.held {
		if held {
			e.b[at+j/8] |= 1 << (j % 8)
		}
	}
	pk.c = *c // a copy: c itself would escape through fenc
	cs.c.fenc(e, unsafe.Pointer(&pk.c))
	pk.c, pk.rec = collection.Case{}, e.b

	// The events.
	if len(events) > 0 {
		e.b = binary.LittleEndian.AppendUint64(pk.evs[:0], 0)
		for _, ev := range events {
			pk.ev = ev
			if ev.CaseID == c.ID {
				pk.ev.CaseID = ""
				e.b = append(e.b, 1)
			} else {
				e.b = append(e.b, 0)
			}
			cs.event.fenc(e, unsafe.Pointer(&pk.ev))
		}
		pk.ev, pk.evs = collection.Event{}, e.b
	}

	// The letters.
	for len(pk.out) < len(outbox) {
		pk.out = append(pk.out, nil)
	}
	for j := range outbox {
		pk.out[j] = s.packEntry(cs, pk, pk.out[j][:0], c.ID, v, &outbox[j])
	}
	if !e.miss {
		pk.creditor, pk.debtor = cred, debt
	}
	return e.miss, e.err
}

// party returns the index of p in the party table, adding it (and its
// unpacked copy to tables.parties) unless pk's encoder is read-only. Parties
// at the indexes in hints are compared first, without packing p. The caller
// holds the tables lock.
func (s *Store) party(cs *codecs, pk *packer, p *dunning.Party, hints ...uint64) uint64 {
	for _, n := range hints {
		if n < uint64(len(s.t.parties)) && sameParty(p, &s.t.parties[n]) {
			return n
		}
	}
	e := &pk.e
	outer := e.b
	e.b, e.scratch[partyTable] = e.scratch[partyTable][:0], nil
	pk.p = *p
	cs.party.fenc(e, unsafe.Pointer(&pk.p))
	pk.p = dunning.Party{}
	packed := e.b
	e.scratch[partyTable], e.b = packed, outer
	n, added := e.share(partyTable, packed)
	if added {
		d := decoder{s: s.t.shared[partyTable][n], v: &view{strs: s.t.strs, values: s.t.values, locs: s.t.locs}}
		cs.party.dec(&d, reflect.ValueOf(&pk.p).Elem())
		if d.end(); d.err != nil {
			panic(d.err) // what was just packed
		}
		s.t.parties = append(s.t.parties, pk.p)
		pk.p = dunning.Party{}
	}
	return n
}

// sameParty reports whether a and b are the same party, field by field.
// TestSameParty fails when dunning.Party has a field it does not compare.
func sameParty(a, b *dunning.Party) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind && a.Jurisdiction == b.Jurisdiction &&
		a.Language == b.Language && a.Email == b.Email && a.Phone == b.Phone && a.Registration == b.Registration &&
		a.Address.PostalCode == b.Address.PostalCode && a.Address.City == b.Address.City &&
		a.Address.Country == b.Address.Country && (a.Address.Lines == nil) == (b.Address.Lines == nil) &&
		slices.Equal(a.Address.Lines, b.Address.Lines)
}

// unpackCase unpacks the case in rec. The case shares no memory with the
// Store but immutable strings: its strings are parts of one copy of rec, or
// of the tables.
func (s *Store) unpackCase(cs *codecs, rec []byte, v *view) (collection.Case, error) {
	h := readHeader(rec)
	u := s.unpacker()
	defer s.unpackers.Put(u)
	str := string(rec)
	d := decoder{s: str, i: h.body, v: v, buf: rec, has: true}
	cs.c.dec(&d, reflect.ValueOf(&u.c).Elem())
	d.end()
	c := u.c
	u.c = collection.Case{}
	if d.err == nil {
		c.Creditor, d.err = unpackParty(h.creditor, v)
	}
	if d.err == nil {
		c.Debtor, d.err = unpackParty(h.debtor, v)
	}
	if d.err != nil {
		return collection.Case{}, fmt.Errorf("case %q: %w", h.id, d.err)
	}
	w := uvarintLen(len(h.id))
	c.ID, c.Version = collection.CaseID(str[w:w+len(h.id)]), h.version
	return c, nil
}

// uvarintLen returns the length of n as a varint.
func uvarintLen(n int) int {
	var l [binary.MaxVarintLen64]byte
	return binary.PutUvarint(l[:], uint64(n))
}

// unpackParty returns a copy of party n of the party table. Address.Lines is
// the one part of a dunning.Party that holds memory a caller could change
// (TestPartyCopy checks it stays so).
func unpackParty(n uint64, v *view) (dunning.Party, error) {
	if n >= uint64(len(v.parties)) {
		return dunning.Party{}, fmt.Errorf("%w: party %d beyond the table", errCorrupt, n)
	}
	p := v.parties[n]
	p.Address.Lines = slices.Clone(p.Address.Lines)
	return p, nil
}

// The events of one Save are packed in one block (see pack), in order, each
// as a byte that says whether its CaseID is the case's (1: left out) and the
// event packed by the codec (with CaseID zero when left out). A block starts
// with the ref of the case's block before it (8 bytes, little-endian; 0 for
// none): the blocks of a case are a list from its last.

// prevBlock returns the ref of the block before block b.
func prevBlock(b []byte) ref { return ref(binary.LittleEndian.Uint64(b)) }

// unpackEvents unpacks the events of case id packed in blocks, in order.
func (s *Store) unpackEvents(cs *codecs, blocks [][]byte, id collection.CaseID, v *view) ([]collection.Event, error) {
	var out []collection.Event
	u := s.unpacker()
	defer s.unpackers.Put(u)
	for _, b := range blocks {
		d := decoder{s: string(b), i: 8, v: v, buf: b, has: true}
		for d.i < len(d.s) && d.err == nil {
			own := d.byte()
			cs.event.dec(&d, reflect.ValueOf(&u.ev).Elem())
			ev := u.ev
			u.ev = collection.Event{}
			switch own {
			case 0:
			case 1:
				ev.CaseID = id
			default:
				d.fail("an event flag other than 0 or 1")
			}
			out = append(out, ev)
		}
		if d.err != nil {
			return nil, fmt.Errorf("events of case %q: %w", string(id), d.err)
		}
	}
	return out, nil
}

// An outbox entry is packed as its message ID, the case ID and Seq, the index
// of the reference letter its text and HTML are packed against (optText,
// optHTML), then a byte that says whether the message's CaseID is the
// entry's (1: left out), and the message packed by the codec, which leaves
// the ID out (optOmit), and with CaseID zero when left out. Its Pos is its
// place in the outbox.

// packEntry packs an outbox entry with pk's encoder, appending to buf.
func (s *Store) packEntry(cs *codecs, pk *packer, buf []byte, id collection.CaseID, seq collection.Version, m *letters.Message) []byte {
	e := &pk.e
	e.b = buf
	e.str(m.ID)
	e.str(string(id))
	e.b = binary.AppendUvarint(e.b, uint64(seq))
	ref := e.letter(m)
	e.b = binary.AppendUvarint(e.b, ref)
	e.ref = nil
	if ref < uint64(len(s.t.letters)) {
		e.ref = &s.t.letters[ref]
	}
	pk.m = *m
	if m.CaseID == string(id) {
		pk.m.CaseID = ""
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	cs.message.fenc(e, unsafe.Pointer(&pk.m))
	pk.m, e.ref = letters.Message{}, nil
	return e.b
}

// messageID returns the message ID of a packed outbox entry.
func messageID(rec []byte) []byte {
	id, _ := bytesOf(rec)
	return id
}

// unpackEntry unpacks the outbox entry packed in rec at position pos.
func (s *Store) unpackEntry(cs *codecs, rec []byte, pos uint64, v *view) (collection.OutboxEntry, error) {
	u := s.unpacker()
	defer s.unpackers.Put(u)
	d := decoder{s: string(rec), v: v, buf: rec, has: true}
	msgID := d.str()
	en := collection.OutboxEntry{Pos: pos, CaseID: collection.CaseID(d.str()), Seq: collection.Version(d.uvarint())}
	if ref := d.uvarint(); ref < uint64(len(v.letters)) {
		d.ref = &v.letters[ref]
	} else {
		d.fail("a reference letter beyond the table")
	}
	own := d.byte()
	cs.message.dec(&d, reflect.ValueOf(&u.m).Elem())
	d.end()
	en.Message = u.m
	u.m = letters.Message{}
	en.Message.ID = msgID
	switch own {
	case 0:
	case 1:
		en.Message.CaseID = string(en.CaseID)
	default:
		d.fail("a message flag other than 0 or 1")
	}
	if d.err != nil {
		return collection.OutboxEntry{}, fmt.Errorf("outbox entry %d: %w", pos, d.err)
	}
	return en, nil
}
