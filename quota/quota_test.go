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
