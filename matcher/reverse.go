package matcher

import (
	"math"
	"sync"

	"github.com/gigbot/gigbot"
)

// WorkerIndex answers "which standing workers does this new posting fit?"
// without a query per worker or a scan of them all: the reverse of search.
// It holds one compact record per active worker and files each one by
// skill, and then by how their place decides a fit (see reverse_reach.go), so a
// posting visits only the buckets of its skills, its district and the grid
// cells around its point. Its answer is exactly the set of workers for whom
// Fits is true; a property test holds it to that.
//
// It is safe for concurrent use: Match runs under a read lock, Upsert and
// Remove under the write lock.
type WorkerIndex struct {
	mu sync.RWMutex

	skillIDs    map[string]uint16 // skill code → id; taxonomy first, then codes first seen on a worker
	districtIDs map[string]uint16 // district name → id, from 1; 0 means none
	bySkill     []skillBuckets    // by skill id
	cells       map[uint64][]reachEntry

	slots   map[int64]uint32 // worker id → index in records
	records []workerRecord
	free    []uint32 // indexes of removed records, for reuse
}

// Recipient is what a caller needs to address a matched worker without
// reading them back from the store.
type Recipient struct {
	ID       int64
	User     gigbot.UserRef
	Lang     string
	DailyCap int // the worker's own cap; 0 means the default
}

// workerRecord is one worker as the index keeps them.
type workerRecord struct {
	Recipient
	skills []uint16
	place  placement
	minPay int32
}

// skillBuckets holds the workers of one skill, each in exactly one of the
// first four buckets; workers whose reach is a circle are also in a grid
// cell or in far.
type skillBuckets struct {
	anywhere     []entry      // no district, no point: every place fits
	unlessPoint  []entry      // a point but no district: fits a posting without a point
	district     [][]entry    // by district id: fits a posting in that district
	districtNoPt [][]entry    // by district id, street named, circle reach: fits a posting there without a point
	far          []reachEntry // circles off the grid: too wide, or centred outside it
}

// entry is a worker in a bucket where the place alone decides: only pay is
// left to check, so it is kept beside the id.
type entry struct {
	id     int64
	minPay int32
	skills inlineSkills
}

// reachEntry is a worker whose reach is a circle, with what the distance
// check needs, so a scan never touches the record.
type reachEntry struct {
	lat, lon float64
	radius   float64
	id       int64
	minPay   int32
	skills   inlineSkills
	district uint16 // set when the worker is also in district[district]
}

// NewWorkerIndex returns an empty index over m's taxonomy.
func NewWorkerIndex(m *Matcher) *WorkerIndex {
	x := &WorkerIndex{
		skillIDs:    map[string]uint16{},
		districtIDs: map[string]uint16{},
		cells:       map[uint64][]reachEntry{},
		slots:       map[int64]uint32{},
	}
	for _, s := range m.AllSkills() {
		x.skillID(s.Code)
	}
	for _, d := range m.Districts() {
		x.districtID(d)
	}
	return x
}

// skillID interns a skill code. Codes outside the taxonomy get ids too,
// because Fits compares codes as strings. Caller holds the write lock.
func (x *WorkerIndex) skillID(code string) uint16 {
	id, ok := x.skillIDs[code]
	if !ok {
		id = uint16(len(x.bySkill))
		x.skillIDs[code] = id
		x.bySkill = append(x.bySkill, skillBuckets{})
	}
	return id
}

// districtID interns a district name; "" is 0. Caller holds the write lock.
func (x *WorkerIndex) districtID(name string) uint16 {
	if name == "" {
		return 0
	}
	id, ok := x.districtIDs[name]
	if !ok {
		id = uint16(len(x.districtIDs) + 1)
		x.districtIDs[name] = id
	}
	return id
}

// Len returns how many workers the index holds.
func (x *WorkerIndex) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.slots)
}

// Upsert adds w, or replaces what the index holds for w.ID; a worker who
// is not Active (paused, unsubscribed, not onboarded) is removed instead.
// w.ID must be set (the store sets it on SaveWorker); a zero ID is ignored.
func (x *WorkerIndex) Upsert(w gigbot.Worker) {
	if w.ID == 0 {
		return
	}
	if !w.Active() {
		x.Remove(w.ID)
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.districtIDs) >= math.MaxUint16-1 || len(x.bySkill) >= moreSkills-1 {
		return // only a flood of made-up names gets here; see limits in the README
	}
	slot, ok := x.slots[w.ID]
	if ok {
		x.unfile(&x.records[slot])
	} else if n := len(x.free); n > 0 {
		slot, x.free = x.free[n-1], x.free[:n-1]
	} else {
		slot = uint32(len(x.records))
		x.records = append(x.records, workerRecord{})
	}
	x.slots[w.ID] = slot
	r := &x.records[slot]
	*r = workerRecord{
		Recipient: Recipient{ID: w.ID, User: w.User, Lang: w.Lang, DailyCap: w.Profile.DailyCap},
		skills:    x.skillList(w.Profile.Skills, r.skills[:0]),
		place:     x.placeOf(w.Profile),
		minPay:    clampPay(w.Profile.MinPay),
	}
	x.file(r)
}

// skillList interns codes into dst without repeats: a repeated skill
// would file the worker twice in one bucket.
func (x *WorkerIndex) skillList(codes []string, dst []uint16) []uint16 {
outer:
	for _, c := range codes {
		id := x.skillID(c)
		for _, have := range dst {
			if have == id {
				continue outer
			}
		}
		dst = append(dst, id)
	}
	return dst
}

// Remove drops the worker with id; an absent id is no error.
func (x *WorkerIndex) Remove(id int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	slot, ok := x.slots[id]
	if !ok {
		return
	}
	x.unfile(&x.records[slot])
	skills := x.records[slot].skills[:0]
	x.records[slot] = workerRecord{skills: skills} // keeps the backing array for reuse
	delete(x.slots, id)
	x.free = append(x.free, slot)
}

// Recipient returns who the worker with id is, for addressing a notice.
func (x *WorkerIndex) Recipient(id int64) (Recipient, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	slot, ok := x.slots[id]
	if !ok {
		return Recipient{}, false
	}
	return x.records[slot].Recipient, true
}

// Recipients calls fn for each id still in the index, under one lock.
// fn must not call back into the index.
func (x *WorkerIndex) Recipients(ids []int64, fn func(Recipient)) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	for _, id := range ids {
		if slot, ok := x.slots[id]; ok {
			fn(x.records[slot].Recipient)
		}
	}
}

// clampPay fits a minimum pay into the record; no real daily pay comes
// near the limit.
func clampPay(p int) int32 {
	return int32(max(min(p, math.MaxInt32), math.MinInt32))
}

// inlineSkills are a worker's skill ids kept in each of their entries, so
// that Match can tell a worker it already emitted for another skill of the
// posting without a lookup: the first three, then noSkill, or moreSkills
// in the last place when there are more than three.
type inlineSkills [3]uint16

const (
	noSkill    = math.MaxUint16
	moreSkills = math.MaxUint16 - 1
)

func inline(ids []uint16) inlineSkills {
	s := inlineSkills{noSkill, noSkill, noSkill}
	copy(s[:], ids)
	if len(ids) > len(s) {
		s[len(s)-1] = moreSkills
	}
	return s
}
