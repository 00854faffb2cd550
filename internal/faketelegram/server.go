// Package faketelegram is a fake Telegram Bot API server for tests. It
// serves /bot<token>/<method> on httptest, accepts requests the way the real
// API does (multipart form, urlencoded form or JSON), enforces the rules a
// bot must live by (token, webhook vs getUpdates, message and callback data
// limits, 429 flood control, 403 for users who blocked the bot) and records
// what the bot sent, so tests assert on what Telegram would see.
package faketelegram

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a fake Bot API server for one bot token.
type Server struct {
	t     testing.TB
	token string
	srv   *httptest.Server

	// closed wakes long polls when the test ends, because httptest.Server.
	// Close waits for every request in flight.
	closed chan struct{}

	mu sync.Mutex
	// changed is closed and replaced on every change of state, waking
	// whoever waits for an update, a send or an answer.
	changed   chan struct{}
	queue     []queuedUpdate
	sent      []SentMessage
	answered  map[string]bool
	calls     map[string]int
	webhook   WebhookInfo
	limited   int // how many more sendMessage calls answer 429
	retry     int // their retry_after
	blocked   map[int64]bool
	messageID int64
}

type queuedUpdate struct {
	id  int64
	raw json.RawMessage
}

// SentMessage is one message the bot sent with sendMessage.
type SentMessage struct {
	ChatID  int64
	Text    string
	Buttons [][]Button // the inline keyboard, row by row; nil without one
}

// Button is one inline keyboard button.
type Button struct {
	Text string
	Data string // callback_data
}

// WebhookInfo is the webhook the bot set with setWebhook.
type WebhookInfo struct {
	URL    string
	Secret string
}

// New starts a fake Bot API server that accepts token and stops it when
// the test ends.
func New(t testing.TB, token string) *Server {
	s := &Server{
		t:        t,
		token:    token,
		closed:   make(chan struct{}),
		changed:  make(chan struct{}),
		answered: map[string]bool{},
		calls:    map[string]int{},
		blocked:  map[int64]bool{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		close(s.closed)
		s.srv.Close()
	})
	return s
}

// URL is the server's base URL, to use as the bot's api_base.
func (s *Server) URL() string { return s.srv.URL }

// PushUpdate queues an update for getUpdates. u is an Update (or any value
// that marshals to an update object) or raw JSON as json.RawMessage, []byte
// or string. The update_id is read from the JSON.
func (s *Server) PushUpdate(u any) { s.PushUpdates(u) }

// PushUpdates queues several updates at once, so that one getUpdates answer
// returns them together (e.g. the same update twice, as after a restart).
func (s *Server) PushUpdates(us ...any) {
	s.t.Helper()
	batch := make([]queuedUpdate, 0, len(us))
	for _, u := range us {
		var raw json.RawMessage
		switch v := u.(type) {
		case json.RawMessage:
			raw = v
		case []byte:
			raw = v
		case string:
			raw = json.RawMessage(v)
		default:
			b, err := json.Marshal(v)
			if err != nil {
				s.t.Fatalf("faketelegram: marshal update: %v", err)
			}
			raw = b
		}
		var head struct {
			UpdateID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			s.t.Fatalf("faketelegram: update is not a JSON object with update_id: %v", err)
		}
		batch = append(batch, queuedUpdate{id: head.UpdateID, raw: raw})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, batch...)
	s.notifyLocked()
}

// RateLimitNext makes the next n sendMessage calls answer 429 Too Many
// Requests with retry_after seconds, as Telegram's flood control does.
func (s *Server) RateLimitNext(n, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limited, s.retry = n, retryAfter
}

// Block makes sendMessage to chatID answer 403 "bot was blocked by the
// user" until Unblock.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock undoes Block.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// Sent returns every message sent so far, in order.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.sent...)
}

// SentTo returns the messages sent to chatID so far, in order.
func (s *Server) SentTo(chatID int64) []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentToLocked(chatID)
}

func (s *Server) sentToLocked(chatID int64) []SentMessage {
	var out []SentMessage
	for _, m := range s.sent {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// WaitSent waits until at least n messages were sent to chatID and returns
// them all. It fails the test after timeout; call it from the test
// goroutine.
func (s *Server) WaitSent(timeout time.Duration, chatID int64, n int) []SentMessage {
	s.t.Helper()
	var got []SentMessage
	if !s.waitFor(timeout, func() bool {
		got = s.sentToLocked(chatID)
		return len(got) >= n
	}) {
		s.t.Fatalf("faketelegram: %d of %d messages to chat %d after %v: %+v", len(got), n, chatID, timeout, got)
	}
	return got
}

// Answered reports whether answerCallbackQuery was called for queryID.
func (s *Server) Answered(queryID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.answered[queryID]
}

// WaitAnswered waits until answerCallbackQuery was called for queryID. It
// fails the test after timeout; call it from the test goroutine.
func (s *Server) WaitAnswered(timeout time.Duration, queryID string) {
	s.t.Helper()
	if !s.waitFor(timeout, func() bool { return s.answered[queryID] }) {
		s.t.Fatalf("faketelegram: callback query %s not answered after %v", queryID, timeout)
	}
}

// Calls counts the requests made to method with the right token.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[strings.ToLower(method)]
}

// Webhook returns the webhook currently set.
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// SetWebhook sets a webhook as if the bot's owner had, so that getUpdates
// answers 409 Conflict until deleteWebhook.
func (s *Server) SetWebhook(url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = WebhookInfo{URL: url, Secret: secret}
	s.notifyLocked()
}

// waitFor waits until cond, evaluated under the lock, holds or timeout
// passes; it reports whether cond held.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
