package wechat

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/internal/logbuf"
	"github.com/gigbot/gigbot/store"
)

// The tests in this package set the SDK's globals through New, so none of
// them runs in parallel.

const (
	testAppID     = "wx0123456789abcdef"
	testAppSecret = "app-secret-0123456789"
	testToken     = "callback-token"
	testAccount   = "gh_0123456789ab" // the Official Account's original id
	testUser      = "oUser_AAAAAAAAAAAAAAAAAAAAAAAA"
	testWait      = 10 * time.Second // how long a test waits for something that should happen
)

// echo is the handler of these tests: it records each message and answers
// "echo <kind>: <text>". When release is set it waits for it to close.
type echo struct {
	mu      sync.Mutex
	msgs    []gigbot.Message
	release chan struct{}
	choices []gigbot.Choice
}

func (e *echo) Handle(ctx context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
	e.mu.Lock()
	e.msgs = append(e.msgs, m)
	release, choices := e.release, e.choices
	e.mu.Unlock()
	if release != nil {
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return []gigbot.Reply{{Text: "echo " + string(m.Kind) + ": " + m.Text, Choices: choices}}, nil
}

func (e *echo) messages() []gigbot.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]gigbot.Message(nil), e.msgs...)
}

// harness is a Channel on httptest with the real SDK, the embedded store
// and a fake WeChat API.
type harness struct {
	ch     *Channel
	fake   *fakewechat.Server
	h      *echo
	url    string // the callback URL
	aesKey string // set in safe mode
	logs   *logbuf.Buffer
	db     *store.DB
}

func newHarness(t *testing.T, opt func(*Options)) *harness {
	t.Helper()
	db, err := store.Open(t.Context(), t.TempDir(), nil)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return newHarnessOn(t, db, opt)
}

func newHarnessOn(t *testing.T, db *store.DB, opt func(*Options)) *harness {
	t.Helper()
	hs := &harness{fake: fakewechat.New(t, testAppID, testAppSecret), h: &echo{}, logs: &logbuf.Buffer{}, db: db}
	o := Options{
		AppID:     testAppID,
		AppSecret: testAppSecret,
		Token:     testToken,
		APIBase:   hs.fake.URL(),
		Logger:    slog.New(slog.NewTextHandler(hs.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if opt != nil {
		opt(&o)
	}
	hs.aesKey = o.EncodingAESKey
	// testUser wrote a moment ago, as far as the platform knows; the
	// channel's own record is only kept when Interactions is set.
	hs.fake.Interacted(testUser, time.Now())
	ch, err := New(o, hs.h, db)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	hs.ch = ch
	srv := httptest.NewServer(ch)
	hs.url = srv.URL + "/wechat"
	// Cleanups run last first: stop the server, then wait for late work.
	t.Cleanup(ch.Close)
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("channel log:\n%s", hs.logs.String())
		}
	})
	return hs
}

// post sends a callback as WeChat would: plaintext with a signed URL, or
// encrypted in safe mode.
func (hs *harness) post(t *testing.T, xmlBody []byte) (int, []byte) {
	t.Helper()
	// The platform knows what its users do: the fake learns it from the
	// callbacks (the 48-hour window, unfollows).
	hs.fake.Observe(xmlBody)
	if hs.aesKey == "" {
		return doPost(t, fakewechat.SignedURL(hs.url, testToken), xmlBody)
	}
	body, q, err := fakewechat.Encrypt(hs.aesKey, testAppID, testToken, xmlBody)
	if err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return doPost(t, hs.url+"?"+q.Encode(), body)
}

// reply posts a callback and returns the passive reply's content, "" for
// "success".
func (hs *harness) reply(t *testing.T, xmlBody []byte) string {
	t.Helper()
	status, body := hs.post(t, xmlBody)
	if status != http.StatusOK {
		t.Fatalf("status %d, body %q", status, body)
	}
	if string(body) == "success" {
		return ""
	}
	if hs.aesKey != "" {
		plain, err := fakewechat.DecryptReply(hs.aesKey, testAppID, testToken, body)
		if err != nil {
			t.Fatalf("decrypt reply %q: %v", body, err)
		}
		body = plain
	}
	r, err := fakewechat.ParseReply(body)
	if err != nil {
		t.Fatalf("parse reply %q: %v", body, err)
	}
	if r.MsgType != "text" || r.FromUserName != testAccount || r.ToUserName == "" {
		t.Fatalf("reply header = %+v", r)
	}
	return r.Content
}

func doPost(t *testing.T, u string, body []byte) (int, []byte) {
	t.Helper()
	return do(t, http.MethodPost, u, bytes.NewReader(body))
}

func do(t *testing.T, method, u string, body io.Reader) (int, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), testWait)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// badSignatureURL is a callback URL whose signature does not match.
func badSignatureURL(base string) string {
	q := fakewechat.SignedQuery(testToken)
	q.Set("signature", strings.Repeat("0", 40))
	return base + "?" + q.Encode()
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), testWait)
	t.Cleanup(cancel)
	return ctx
}
