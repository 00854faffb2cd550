package main

import (
	"context"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/internal/faketelegram"
	"github.com/gigbot/gigbot/store"
)

// The delivery tests run the whole app in-process on a fake clock: the real
// wiring, the real store and index in a temp dir, the HTTP server on a
// loopback port, Telegram through the real SDK against the fake Bot API.
// Time moves only when a test says so; what counts is what the fake
// platform received.

var cst = time.FixedZone("CST", 8*3600) // Asia/Shanghai without tzdata

// liveApp is one run of the app on a data dir; stop it and start another
// on the same dir and clock to restart.
type liveApp struct {
	t      *testing.T
	cfg    config.Config
	clock  *clockwork.FakeClock
	tg     *faketelegram.Server
	app    *app
	cancel context.CancelFunc
	done   chan error
}

func deliveryConfig(t *testing.T, tg *faketelegram.Server) config.Config {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.HTTP.Listen = "127.0.0.1:0"
	cfg.Telegram.Enabled = true
	cfg.Telegram.Token = tgToken
	cfg.Telegram.APIBase = tg.URL()
	cfg.Push.Tick = time.Second
	// Pacing runs on the injected clock; these tests move it by hand.
	cfg.Push.Rate = config.Rate{}
	return cfg
}

// seedWorkers writes workers into the data dir before the app starts, as
// if they had onboarded earlier.
func seedWorkers(t *testing.T, cfg config.Config, clock gigbot.Clock, ws ...gigbot.Worker) {
	t.Helper()
	db, err := store.Open(context.Background(), cfg.DataDir, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range ws {
		ws[i].Onboarded = true
		if err := db.SaveWorker(context.Background(), &ws[i]); err != nil {
			t.Fatal(err)
		}
	}
}

func startLive(t *testing.T, cfg config.Config, clock *clockwork.FakeClock, tg *faketelegram.Server) *liveApp {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a, err := newApp(ctx, cfg, appOptions{clock: clock, shutdownGrace: time.Second})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		cancel()
		a.close()
		t.Fatal(err)
	}
	l := &liveApp{t: t, cfg: cfg, clock: clock, tg: tg, app: a, cancel: cancel, done: make(chan error, 1)}
	go func() { l.done <- a.serve(ctx, ln) }()
	t.Cleanup(l.stop)
	return l
}

func (l *liveApp) stop() {
	if l.app == nil {
		return
	}
	l.cancel()
	select {
	case err := <-l.done:
		if err != nil {
			l.t.Errorf("serve: %v", err)
		}
	case <-time.After(waitTimeout):
		l.t.Error("serve did not stop")
	}
	l.app.close()
	l.app = nil
}

// jump moves the clock to at and drains, as the next tick would.
func (l *liveApp) jump(at time.Time) {
	l.t.Helper()
	if d := at.Sub(l.clock.Now()); d > 0 {
		l.clock.Advance(d)
	}
	if _, err := l.app.pusher.Drain(context.Background()); err != nil {
		l.t.Fatal(err)
	}
}

// texts are the messages the fake Bot API accepted for a user.
func (l *liveApp) texts(user int64) []string {
	var out []string
	for _, m := range l.tg.SentTo(user) {
		out = append(out, m.Text)
	}
	return out
}

func (l *liveApp) wantTexts(what string, user int64, n int, wants ...string) []string {
	l.t.Helper()
	got := l.texts(user)
	if len(got) != n {
		l.t.Fatalf("%s: user %d got %d messages, want %d: %q", what, user, len(got), n, got)
	}
	for _, w := range wants {
		if n == 0 || !strings.Contains(got[n-1], w) {
			l.t.Fatalf("%s: last message to %d lacks %q: %q", what, user, w, got)
		}
	}
	return got
}

// publish opens a posting as an employer would and queues its notices.
func (l *liveApp) publish(title string, pay int, expires time.Time) gigbot.Posting {
	l.t.Helper()
	p := gigbot.Posting{
		Employer: gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "42"},
		Title:    title, Skills: []string{"cleaner"}, Place: gigbot.Place{District: "河西区"},
		Pay: gigbot.Pay{Min: pay, Max: pay, Unit: gigbot.PayDay}, ExpiresAt: expires,
	}
	if _, err := l.app.engine.Publish(context.Background(), &p); err != nil {
		l.t.Fatal(err)
	}
	return p
}

func cleaner(id int64, p gigbot.Profile) gigbot.Worker {
	p.Skills, p.District = []string{"cleaner"}, "河西区"
	return gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.FormatInt(id, 10)}, Profile: p}
}

func TestDeliveryQuietHoursAndCaps(t *testing.T) {
	tg := faketelegram.New(t, tgToken)
	cfg := deliveryConfig(t, tg)
	cfg.Push.DailyCap = 2
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 25, 22, 0, 0, 0, cst))
	const plain, night, capped, noon = 1001, 1002, 1003, 1004
	seedWorkers(t, cfg, clock,
		cleaner(plain, gigbot.Profile{}),                         // default 21:00-07:00, cap 2
		cleaner(night, gigbot.Profile{QuietHours: "off"}),        // no quiet hours
		cleaner(capped, gigbot.Profile{DailyCap: 1}),             // own cap
		cleaner(noon, gigbot.Profile{QuietHours: "12:00-13:00"}), // own window instead of the default
	)
	l := startLive(t, cfg, clock, tg)

	l.publish("夜班保洁", 150, time.Time{})
	l.jump(clock.Now())
	l.wantTexts("22:00, default quiet hours", plain, 0)
	l.wantTexts("22:00, quiet hours off", night, 1, "夜班保洁")
	l.wantTexts("22:00, default quiet hours", capped, 0)
	l.wantTexts("22:00, own window is at noon", noon, 1, "夜班保洁")

	l.jump(time.Date(2026, 11, 26, 6, 59, 0, 0, cst))
	l.wantTexts("06:59", plain, 0)
	l.jump(time.Date(2026, 11, 26, 7, 0, 0, 0, cst))
	l.wantTexts("07:00, quiet hours over", plain, 1, "夜班保洁")
	l.wantTexts("07:00, quiet hours over", capped, 1, "夜班保洁")

	// Published inside noon's own window (the scheduler drains on its own
	// too, so nothing may depend on when it does).
	l.jump(time.Date(2026, 11, 26, 12, 10, 0, 0, cst))
	l.publish("商场保洁", 160, time.Time{})
	l.publish("小区保洁", 170, time.Time{})
	l.jump(time.Date(2026, 11, 26, 12, 30, 0, 0, cst))
	l.wantTexts("daily cap 2", plain, 2, "商场保洁")
	l.wantTexts("own cap 1 reached", capped, 1)
	l.wantTexts("daily cap 2 (one sent yesterday)", night, 3)
	l.wantTexts("in own quiet window", noon, 1)
	l.jump(time.Date(2026, 11, 26, 13, 0, 0, 0, cst))
	l.wantTexts("own quiet window over", noon, 3, "小区保洁")
	l.jump(time.Date(2026, 11, 26, 23, 0, 0, 0, cst))
	l.wantTexts("cap holds all day", plain, 2)

	l.jump(time.Date(2026, 11, 27, 7, 0, 0, 0, cst))
	l.wantTexts("next day", plain, 3, "小区保洁")
	l.wantTexts("next day", capped, 2, "商场保洁")
	// The cap bounds what is written, not only what is sent: 小区保洁 came
	// after capped's one notice of the 26th was written, so it never will be.
	l.jump(time.Date(2026, 11, 28, 7, 0, 0, 0, cst))
	l.wantTexts("day after: never written past the cap", capped, 2)
}

func TestDeliveryDigestExpiryAndClosing(t *testing.T) {
	tg := faketelegram.New(t, tgToken)
	cfg := deliveryConfig(t, tg)
	cfg.Push.DailyCap = 5 // room for all five postings: caps are the other test's
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 25, 10, 0, 0, 0, cst))
	const instant, digest, late = 2001, 2002, 2003
	seedWorkers(t, cfg, clock,
		cleaner(instant, gigbot.Profile{}),
		cleaner(digest, gigbot.Profile{Delivery: gigbot.DeliveryDigest, DigestAt: "19:30"}),
		cleaner(late, gigbot.Profile{QuietHours: "09:00-16:00"}),
	)
	l := startLive(t, cfg, clock, tg)

	day := func(h, m int) time.Time { return time.Date(2026, 11, 25, h, m, 0, 0, cst) }
	l.publish("写字楼保洁", 150, time.Time{})
	closed := l.publish("酒店保洁", 160, time.Time{})
	expiring := l.publish("展会保洁", 170, day(15, 0))
	l.publish("医院保洁", 180, time.Time{})
	l.publish("学校保洁", 190, time.Time{})
	l.jump(clock.Now())
	l.wantTexts("instant worker", instant, 5)
	l.wantTexts("digest worker before the digest", digest, 0)
	l.wantTexts("quiet until 16:00", late, 0)

	// The employer closes one (招满了); another passes its end at 15:00.
	if err := l.app.store.SetPostingStatus(context.Background(), closed.ID, gigbot.PostingClosed); err != nil {
		t.Fatal(err)
	}
	l.jump(day(16, 0))
	got := l.wantTexts("after quiet hours", late, 3)
	for _, text := range got {
		if strings.Contains(text, "酒店保洁") || strings.Contains(text, "展会保洁") {
			t.Fatalf("closed or expired posting pushed: %q", text)
		}
	}
	// The expiry job (every few minutes) closes it in the store and index.
	clock.Advance(6 * time.Minute)
	waitUntil(t, "expiry job", func() bool {
		p, err := l.app.store.Posting(context.Background(), expiring.ID)
		return err == nil && p.Status == gigbot.PostingClosed
	})
	// The job closes the posting in the store first, then takes it out of
	// the index: wait for the second step too.
	waitUntil(t, "expired posting out of the index", func() bool {
		ids, err := l.app.index.Search(context.Background(), gigbot.SearchQuery{Text: "展会保洁", OpenAt: day(10, 0)})
		if err != nil {
			t.Fatal(err)
		}
		return !slices.Contains(ids, expiring.ID)
	})

	l.jump(day(19, 29))
	l.wantTexts("digest worker at 19:29", digest, 0)
	l.jump(day(19, 30))
	got = l.wantTexts("digest", digest, 1, "写字楼保洁", "医院保洁", "学校保洁")
	if strings.Contains(got[0], "酒店保洁") || strings.Contains(got[0], "展会保洁") {
		t.Fatalf("digest lists a closed or expired posting: %q", got[0])
	}
	pending, err := l.app.store.PendingFor(context.Background(), gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.Itoa(digest)})
	if err != nil || len(pending) != 0 {
		t.Fatalf("after the digest %d notices pending (%v)", len(pending), err)
	}
	l.jump(day(23, 0))
	l.jump(time.Date(2026, 11, 26, 19, 30, 0, 0, cst))
	l.wantTexts("no second digest without news", digest, 1)
}

func TestDeliveryFairReminders(t *testing.T) {
	tg := faketelegram.New(t, tgToken)
	cfg := deliveryConfig(t, tg)
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 25, 10, 0, 0, 0, cst))
	const registered, other = 3001, 3002
	seedWorkers(t, cfg, clock, cleaner(registered, gigbot.Profile{}), cleaner(other, gigbot.Profile{}))
	l := startLive(t, cfg, clock, tg)

	fair := gigbot.Fair{Title: "河西区冬季招聘会", At: time.Date(2026, 11, 27, 9, 0, 0, 0, cst), Venue: "河西区人力资源市场",
		CreatedBy: gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "7"}}
	if _, err := l.app.engine.AnnounceFair(context.Background(), &fair); err != nil {
		t.Fatal(err)
	}
	l.jump(clock.Now())
	l.wantTexts("announcement", registered, 1, "河西区冬季招聘会")
	l.wantTexts("announcement", other, 1, "河西区冬季招聘会")
	// 报名 (the dialog's command drives the same store call).
	if _, err := l.app.store.RegisterForFair(context.Background(), fair.ID, cleaner(registered, gigbot.Profile{}).User); err != nil {
		t.Fatal(err)
	}

	// The hook a new fair goes through (the fair-sync job would pick it up
	// within a tick anyway).
	if err := l.app.pusher.ScheduleFair(fair); err != nil {
		t.Fatal(err)
	}
	l.jump(time.Date(2026, 11, 26, 17, 59, 0, 0, cst))
	l.wantTexts("before the eve reminder", registered, 1)
	clock.Advance(time.Minute) // 18:00: the one-time job queues and kicks a drain
	waitUntil(t, "eve reminder", func() bool { return len(l.texts(registered)) == 2 })
	l.wantTexts("eve reminder", registered, 2, "明天招聘会", "河西区冬季招聘会")

	// Restart at 19:00: the reminder jobs come back from the store, and the
	// eve reminder is not sent again.
	l.stop()
	clock.Advance(time.Hour)
	l = startLive(t, cfg, clock, tg)
	l.jump(clock.Now())
	l.jump(time.Date(2026, 11, 27, 7, 29, 0, 0, cst))
	l.wantTexts("after restart", registered, 2)
	clock.Advance(time.Minute) // 07:30
	waitUntil(t, "morning reminder", func() bool { return len(l.texts(registered)) == 3 })
	l.wantTexts("morning reminder", registered, 3, "今天招聘会")
	l.wantTexts("not registered", other, 1)
	l.jump(time.Date(2026, 11, 27, 12, 0, 0, 0, cst))
	l.wantTexts("nothing more", registered, 3)
}

// waitUntil polls cond in real time: the scheduler's jobs run on their
// own goroutines after the fake clock moves.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: timed out", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
