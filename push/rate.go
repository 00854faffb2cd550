package push

import (
	"context"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
)

// bucket paces one channel's pushes: a token bucket holding at most one
// second's worth of sends, refilled at rate per second, and a pause the
// platform imposes with a rate-limit answer. A rate of 0 paces nothing.
// Twenty lines of standard library rather than golang.org/x/time/rate,
// which is not in the module graph and would not follow the injected clock.
type bucket struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	tokens float64
	last   time.Time
	until  time.Time // paused by the platform until then
}

func newBucket(rate float64) *bucket { return &bucket{rate: rate, tokens: max(rate, 1)} }

// reserve takes a token and says how long to wait before using it.
func (b *bucket) reserve(now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.rate <= 0 {
		return 0
	}
	if !b.last.IsZero() {
		b.tokens = min(max(b.rate, 1), b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// wait blocks until the next send may go, on clock.
func (b *bucket) wait(ctx context.Context, clock clockwork.Clock) error {
	d := b.reserve(clock.Now())
	if d <= 0 {
		return nil
	}
	select {
	case <-clock.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// pause stops the channel until t (a platform's "retry after").
func (b *bucket) pause(t time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t.After(b.until) {
		b.until = t
	}
}

// paused returns when the channel's pause ends, or zero when it is not paused.
func (b *bucket) paused(now time.Time) time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	if now.Before(b.until) {
		return b.until
	}
	return time.Time{}
}
