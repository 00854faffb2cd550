package wechat

import (
	"fmt"
	"sync"
	"time"

	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/credential"
)

// tokenCache is the SDK's access-token cache (cache.Cache), safe for
// concurrent use: the SDK needs one (nil panics) and its cache.Memory
// reads its map without the lock. It holds one value, the access token of
// one process; a cache shared by every process belongs in the store.
type tokenCache struct {
	mu    sync.Mutex
	items map[string]cacheItem
}

type cacheItem struct {
	val     any
	expires time.Time
}

var _ cache.Cache = (*tokenCache)(nil)

func newTokenCache() *tokenCache {
	return &tokenCache{items: map[string]cacheItem{}}
}

// Get returns the value under key, or nil when absent or expired.
func (c *tokenCache) Get(key string) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	if !ok {
		return nil
	}
	if !time.Now().Before(it.expires) {
		delete(c.items, key)
		return nil
	}
	return it.val
}

// Set stores val under key for timeout.
func (c *tokenCache) Set(key string, val any, timeout time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = cacheItem{val: val, expires: time.Now().Add(timeout)}
	return nil
}

// IsExist reports whether key holds a live value.
func (c *tokenCache) IsExist(key string) bool { return c.Get(key) != nil }

// Delete removes key.
func (c *tokenCache) Delete(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, key)
	return nil
}

// accessTokenKey is the key under which the SDK's default token handle
// (credential.DefaultAccessToken) caches the token of appID; deleting it
// makes the next call fetch a new token.
func accessTokenKey(appID string) string {
	return fmt.Sprintf("%s_access_token_%s", credential.CacheKeyOfficialAccountPrefix, appID)
}
