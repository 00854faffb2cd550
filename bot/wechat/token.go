package wechat

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/silenceper/wechat/v2/credential"

	"github.com/gigbot/gigbot"
)

const (
	// tokenRefreshMargin: a stored token this close to its end is
	// replaced rather than used, so no call goes out with a token that
	// expires on the way. WeChat keeps the old token valid for 5 minutes
	// after a new one is fetched, so two processes refreshing at once do
	// not break each other's calls.
	tokenRefreshMargin = 5 * time.Minute
	// tokenMemo is how long a process reuses the token it read from the
	// store before reading again; a token another process replaced meets
	// the store again through the 40001 retry.
	tokenMemo = time.Minute
	// tokenURL is the SDK's own endpoint (rewritten to api_base by the
	// transport); the SDK exports no constant for it.
	tokenURL = "https://" + officialHost + "/cgi-bin/token?grant_type=client_credential&appid=%s&secret=%s"
)

// tokenHandle is the SDK's access-token source (credential.AccessTokenHandle)
// backed by a gigbot.TokenStore: one token per AppID, shared by every
// process on the store, fetched when absent or about to expire.
type tokenHandle struct {
	appID, secret string
	key           string // the TokenStore key: "wechat:" + AppID
	store         gigbot.TokenStore
	now           func() time.Time

	fetch sync.Mutex // one fetch at a time in this process

	mu        sync.Mutex // guards the memo
	memo      string
	memoUntil time.Time
}

var _ credential.AccessTokenContextHandle = (*tokenHandle)(nil)

func newTokenHandle(appID, secret string, store gigbot.TokenStore, now func() time.Time) *tokenHandle {
	return &tokenHandle{appID: appID, secret: secret, key: "wechat:" + appID, store: store, now: now}
}

// GetAccessToken is GetAccessTokenContext without a deadline, for SDK
// calls that take no context (the menu).
func (h *tokenHandle) GetAccessToken() (string, error) {
	return h.GetAccessTokenContext(context.Background())
}

// GetAccessTokenContext returns a token valid for at least
// tokenRefreshMargin, from this process's memo, the store, or WeChat.
func (h *tokenHandle) GetAccessTokenContext(ctx context.Context) (string, error) {
	if tok := h.memoized(); tok != "" {
		return tok, nil
	}
	if tok, err := h.stored(ctx); err != nil || tok != "" {
		return tok, err
	}
	h.fetch.Lock()
	defer h.fetch.Unlock()
	// Someone else (here or in another process) may have fetched while
	// this call waited.
	if tok, err := h.stored(ctx); err != nil || tok != "" {
		return tok, err
	}
	res, err := credential.GetTokenFromServerContext(ctx,
		fmt.Sprintf(tokenURL, url.QueryEscape(h.appID), url.QueryEscape(h.secret)))
	if err != nil {
		return "", redactErr(err)
	}
	if res.AccessToken == "" || res.ExpiresIn <= 0 {
		return "", fmt.Errorf("wechat token: answer without a token")
	}
	expires := h.now().Add(time.Duration(res.ExpiresIn) * time.Second)
	if err := h.store.SaveAccessToken(ctx, h.key, res.AccessToken, expires); err != nil {
		return "", err
	}
	h.remember(res.AccessToken, expires)
	return res.AccessToken, nil
}

// invalidate forgets token after WeChat refused it: the next call reads
// the store again, and fetches a new one unless another process did.
func (h *tokenHandle) invalidate(ctx context.Context, token string) error {
	h.mu.Lock()
	if h.memo == token {
		h.memo = ""
	}
	h.mu.Unlock()
	return h.store.DropAccessToken(ctx, h.key, token)
}

func (h *tokenHandle) stored(ctx context.Context) (string, error) {
	tok, expires, err := h.store.AccessToken(ctx, h.key)
	if err != nil || tok == "" || !h.now().Add(tokenRefreshMargin).Before(expires) {
		return "", err
	}
	h.remember(tok, expires)
	return tok, nil
}

func (h *tokenHandle) memoized() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.memo != "" && h.now().Before(h.memoUntil) {
		return h.memo
	}
	return ""
}

func (h *tokenHandle) remember(tok string, expires time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.memo = tok
	h.memoUntil = h.now().Add(tokenMemo)
	if end := expires.Add(-tokenRefreshMargin); end.Before(h.memoUntil) {
		h.memoUntil = end
	}
}

// memTokens is the TokenStore of a channel given none: this process only.
type memTokens struct {
	mu     sync.Mutex
	tokens map[string]memToken
}

type memToken struct {
	token   string
	expires time.Time
}

func (m *memTokens) AccessToken(_ context.Context, key string) (string, time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.tokens[key]
	return t.token, t.expires, nil
}

func (m *memTokens) SaveAccessToken(_ context.Context, key, token string, expires time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tokens == nil {
		m.tokens = map[string]memToken{}
	}
	m.tokens[key] = memToken{token, expires}
	return nil
}

func (m *memTokens) DropAccessToken(_ context.Context, key, token string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tokens[key].token == token {
		delete(m.tokens, key)
	}
	return nil
}
