package fakewechat

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"time"
)

// CustomerWindow is how long after a user's last action the platform
// accepts customer-service messages to them (errcode 45015 after).
const CustomerWindow = 48 * time.Hour

// Errcodes of the follower rules.
const (
	errUnsubscribed = 43004 // the user does not follow the account
	errOutOfWindow  = 45015 // no action of the user in the last 48 hours
)

// follower is what the fake knows of one user.
type follower struct {
	last         time.Time // last action that opens the window
	unsubscribed bool
}

// MenuButton is one first-level button of the custom menu the account set.
type MenuButton struct {
	Type string `json:"type"`
	Name string `json:"name"`
	Key  string `json:"key"`
}

// SetClock makes the fake judge the 48-hour window by now instead of the
// system clock.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Interacted tells the fake that openID acted at at (sent a message,
// clicked the menu, followed): customer-service messages to them are
// accepted for CustomerWindow after the latest such time.
func (s *Server) Interacted(openID string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.followerLocked(openID)
	if at.After(f.last) {
		f.last = at
	}
	f.unsubscribed = false
}

// Observe learns from a plaintext callback body what the platform itself
// would know when it posts it: the user acted (a message, a follow, a
// menu click) at CreateTime, or unfollowed. Tests post their callbacks
// through a helper that calls it. Other bodies change nothing.
func (s *Server) Observe(callbackXML []byte) {
	var c struct {
		From       string `xml:"FromUserName"`
		CreateTime int64  `xml:"CreateTime"`
		MsgType    string `xml:"MsgType"`
		Event      string `xml:"Event"`
	}
	if xml.Unmarshal(callbackXML, &c) != nil || c.From == "" {
		return
	}
	at := time.Unix(c.CreateTime, 0)
	if c.MsgType != "event" {
		s.Interacted(c.From, at)
		return
	}
	switch strings.ToLower(c.Event) {
	case "subscribe", "click":
		s.Interacted(c.From, at)
	case "unsubscribe":
		s.Unsubscribed(c.From)
	}
}

// Unsubscribed tells the fake that openID unfollowed the account: every
// send to them answers 43004 until they act again.
func (s *Server) Unsubscribed(openID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.followerLocked(openID).unsubscribed = true
}

// Menu returns the buttons of the last menu/create call, nil before one.
func (s *Server) Menu() []MenuButton {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]MenuButton(nil), s.menu...)
}

func (s *Server) followerLocked(openID string) *follower {
	f, ok := s.followers[openID]
	if !ok {
		f = &follower{}
		s.followers[openID] = f
	}
	return f
}

// checkFollower applies the follower rules to a send to openID: 43004 for
// a user who unfollowed, and for customer-service messages 45015 outside
// the window (a user the fake never saw act is outside it).
func (s *Server) checkFollower(openID string, customer bool) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.followerLocked(openID)
	switch {
	case f.unsubscribed:
		return errUnsubscribed, "require subscribe"
	case customer && (f.last.IsZero() || s.now().Sub(f.last) > CustomerWindow):
		return errOutOfWindow, "response out of time limit or subscription is canceled"
	}
	return 0, ""
}

func (s *Server) menuCreate(w http.ResponseWriter, r *http.Request) {
	if code, msg := s.checkToken(r); code != 0 {
		writeErr(w, code, msg)
		return
	}
	var req struct {
		Button []MenuButton `json:"button"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Button) == 0 || len(req.Button) > 3 {
		writeErr(w, errBadRequest, "data format error")
		return
	}
	for _, b := range req.Button {
		if b.Name == "" || (b.Type == "click" && b.Key == "") {
			writeErr(w, errBadRequest, "data format error")
			return
		}
	}
	s.mu.Lock()
	s.menu = req.Button
	s.mu.Unlock()
	writeErr(w, 0, "ok")
}
