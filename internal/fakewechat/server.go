// Package fakewechat is a fake WeChat Official Account platform for tests.
//
// Server plays the API side (https://api.weixin.qq.com): it issues access
// tokens, accepts customer-service and template messages and the custom
// menu, records them and enforces the token rules and the follower rules
// (window.go: customer-service messages only within 48 hours of the user's
// last action, which it learns from Observe or Interacted; nothing to a
// user who unfollowed), and can be told to fail the next sends with a
// given errcode. The callback builders (callback.go) play the other side:
// they sign, build and encrypt the XML that WeChat posts to an Official
// Account's server, as the platform documents it.
//
// The crypto here is written from the protocol description, not taken from
// the SDK under test, so that a mistake in either one shows up.
package fakewechat

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Token lifetime the fake announces, as the real platform does.
const tokenLifetimeSeconds = 7200

// WeChat errcodes the fake answers with on its own.
const (
	errInvalidCredential = 40001 // unknown access_token or wrong secret
	errInvalidAppID      = 40013
	errTokenExpired      = 42001
	errBadRequest        = 47001 // body is not the expected JSON
)

// SentMessage is one message the fake accepted: a customer-service message
// (MsgType "text", ...) or a template message (MsgType "template").
type SentMessage struct {
	ToUser     string
	MsgType    string
	Content    string            // text.content of a text message
	TemplateID string            // template messages only
	Data       map[string]string // template keyword → value
}

// Server is a fake WeChat API server on httptest.
type Server struct {
	srv       *httptest.Server
	appID     string
	appSecret string

	mu        sync.Mutex
	tokens    map[string]bool // issued access tokens → still valid
	stable    string          // current stable_token, "" when none
	tokenReqs int
	seq       int
	sent      []SentMessage
	failures  []int         // errcodes for the next sends, first first
	changed   chan struct{} // closed and replaced on every recorded send
	followers map[string]*follower
	menu      []MenuButton
	now       func() time.Time
}

// New starts a fake for one Official Account and stops it when the test
// ends.
func New(t testing.TB, appID, appSecret string) *Server {
	t.Helper()
	s := &Server{
		appID:     appID,
		appSecret: appSecret,
		tokens:    map[string]bool{},
		changed:   make(chan struct{}),
		followers: map[string]*follower{},
		now:       time.Now,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /cgi-bin/token", s.token)
	mux.HandleFunc("POST /cgi-bin/stable_token", s.stableToken)
	mux.HandleFunc("POST /cgi-bin/message/custom/send", s.customSend)
	mux.HandleFunc("POST /cgi-bin/message/template/send", s.templateSend)
	mux.HandleFunc("POST /cgi-bin/menu/create", s.menuCreate)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the base URL to configure as wechat.api_base.
func (s *Server) URL() string { return s.srv.URL }

// FailNext makes the next n sends (customer-service or template) fail with
// errcode, before any token check, e.g. 45009 (quota), 40001 (invalid
// token), 43004 (unsubscribed) or 45015 (outside the 48-hour window).
// A failed send is not recorded.
func (s *Server) FailNext(n int, errcode int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures = append(s.failures, errcode)
	}
}

// ExpireTokens ends the life of every access token issued so far: sends
// with one of them get errcode 42001 until a new token is fetched.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok := range s.tokens {
		s.tokens[tok] = false
	}
	s.stable = ""
}

// TokenRequests counts the access tokens handed out (both endpoints).
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenReqs
}

// Sent returns a copy of every message accepted so far, in order.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.sent...)
}

// WaitSent waits until at least n messages to toUser ("" for anyone) were
// accepted and returns the first n of them, or ctx's error with what
// arrived so far.
func (s *Server) WaitSent(ctx context.Context, n int, toUser string) ([]SentMessage, error) {
	for {
		s.mu.Lock()
		var got []SentMessage
		for _, m := range s.sent {
			if toUser == "" || m.ToUser == toUser {
				got = append(got, m)
			}
		}
		changed := s.changed
		s.mu.Unlock()
		if len(got) >= n {
			return got[:n], nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return got, fmt.Errorf("waiting for %d messages, got %d: %w", n, len(got), ctx.Err())
		}
	}
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("grant_type") != "client_credential" {
		writeErr(w, errBadRequest, "invalid grant_type")
		return
	}
	if code, msg := s.checkCredentials(q.Get("appid"), q.Get("secret")); code != 0 {
		writeErr(w, code, msg)
		return
	}
	s.mu.Lock()
	tok := s.issueLocked()
	s.mu.Unlock()
	writeJSON(w, map[string]any{"access_token": tok, "expires_in": tokenLifetimeSeconds})
}

func (s *Server) stableToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		GrantType    string `json:"grant_type"`
		AppID        string `json:"appid"`
		Secret       string `json:"secret"`
		ForceRefresh bool   `json:"force_refresh"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.GrantType != "client_credential" {
		writeErr(w, errBadRequest, "data format error")
		return
	}
	if code, msg := s.checkCredentials(req.AppID, req.Secret); code != 0 {
		writeErr(w, code, msg)
		return
	}
	s.mu.Lock()
	// Like the platform, the stable token stays the same for every caller
	// until it expires or someone forces a refresh.
	if s.stable == "" || req.ForceRefresh {
		s.stable = s.issueLocked()
	}
	tok := s.stable
	s.mu.Unlock()
	writeJSON(w, map[string]any{"access_token": tok, "expires_in": tokenLifetimeSeconds})
}

func (s *Server) checkCredentials(appID, secret string) (int, string) {
	if appID != s.appID {
		return errInvalidAppID, "invalid appid"
	}
	if secret != s.appSecret {
		return errInvalidCredential, "invalid appsecret"
	}
	return 0, ""
}

func (s *Server) issueLocked() string {
	s.seq++
	s.tokenReqs++
	tok := fmt.Sprintf("fake-token-%d", s.seq)
	s.tokens[tok] = true
	return tok
}

// checkSend applies an injected failure or the token rules; it returns the
// errcode to answer with, 0 when the send goes through.
func (s *Server) checkSend(r *http.Request) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failures) > 0 {
		code := s.failures[0]
		s.failures = s.failures[1:]
		return code, "injected failure"
	}
	return s.checkTokenLocked(r)
}

// checkToken applies the token rules alone.
func (s *Server) checkToken(r *http.Request) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.checkTokenLocked(r)
}

func (s *Server) checkTokenLocked(r *http.Request) (int, string) {
	valid, issued := s.tokens[r.URL.Query().Get("access_token")]
	switch {
	case !issued:
		return errInvalidCredential, "invalid credential, access_token is invalid or not latest"
	case !valid:
		return errTokenExpired, "access_token expired"
	}
	return 0, ""
}

func (s *Server) customSend(w http.ResponseWriter, r *http.Request) {
	if code, msg := s.checkSend(r); code != 0 {
		writeErr(w, code, msg)
		return
	}
	var req struct {
		ToUser  string `json:"touser"`
		MsgType string `json:"msgtype"`
		Text    *struct {
			Content string `json:"content"`
		} `json:"text"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.ToUser == "" || req.MsgType == "" {
		writeErr(w, errBadRequest, "data format error")
		return
	}
	if code, msg := s.checkFollower(req.ToUser, true); code != 0 {
		writeErr(w, code, msg)
		return
	}
	m := SentMessage{ToUser: req.ToUser, MsgType: req.MsgType}
	if req.Text != nil {
		m.Content = req.Text.Content
	}
	s.record(m)
	writeErr(w, 0, "ok")
}

func (s *Server) templateSend(w http.ResponseWriter, r *http.Request) {
	if code, msg := s.checkSend(r); code != 0 {
		writeErr(w, code, msg)
		return
	}
	var req struct {
		ToUser     string `json:"touser"`
		TemplateID string `json:"template_id"`
		Data       map[string]struct {
			Value string `json:"value"`
		} `json:"data"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.ToUser == "" || req.TemplateID == "" {
		writeErr(w, errBadRequest, "data format error")
		return
	}
	// Template messages need no recent action, only a follower.
	if code, msg := s.checkFollower(req.ToUser, false); code != 0 {
		writeErr(w, code, msg)
		return
	}
	m := SentMessage{ToUser: req.ToUser, MsgType: "template", TemplateID: req.TemplateID, Data: map[string]string{}}
	for k, v := range req.Data {
		m.Data[k] = v.Value
	}
	msgID := s.record(m)
	writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "msgid": msgID})
}

// record stores m, wakes WaitSent and returns m's sequence number.
func (s *Server) record(m SentMessage) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, m)
	close(s.changed)
	s.changed = make(chan struct{})
	return len(s.sent)
}

func writeErr(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, map[string]any{"errcode": code, "errmsg": msg})
}

// writeJSON answers 200 with v: WeChat reports errors in the body, not in
// the status code.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
