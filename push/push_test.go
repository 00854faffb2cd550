package push_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/push"
	"github.com/gigbot/gigbot/store"
)

var shanghai = time.FixedZone("CST", 8*3600)

// platform stands in for a chat platform: it records what arrives and can
// answer as a platform does (blocked, rate limited, user away).
type platform struct {
	mu     sync.Mutex
	sent   []string // "user:text"
	answer map[string]error
	got    chan struct{}
}

func newPlatform() *platform {
	return &platform{answer: map[string]error{}, got: make(chan struct{}, 100)}
}

func (p *platform) Send(_ context.Context, to gigbot.UserRef, r gigbot.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.answer[to.ID]; err != nil {
		return err
	}
	p.sent = append(p.sent, to.ID+":"+r.Text)
	p.got <- struct{}{}
	return nil
}

func (p *platform) texts() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.sent...)
}

type fixture struct {
	ctx    context.Context
	clock  *clockwork.FakeClock
	db     *store.DB
	plat   *platform
	pusher *push.Pusher
	opts   push.Options
}

func newFixture(t *testing.T, at time.Time, cap int) *fixture {
	t.Helper()
	return newFixtureWith(t, at, func(o *push.Options) { o.DailyCap = cap })
}

// newFixtureWith is newFixture with options changed by edit.
func newFixtureWith(t *testing.T, at time.Time, edit func(*push.Options)) *fixture {
	t.Helper()
	ctx := context.Background()
	clock := clockwork.NewFakeClockAt(at)
	db, err := store.Open(ctx, t.TempDir(), clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	quiet, _ := gigbot.ParseQuietHours("21:00-07:00")
	plat := newPlatform()
	o := push.Options{
		Store: db, Senders: map[gigbot.Channel]gigbot.Sender{gigbot.ChannelTelegram: plat},
		Clock: clock, Location: shanghai, QuietHours: quiet, Tick: time.Second,
	}
	edit(&o)
	p := push.New(o)
	return &fixture{ctx: ctx, clock: clock, db: db, plat: plat, pusher: p, opts: o}
}

func (f *fixture) worker(t *testing.T, id string) gigbot.UserRef {
	t.Helper()
	u := gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: id}
	if err := f.db.SaveWorker(f.ctx, &gigbot.Worker{User: u, Onboarded: true}); err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) posting(t *testing.T) int64 {
	t.Helper()
	p := gigbot.Posting{Title: "保洁", Status: gigbot.PostingOpen, ExpiresAt: f.clock.Now().Add(30 * 24 * time.Hour)}
	if err := f.db.CreatePosting(f.ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func (f *fixture) enqueue(t *testing.T, ns ...gigbot.Notice) int {
	t.Helper()
	for i := range ns {
		ns[i].DueAt = f.clock.Now()
		ns[i].Status = gigbot.NoticePending
	}
	n, err := f.db.Enqueue(f.ctx, ns)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) drain(t *testing.T) int {
	t.Helper()
	n, err := f.pusher.Drain(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func postingNotice(to gigbot.UserRef, id int64) gigbot.Notice {
	return gigbot.Notice{To: to, Kind: gigbot.NoticePosting, PostingID: id, Reply: gigbot.Reply{Text: "posting"}}
}

func TestQuietHoursHoldUntilTheyEnd(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 22, 0, 0, 0, shanghai), 5)
	w := f.worker(t, "1")
	f.enqueue(t, postingNotice(w, f.posting(t)))
	f.enqueue(t, gigbot.Notice{To: w, Kind: gigbot.NoticeMessage, Reply: gigbot.Reply{Text: "reply"}})
	if got := f.drain(t); got != 1 {
		t.Fatalf("in quiet hours sent %d, want only the direct reply", got)
	}
	f.clock.Advance(8*time.Hour + time.Minute) // 06:01: still quiet
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d before quiet hours ended", got)
	}
	f.clock.Advance(time.Hour) // 07:01
	if got := f.drain(t); got != 1 {
		t.Fatalf("after quiet hours sent %d, want 1", got)
	}
}

func TestDailyCapHoldsTheRestForTomorrow(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 2)
	w := f.worker(t, "1")
	for range 3 {
		f.enqueue(t, postingNotice(w, f.posting(t)))
	}
	if got := f.drain(t); got != 2 {
		t.Fatalf("sent %d, want the cap of 2", got)
	}
	f.clock.Advance(4 * time.Hour)
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d more on the same day", got)
	}
	f.clock.Advance(17 * time.Hour) // 07:00 next day
	if got := f.drain(t); got != 1 {
		t.Fatalf("next morning sent %d, want the held one", got)
	}
}

func TestNeverTheSamePostingTwice(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	w := f.worker(t, "1")
	id := f.posting(t)
	if n := f.enqueue(t, postingNotice(w, id), postingNotice(w, id)); n != 1 {
		t.Fatalf("queued %d notices for one posting", n)
	}
	f.drain(t)
	if n := f.enqueue(t, postingNotice(w, id)); n != 0 {
		t.Fatalf("re-queued a sent posting: %d", n)
	}
	f.clock.Advance(time.Minute)
	if got := f.drain(t); got != 0 || len(f.plat.texts()) != 1 {
		t.Fatalf("posting delivered %d times", len(f.plat.texts()))
	}
}

func TestPlatformAnswers(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	away, blocked, limited := f.worker(t, "away"), f.worker(t, "blocked"), f.worker(t, "limited")
	f.plat.answer["away"] = gigbot.Errorf(gigbot.EUNREACHABLE, "away")
	f.plat.answer["blocked"] = gigbot.Errorf(gigbot.EBLOCKED, "blocked")
	f.plat.answer["limited"] = &gigbot.RateLimitedError{RetryAfter: 30}
	id := f.posting(t)
	f.enqueue(t, postingNotice(away, id), postingNotice(blocked, id), postingNotice(limited, id))
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d", got)
	}
	w, err := f.db.Worker(f.ctx, blocked)
	if err != nil || !w.Unsubscribed {
		t.Fatalf("blocked worker not unsubscribed: %+v %v", w, err)
	}
	f.plat.mu.Lock()
	f.plat.answer = map[string]error{}
	f.plat.mu.Unlock()
	f.clock.Advance(20 * time.Second)
	if got := f.drain(t); got != 0 {
		t.Fatalf("rate-limited notice retried before retry_after: %d", got)
	}
	f.clock.Advance(time.Minute)
	got := f.plat.texts()
	if n := f.drain(t); n != 2 {
		t.Fatalf("after waiting sent %d, want away+limited (blocked dropped); before: %v", n, got)
	}
	for _, s := range f.plat.texts() {
		if strings.HasPrefix(s, "blocked:") {
			t.Fatal("pushed to a worker who blocked the bot")
		}
	}
}

func TestStaleNoticesAreDropped(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	paused := f.worker(t, "paused")
	w, _ := f.db.Worker(f.ctx, paused)
	w.Paused = true
	f.db.SaveWorker(f.ctx, w)
	active := f.worker(t, "active")
	closed := f.posting(t)
	f.db.SetPostingStatus(f.ctx, closed, gigbot.PostingClosed)
	f.enqueue(t, postingNotice(paused, f.posting(t)), postingNotice(active, closed))
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d stale notices", got)
	}
	if due, _ := f.db.DueNotices(f.ctx, f.clock.Now().Add(48*time.Hour), 10); len(due) != 0 {
		t.Fatalf("stale notices still pending: %d", len(due))
	}
}

func TestScheduleDrainsEveryTick(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	if err := f.pusher.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	defer f.pusher.Stop()
	w := f.worker(t, "1")
	f.enqueue(t, postingNotice(w, f.posting(t)))
	deadline := time.After(10 * time.Second)
	for {
		f.clock.Advance(time.Second)
		select {
		case <-f.plat.got:
			return
		case <-deadline:
			t.Fatal("the scheduled drain never delivered")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func TestKickDrainsAtOnce(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	if err := f.pusher.Start(f.ctx); err != nil {
		t.Fatal(err)
	}
	defer f.pusher.Stop()
	w := f.worker(t, "1")
	f.enqueue(t, postingNotice(w, f.posting(t)))
	f.pusher.Kick()
	select {
	case <-f.plat.got:
	case <-time.After(10 * time.Second):
		t.Fatal("Kick did not drain")
	}
}

// A user away for a long time loses nothing, and gets it when back.
func TestAwayUserGetsPushesWhenBack(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	w := f.worker(t, "away")
	f.plat.answer["away"] = gigbot.Errorf(gigbot.EUNREACHABLE, "away")
	f.enqueue(t, postingNotice(w, f.posting(t)))
	for range 20 {
		f.drain(t)
		f.clock.Advance(2 * time.Minute)
	}
	f.drain(t) // tried again just now: the next try is a minute away
	pending, err := f.db.PendingFor(f.ctx, w)
	if err != nil || len(pending) != 1 {
		t.Fatalf("after 40 minutes away: %d pending (%v), want the notice kept", len(pending), err)
	}
	f.plat.mu.Lock()
	delete(f.plat.answer, "away")
	f.plat.mu.Unlock()
	f.clock.Advance(time.Second)
	if got := f.drain(t); got != 0 {
		t.Fatalf("sent %d before the retry was due", got)
	}
	if err := f.pusher.Wake(f.ctx, w); err != nil {
		t.Fatal(err)
	}
	if got := f.drain(t); got != 1 {
		t.Fatalf("after Wake sent %d, want 1", got)
	}
}

// cancelOnSend is a platform that accepts the message while the process is
// being stopped: the drain's context ends during the send.
type cancelOnSend struct{ cancel context.CancelFunc }

func (c cancelOnSend) Send(context.Context, gigbot.UserRef, gigbot.Reply) error {
	c.cancel()
	return nil
}

// A notice delivered while the process stops is recorded as sent, so the
// next start does not send it again.
func TestStopDuringSendRecordsTheSend(t *testing.T) {
	f := newFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai), 5)
	w := f.worker(t, "1")
	f.enqueue(t, postingNotice(w, f.posting(t)))
	ctx, cancel := context.WithCancel(f.ctx)
	quiet, _ := gigbot.ParseQuietHours("")
	p := push.New(push.Options{
		Store: f.db, Senders: map[gigbot.Channel]gigbot.Sender{gigbot.ChannelTelegram: cancelOnSend{cancel}},
		Clock: f.clock, Location: shanghai, QuietHours: quiet, Tick: time.Second,
	})
	p.Drain(ctx)
	if pending, err := f.db.PendingFor(f.ctx, w); err != nil || len(pending) != 0 {
		t.Fatalf("delivered notice still pending after a stop mid-send: %d (%v)", len(pending), err)
	}
}
