package terminal

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// echo answers every message with its own text: the hub's job is the
// transport, the engine's dialog is tested end to end in cmd/gigbot.
type echo struct{}

func (echo) Handle(_ context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
	return []gigbot.Reply{{Text: string(m.Kind) + ":" + m.Text, Choices: []gigbot.Choice{{Label: "好", Value: "ok"}}}}, nil
}

func newHub(t *testing.T) (*Hub, *Client, chan gigbot.UserRef) {
	t.Helper()
	connected := make(chan gigbot.UserRef, 10)
	hub := NewHub(HubOptions{Handler: echo{}, Info: Info{Demo: true}, OnConnect: func(u gigbot.UserRef) { connected <- u }})
	mux := http.NewServeMux()
	hub.Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return hub, NewClient(srv.URL), connected
}

func TestMessageRoundTrip(t *testing.T) {
	_, c, _ := newHub(t)
	ctx := context.Background()
	info, err := c.Info(ctx)
	if err != nil || !info.Demo {
		t.Fatalf("info = %+v, %v", info, err)
	}
	replies, err := c.Send(ctx, Incoming{User: "w", Text: "你好"})
	if err != nil || len(replies) != 1 || replies[0].Text != "text:你好" {
		t.Fatalf("replies = %+v, %v", replies, err)
	}
	s := &Session{User: "w"}
	loc := s.incoming("/loc 39.09, 117.22")
	if loc.Kind != string(gigbot.MessageLocation) || loc.Lat != 39.09 || loc.Lon != 117.22 {
		t.Fatalf("location command read as %+v", loc)
	}
	if got := Render(replies[0]); got != "text:你好\n  1. 好" {
		t.Fatalf("Render = %q", got)
	}
}

func TestPushesReachOnlyConnectedTerminals(t *testing.T) {
	hub, c, connected := newHub(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := gigbot.UserRef{Channel: gigbot.ChannelTerminal, ID: "w"}
	if err := hub.Send(ctx, w, gigbot.Reply{Text: "x"}); gigbot.ErrorCode(err) != gigbot.EUNREACHABLE {
		t.Fatalf("send to an absent terminal: %v, want EUNREACHABLE", err)
	}
	got := make(chan gigbot.Reply, 1)
	go c.Pushes(ctx, "w", nil, func(r gigbot.Reply) { got <- r })
	select {
	case u := <-connected:
		if u != w {
			t.Fatalf("connected %v", u)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stream never connected")
	}
	if err := hub.Send(ctx, w, gigbot.Reply{Text: "新活"}); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-got:
		if r.Text != "新活" {
			t.Fatalf("push = %+v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("push never arrived")
	}
}

func TestBadInput(t *testing.T) {
	_, c, _ := newHub(t)
	for _, body := range []string{"{", `{"text":"no user"}`, strings.Repeat("x", maxMessageBytes+10)} {
		resp, err := http.Post(c.Base+PathMessage, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("body %.20q: HTTP %d, want 400", body, resp.StatusCode)
		}
	}
}

func TestLoopbackOnly(t *testing.T) {
	hub := NewHub(HubOptions{Handler: echo{}})
	mux := http.NewServeMux()
	hub.Register(mux)
	for _, remote := range []string{"192.0.2.7:5555", "[2001:db8::1]:80", "garbage"} {
		req := httptest.NewRequest(http.MethodGet, PathInfo, nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusForbidden {
			t.Errorf("from %s: HTTP %d, want 403", remote, rec.Code)
		}
	}
}
