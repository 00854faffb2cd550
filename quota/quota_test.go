package quota

import (
	"testing"
	"time"
)

func TestDailyQuota(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	q := New(shanghai, 2)
	morning := time.Date(2026, 5, 1, 9, 0, 0, 0, shanghai)
	if !q.Take(1, morning) || !q.Take(1, morning) || q.Take(1, morning) {
		t.Fatal("default cap 2: want two takes, then a refusal")
	}
	q.Release(1, morning) // the outbox skipped a duplicate
	if !q.Take(1, morning) {
		t.Error("after a release: refused")
	}
	// Midnight local time, not UTC, starts a new day.
	if !q.Take(1, time.Date(2026, 5, 2, 0, 0, 1, 0, shanghai)) {
		t.Error("next local day: refused")
	}
	next := time.Date(2026, 5, 2, 8, 0, 0, 0, shanghai)
	q.SetCap(2, 1)
	q.SetCap(1<<40, 3) // beyond the flat table
	if got := q.TakeAll([]int64{2, 2, 1 << 40, 1 << 40, 1 << 40, 1 << 40, 3}, next); len(got) != 5 {
		t.Errorf("TakeAll = %v, want [2 %d %d %d 3]", got, int64(1<<40), int64(1<<40), int64(1<<40))
	}
	q.Seed(4, 2, next) // already written today, before a restart
	if q.Take(4, next) || q.Count(4, next) != 2 || q.Count(5, next) != 0 {
		t.Error("seeded worker took one more")
	}
	if got := q.StartOfDay(next); !got.Equal(time.Date(2026, 5, 2, 0, 0, 0, 0, shanghai)) {
		t.Errorf("StartOfDay = %v", got)
	}
	free := New(shanghai, 0)
	for range 100 {
		if !free.Take(9, next) {
			t.Fatal("cap 0 means none")
		}
	}
}

// TestFull: the lock-free test agrees with the counts through takes,
// releases, own caps, seeding and midnight, also beyond the flat table.
func TestFull(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	q := New(shanghai, 2)
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, shanghai)
	if q.Full(now)(1) {
		t.Fatal("full before any take")
	}
	q.TakeAll([]int64{1, 1, 2, 5000}, now)
	full := q.Full(now)
	if !full(1) || full(2) || full(5000) || full(-1) || full(1<<40) {
		t.Errorf("after 2 takes of 1 and 1 of 2: full(1)=%v full(2)=%v", full(1), full(2))
	}
	q.Release(1, now)
	if full(1) {
		t.Error("still full after a release")
	}
	q.SetCap(2, 1)
	if !full(2) {
		t.Error("own cap 1 with 1 taken: not full")
	}
	q.SetCap(2, 0)
	if full(2) {
		t.Error("back to the default cap 2 with 1 taken: full")
	}
	q.Seed(3, 2, now)
	if !q.Full(now)(3) {
		t.Error("seeded at the cap: not full")
	}
	q.SetCap(1<<40, 1)
	q.Take(1<<40, now)
	if q.Full(now)(1 << 40) {
		t.Error("ids beyond the flat table are left to TakeAll")
	}
	// A predicate taken on the next day forgets yesterday.
	if tomorrow := now.Add(24 * time.Hour); q.Full(tomorrow)(3) {
		t.Error("full on the next day")
	}
	if full(3) {
		t.Error("a predicate taken earlier still sees yesterday after midnight rolled")
	}
	free := New(shanghai, 0)
	free.Take(1, now)
	if free.Full(now)(1) {
		t.Error("no cap: full")
	}
}
