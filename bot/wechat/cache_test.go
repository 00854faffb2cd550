package wechat

import (
	"sync"
	"testing"
	"time"
)

func TestTokenCache(t *testing.T) {
	c := newTokenCache()
	if c.Get("k") != nil || c.IsExist("k") {
		t.Fatal("empty cache has k")
	}
	_ = c.Set("k", "v", time.Hour)
	if c.Get("k") != "v" || !c.IsExist("k") {
		t.Fatal("k not cached")
	}
	_ = c.Delete("k")
	if c.Get("k") != nil {
		t.Fatal("k survived Delete")
	}
	_ = c.Set("gone", "v", -time.Second)
	if c.Get("gone") != nil {
		t.Fatal("expired value returned")
	}

	// The SDK reads and writes it from every sender at once (go test -race).
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				_ = c.Set("k", "v", time.Hour)
				_ = c.Get("k")
				_ = c.Delete("k")
			}
		})
	}
	wg.Wait()
}
