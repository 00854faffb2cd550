package wechat

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/store"
)

// movingClock is a clock tests set by hand.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movingClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fields words every notice field as "<field> of <kind> <id>".
type fields struct{}

func (fields) NoticeFields(_ context.Context, n gigbot.Notice) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range gigbot.NoticeFieldNames(n.Kind) {
		out[f] = f + " of " + string(n.Kind)
	}
	return out, nil
}

func TestWindowDecidesCustomerOrTemplate(t *testing.T) {
	clock := &movingClock{t: time.Now()}
	returned := make(chan gigbot.UserRef, 4)
	hs := newHarness(t, func(o *Options) {
		o.Clock = clock
		o.Fields = fields{}
		o.Templates = map[gigbot.NoticeKind]Template{
			gigbot.NoticePosting: {ID: "TPL_POSTING", Fields: map[string]string{"first": "title", "keyword1": "pay"}},
		}
		o.OnReturn = func(u gigbot.UserRef) { returned <- u }
	})
	hs.fake.SetClock(clock.Now)
	// Wired like the app: the store is the interaction log and the outbox.
	hs.ch.interactions, hs.ch.notices = hs.db, hs.db

	const user = "oWindowUser"
	to := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: user}
	posting := gigbot.Notice{To: to, Kind: gigbot.NoticePosting, PostingID: 7, Reply: gigbot.Reply{Text: "新活 7"}, DueAt: clock.Now()}
	fair := gigbot.Notice{To: to, Kind: gigbot.NoticeFair, FairID: 3, Reply: gigbot.Reply{Text: "招聘会 3"}, DueAt: clock.Now()}
	ns := []gigbot.Notice{posting, fair}
	if _, err := hs.db.Enqueue(t.Context(), ns); err != nil {
		t.Fatal(err)
	}
	// Held by push, as for a user it could not reach: the channel finds a
	// plain reply's notice among those held.
	for _, n := range ns {
		if err := hs.db.Hold(t.Context(), n.ID, clock.Now(), "unreachable"); err != nil {
			t.Fatal(err)
		}
	}

	// Never wrote: nothing may go as a customer message; the posting goes
	// as a template message, the fair (no template) waits.
	if err := hs.ch.Send(t.Context(), to, posting.Reply); err != nil {
		t.Fatalf("posting outside the window: %v", err)
	}
	if err := hs.ch.Send(t.Context(), to, fair.Reply); gigbot.ErrorCode(err) != gigbot.EUNREACHABLE {
		t.Fatalf("fair outside the window: %v, want EUNREACHABLE", err)
	}
	sent := hs.fake.Sent()
	if len(sent) != 1 || sent[0].MsgType != "template" || sent[0].TemplateID != "TPL_POSTING" ||
		sent[0].Data["first"] != "title of posting" || sent[0].Data["keyword1"] != "pay of posting" {
		t.Fatalf("fake received %+v", sent)
	}

	// The user writes: the window opens, OnReturn fires, and the fair goes
	// as a customer message.
	if got := hs.reply(t, fakewechat.TextXML(testAccount, user, "你好", 901, clock.Now().Unix())); got == "" {
		t.Fatal("no passive reply")
	}
	select {
	case u := <-returned:
		if u != to {
			t.Fatalf("OnReturn(%v)", u)
		}
	case <-time.After(testWait):
		t.Fatal("OnReturn not called")
	}
	if err := hs.ch.Send(t.Context(), to, fair.Reply); err != nil {
		t.Fatalf("fair inside the window: %v", err)
	}
	// A second message inside the window is no return.
	hs.reply(t, fakewechat.TextXML(testAccount, user, "在吗", 902, clock.Now().Unix()))

	// 48 hours later the window is closed again, for us and the fake.
	clock.Add(CustomerWindow)
	if err := hs.ch.Send(t.Context(), to, gigbot.Reply{Text: "late reply"}); gigbot.ErrorCode(err) != gigbot.EUNREACHABLE {
		t.Fatalf("reply outside the window: %v, want EUNREACHABLE", err)
	}
	if got := hs.fake.Sent(); len(got) != 2 || got[1].MsgType != "text" || got[1].Content != "招聘会 3" {
		t.Fatalf("fake received %+v", got)
	}
	if len(returned) != 0 {
		t.Fatal("OnReturn called for a user inside the window")
	}
}

func TestWindowTrustsWeChatOver45015(t *testing.T) {
	clock := &movingClock{t: time.Now()}
	hs := newHarness(t, func(o *Options) {
		o.Clock = clock
		o.Fields = fields{}
		o.Templates = map[gigbot.NoticeKind]Template{gigbot.NoticeFair: {ID: "TPL_FAIR", Fields: map[string]string{"first": "title"}}}
	})
	hs.ch.interactions, hs.ch.notices = hs.db, hs.db
	to := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "oSkewed"}
	// Our record says the user wrote; WeChat never saw it.
	if err := hs.db.RecordInteraction(t.Context(), to, clock.Now()); err != nil {
		t.Fatal(err)
	}
	n := gigbot.Notice{ID: 12, To: to, Kind: gigbot.NoticeFair, FairID: 1, Reply: gigbot.Reply{Text: "fair"}}
	if err := hs.ch.SendNotice(t.Context(), n); err != nil {
		t.Fatalf("SendNotice after 45015: %v", err)
	}
	if got := hs.fake.Sent(); len(got) != 1 || got[0].TemplateID != "TPL_FAIR" {
		t.Fatalf("fake received %+v", got)
	}
}

func TestAccessTokenSharedThroughStore(t *testing.T) {
	db, err := store.Open(t.Context(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	// Two processes on one store and one account.
	a := newHarnessOn(t, db, func(o *Options) { o.Tokens = db })
	b := newHarnessOn(t, db, func(o *Options) { o.Tokens = db })
	b.fake = a.fake
	UseAPIBase(a.fake.URL(), apiTimeout)
	to := testRecipient
	if err := a.ch.Send(t.Context(), to, gigbot.Reply{Text: "from a"}); err != nil {
		t.Fatal(err)
	}
	if err := b.ch.Send(t.Context(), to, gigbot.Reply{Text: "from b"}); err != nil {
		t.Fatal(err)
	}
	if n := a.fake.TokenRequests(); n != 1 {
		t.Fatalf("%d token requests for two processes, want 1 shared", n)
	}
	// The token is refreshed before it expires: a token 4 minutes from
	// its end is not used.
	tok, _, _ := db.AccessToken(t.Context(), "wechat:"+testAppID)
	if err := db.SaveAccessToken(t.Context(), "wechat:"+testAppID, tok, time.Now().Add(4*time.Minute)); err != nil {
		t.Fatal(err)
	}
	c := newTokenHandle(testAppID, testAppSecret, db, time.Now)
	fresh, err := c.GetAccessTokenContext(t.Context())
	if err != nil || fresh == tok || a.fake.TokenRequests() != 2 {
		t.Fatalf("near expiry: got %q (old %q), %d requests, err %v", fresh, tok, a.fake.TokenRequests(), err)
	}
}

func TestSetMenu(t *testing.T) {
	hs := newHarness(t, nil)
	err := hs.ch.SetMenu(t.Context(), []MenuButton{{"找工作", "jobs"}, {"我的资料", "profile"}, {"招聘会", "fairs"}})
	if err != nil {
		t.Fatal(err)
	}
	m := hs.fake.Menu()
	if len(m) != 3 || m[0].Type != "click" || m[0].Name != "找工作" || m[2].Key != "fairs" {
		t.Fatalf("menu = %+v", m)
	}
	if err := hs.ch.SetMenu(t.Context(), make([]MenuButton, 4)); err == nil {
		t.Fatal("4 buttons accepted")
	}
}
