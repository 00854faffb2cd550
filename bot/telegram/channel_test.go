package telegram_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/bot/telegram"
	"github.com/gigbot/gigbot/internal/faketelegram"
	"github.com/gigbot/gigbot/store"
)

const (
	token   = "123456:TEST-token_abcDEF"
	secret  = "webhook-s3cret"
	timeout = 10 * time.Second
)

// handlerFunc adapts a function to gigbot.Handler.
type handlerFunc func(ctx context.Context, m gigbot.Message) ([]gigbot.Reply, error)

func (f handlerFunc) Handle(ctx context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
	return f(ctx, m)
}

// echo records each message on got and answers with its kind and text and
// two choices.
func echo(got chan<- gigbot.Message) gigbot.Handler {
	return handlerFunc(func(_ context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
		got <- m
		return []gigbot.Reply{{
			Text:    fmt.Sprintf("echo %s: %s", m.Kind, m.Text),
			Choices: []gigbot.Choice{{Label: "A", Value: "a"}, {Label: "B", Value: "b"}},
		}}, nil
	})
}

type env struct {
	fake *faketelegram.Server
	ch   *telegram.Channel
	got  chan gigbot.Message
}

// start runs a Channel in mode against a fake Bot API, with the real
// embedded store as its CallbackLog. A nil h means echo. The channel is
// stopped, and must stop, when the test ends.
func start(t *testing.T, mode string, h gigbot.Handler) *env {
	t.Helper()
	e := &env{fake: faketelegram.New(t, token), got: make(chan gigbot.Message, 100)}
	if h == nil {
		h = echo(e.got)
	}
	e.ch = newChannel(t, telegram.Options{Token: token, APIBase: e.fake.URL(), Mode: mode, WebhookSecret: secret}, h)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.ch.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(timeout):
			t.Errorf("Run did not return after its context ended")
		}
	})
	return e
}

func newChannel(t testing.TB, o telegram.Options, h gigbot.Handler) *telegram.Channel {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	o.Logger = testLogger(t)
	ch, err := telegram.New(ctx, o, h, db)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return ch
}

// testLogger shows the channel's logs with -v.
func testLogger(testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// next waits for the handler's next message.
func (e *env) next(t *testing.T) gigbot.Message {
	t.Helper()
	select {
	case m := <-e.got:
		return m
	case <-time.After(timeout):
		t.Fatalf("handler got no message within %v", timeout)
		return gigbot.Message{}
	}
}

func user(id int64) gigbot.UserRef {
	return gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.FormatInt(id, 10)}
}

func TestPollingTextGetsReplyWithInlineKeyboard(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	e.fake.PushUpdate(faketelegram.TextUpdate(1, 42, "找工作 保洁", "zh-hans"))

	m := e.next(t)
	if m.User != user(42) || m.Kind != gigbot.MessageText || m.Text != "找工作 保洁" || m.Lang != "zh" || m.At.IsZero() {
		t.Errorf("handler got %+v", m)
	}
	sent := e.fake.WaitSent(timeout, 42, 1)
	want := [][]faketelegram.Button{{{Text: "A", Data: "a"}, {Text: "B", Data: "b"}}}
	if sent[0].Text != "echo text: 找工作 保洁" || fmt.Sprint(sent[0].Buttons) != fmt.Sprint(want) {
		t.Errorf("sent %+v, want keyboard %v", sent[0], want)
	}
}

func TestPollingHonoursAPIBase(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	e.fake.PushUpdate(faketelegram.TextUpdate(1, 42, "hi", "en"))
	e.next(t)
	e.fake.WaitSent(timeout, 42, 1)
	// The fake is reachable only through api_base, so every call landed
	// there: getMe at New, deleteWebhook before polling, then getUpdates.
	for _, method := range []string{"getMe", "deleteWebhook", "getUpdates", "sendMessage"} {
		if e.fake.Calls(method) == 0 {
			t.Errorf("no %s call reached api_base", method)
		}
	}
}

func TestPollingMapsUpdates(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	tests := []struct {
		name   string
		update faketelegram.Update
		want   gigbot.Message // User and At are checked separately
	}{
		{"start", faketelegram.StartUpdate(1, 11, "zh-hans"), gigbot.Message{Kind: gigbot.MessageSubscribe, Lang: "zh"}},
		{"other command", faketelegram.TextUpdate(2, 12, "/help@gigbot_test_bot now", "en"), gigbot.Message{Kind: gigbot.MessageText, Text: "help now", Lang: "en"}},
		{"location", faketelegram.LocationUpdate(3, 13, 39.09, 117.22), gigbot.Message{Kind: gigbot.MessageLocation, Point: gigbot.Point{Lat: 39.09, Lon: 117.22}, Lang: "zh"}},
		{"callback", faketelegram.CallbackUpdate(4, 14, "skill:保洁"), gigbot.Message{Kind: gigbot.MessageText, Text: "skill:保洁", Lang: "zh"}},
		{"voice", faketelegram.VoiceUpdate(5, 15), gigbot.Message{Kind: gigbot.MessageImage, Lang: "zh"}},
		{"photo", faketelegram.PhotoUpdate(6, 16), gigbot.Message{Kind: gigbot.MessageImage, Lang: "zh"}},
		{"blocked", faketelegram.BlockedUpdate(7, 17), gigbot.Message{Kind: gigbot.MessageUnsubscribe, Lang: "zh"}},
		{"english", faketelegram.TextUpdate(8, 18, "hello", "en-US"), gigbot.Message{Kind: gigbot.MessageText, Text: "hello", Lang: "en"}},
		{"traditional chinese", faketelegram.TextUpdate(9, 19, "你好", "zh-TW"), gigbot.Message{Kind: gigbot.MessageText, Text: "你好", Lang: "zh"}},
		{"no language", faketelegram.TextUpdate(10, 20, "你好", ""), gigbot.Message{Kind: gigbot.MessageText, Text: "你好", Lang: "zh"}},
		{"other language", faketelegram.TextUpdate(11, 21, "привет", "ru"), gigbot.Message{Kind: gigbot.MessageText, Text: "привет", Lang: "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.fake.PushUpdate(tt.update)
			m := e.next(t)
			userID := tt.update.UpdateID + 10
			if m.User != user(userID) || m.At.IsZero() {
				t.Errorf("user %v at %v, want %v", m.User, m.At, user(userID))
			}
			m.User, m.At = gigbot.UserRef{}, time.Time{}
			if m != tt.want {
				t.Errorf("got %+v, want %+v", m, tt.want)
			}
		})
	}
}

func TestPollingIgnoresGroupsAndEdits(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	e.fake.PushUpdates(
		`{"update_id":1,"message":{"message_id":1,"date":1,"from":{"id":30,"is_bot":false,"first_name":"u"},"chat":{"id":-100,"type":"group"},"text":"in a group"}}`,
		`{"update_id":2,"edited_message":{"message_id":2,"date":1,"from":{"id":30,"is_bot":false,"first_name":"u"},"chat":{"id":30,"type":"private"},"text":"edited"}}`,
		faketelegram.TextUpdate(3, 30, "private", "zh"))
	if m := e.next(t); m.Text != "private" {
		t.Errorf("handled %q, want only the private message", m.Text)
	}
	if sent := e.fake.WaitSent(timeout, 30, 1); len(e.fake.Sent()) != 1 {
		t.Errorf("sent %+v", sent)
	}
}

func TestPollingCallbackIsAnswered(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	e.fake.PushUpdate(faketelegram.CallbackUpdate(5, 42, "a"))
	if m := e.next(t); m.Text != "a" {
		t.Errorf("handler got %q, want the button's value", m.Text)
	}
	e.fake.WaitAnswered(timeout, faketelegram.CallbackQueryID(5))
}

func TestPollingDuplicateUpdateHandledOnce(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	dup := faketelegram.TextUpdate(7, 42, "first", "zh")
	// One getUpdates answer holding the same update twice, as Telegram
	// redelivers unconfirmed updates after a restart.
	e.fake.PushUpdates(dup, dup, faketelegram.TextUpdate(8, 42, "second", "zh"))

	if m := e.next(t); m.Text != "first" {
		t.Fatalf("got %q, want first", m.Text)
	}
	// One user's updates are handled in order, so a handled duplicate
	// would arrive before "second".
	if m := e.next(t); m.Text != "second" {
		t.Fatalf("got %q, want second: the duplicate was handled", m.Text)
	}
	e.fake.WaitSent(timeout, 42, 2)
	if n := len(e.fake.SentTo(42)); n != 2 {
		t.Errorf("%d replies, want 2", n)
	}
}

func TestPollingKeepsOrderPerUserWithoutBlockingOthers(t *testing.T) {
	got := make(chan gigbot.Message, 100)
	release := make(chan struct{})
	h := handlerFunc(func(ctx context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
		got <- m
		if m.User == user(7) && m.Text == "0" {
			// Hold user 7's first message until user 8 has been served.
			select {
			case <-release:
			case <-ctx.Done():
			}
		}
		return nil, nil
	})
	e := start(t, telegram.ModePolling, h)
	e.got = got
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock) // runs before the channel stops, even on failure

	const n = 20
	var us []any
	for i := range n {
		us = append(us, faketelegram.TextUpdate(int64(100+i), 7, strconv.Itoa(i), "zh"))
	}
	us = append(us, faketelegram.TextUpdate(200, 8, "other", "zh"))
	e.fake.PushUpdates(us...)

	// User 8 is served while user 7's first message is held, and none of
	// user 7's later messages overtakes it.
	var seq []string
	for other := false; !other || len(seq) == 0; {
		m := e.next(t)
		if m.User == user(8) {
			other = true
			continue
		}
		seq = append(seq, m.Text)
	}
	if len(seq) != 1 || seq[0] != "0" {
		t.Fatalf("user 7's messages %v handled while the first was held", seq)
	}
	unblock()
	for len(seq) < n {
		seq = append(seq, e.next(t).Text)
	}
	for i, s := range seq {
		if s != strconv.Itoa(i) {
			t.Fatalf("user 7's messages arrived as %v", seq)
		}
	}
}

func TestReplyWaitsOutFloodControlOnce(t *testing.T) {
	e := start(t, telegram.ModePolling, nil)
	e.fake.RateLimitNext(1, 0)
	e.fake.PushUpdate(faketelegram.TextUpdate(1, 42, "hi", "en"))
	e.next(t)
	if sent := e.fake.WaitSent(timeout, 42, 1); sent[0].Text != "echo text: hi" {
		t.Errorf("sent %+v", sent)
	}
}

func TestNewRefusesWrongToken(t *testing.T) {
	fake := faketelegram.New(t, token)
	db, err := store.Open(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = telegram.New(context.Background(), telegram.Options{Token: "999:wrong", APIBase: fake.URL()}, echo(nil), db)
	if err == nil {
		t.Fatal("New accepted a token the API refuses")
	}
}

func TestNewValidatesOptions(t *testing.T) {
	db, err := store.Open(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for name, o := range map[string]telegram.Options{
		"no token":          {APIBase: "http://127.0.0.1:1"},
		"unknown mode":      {Token: token, APIBase: "http://127.0.0.1:1", Mode: "push"},
		"webhook no secret": {Token: token, APIBase: "http://127.0.0.1:1", Mode: telegram.ModeWebhook},
	} {
		if _, err := telegram.New(context.Background(), o, echo(nil), db); err == nil {
			t.Errorf("%s: New accepted %+v", name, o)
		}
	}
}
