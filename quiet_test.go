package gigbot

import (
	"testing"
	"time"
)

func TestQuietHours(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := func(h, m int) time.Time { return time.Date(2026, 11, 25, h, m, 0, 0, loc) }
	q, err := ParseQuietHours("21:00-07:00")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		t     time.Time
		quiet bool
		end   time.Time
	}{
		{at(20, 59), false, at(20, 59)},
		{at(21, 0), true, time.Date(2026, 11, 26, 7, 0, 0, 0, loc)},
		{at(3, 0), true, at(7, 0)},
		{at(7, 0), false, at(7, 0)},
	} {
		if got := q.Contains(tc.t); got != tc.quiet {
			t.Errorf("Contains(%v) = %v", tc.t, got)
		}
		if got := q.EndAfter(tc.t); !got.Equal(tc.end) {
			t.Errorf("EndAfter(%v) = %v, want %v", tc.t, got, tc.end)
		}
	}
	day, _ := ParseQuietHours("12:00-13:00")
	if !day.Contains(at(12, 30)) || day.Contains(at(13, 0)) {
		t.Error("same-day window wrong")
	}
	none, _ := ParseQuietHours("")
	if none.Contains(at(23, 0)) {
		t.Error("empty window is never quiet")
	}
	for _, bad := range []string{"21-7", "25:00-07:00", "21:00"} {
		if _, err := ParseQuietHours(bad); err == nil {
			t.Errorf("ParseQuietHours(%q) accepted", bad)
		}
	}
}
