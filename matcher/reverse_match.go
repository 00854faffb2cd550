package matcher

import (
	"math"
	"slices"

	"github.com/gigbot/gigbot"
)

// Match calls fn with the id of every indexed worker that p fits (as
// Fits(p, worker's profile) would say), each once, in no set order, until
// fn returns false. fn runs under the index's read lock, so it must not
// call back into the index; collect ids and look them up after (MatchIDs,
// Recipients).
func (x *WorkerIndex) Match(p gigbot.Posting, fn func(id int64) bool) {
	x.match(p, nil, fn)
}

// MatchIDs appends to dst the ids of the workers p fits and returns it.
func (x *WorkerIndex) MatchIDs(p gigbot.Posting, dst []int64) []int64 {
	return x.MatchIDsSkipping(p, nil, dst)
}

// MatchIDsSkipping is MatchIDs leaving out the workers skip reports (nil
// skips none), which it asks before any other check: late on a busy day
// most workers a posting fits are at their daily cap, and a test of one
// bit each is all they should cost.
func (x *WorkerIndex) MatchIDsSkipping(p gigbot.Posting, skip func(id int64) bool, dst []int64) []int64 {
	x.match(p, skip, func(id int64) bool {
		dst = append(dst, id)
		return true
	})
	return dst
}

func (x *WorkerIndex) match(p gigbot.Posting, skip func(id int64) bool, fn func(id int64) bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var buf [8]uint16
	skills := x.postingSkills(p.Skills, buf[:0])
	if len(skills) == 0 {
		return
	}
	q := query{x: x, fn: fn, skip: skip, point: p.Place.Point}
	q.daily, q.payKnown = p.Pay.DailyMax()
	q.noPlace = p.Place.District == "" && p.Place.Point.IsZero()
	q.hasPoint = !p.Place.Point.IsZero()
	q.district = x.districtIDs[p.Place.District] // 0 for "" and for a district no worker named
	if q.hasPoint {
		q.cosLat = math.Cos(p.Place.Point.Lat * math.Pi / 180)
		for t := range tierKm {
			y0, y1, x0, x1 := cellRange(t, p.Place.Point)
			q.cells[t] = cellBox{y0, y1, x0, x1}
		}
	}
	for j, s := range skills {
		// A worker with an earlier skill of the posting was offered it
		// already.
		q.prev = skills[:j]
		if !q.skill(s) {
			return
		}
	}
}

// postingSkills returns the ids of p's skill codes that some worker ever
// had, without repeats. Caller holds the read lock.
func (x *WorkerIndex) postingSkills(codes []string, dst []uint16) []uint16 {
outer:
	for _, c := range codes {
		id, ok := x.skillIDs[c]
		if !ok {
			continue
		}
		for _, have := range dst {
			if have == id {
				continue outer
			}
		}
		dst = append(dst, id)
	}
	return dst
}

// query is one Match in progress.
type query struct {
	x        *WorkerIndex
	fn       func(int64) bool
	skip     func(int64) bool // nil: none
	daily    int
	payKnown bool
	noPlace  bool
	hasPoint bool
	district uint16
	point    gigbot.Point
	cosLat   float64
	cells    [len(tierKm)]cellBox
	prev     []uint16 // the posting's skills already matched
}

type cellBox struct{ y0, y1, x0, x1 int32 }

// skill emits the workers of one skill; false when fn asked to stop.
func (q *query) skill(s uint16) bool {
	b := &q.x.bySkill[s]
	if !q.each(b.anywhere) {
		return false
	}
	if q.noPlace {
		if !q.each(b.unlessPoint) {
			return false
		}
		for _, tables := range [][][]entry{b.district, b.districtNoPt} {
			for _, list := range tables {
				if !q.each(list) {
					return false
				}
			}
		}
		return true
	}
	if !q.hasPoint {
		if !q.each(b.unlessPoint) || !q.each(bucket(b.districtNoPt, q.district)) {
			return false
		}
	}
	if !q.each(bucket(b.district, q.district)) {
		return false
	}
	if !q.hasPoint {
		return true
	}
	for t := range tierKm {
		c := q.cells[t]
		for cy := c.y0; cy <= c.y1; cy++ {
			for cx := c.x0; cx <= c.x1; cx++ {
				if list, ok := q.x.cells[cellKey(s, int8(t), cy, cx)]; ok && !q.reach(list) {
					return false
				}
			}
		}
	}
	return q.reach(b.far)
}

// bucket returns the district's bucket; none for district 0.
func bucket(tables [][]entry, d uint16) []entry {
	if d == 0 || int(d) >= len(tables) {
		return nil
	}
	return tables[d]
}

func (q *query) each(list []entry) bool {
	for i := range list {
		e := &list[i]
		if q.skip != nil && q.skip(e.id) {
			continue
		}
		if q.wants(e.id, &e.skills, e.minPay) && !q.fn(e.id) {
			return false
		}
	}
	return true
}

func (q *query) reach(list []reachEntry) bool {
	for i := range list {
		c := &list[i]
		// Filed in its district's bucket too, and emitted from there.
		if c.district != 0 && c.district == q.district || q.skip != nil && q.skip(c.id) {
			continue
		}
		if reaches(c, q.point, q.cosLat) && q.wants(c.id, &c.skills, c.minPay) && !q.fn(c.id) {
			return false
		}
	}
	return true
}

// wants applies pay (as Fits's paysEnough) and drops a worker already
// emitted for an earlier skill of the posting.
func (q *query) wants(id int64, skills *inlineSkills, minPay int32) bool {
	if minPay > 0 && q.payKnown && q.daily < int(minPay) {
		return false
	}
	if len(q.prev) == 0 {
		return true
	}
	for _, have := range skills {
		switch {
		case have == noSkill:
			return true
		case have == moreSkills:
			return !q.x.hasSkill(id, q.prev)
		case slices.Contains(q.prev, have):
			return false
		}
	}
	return true
}

// hasSkill reports whether the worker has any of skills. Caller holds the
// read lock.
func (x *WorkerIndex) hasSkill(id int64, skills []uint16) bool {
	for _, have := range x.records[x.slots[id]].skills {
		if slices.Contains(skills, have) {
			return true
		}
	}
	return false
}
