package wechat

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/fakewechat"
)

func TestVerifyURL(t *testing.T) {
	hs := newHarness(t, nil)
	q := fakewechat.SignedQuery(testToken)
	q.Set("echostr", "4711829946583475")
	status, body := do(t, http.MethodGet, hs.url+"?"+q.Encode(), nil)
	if status != http.StatusOK || string(body) != "4711829946583475" {
		t.Fatalf("verify: status %d body %q, want 200 and the echostr", status, body)
	}

	q.Set("signature", strings.Repeat("a", 40))
	status, body = do(t, http.MethodGet, hs.url+"?"+q.Encode(), nil)
	if status != http.StatusForbidden || strings.Contains(string(body), "4711829946583475") {
		t.Fatalf("bad signature: status %d body %q, want 403 without the echostr", status, body)
	}
}

func TestPlaintextTextReply(t *testing.T) {
	hs := newHarness(t, func(o *Options) {})
	hs.h.choices = []gigbot.Choice{{Label: "confirm", Value: "yes"}, {Label: "change", Value: "edit"}}
	got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, "我会电焊", 1001, 1700000000))
	want := "echo text: 我会电焊\n1. confirm\n2. change"
	if got != want {
		t.Fatalf("reply = %q, want %q", got, want)
	}
	msgs := hs.h.messages()
	if len(msgs) != 1 {
		t.Fatalf("handler called %d times", len(msgs))
	}
	m := msgs[0]
	wantUser := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: testUser}
	if m.User != wantUser || m.Kind != gigbot.MessageText || m.Text != "我会电焊" || m.Lang != "zh" ||
		!m.At.Equal(time.Unix(1700000000, 0)) {
		t.Fatalf("message = %+v", m)
	}
}

func TestSafeModeRoundTrip(t *testing.T) {
	key := fakewechat.NewEncodingAESKey()
	hs := newHarness(t, func(o *Options) { o.EncodingAESKey = key })
	got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, "找工作 保洁", 2001, 1700000001))
	if got != "echo text: 找工作 保洁" {
		t.Fatalf("reply = %q", got)
	}

	// A retry gets "success" in safe mode too, not an encrypted empty message.
	if got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, "找工作 保洁", 2001, 1700000001)); got != "" {
		t.Fatalf("retry reply = %q, want success", got)
	}

	// Forged bodies: a wrong msg_signature, and plaintext on a safe-mode account.
	body, q, err := fakewechat.Encrypt(key, testAppID, testToken, fakewechat.TextXML(testAccount, testUser, "x", 2002, 1700000002))
	if err != nil {
		t.Fatal(err)
	}
	q.Set("msg_signature", strings.Repeat("b", 40))
	if status, _ := doPost(t, hs.url+"?"+q.Encode(), body); status != http.StatusForbidden {
		t.Fatalf("bad msg_signature: status %d, want 403", status)
	}
	status, _ := doPost(t, fakewechat.SignedURL(hs.url, testToken), fakewechat.TextXML(testAccount, testUser, "x", 2003, 1700000003))
	if status != http.StatusForbidden {
		t.Fatalf("plaintext in safe mode: status %d, want 403", status)
	}
	// Encrypted for another account: signed right, but it does not decrypt to ours.
	body, q, _ = fakewechat.Encrypt(key, "wxother", testToken, fakewechat.TextXML(testAccount, testUser, "x", 2004, 1700000004))
	if status, _ := doPost(t, hs.url+"?"+q.Encode(), body); status != http.StatusBadRequest {
		t.Fatalf("other appid: status %d, want 400", status)
	}
	if n := len(hs.h.messages()); n != 1 {
		t.Fatalf("handler called %d times, want 1", n)
	}
}

func TestBadSignatureChangesNothing(t *testing.T) {
	hs := newHarness(t, nil)
	msg := fakewechat.TextXML(testAccount, testUser, "hello", 3001, 1700000010)
	status, body := doPost(t, badSignatureURL(hs.url), msg)
	if status != http.StatusForbidden {
		t.Fatalf("status %d body %q, want 403", status, body)
	}
	status, _ = doPost(t, hs.url, msg) // no signature at all
	if status != http.StatusForbidden {
		t.Fatalf("unsigned: status %d, want 403", status)
	}
	if n := len(hs.h.messages()); n != 0 {
		t.Fatalf("handler called %d times, want 0", n)
	}
	// Nothing was claimed either: the genuine callback is handled.
	if got := hs.reply(t, msg); got != "echo text: hello" {
		t.Fatalf("genuine callback after forged one: reply %q", got)
	}
}

func TestRetriedCallbackHandledOnce(t *testing.T) {
	hs := newHarness(t, nil)
	msg := fakewechat.TextXML(testAccount, testUser, "hello", 4001, 1700000020)
	if got := hs.reply(t, msg); got != "echo text: hello" {
		t.Fatalf("first: reply %q", got)
	}
	for range 2 {
		if got := hs.reply(t, msg); got != "" {
			t.Fatalf("retry: reply %q, want success", got)
		}
	}
	ev := fakewechat.EventXML(testAccount, testUser, "subscribe", "", 1700000021)
	if got := hs.reply(t, ev); got != "echo subscribe: " {
		t.Fatalf("event: reply %q", got)
	}
	if got := hs.reply(t, ev); got != "" {
		t.Fatalf("event retry: reply %q, want success", got)
	}
	// Another user's event in the same second is not a retry.
	if got := hs.reply(t, fakewechat.EventXML(testAccount, "oOther", "subscribe", "", 1700000021)); got == "" {
		t.Fatal("other user's event taken for a retry")
	}
	if n := len(hs.h.messages()); n != 3 {
		t.Fatalf("handler called %d times, want 3", n)
	}

	// The keys live in the store: a new channel on it (a restart) still
	// knows the message.
	hs.ch.Close()
	again := newHarnessOn(t, hs.db, nil)
	if got := again.reply(t, msg); got != "" || len(again.h.messages()) != 0 {
		t.Fatalf("after restart: reply %q, handled %d", got, len(again.h.messages()))
	}
}

func TestSlowHandlerRepliesLater(t *testing.T) {
	hs := newHarness(t, func(o *Options) { o.ReplyBudget = 200 * time.Millisecond })
	hs.h.release = make(chan struct{})

	// The handler is held until after the callback is answered, so the
	// answer cannot have waited for it.
	if got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, "slow", 5001, 1700000030)); got != "" {
		t.Fatalf("reply %q, want success", got)
	}
	if n := len(hs.fake.Sent()); n != 0 {
		t.Fatalf("%d messages sent before the handler finished", n)
	}
	close(hs.h.release)
	sent, err := hs.fake.WaitSent(waitCtx(t), 1, testUser)
	if err != nil {
		t.Fatal(err)
	}
	if sent[0].MsgType != "text" || sent[0].Content != "echo text: slow" {
		t.Fatalf("sent %+v", sent[0])
	}
}

func TestCloseWaitsForLateReplies(t *testing.T) {
	hs := newHarness(t, func(o *Options) { o.ReplyBudget = 100 * time.Millisecond })
	hs.h.release = make(chan struct{})
	if got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, "slow", 5101, 1700000031)); got != "" {
		t.Fatalf("reply %q, want success", got)
	}
	close(hs.h.release)
	hs.ch.Close()
	if sent := hs.fake.Sent(); len(sent) != 1 {
		t.Fatalf("after Close: %d messages sent, want 1", len(sent))
	}
	// Closed: callbacks are refused before anything is claimed.
	if status, _ := hs.post(t, fakewechat.TextXML(testAccount, testUser, "late", 5102, 1700000032)); status != http.StatusServiceUnavailable {
		t.Fatalf("after Close: status %d, want 503", status)
	}
}

func TestLongRepliesSplit(t *testing.T) {
	hs := newHarness(t, nil)
	long := strings.Repeat("长", 500) // 1500 bytes; two do not fit one passive reply
	hs.ch.h = gigbot.Handler(handlerFunc(func(m gigbot.Message) []gigbot.Reply {
		return []gigbot.Reply{{Text: long}, {Text: long + "2"}}
	}))
	if got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, "x", 5201, 1700000033)); got != long {
		t.Fatalf("passive reply has %d bytes, want the first reply", len(got))
	}
	sent, err := hs.fake.WaitSent(waitCtx(t), 1, testUser)
	if err != nil || sent[0].Content != long+"2" {
		t.Fatalf("second reply: %v %+v", err, sent)
	}
}

type handlerFunc func(gigbot.Message) []gigbot.Reply

func (f handlerFunc) Handle(_ context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
	return f(m), nil
}

func TestMessageMapping(t *testing.T) {
	hs := newHarness(t, nil)
	const at = 1700000100
	tests := []struct {
		name  string
		xml   []byte
		reply string
		want  *gigbot.Message // nil: not handed to the handler
	}{
		{"location message", fakewechat.LocationXML(testAccount, testUser, 39.0842, 117.2009, "天津市河西区友谊路", 6001, at),
			"echo location: ", &gigbot.Message{Kind: gigbot.MessageLocation, Point: gigbot.Point{Lat: 39.0842, Lon: 117.2009}, Label: "天津市河西区友谊路"}},
		{"location event", fakewechat.LocationEventXML(testAccount, testUser, 39.1, 117.3, at+1),
			"echo location: ", &gigbot.Message{Kind: gigbot.MessageLocation, Point: gigbot.Point{Lat: 39.1, Lon: 117.3}}},
		{"voice", fakewechat.VoiceXML(testAccount, testUser, "我想找保洁的活", 6002, at+2),
			"echo voice: 我想找保洁的活", &gigbot.Message{Kind: gigbot.MessageVoice, Text: "我想找保洁的活"}},
		{"voice not recognised", fakewechat.VoiceXML(testAccount, testUser, "", 6003, at+3),
			"echo voice: ", &gigbot.Message{Kind: gigbot.MessageVoice}},
		{"subscribe", fakewechat.EventXML(testAccount, testUser, "subscribe", "", at+4),
			"echo subscribe: ", &gigbot.Message{Kind: gigbot.MessageSubscribe}},
		{"unsubscribe", fakewechat.EventXML(testAccount, testUser, "unsubscribe", "", at+5),
			"", &gigbot.Message{Kind: gigbot.MessageUnsubscribe}},
		{"menu click", fakewechat.EventXML(testAccount, testUser, "CLICK", "FIND_WORK", at+6),
			"echo click: FIND_WORK", &gigbot.Message{Kind: gigbot.MessageClick, Text: "FIND_WORK"}},
		{"image", fakewechat.ImageXML(testAccount, testUser, "http://mmbiz.example/pic.jpg", 6004, at+7),
			"echo image: ", &gigbot.Message{Kind: gigbot.MessageImage}},
		{"menu view", fakewechat.EventXML(testAccount, testUser, "VIEW", "https://example.com", at+8), "", nil},
		{"link", []byte(`<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[` + testUser +
			`]]></FromUserName><CreateTime>1700000109</CreateTime><MsgType><![CDATA[link]]></MsgType><Title>t</Title><MsgId>6005</MsgId></xml>`), "", nil},
		{"bad location", fakewechat.LocationXML(testAccount, testUser, 123, 500, "", 6006, at+10), "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(hs.h.messages())
			if got := hs.reply(t, tt.xml); got != tt.reply {
				t.Errorf("reply %q, want %q", got, tt.reply)
			}
			msgs := hs.h.messages()[before:]
			if tt.want == nil {
				if len(msgs) != 0 {
					t.Fatalf("handled as %+v, want ignored", msgs[0])
				}
				return
			}
			if len(msgs) != 1 {
				t.Fatalf("handler called %d times", len(msgs))
			}
			got := msgs[0]
			w := *tt.want
			if got.Kind != w.Kind || got.Text != w.Text || got.Point != w.Point || got.Label != w.Label || got.User.ID != testUser {
				t.Fatalf("message %+v, want %+v", got, w)
			}
		})
	}
}

func TestRefusedBodies(t *testing.T) {
	hs := newHarness(t, nil)
	big := append([]byte("<xml><Content>"), bytes.Repeat([]byte("a"), 2<<20)...)
	if status, _ := doPost(t, fakewechat.SignedURL(hs.url, testToken), big); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized: status %d, want 413", status)
	}
	for _, body := range []string{"<xml><MsgType>text", "not xml at all", "", "<other></other>"} {
		if status, _ := doPost(t, fakewechat.SignedURL(hs.url, testToken), []byte(body)); status != http.StatusBadRequest {
			t.Fatalf("body %q: status %d, want 400", body, status)
		}
	}
	if status, _ := do(t, http.MethodPut, fakewechat.SignedURL(hs.url, testToken), nil); status != http.StatusMethodNotAllowed {
		t.Fatalf("PUT: status %d, want 405", status)
	}
	if n := len(hs.h.messages()); n != 0 {
		t.Fatalf("handler called %d times", n)
	}
	if !strings.Contains(hs.logs.String(), "cause=body_too_large") {
		t.Fatalf("no log line naming the cause:\n%s", hs.logs.String())
	}
}

func TestLogsHoldNoPersonalData(t *testing.T) {
	hs := newHarness(t, nil)
	hs.reply(t, fakewechat.TextXML(testAccount, testUser, "电话13812345678", 7001, 1700000200))
	hs.reply(t, fakewechat.LocationXML(testAccount, testUser, 39.0842, 117.2009, "友谊路", 7002, 1700000201))
	doPost(t, badSignatureURL(hs.url), fakewechat.TextXML(testAccount, testUser, "x", 7003, 1700000202))
	logs := hs.logs.String()
	for _, secret := range []string{testUser, "13812345678", "39.0842", "友谊路", testAppSecret} {
		if strings.Contains(logs, secret) {
			t.Fatalf("log holds %q:\n%s", secret, logs)
		}
	}
	if !strings.Contains(logs, "outcome=replied") {
		t.Fatalf("no callback line in the log:\n%s", logs)
	}
}

func TestStoreDownHandlesNothing(t *testing.T) {
	hs := newHarness(t, nil)
	_ = hs.db.Close()
	status, _ := hs.post(t, fakewechat.TextXML(testAccount, testUser, "hello", 8001, 1700000300))
	if status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503 so that WeChat retries", status)
	}
	if n := len(hs.h.messages()); n != 0 {
		t.Fatalf("handler called %d times without dedupe", n)
	}
}

func TestHandlerFailureAnswersSuccess(t *testing.T) {
	hs := newHarness(t, nil)
	hs.ch.h = handlerFunc(func(m gigbot.Message) []gigbot.Reply {
		if m.Text == "panic" {
			panic("engine bug")
		}
		return nil
	})
	for i, text := range []string{"panic", "nothing to say"} {
		if got := hs.reply(t, fakewechat.TextXML(testAccount, testUser, text, int64(8100+i), 1700000400)); got != "" {
			t.Fatalf("%s: reply %q, want success", text, got)
		}
	}
	if !strings.Contains(hs.logs.String(), "wechat handler panicked") {
		t.Fatalf("panic not logged:\n%s", hs.logs.String())
	}
}
