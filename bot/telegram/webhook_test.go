package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/bot/telegram"
	"github.com/gigbot/gigbot/internal/faketelegram"
)

// post sends body to the channel's webhook as Telegram would, with
// secretValue in the secret header unless it is empty.
func post(t testing.TB, h http.Handler, secretValue string, body []byte) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/telegram", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secretValue != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secretValue)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

func mustJSON(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWebhookWithSecretIsHandled(t *testing.T) {
	e := start(t, telegram.ModeWebhook, nil)
	srv := httptest.NewServer(e.ch) // over real HTTP, as mounted by wiring
	defer srv.Close()

	body := mustJSON(t, faketelegram.TextUpdate(1, 42, "hello", "en"))
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/telegram", bytes.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if m := e.next(t); m.Text != "hello" || m.Lang != "en" {
		t.Errorf("handler got %+v", m)
	}
	if sent := e.fake.WaitSent(timeout, 42, 1); sent[0].Text != "echo text: hello" {
		t.Errorf("sent %+v", sent)
	}
}

func TestWebhookWrongSecretIsRefusedAndNotHandled(t *testing.T) {
	e := start(t, telegram.ModeWebhook, nil)
	for name, s := range map[string]string{"missing": "", "wrong": "guess", "prefix": secret[:5]} {
		body := mustJSON(t, faketelegram.TextUpdate(1, 42, "forged "+name, "zh"))
		if code := post(t, e.ch, s, body); code != http.StatusUnauthorized {
			t.Errorf("%s secret: status %d, want 401", name, code)
		}
	}
	// The next message handled is the genuine one: nothing forged got in.
	if code := post(t, e.ch, secret, mustJSON(t, faketelegram.TextUpdate(2, 42, "genuine", "zh"))); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	if m := e.next(t); m.Text != "genuine" {
		t.Errorf("handled %q, want genuine", m.Text)
	}
}

func TestWebhookRetryHandledOnce(t *testing.T) {
	e := start(t, telegram.ModeWebhook, nil)
	body := mustJSON(t, faketelegram.CallbackUpdate(3, 42, "a"))
	for range 2 { // Telegram retries a webhook it thinks failed
		if code := post(t, e.ch, secret, body); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	post(t, e.ch, secret, mustJSON(t, faketelegram.TextUpdate(4, 42, "after", "zh")))
	if m := e.next(t); m.Text != "a" {
		t.Fatalf("got %q", m.Text)
	}
	if m := e.next(t); m.Text != "after" {
		t.Fatalf("got %q, want after: the retry was handled", m.Text)
	}
	e.fake.WaitAnswered(timeout, faketelegram.CallbackQueryID(3))
}

func TestWebhookRefusesBadRequests(t *testing.T) {
	e := start(t, telegram.ModeWebhook, nil)
	big := append([]byte(`{"update_id":1,"message":{"text":"`), bytes.Repeat([]byte("x"), 2<<20)...)
	if code := post(t, e.ch, secret, big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d, want 413", code)
	}
	if code := post(t, e.ch, secret, []byte("not json")); code != http.StatusBadRequest {
		t.Errorf("garbage: status %d, want 400", code)
	}
	rec := httptest.NewRecorder()
	e.ch.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/telegram", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", rec.Code)
	}
}

func TestWebhookNotServedInPollingMode(t *testing.T) {
	_, ch := sender(t) // polling by default
	if code := post(t, ch, secret, mustJSON(t, faketelegram.TextUpdate(1, 42, "x", "zh"))); code != http.StatusNotFound {
		t.Errorf("status %d, want 404", code)
	}
}

// FuzzWebhook posts arbitrary bodies with the right secret: the channel
// must never panic and never answer 5xx.
func FuzzWebhook(f *testing.F) {
	for _, u := range []faketelegram.Update{
		faketelegram.TextUpdate(1, 42, "/start x", "en"),
		faketelegram.LocationUpdate(2, 42, 39.1, 117.2),
		faketelegram.CallbackUpdate(3, 42, "a"),
		faketelegram.BlockedUpdate(4, 42),
		faketelegram.PhotoUpdate(5, 42),
	} {
		f.Add(mustJSON(f, u))
	}
	for _, s := range []string{"", "null", "{}", "[]", `{"update_id":"x"}`, `{"update_id":6,"message":null}`,
		`{"update_id":7,"callback_query":{"id":"q","from":{"id":1},"message":null}}`,
		`{"update_id":8,"my_chat_member":{"chat":{"id":1,"type":"private"},"new_chat_member":{}}}`,
		`{"update_id":9,"message":{"from":{"id":1},"chat":{"id":1,"type":"private"},"text":"/"}}`,
		strings.Repeat("[", 20000)} {
		f.Add([]byte(s))
	}

	fake := faketelegram.New(f, token)
	h := handlerFunc(func(context.Context, gigbot.Message) ([]gigbot.Reply, error) {
		return []gigbot.Reply{{Text: "ok"}}, nil
	})
	ch := newChannel(f, telegram.Options{Token: token, APIBase: fake.URL(), Mode: telegram.ModeWebhook, WebhookSecret: secret}, h)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = ch.Run(ctx) }()
	f.Cleanup(func() { cancel(); <-done })

	f.Fuzz(func(t *testing.T, body []byte) {
		if code := post(t, ch, secret, body); code >= 500 {
			t.Fatalf("status %d for %q", code, body)
		}
	})
}
