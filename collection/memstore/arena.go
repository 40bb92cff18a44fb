package memstore

import (
	"encoding/binary"
	"hash/maphash"
)

// ref is where a record is in an arena; 0 is none.
type ref uint64

// arena keeps records (packed cases, event blocks, outbox entries) one after
// the other in large byte chunks: a million records are a few hundred
// allocations without pointers, which the garbage collector neither counts
// nor scans, instead of a million strings it must mark on every cycle.
//
// A record is written once and never changed, and a chunk is only appended
// to within its capacity, so a slice of a record handed out under the
// Store's lock stays valid and unchanged after the lock is released, even
// after a compaction (which copies the live records into new chunks and
// leaves the old ones to whoever still holds a slice of them).
type arena struct {
	chunks [][]byte
	used   int // bytes written
	dead   int // bytes of records no longer referenced
}

// chunkSize is the size of a chunk of a large store; a larger record gets a
// chunk of its own.
const chunkSize = 1 << 20

// put copies b into the arena and returns its ref. Records start on 8-byte
// boundaries, so no two share a machine word.
func (a *arena) put(b []byte) ref {
	var l [binary.MaxVarintLen64]byte
	w := binary.PutUvarint(l[:], uint64(len(b)))
	need := (w + len(b) + 7) &^ 7
	last := len(a.chunks) - 1
	if last < 0 || cap(a.chunks[last])-len(a.chunks[last]) < need {
		// The chunks of a small store are small: 4 KiB, then twice the
		// last, up to chunkSize.
		size := 4 << 10
		if last >= 0 {
			size = min(chunkSize, 2*cap(a.chunks[last]))
		}
		a.chunks = append(a.chunks, make([]byte, 0, max(size, need)))
		last++
		if last == 0 {
			a.chunks[0] = a.chunks[0][:8] // so that no record is at ref 0
		}
	}
	c := a.chunks[last]
	off := len(c)
	c = append(c, l[:w]...)
	c = append(c, b...)
	a.chunks[last] = c[:off+need]
	a.used += need
	return ref(uint64(last)<<32 | uint64(off))
}

// get returns the record at r. The caller holds the Store's lock; the slice
// stays valid after it is released.
func (a *arena) get(r ref) []byte {
	c := a.chunks[r>>32][uint32(r):]
	n, w := binary.Uvarint(c)
	return c[w : w+int(n) : w+int(n)]
}

// size returns the bytes a record of n bytes takes, to count it dead.
func size(n int) int {
	var l [binary.MaxVarintLen64]byte
	return (binary.PutUvarint(l[:], uint64(n)) + n + 7) &^ 7
}

// index finds a case's slot by its ID: an open-addressing hash table of slot
// numbers, whose keys are the IDs in the records, so that an ID costs no
// memory of its own; and no pointers, like the arena. Each entry is the
// slot number plus one (0: empty) in the low 32 bits and the high 32 bits of
// the ID's hash in the high ones, which spares most lookups a look at a
// record.
type index struct {
	seed    maphash.Seed
	entries []uint64 // a power of two, at most 3/4 full
	n       int
}

// find returns the slot of id, given the ID of each slot.
func (x *index) find(id string, idOf func(int32) []byte) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	h := maphash.String(x.seed, id)
	mask := uint64(len(x.entries) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := x.entries[i]
		if e == 0 {
			return 0, false
		}
		if e>>32 == h>>32 && string(idOf(int32(uint32(e)-1))) == id {
			return int32(uint32(e) - 1), true
		}
	}
}

// add adds slot i for id, which is not in the index.
func (x *index) add(id string, i int32, idOf func(int32) []byte) {
	if (x.n+1)*4 > len(x.entries)*3 {
		x.grow(idOf)
	}
	x.insert(maphash.String(x.seed, id), i)
	x.n++
}

func (x *index) insert(h uint64, i int32) {
	mask := uint64(len(x.entries) - 1)
	j := h & mask
	for x.entries[j] != 0 {
		j = (j + 1) & mask
	}
	x.entries[j] = h>>32<<32 | uint64(uint32(i)+1)
}

func (x *index) grow(idOf func(int32) []byte) {
	old := x.entries
	x.entries = make([]uint64, max(16, 2*len(old)))
	for _, e := range old {
		if e != 0 {
			i := int32(uint32(e) - 1)
			x.insert(maphash.Bytes(x.seed, idOf(i)), i)
		}
	}
}
