// Package wechat connects gigbot to a WeChat Official Account.
//
// A Channel answers the platform's callbacks (URL verification, messages
// and events, in plaintext or safe mode) through a gigbot.Handler within
// WeChat's 5-second limit, processes a retried callback once, and sends
// customer-service messages as a gigbot.Sender.
//
// WeChat lets an account send customer-service messages to a user only
// within 48 hours of the user's last message, menu click or follow: the
// channel records each such interaction (gigbot.InteractionLog) and,
// outside the window, sends a notice as the template message configured
// for its kind, or answers EUNREACHABLE so that the outbox holds it until
// the user writes again (OnReturn). The access token lives in a
// gigbot.TokenStore shared by every process, refreshed before it expires
// and after WeChat refuses it (40001/42001). SetMenu creates the custom
// menu.
//
// Signatures, encryption, XML and the access token are left to
// github.com/silenceper/wechat/v2/officialaccount. That SDK keeps its HTTP
// client and its logger (logrus) in package globals, which New sets (see
// UseAPIBase and SilenceSDKLog): a process runs one Official Account.
package wechat

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount"
	"github.com/silenceper/wechat/v2/officialaccount/config"

	"github.com/gigbot/gigbot"
)

// Defaults and limits of the channel.
const (
	// DefaultAPIBase is where the WeChat API lives.
	DefaultAPIBase = "https://api.weixin.qq.com"
	// DefaultReplyBudget is how long a callback waits for the handler
	// before answering "success": WeChat gives up after 5 s, and the
	// rest goes to the network and to us.
	DefaultReplyBudget = 4500 * time.Millisecond

	// apiTimeout bounds one call to the WeChat API; the SDK's client has
	// no timeout of its own.
	apiTimeout = 10 * time.Second
	// lateTimeout bounds a handler that missed the budget, and the sending
	// of its replies, so Close cannot wait forever.
	lateTimeout = time.Minute
)

// Options configures a Channel: the wechat.* keys of the configuration.
type Options struct {
	AppID          string
	AppSecret      string
	Token          string        // checks callback signatures
	EncodingAESKey string        // empty: plaintext mode; set: safe (AES) mode
	APIBase        string        // default DefaultAPIBase
	Logger         *slog.Logger  // default: discard
	ReplyBudget    time.Duration // default DefaultReplyBudget

	// Tokens keeps the access token, shared by every process on the same
	// store; nil keeps it in this process only.
	Tokens gigbot.TokenStore
	// Interactions records when each user last wrote, for the 48-hour
	// window; nil tries every send as a customer-service message and
	// lets WeChat's 45015 tell.
	Interactions gigbot.InteractionLog
	// Notices finds the notice a pushed reply belongs to, when a Send
	// outside the window needs its kind and fields; nil means every
	// notice waits for the user outside the window.
	Notices HeldNotices
	// Fields words a notice's fields for a template message.
	Fields gigbot.NoticeFielder
	// Templates are the template messages notices of each kind go as
	// outside the window. A kind without one waits until the user writes.
	Templates map[gigbot.NoticeKind]Template
	// OnReturn is called (in the background) when a user writes after
	// the window had closed, so that the notices that waited go out now.
	OnReturn func(gigbot.UserRef)
	// Clock stamps interactions and judges the window and token expiry;
	// nil means the system clock.
	Clock gigbot.Clock
}

// Template is a WeChat template message: its id in the Official Account's
// template library and, for each of its keywords ("first", "keyword1",
// "thing2", …), the notice field (gigbot.NoticeFieldNames) that fills it.
type Template struct {
	ID     string
	Fields map[string]string
}

// HeldNotices is the part of the outbox a Channel reads: the notices
// push held for a user, among them one it sends as a template message.
type HeldNotices interface {
	HeldFor(ctx context.Context, u gigbot.UserRef) ([]gigbot.Notice, error)
}

// Channel is one WeChat Official Account: an http.Handler for its callback
// URL and a gigbot.Sender for its users.
type Channel struct {
	oa        *officialaccount.OfficialAccount
	appID     string
	token     string
	safe      bool
	tokens    *tokenHandle
	h         gigbot.Handler
	callbacks gigbot.CallbackLog
	log       *slog.Logger
	budget    time.Duration
	clock     gigbot.Clock

	interactions gigbot.InteractionLog
	notices      HeldNotices
	fields       gigbot.NoticeFielder
	templates    map[gigbot.NoticeKind]Template
	onReturn     func(gigbot.UserRef)

	mu     sync.Mutex // guards closed against wg.Add racing Close's Wait
	closed bool
	wg     sync.WaitGroup // handlers that missed the budget, late sends
}

var _ gigbot.NoticeSender = (*Channel)(nil)

// New checks o and returns a Channel answering callbacks with h and
// claiming callback keys in callbacks. It sets the SDK's globals (HTTP
// client to o.APIBase, logrus silenced).
func New(o Options, h gigbot.Handler, callbacks gigbot.CallbackLog) (*Channel, error) {
	switch {
	case o.AppID == "":
		return nil, errors.New("wechat: app_id is empty")
	case o.AppSecret == "":
		return nil, errors.New("wechat: app_secret is empty")
	case o.Token == "":
		return nil, errors.New("wechat: token is empty")
	case h == nil || callbacks == nil:
		return nil, errors.New("wechat: handler and callback log are required")
	}
	if o.EncodingAESKey != "" {
		if err := checkAESKey(o.EncodingAESKey); err != nil {
			return nil, err
		}
	}
	if o.APIBase == "" {
		o.APIBase = DefaultAPIBase
	}
	if err := UseAPIBase(o.APIBase, apiTimeout); err != nil {
		return nil, err
	}
	SilenceSDKLog()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.ReplyBudget <= 0 {
		o.ReplyBudget = DefaultReplyBudget
	}

	if o.Clock == nil {
		o.Clock = systemClock{}
	}
	if o.Tokens == nil {
		o.Tokens = &memTokens{}
	}
	// The SDK insists on a cache (nil panics) though the token handle
	// below replaces its only use here.
	oa := officialaccount.NewOfficialAccount(&config.Config{
		AppID:          o.AppID,
		AppSecret:      o.AppSecret,
		Token:          o.Token,
		EncodingAESKey: o.EncodingAESKey,
		Cache:          newTokenCache(),
	})
	tokens := newTokenHandle(o.AppID, o.AppSecret, o.Tokens, o.Clock.Now)
	oa.SetAccessTokenHandle(tokens)
	return &Channel{
		oa:           oa,
		appID:        o.AppID,
		token:        o.Token,
		safe:         o.EncodingAESKey != "",
		tokens:       tokens,
		h:            h,
		callbacks:    callbacks,
		log:          o.Logger.With(slog.String("channel", string(gigbot.ChannelWeChat))),
		budget:       o.ReplyBudget,
		clock:        o.Clock,
		interactions: o.Interactions,
		notices:      o.Notices,
		fields:       o.Fields,
		templates:    o.Templates,
		onReturn:     o.OnReturn,
	}, nil
}

// Close waits for the work the channel started in the background: handlers
// that missed the reply budget and the sending of their replies. Callbacks
// arriving after Close are refused; stop the HTTP server first.
func (c *Channel) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.wg.Wait()
}

// goBackground runs fn in a goroutine Close waits for; it reports false,
// without running fn, once the channel is closed.
func (c *Channel) goBackground(fn func()) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.wg.Go(fn)
	return true
}

// checkAESKey fails early on a key the SDK could not use: it would only
// find out on the first safe-mode callback.
func checkAESKey(key string) error {
	if len(key) != 43 {
		return fmt.Errorf("wechat: encoding_aes_key must be 43 characters, not %d", len(key))
	}
	if b, err := base64.StdEncoding.DecodeString(key + "="); err != nil || len(b) != 32 {
		return errors.New("wechat: encoding_aes_key is not base64 of a 32-byte key")
	}
	return nil
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
