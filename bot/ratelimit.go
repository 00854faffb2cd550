package bot

import (
	"log/slog"
	"sync"
	"time"

	"github.com/gigbot/gigbot"
)

// Limits on what one user may send. They protect the service and other
// users from floods and scripted posting; each is answered with a polite
// reply, never silence.
const (
	// DefaultMessagesPerMinute is the messages one user may send in a
	// minute: a bucket of 20, refilled at one every 3 seconds. People
	// typing answers never reach it; a script does at once.
	DefaultMessagesPerMinute = 20
	// DefaultPostingsPerDay is the postings one employer may submit in a
	// day of the service's zone. A contractor hiring for several sites
	// posts a handful; more is a flood the workers' pushes would drown in.
	DefaultPostingsPerDay = 10
)

// limiterSweepSize is how many users the message limiter remembers before
// it forgets those whose bucket is full again.
const limiterSweepSize = 10000

// limitOr is n, or def when n is 0; a negative n means no limit (0).
func limitOr(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return 0
	}
	return n
}

// rateLimiter is a token bucket per user: up to limit messages at once,
// refilled at limit per period. It lives in memory: with several replicas
// each enforces it on the messages it handles, which bounds a flood as
// well.
type rateLimiter struct {
	limit  float64
	period time.Duration

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
	denied bool // the last message was refused: log only the first
}

// newRateLimiter returns a limiter of limit per period; nil when limit is
// 0 (no limit).
func newRateLimiter(limit int, period time.Duration) *rateLimiter {
	if limit <= 0 {
		return nil
	}
	return &rateLimiter{limit: float64(limit), period: period, buckets: map[string]*bucket{}}
}

// allow takes a token of key's bucket at now, and reports whether there
// was one, and when there was not, whether this is the first refusal in a
// row.
func (l *rateLimiter) allow(key string, now time.Time) (ok, firstDenial bool) {
	if l == nil {
		return true, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= limiterSweepSize {
			l.sweep(now)
		}
		b = &bucket{tokens: l.limit, at: now}
		l.buckets[key] = b
	}
	l.refill(b, now)
	if b.tokens < 1 {
		first := !b.denied
		b.denied = true
		return false, first
	}
	b.tokens--
	b.denied = false
	return true, false
}

func (l *rateLimiter) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = min(l.limit, b.tokens+l.limit*float64(elapsed)/float64(l.period))
		b.at = now
	}
}

// sweep forgets the users whose bucket is full again: they are as new.
func (l *rateLimiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if l.refill(b, now); b.tokens >= l.limit {
			delete(l.buckets, k)
		}
	}
}

// limited reports whether m is over its sender's message limit. Staff are
// not limited (a review session is many short commands), and neither are
// follow and unfollow events, which must always be recorded.
func (e *Engine) limited(m gigbot.Message, now time.Time) bool {
	switch m.Kind {
	case gigbot.MessageSubscribe, gigbot.MessageUnsubscribe:
		return false
	}
	if e.messages == nil || e.isStaff(m.User) {
		return false
	}
	ok, first := e.messages.allow(m.User.Key(), now)
	if !ok && first {
		e.log.Warn("message rate limited", slog.Any("user", m.User))
	}
	return !ok
}

// slowDown is the polite answer to a message over the limit. The
// conversation is not touched, so the user picks up where they were.
func (e *Engine) slowDown(m gigbot.Message) ([]gigbot.Reply, error) {
	text, err := e.tmpl.Render(e.tmpl.Lang(m.Lang), "common.rate_limited", nil)
	if err != nil {
		return nil, err
	}
	return []gigbot.Reply{{Text: text}}, nil
}
