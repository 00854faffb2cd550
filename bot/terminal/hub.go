// Package terminal is the local channel behind `gigbot chat`: a
// loopback-only HTTP endpoint on the running server (Hub) through which a
// terminal sends messages and receives its pushes as they are sent, and
// the terminal side (Client, Chat) that talks to it.
package terminal

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gigbot/gigbot"
)

// Paths of the local channel on the server.
const (
	PathMessage = "/local/message"
	PathPushes  = "/local/pushes"
	PathInfo    = "/local/info"
)

// maxMessageBytes bounds a terminal message; chat lines are short.
const maxMessageBytes = 64 << 10

// Info tells a terminal what it has joined, so `chat --demo` never joins
// a server on real data and `chat` never joins one on another data_dir.
type Info struct {
	Demo    bool   `json:"demo"`
	DataDir string `json:"data_dir"`
	Version string `json:"version"`
}

// Incoming is one terminal message on the wire.
type Incoming struct {
	User string  `json:"user"`
	As   string  `json:"as,omitempty"` // worker | employer | staff
	Kind string  `json:"kind,omitempty"`
	Text string  `json:"text,omitempty"`
	Lat  float64 `json:"lat,omitempty"`
	Lon  float64 `json:"lon,omitempty"`
	Lang string  `json:"lang,omitempty"`
}

// Outgoing is the answer to an Incoming.
type Outgoing struct {
	Replies []gigbot.Reply `json:"replies"`
	Error   string         `json:"error,omitempty"`
}

// HubOptions configure a Hub.
type HubOptions struct {
	Handler gigbot.Handler
	Info    Info
	Clock   gigbot.Clock
	// OnConnect runs when a user opens their push stream, so what waited
	// while they were away is delivered at once.
	OnConnect func(gigbot.UserRef)
	// OnStaff runs for a terminal user who chats as staff. The local
	// channel is loopback only: whoever runs it is the operator.
	OnStaff func(gigbot.UserRef)
	Logger  *slog.Logger
}

// Hub serves the local channel and delivers pushes to connected terminals.
// It implements gigbot.Sender.
type Hub struct {
	o     HubOptions
	mu    sync.Mutex
	conns map[string]*stream // user id → the open push stream
}

type stream struct {
	out chan delivery
}

type delivery struct {
	reply gigbot.Reply
	done  chan error
}

// NewHub returns a Hub.
func NewHub(o HubOptions) *Hub {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Hub{o: o, conns: map[string]*stream{}}
}

// Register mounts the local channel's paths on mux.
func (h *Hub) Register(mux *http.ServeMux) {
	mux.Handle("GET "+PathInfo, loopbackOnly(http.HandlerFunc(h.info)))
	mux.Handle("POST "+PathMessage, loopbackOnly(http.HandlerFunc(h.message)))
	mux.Handle("GET "+PathPushes, loopbackOnly(http.HandlerFunc(h.pushes)))
}

// loopbackOnly refuses anyone not on this machine: the local channel has
// no authentication of its own.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "local channel is loopback only", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (h *Hub) info(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, h.o.Info)
}

func (h *Hub) message(w http.ResponseWriter, r *http.Request) {
	var in Incoming
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxMessageBytes))
	if err := dec.Decode(&in); err != nil || in.User == "" {
		writeJSON(w, http.StatusBadRequest, Outgoing{Error: "want a JSON message with a user"})
		return
	}
	m := gigbot.Message{
		User: gigbot.UserRef{Channel: gigbot.ChannelTerminal, ID: in.User},
		Kind: gigbot.MessageKind(in.Kind), Text: in.Text, Lang: in.Lang,
		Point: gigbot.Point{Lat: in.Lat, Lon: in.Lon},
	}
	if m.Kind == "" {
		m.Kind = gigbot.MessageText
	}
	if h.o.Clock != nil {
		m.At = h.o.Clock.Now()
	}
	if in.As == string(gigbot.RoleStaff) && h.o.OnStaff != nil {
		h.o.OnStaff(m.User)
	}
	replies, err := h.o.Handler.Handle(r.Context(), m)
	if err != nil {
		h.o.Logger.Error("terminal message failed", slog.Any("user", m.User), slog.String("error", err.Error()))
		writeJSON(w, http.StatusInternalServerError, Outgoing{Error: "internal error"})
		return
	}
	writeJSON(w, http.StatusOK, Outgoing{Replies: replies})
}

// pushes streams one JSON reply per line to a terminal until it leaves.
func (h *Hub) pushes(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	flusher, ok := w.(http.Flusher)
	if user == "" || !ok {
		http.Error(w, "want ?user=", http.StatusBadRequest)
		return
	}
	s := &stream{out: make(chan delivery)}
	h.mu.Lock()
	h.conns[user] = s // a newer terminal of the same user takes over
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if h.conns[user] == s {
			delete(h.conns, user)
		}
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	if h.o.OnConnect != nil {
		h.o.OnConnect(gigbot.UserRef{Channel: gigbot.ChannelTerminal, ID: user})
	}
	enc := json.NewEncoder(w)
	for {
		select {
		case <-r.Context().Done():
			return
		case d := <-s.out:
			err := enc.Encode(d.reply)
			if err == nil {
				flusher.Flush()
			}
			d.done <- err
			if err != nil {
				return
			}
		}
	}
}

// Send delivers a reply to a connected terminal, or reports the user
// unreachable so the notice waits in the outbox until they come back.
func (h *Hub) Send(ctx context.Context, to gigbot.UserRef, r gigbot.Reply) error {
	h.mu.Lock()
	s := h.conns[to.ID]
	h.mu.Unlock()
	if s == nil {
		return gigbot.Errorf(gigbot.EUNREACHABLE, "terminal user not connected")
	}
	d := delivery{reply: r, done: make(chan error, 1)}
	timeout := time.NewTimer(5 * time.Second)
	defer timeout.Stop()
	select {
	case s.out <- d:
	case <-timeout.C:
		return gigbot.Errorf(gigbot.EUNREACHABLE, "terminal not reading")
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-d.done:
		if err != nil {
			return gigbot.Errorf(gigbot.EUNREACHABLE, "terminal went away")
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var errNotGigbot = errors.New("not a gigbot local channel")
