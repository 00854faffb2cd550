package bot

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/index"
	"github.com/gigbot/gigbot/internal/logbuf"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/store"
	"github.com/gigbot/gigbot/templates"
)

// shanghai is the service's zone, without depending on the machine's tzdata.
var shanghai = time.FixedZone("CST", 8*3600)

// testStart is a Wednesday morning in Tianjin.
var testStart = time.Date(2026, 11, 25, 10, 0, 0, 0, shanghai)

// staffID and staff2ID are the users the test engine treats as staff.
const (
	staffID  = "staff"
	staff2ID = "staff2"
)

// harness is the engine on the real store, index, matcher and templates
// in a temporary directory, with a fake clock and captured logs.
type harness struct {
	t     testing.TB
	ctx   context.Context
	clock *clockwork.FakeClock
	db    *store.DB
	idx   *index.Index
	m     *matcher.Matcher
	tmpl  *templates.Set
	e     *Engine
	logs  *logbuf.Buffer
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	// Scripted dialogs send many messages at one instant of the fake
	// clock: the message limit is tested on its own (TestMessageLimit).
	return newHarnessWith(t, func(o *Options) { o.MessagesPerMinute = -1 })
}

// newHarnessWith is newHarness with options changed by opt.
func newHarnessWith(t testing.TB, opt func(*Options)) *harness {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	clock := clockwork.NewFakeClockAt(testStart)
	db, err := store.Open(ctx, dir, clock)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	idx, err := index.Open(ctx, filepath.Join(dir, "index"), db.Postings, nil)
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	t.Cleanup(func() { idx.Close() })
	m, err := matcher.Load()
	if err != nil {
		t.Fatalf("load matcher: %v", err)
	}
	tmpl, err := templates.Load()
	if err != nil {
		t.Fatalf("load templates: %v", err)
	}
	logs := &logbuf.Buffer{}
	o := Options{
		Store: db, Index: idx, Matcher: m, Templates: tmpl, Clock: clock, Location: shanghai,
		IsStaff:    func(u gigbot.UserRef) bool { return u.ID == staffID || u.ID == staff2ID },
		StaffUsers: func() []gigbot.UserRef { return []gigbot.UserRef{userRef(staffID), userRef(staff2ID)} },
		Logger:     slog.New(slog.NewTextHandler(logs, nil)),
	}
	opt(&o)
	e := New(o)
	return &harness{t: t, ctx: ctx, clock: clock, db: db, idx: idx, m: m, tmpl: tmpl, e: e, logs: logs}
}

func userRef(id string) gigbot.UserRef {
	return gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: id}
}

// handle sends m and fails the test on an error.
func (h *harness) handle(m gigbot.Message) []gigbot.Reply {
	h.t.Helper()
	if m.Kind == "" {
		m.Kind = gigbot.MessageText
	}
	replies, err := h.e.Handle(h.ctx, m)
	if err != nil {
		h.t.Fatalf("Handle(%s %q): %v", m.Kind, m.Text, err)
	}
	return replies
}

// send sends a text message and returns the one reply.
func (h *harness) send(id, text string) gigbot.Reply {
	h.t.Helper()
	return h.one(gigbot.Message{User: userRef(id), Kind: gigbot.MessageText, Text: text})
}

// one sends m and returns its one reply.
func (h *harness) one(m gigbot.Message) gigbot.Reply {
	h.t.Helper()
	replies := h.handle(m)
	if len(replies) != 1 || strings.TrimSpace(replies[0].Text) == "" {
		h.t.Fatalf("%s %q: want one non-empty reply, got %#v", m.Kind, m.Text, replies)
	}
	return replies[0]
}

func (h *harness) conv(id string) gigbot.Conversation {
	h.t.Helper()
	c, err := h.db.Conversation(h.ctx, userRef(id))
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func (h *harness) step(id string) string { return h.conv(id).Step }

// worker returns the saved worker, or nil.
func (h *harness) worker(id string) *gigbot.Worker {
	h.t.Helper()
	w, err := h.db.Worker(h.ctx, userRef(id))
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
		return nil
	} else if err != nil {
		h.t.Fatal(err)
	}
	return w
}

// text renders a template in zh, as the engine would.
func (h *harness) text(name string, data any) string {
	h.t.Helper()
	s, err := h.tmpl.Render("zh", name, data)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// onboard signs a worker up with the given answers and confirms.
func (h *harness) onboard(id string, answers ...string) *gigbot.Worker {
	h.t.Helper()
	h.send(id, "你好")
	for _, a := range answers {
		h.send(id, a)
	}
	if got := h.step(id); got != stepConfirm {
		h.t.Fatalf("onboard %s %v: at step %q, want the summary", id, answers, got)
	}
	h.send(id, "确认")
	w := h.worker(id)
	if w == nil || !w.Onboarded {
		h.t.Fatalf("onboard %s: worker not saved: %+v", id, w)
	}
	return w
}

// due returns the notices due now.
func (h *harness) due() []gigbot.Notice {
	h.t.Helper()
	ns, err := h.db.DueNotices(h.ctx, h.clock.Now(), 1000)
	if err != nil {
		h.t.Fatal(err)
	}
	return ns
}

// dueFor returns the notices due now for one user.
func (h *harness) dueFor(id string) []gigbot.Notice {
	var out []gigbot.Notice
	for _, n := range h.due() {
		if n.To == userRef(id) {
			out = append(out, n)
		}
	}
	return out
}
