package gigbot

import (
	"fmt"
	"strings"
	"time"
)

// QuietHours is a daily window, in local time, with no pushes. It may wrap
// midnight (21:00-07:00). The zero value is no window.
type QuietHours struct {
	Start, End time.Duration // offsets from local midnight
}

// ParseQuietHours reads "HH:MM-HH:MM"; empty means none.
func ParseQuietHours(s string) (QuietHours, error) {
	if strings.TrimSpace(s) == "" {
		return QuietHours{}, nil
	}
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return QuietHours{}, fmt.Errorf("want HH:MM-HH:MM, got %q", s)
	}
	start, err1 := clock(from)
	end, err2 := clock(to)
	if err1 != nil || err2 != nil {
		return QuietHours{}, fmt.Errorf("want HH:MM-HH:MM, got %q", s)
	}
	return QuietHours{Start: start, End: end}, nil
}

func clock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// Contains reports whether t (in its own location) falls in the window.
func (q QuietHours) Contains(t time.Time) bool {
	if q.Start == q.End {
		return false
	}
	off := sinceMidnight(t)
	if q.Start < q.End {
		return off >= q.Start && off < q.End
	}
	return off >= q.Start || off < q.End
}

// EndAfter returns when the window that contains t ends (t itself when t is
// outside the window).
func (q QuietHours) EndAfter(t time.Time) time.Time {
	if !q.Contains(t) {
		return t
	}
	midnight := t.Add(-sinceMidnight(t))
	end := time.Date(midnight.Year(), midnight.Month(), midnight.Day(), 0, 0, 0, 0, t.Location()).Add(q.End)
	if !end.After(t) {
		end = time.Date(midnight.Year(), midnight.Month(), midnight.Day()+1, 0, 0, 0, 0, t.Location()).Add(q.End)
	}
	return end
}

func sinceMidnight(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
}
