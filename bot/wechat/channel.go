// Package wechat connects gigbot to a WeChat Official Account.
//
// A Channel answers the platform's callbacks (URL verification, messages
// and events, in plaintext or safe mode) through a gigbot.Handler within
// WeChat's 5-second limit, processes a retried callback once, and sends
// customer-service messages as a gigbot.Sender.
//
// Signatures, encryption, XML and the access token are left to
// github.com/silenceper/wechat/v2/officialaccount. That SDK keeps its HTTP
// client and its logger (logrus) in package globals, which New sets (see
// UseAPIBase and SilenceSDKLog): a process runs one Official Account.
package wechat

import (
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
}

// Channel is one WeChat Official Account: an http.Handler for its callback
// URL and a gigbot.Sender for its users.
type Channel struct {
	oa        *officialaccount.OfficialAccount
	appID     string
	token     string
	safe      bool
	tokens    *tokenCache
	h         gigbot.Handler
	callbacks gigbot.CallbackLog
	log       *slog.Logger
	budget    time.Duration

	mu     sync.Mutex // guards closed against wg.Add racing Close's Wait
	closed bool
	wg     sync.WaitGroup // handlers that missed the budget, late sends
}

var _ gigbot.Sender = (*Channel)(nil)

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

	tokens := newTokenCache()
	oa := officialaccount.NewOfficialAccount(&config.Config{
		AppID:          o.AppID,
		AppSecret:      o.AppSecret,
		Token:          o.Token,
		EncodingAESKey: o.EncodingAESKey,
		Cache:          tokens,
	})
	return &Channel{
		oa:        oa,
		appID:     o.AppID,
		token:     o.Token,
		safe:      o.EncodingAESKey != "",
		tokens:    tokens,
		h:         h,
		callbacks: callbacks,
		log:       o.Logger.With(slog.String("channel", string(gigbot.ChannelWeChat))),
		budget:    o.ReplyBudget,
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
