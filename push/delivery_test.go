package push_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/push"
	"github.com/gigbot/gigbot/templates"
)

func withTemplates(t *testing.T, cap int) func(*push.Options) {
	t.Helper()
	tmpl, err := templates.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(o *push.Options) {
		o.DailyCap, o.Templates, o.DigestAt = cap, tmpl, 18*time.Hour
		o.Reminders = []push.Reminder{
			{DaysBefore: 1, At: 18 * time.Hour, Template: "notice.fair_reminder_eve"},
			{DaysBefore: 0, At: 7*time.Hour + 30*time.Minute, Template: "notice.fair_reminder_day"},
		}
	}
}

func (f *fixture) workerWith(t *testing.T, id string, p gigbot.Profile) gigbot.UserRef {
	t.Helper()
	u := gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: id}
	if err := f.db.SaveWorker(f.ctx, &gigbot.Worker{User: u, Onboarded: true, Profile: p}); err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) titled(t *testing.T, title string) int64 {
	t.Helper()
	p := gigbot.Posting{Title: title, Status: gigbot.PostingOpen, ExpiresAt: f.clock.Now().Add(30 * 24 * time.Hour),
		Place: gigbot.Place{District: "河西区"}, Pay: gigbot.Pay{Min: 150, Max: 150, Unit: gigbot.PayDay}}
	if err := f.db.CreatePosting(f.ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func (f *fixture) sentTo(id string) []string {
	var out []string
	for _, s := range f.plat.texts() {
		if to, text, _ := strings.Cut(s, ":"); to == id {
			out = append(out, text)
		}
	}
	return out
}

func TestWorkerQuietHoursOverrideTheDefault(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 13, 0, 0, 0, shanghai), 5)
	night := f.workerWith(t, "night", gigbot.Profile{QuietHours: "off"})
	noon := f.workerWith(t, "noon", gigbot.Profile{QuietHours: "12:00-14:00"})
	plain := f.worker(t, "plain")
	id := f.posting(t)
	f.enqueue(t, postingNotice(night, id), postingNotice(noon, id), postingNotice(plain, id))
	if got := f.drain(t); got != 2 || len(f.sentTo("noon")) != 0 {
		t.Fatalf("at 13:00 sent %d (noon got %d), want night and plain only", got, len(f.sentTo("noon")))
	}
	f.clock.Advance(9 * time.Hour) // 22:00: default quiet, noon's own window is over
	id2 := f.posting(t)
	f.enqueue(t, postingNotice(night, id2), postingNotice(noon, id2), postingNotice(plain, id2))
	f.drain(t)
	if len(f.sentTo("night")) != 2 || len(f.sentTo("noon")) != 2 || len(f.sentTo("plain")) != 1 {
		t.Fatalf("at 22:00: night %d, noon %d, plain %d; want 2, 2, 1",
			len(f.sentTo("night")), len(f.sentTo("noon")), len(f.sentTo("plain")))
	}
}

func TestWorkerDailyCap(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	one := f.workerWith(t, "one", gigbot.Profile{DailyCap: 1})
	for range 3 {
		f.enqueue(t, postingNotice(one, f.posting(t)))
	}
	if got := f.drain(t); got != 1 {
		t.Fatalf("sent %d, want the worker's own cap of 1", got)
	}
	f.clock.Advance(21 * time.Hour) // 07:00 next day
	if got := f.drain(t); got != 1 {
		t.Fatalf("next day sent %d, want 1", got)
	}
}

func TestDigestIsOneMessageAtTheWorkersTime(t *testing.T) {
	f := newFixtureWith(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), withTemplates(t, 3))
	d := f.workerWith(t, "d", gigbot.Profile{Delivery: gigbot.DeliveryDigest, DigestAt: "19:30"})
	instant := f.worker(t, "i")
	titles := []string{"保洁甲", "保洁乙", "保洁丙", "保洁丁", "保洁戊"}
	var ids []int64
	for _, title := range titles {
		id := f.titled(t, title)
		ids = append(ids, id)
		f.enqueue(t, postingNotice(d, id), postingNotice(instant, id))
	}
	f.db.SetPostingStatus(f.ctx, ids[1], gigbot.PostingClosed) // 招满了 before the digest
	f.drain(t)
	if got := f.sentTo("d"); len(got) != 0 {
		t.Fatalf("digest worker got %d pushes before the digest time", len(got))
	}
	f.clock.Advance(9*time.Hour + 29*time.Minute) // 19:29
	f.drain(t)
	if got := f.sentTo("d"); len(got) != 0 {
		t.Fatal("digest sent early")
	}
	f.clock.Advance(time.Minute) // 19:30
	if got := f.drain(t); got != 3 {
		t.Fatalf("digest marked %d postings sent, want the cap of 3", got)
	}
	got := f.sentTo("d")
	if len(got) != 1 {
		t.Fatalf("digest worker got %d messages, want one digest", len(got))
	}
	for _, want := range []string{"共3条", "保洁甲", "保洁丙", "保洁丁"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("digest %q lacks %q", got[0], want)
		}
	}
	if strings.Contains(got[0], "保洁乙") {
		t.Error("a closed posting is in the digest")
	}
	// The one over the cap waits for tomorrow's digest, the only message then.
	f.clock.Advance(12 * time.Hour) // 07:30 next day
	f.drain(t)
	if n := len(f.sentTo("d")); n != 1 {
		t.Fatalf("got %d messages before the next digest", n)
	}
	f.clock.Advance(12 * time.Hour) // 19:30
	f.drain(t)
	got = f.sentTo("d")
	if len(got) != 2 || !strings.Contains(got[1], "保洁戊") || !strings.Contains(got[1], "共1条") {
		t.Fatalf("second digest: %q", got)
	}
	if pending, _ := f.db.PendingFor(f.ctx, d); len(pending) != 0 {
		t.Fatalf("%d notices still pending", len(pending))
	}
}

// A platform's rate-limit answer stops the whole channel, not one notice.
func TestRateLimitBacksOffTheWholeChannel(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	var users []gigbot.UserRef
	for _, id := range []string{"a", "b", "c"} {
		users = append(users, f.worker(t, id))
	}
	f.plat.answer["a"] = &gigbot.RateLimitedError{RetryAfter: 10}
	id := f.posting(t)
	for _, u := range users {
		f.enqueue(t, postingNotice(u, id))
	}
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d while the channel was told to wait", got)
	}
	f.plat.mu.Lock()
	f.plat.answer = map[string]error{}
	f.plat.mu.Unlock()
	f.clock.Advance(9 * time.Second)
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d before retry_after", got)
	}
	f.clock.Advance(time.Second)
	if got := f.drain(t); got != 3 {
		t.Fatalf("after retry_after sent %d, want 3", got)
	}
}

// The send rate paces a broadcast on the injected clock.
func TestRatePacesABroadcast(t *testing.T) {
	f := newFixtureWith(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), func(o *push.Options) {
		o.Rates = map[gigbot.Channel]float64{gigbot.ChannelTelegram: 2}
	})
	id := f.posting(t)
	for _, w := range []string{"1", "2", "3", "4", "5", "6"} {
		f.enqueue(t, postingNotice(f.worker(t, w), id))
	}
	var sent atomic.Int64
	done := make(chan error, 1)
	go func() {
		n, err := f.pusher.Drain(f.ctx)
		sent.Store(int64(n))
		done <- err
	}()
	ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
	defer cancel()
	// A burst of one second's worth (2), then one every half second.
	for want := 2; want <= 5; want++ {
		if err := f.clock.BlockUntilContext(ctx, 1); err != nil {
			t.Fatalf("drain did not wait for the rate: %v", err)
		}
		if got := len(f.plat.texts()); got != want {
			t.Fatalf("sent %d before waiting, want %d", got, want)
		}
		f.clock.Advance(500 * time.Millisecond)
	}
	select {
	case err := <-done:
		if err != nil || sent.Load() != 6 {
			t.Fatalf("drain: %d, %v", sent.Load(), err)
		}
	case <-ctx.Done():
		t.Fatal("drain never finished")
	}
}

func TestExpireClosesPostingsAndUnindexes(t *testing.T) {
	idx := &unindexer{}
	f := newFixtureWith(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), func(o *push.Options) { o.Index = idx })
	short := gigbot.Posting{Title: "短", Status: gigbot.PostingOpen, ExpiresAt: f.clock.Now().Add(time.Hour)}
	f.db.CreatePosting(f.ctx, &short)
	long := f.posting(t)
	w := f.worker(t, "w")
	quiet := f.workerWith(t, "q", gigbot.Profile{QuietHours: "09:00-12:00"})
	f.enqueue(t, postingNotice(quiet, short.ID))
	f.clock.Advance(2 * time.Hour)
	// Queued after its end (a late match): never pushed.
	f.enqueue(t, postingNotice(w, short.ID))
	if n := f.drain(t); n != 0 {
		t.Fatalf("pushed %d notices of an expired posting", n)
	}
	if n, err := f.pusher.Expire(f.ctx); err != nil || n != 1 {
		t.Fatalf("Expire = %d, %v; want 1", n, err)
	}
	if p, _ := f.db.Posting(f.ctx, short.ID); p.Status != gigbot.PostingClosed {
		t.Fatalf("expired posting is %s", p.Status)
	}
	if p, _ := f.db.Posting(f.ctx, long); p.Status != gigbot.PostingOpen {
		t.Fatalf("open posting is %s", p.Status)
	}
	if len(idx.deleted) != 1 || idx.deleted[0] != short.ID {
		t.Fatalf("unindexed %v", idx.deleted)
	}
}

type unindexer struct{ deleted []int64 }

func (u *unindexer) Delete(_ context.Context, id int64) error {
	u.deleted = append(u.deleted, id)
	return nil
}

func TestFairRemindersSurviveARestart(t *testing.T) {
	f := newFixtureWith(t, time.Date(2026, 11, 26, 12, 0, 0, 0, shanghai), withTemplates(t, 5))
	fair := gigbot.Fair{Title: "河西区招聘会", At: time.Date(2026, 11, 28, 9, 0, 0, 0, shanghai), Venue: "人力资源市场"}
	if err := f.db.CreateFair(f.ctx, &fair); err != nil {
		t.Fatal(err)
	}
	reg := f.worker(t, "reg")
	f.worker(t, "other")
	f.db.RegisterForFair(f.ctx, fair.ID, reg)
	pusher := f.pusher
	if err := pusher.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { pusher.Stop() }()
	// advanceUntil moves the clock a second at a time until cond holds.
	advanceUntil := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s at %v: sent %q", what, f.clock.Now(), f.plat.texts())
			}
			f.clock.Advance(time.Second)
			time.Sleep(2 * time.Millisecond) // let the scheduler's goroutines run
		}
	}
	f.clock.Advance(29*time.Hour + 59*time.Minute + 50*time.Second) // Nov 27 17:59:50
	advanceUntil("eve reminder", func() bool { return len(f.sentTo("reg")) == 1 })
	if now := f.clock.Now(); now.Before(time.Date(2026, 11, 27, 18, 0, 0, 0, shanghai)) {
		t.Fatalf("eve reminder sent at %v, before 18:00", now)
	}
	if got := f.sentTo("reg")[0]; !strings.Contains(got, "明天招聘会") || !strings.Contains(got, "河西区招聘会") {
		t.Fatalf("eve reminder: %q", got)
	}

	// A restart: the jobs are rebuilt from the store, and the reminder just
	// sent is not sent again by the catch-up.
	pusher.Stop()
	pusher = push.New(f.opts)
	if err := pusher.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(13*time.Hour + 29*time.Minute) // Nov 28 07:29:xx
	advanceUntil("day reminder", func() bool { return len(f.sentTo("reg")) == 2 })
	if got := f.sentTo("reg")[1]; !strings.Contains(got, "今天招聘会") {
		t.Fatalf("day reminder: %q", got)
	}
	if n := len(f.sentTo("other")); n != 0 {
		t.Fatalf("a worker who did not register got %d reminders", n)
	}
	// A fair announced while running gets its reminders too.
	next := gigbot.Fair{Title: "南开区招聘会", At: f.clock.Now().Add(3 * time.Hour), Venue: "南开"}
	if err := f.db.CreateFair(f.ctx, &next); err != nil {
		t.Fatal(err)
	}
	f.db.RegisterForFair(f.ctx, next.ID, reg)
	if err := pusher.ScheduleFair(next); err != nil {
		t.Fatal(err)
	}
	// Its morning reminder (07:30) passed minutes ago: caught up at once.
	advanceUntil("late fair's reminder", func() bool { return len(f.sentTo("reg")) == 3 })
	if got := f.sentTo("reg")[2]; !strings.Contains(got, "南开区招聘会") {
		t.Fatalf("late fair's reminder: %q", got)
	}
}
