// Package quota bounds how many posting notices each worker is written per
// local day. It is checked before a notice is written to the outbox, not
// when it is sent, so the cap bounds the outbox's growth as well as a
// worker's phone: on a busy day most matches of a popular worker are
// dropped here instead of being stored and held until tomorrow.
package quota

import (
	"sync"
	"sync/atomic"
	"time"
)

// denseIDs is how far worker ids are counted in a flat table; the store's
// ids are dense from 1, so a map is only for the unexpected ones beyond.
const denseIDs = 1 << 26

// unlimited is a cap too large to count: the counters are 16 bits.
const unlimited = 1<<16 - 1

// DailyQuota counts the posting notices written to each worker, keyed by
// worker id, during the current local day, against a default cap and
// per-worker caps. A day rolls over at midnight in its location. It is
// safe for concurrent use.
type DailyQuota struct {
	mu  sync.Mutex
	loc *time.Location
	cap uint16 // the default; 0 means no cap
	day int64  // the local day counts are for, as unix seconds of its midnight
	// Each worker's {count today, own cap (0 = the default)}: by id in
	// dense, beyond it in over.
	dense []pair
	over  map[int64]*pair
	// full has a bit per id of dense, set while the worker is at their
	// cap: read without the lock by Full's predicate, written under it.
	// Grown by replacing it, so a reader holds a slice that stays valid.
	full atomic.Pointer[[]atomic.Uint64]
}

type pair [2]uint16

// New returns a quota of defaultCap notices per worker per day in loc;
// 0 means no cap.
func New(loc *time.Location, defaultCap int) *DailyQuota {
	return &DailyQuota{loc: loc, cap: clamp(defaultCap), over: map[int64]*pair{}}
}

func clamp(n int) uint16 { return uint16(max(0, min(n, unlimited))) }

// SetCap gives a worker their own cap (Profile.DailyCap); 0 restores the
// default.
func (q *DailyQuota) SetCap(id int64, n int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if c := q.slot(id, n > 0); c != nil {
		c[1] = clamp(n)
		q.mark(id, c)
	}
}

// Take counts one posting notice for the worker at now and reports true,
// or reports false when they already have their cap for the day.
func (q *DailyQuota) Take(id int64, now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	return q.take(id)
}

// TakeAll keeps in ids, in order, the workers that may have one more
// notice at now, counting it, and returns that prefix of ids. One lock
// for a whole fan-out.
func (q *DailyQuota) TakeAll(ids []int64, now time.Time) []int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	kept := ids[:0]
	for _, id := range ids {
		if q.take(id) {
			kept = append(kept, id)
		}
	}
	return kept
}

// Release gives back one notice counted at now that was not written after
// all: the outbox skipped it as a duplicate, or the write failed.
func (q *DailyQuota) Release(id int64, now time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	if c := q.slot(id, false); c != nil && c[0] > 0 {
		c[0]--
		q.mark(id, c)
	}
}

// Seed sets how many posting notices the worker was already written on
// now's local day: at start-up, from the outbox.
func (q *DailyQuota) Seed(id int64, n int, now time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	if c := q.slot(id, n > 0); c != nil {
		c[0] = clamp(n)
		q.mark(id, c)
	}
}

// Count returns how many notices the worker was written on now's day.
func (q *DailyQuota) Count(id int64, now time.Time) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.roll(now)
	if c := q.slot(id, false); c != nil {
		return int(c[0])
	}
	return 0
}

// StartOfDay is local midnight of now's day in the quota's location: the
// "since" of a seeding query.
func (q *DailyQuota) StartOfDay(now time.Time) time.Time {
	y, m, d := now.In(q.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, q.loc)
}

// roll forgets the counts when now is on another day than they are for.
func (q *DailyQuota) roll(now time.Time) {
	day := q.StartOfDay(now).Unix()
	if day == q.day {
		return
	}
	q.day = day
	for i := range q.dense {
		q.dense[i][0] = 0
	}
	if words := q.full.Load(); words != nil {
		for i := range *words {
			(*words)[i].Store(0)
		}
	}
	for id, c := range q.over {
		if c[1] == 0 {
			delete(q.over, id)
		} else {
			c[0] = 0
		}
	}
}

func (q *DailyQuota) take(id int64) bool {
	c := q.slot(id, true)
	limit := q.limit(c)
	if limit == 0 {
		return true
	}
	if c[0] >= limit {
		return false
	}
	c[0]++
	q.mark(id, c)
	return true
}

// limit is the cap that applies to c; 0 for none.
func (q *DailyQuota) limit(c *pair) uint16 {
	limit := q.cap
	if c[1] > 0 {
		limit = c[1]
	}
	if limit == unlimited {
		return 0
	}
	return limit
}

// mark sets or clears the worker's bit in full after c changed.
func (q *DailyQuota) mark(id int64, c *pair) {
	if id <= 0 || id >= int64(len(q.dense)) {
		return
	}
	words := *q.full.Load()
	w, bit := &words[id>>6], uint64(1)<<(id&63)
	if limit := q.limit(c); limit > 0 && c[0] >= limit {
		w.Or(bit)
	} else {
		w.And(^bit)
	}
}

// Full returns a test of whether a worker is at their cap on now's day,
// which takes no lock: MatchIDsSkipping asks it for every worker a
// posting fits. It may answer for a moment before a change another
// goroutine is making, never for another day; TakeAll decides.
func (q *DailyQuota) Full(now time.Time) func(id int64) bool {
	q.mu.Lock()
	q.roll(now)
	words := q.full.Load()
	q.mu.Unlock()
	if words == nil {
		return func(int64) bool { return false }
	}
	ws := *words
	return func(id int64) bool {
		i := uint64(id) >> 6
		return i < uint64(len(ws)) && ws[i].Load()&(1<<(id&63)) != 0
	}
}

// growFull makes full as long as dense, keeping its bits.
func (q *DailyQuota) growFull() {
	words := make([]atomic.Uint64, (len(q.dense)+63)/64)
	if old := q.full.Load(); old != nil {
		for i := range *old {
			words[i].Store((*old)[i].Load())
		}
	}
	q.full.Store(&words)
}

// slot returns the worker's pair, creating it when create is true; nil
// when absent. The flat table grows by doubling: a million workers cost
// 4 MB.
func (q *DailyQuota) slot(id int64, create bool) *pair {
	if id > 0 && id < denseIDs {
		if int(id) >= len(q.dense) {
			if !create {
				return nil
			}
			n := max(1024, len(q.dense))
			for n <= int(id) {
				n *= 2
			}
			q.dense = append(q.dense, make([]pair, n-len(q.dense))...)
			q.growFull()
		}
		return &q.dense[id]
	}
	c, ok := q.over[id]
	if !ok && create {
		c = &pair{}
		q.over[id] = c
	}
	return c
}
