package wechat

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

var testRecipient = gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: testUser}

func TestSendReachesAPIBase(t *testing.T) {
	hs := newHarness(t, nil)
	r := gigbot.Reply{Text: "new posting", Choices: []gigbot.Choice{{Label: "details", Value: "d"}}}
	if err := hs.ch.Send(t.Context(), testRecipient, r); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if err := hs.ch.Send(t.Context(), testRecipient, gigbot.Reply{Text: "second"}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	sent := hs.fake.Sent()
	if len(sent) != 2 || sent[0].ToUser != testUser || sent[0].MsgType != "text" || sent[0].Content != Render(r) {
		t.Fatalf("fake received %+v", sent)
	}
	if n := hs.fake.TokenRequests(); n != 1 {
		t.Fatalf("%d token requests, want 1 (cached)", n)
	}
	err := hs.ch.Send(t.Context(), gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "42"}, r)
	if gigbot.ErrorCode(err) != gigbot.EINVALID {
		t.Fatalf("send to telegram user: %v, want EINVALID", err)
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name       string
		failures   []int // errcodes of the next sends
		expire     bool  // expire the token after the first send
		check      func(error) bool
		sent       int // messages the fake accepted
		tokensUsed int
	}{
		{"quota", []int{45009}, false, isRateLimited(apiQuotaRetryAfter), 0, 1},
		{"customer quota", []int{45047}, false, hasCode(gigbot.EUNREACHABLE), 0, 1},
		{"unsubscribed", []int{43004}, false, hasCode(gigbot.EBLOCKED), 0, 1},
		{"out of window", []int{45015}, false, hasCode(gigbot.EUNREACHABLE), 0, 1},
		{"invalid token refreshed", []int{40001}, false, isNil, 1, 2},
		{"expired token refreshed", nil, true, isNil, 2, 2},
		{"retried once only", []int{40001, 40001}, false, hasAPICode(40001), 0, 2},
		{"other errcode", []int{40003}, false, hasAPICode(40003), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, nil)
			if tt.expire {
				if err := hs.ch.Send(t.Context(), testRecipient, gigbot.Reply{Text: "first"}); err != nil {
					t.Fatal(err)
				}
				hs.fake.ExpireTokens()
			}
			for _, code := range tt.failures {
				hs.fake.FailNext(1, code)
			}
			err := hs.ch.Send(t.Context(), testRecipient, gigbot.Reply{Text: "hello"})
			if !tt.check(err) {
				t.Fatalf("Send: %v", err)
			}
			if n := len(hs.fake.Sent()); n != tt.sent {
				t.Fatalf("fake accepted %d messages, want %d", n, tt.sent)
			}
			if n := hs.fake.TokenRequests(); n != tt.tokensUsed {
				t.Fatalf("%d token requests, want %d", n, tt.tokensUsed)
			}
		})
	}
}

func isNil(err error) bool { return err == nil }

func isRateLimited(after int) func(error) bool {
	return func(err error) bool {
		rl, ok := errors.AsType[*gigbot.RateLimitedError](err)
		_, api := errors.AsType[*APIError](err)
		return ok && rl.RetryAfter == after && api
	}
}

func hasCode(code string) func(error) bool {
	return func(err error) bool {
		_, api := errors.AsType[*APIError](err)
		return gigbot.ErrorCode(err) == code && api
	}
}

func hasAPICode(code int64) func(error) bool {
	return func(err error) bool {
		ae, ok := errors.AsType[*APIError](err)
		return ok && ae.Code == code && gigbot.ErrorCode(err) == gigbot.EINTERNAL
	}
}

func TestSendErrorsHideCredentials(t *testing.T) {
	// A token endpoint that works and a send endpoint that fails at the
	// HTTP level: the SDK's errors then quote the whole URL.
	const token = "TOKEN-that-must-not-leak"
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cgi-bin/token" {
			_, _ = w.Write([]byte(`{"access_token":"` + token + `","expires_in":7200}`))
			return
		}
		http.Error(w, "gateway down", http.StatusBadGateway)
	}))
	defer api.Close()
	hs := newHarness(t, func(o *Options) { o.APIBase = api.URL })
	err := hs.ch.Send(t.Context(), testRecipient, gigbot.Reply{Text: "x"})
	if err == nil || strings.Contains(err.Error(), token) {
		t.Fatalf("Send error %v: want an error without the token", err)
	}

	// Nothing listening: the token request fails and its URL holds the secret.
	api.Close()
	hs2 := newHarness(t, func(o *Options) { o.APIBase = api.URL })
	err = hs2.ch.Send(t.Context(), testRecipient, gigbot.Reply{Text: "x"})
	if err == nil || strings.Contains(err.Error(), testAppSecret) {
		t.Fatalf("Send error %v: want an error without the app secret", err)
	}
	if _, ok := errors.AsType[*url.Error](err); !ok {
		t.Fatalf("transport error lost its type: %T", err)
	}
}
