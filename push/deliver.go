package push

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/gigbot/gigbot"
)

// pass is one drain: a fixed "now" and the day's counts seen so far.
type pass struct {
	*Pusher
	now       time.Time
	sentToday map[string]int // user key → posting notices sent today
}

// deliver sends one notice or decides why it waits. It returns an error
// only when the store fails, which ends the pass.
func (p *pass) deliver(ctx context.Context, n gigbot.Notice) (bool, error) {
	st := p.o.Store
	if n.Kind != gigbot.NoticeMessage {
		if p.o.QuietHours.Contains(p.now) {
			return false, st.Hold(ctx, n.ID, p.o.QuietHours.EndAfter(p.now), "quiet_hours")
		}
		if reason, err := p.stale(ctx, n); err != nil || reason != "" {
			if err != nil {
				return false, err
			}
			return false, st.MarkFailed(ctx, n.ID, reason)
		}
	}
	if n.Kind == gigbot.NoticePosting && p.o.DailyCap > 0 {
		count, err := p.countToday(ctx, n.To)
		if err != nil {
			return false, err
		}
		if count >= p.o.DailyCap {
			return false, st.Hold(ctx, n.ID, p.nextDay(), "daily_cap")
		}
	}
	err := p.send(ctx, n)
	switch code := gigbot.ErrorCode(err); {
	case err == nil:
		if n.Kind == gigbot.NoticePosting {
			p.sentToday[n.To.Key()]++
		}
		return true, st.MarkSent(ctx, n.ID, p.now)
	case errors.Is(err, errNoSender):
		return false, st.Hold(ctx, n.ID, p.now.Add(noChannelRetry), "channel_disabled")
	case code == gigbot.EUNREACHABLE:
		return false, st.Hold(ctx, n.ID, p.now.Add(unreachableRetry), causeUnreachable)
	case code == gigbot.EBLOCKED:
		p.o.Logger.Info("push recipient blocked the bot", slog.Any("to", n.To))
		if err := p.unsubscribe(ctx, n.To); err != nil {
			return false, err
		}
		return false, st.MarkFailed(ctx, n.ID, "blocked")
	}
	var limited *gigbot.RateLimitedError
	if errors.As(err, &limited) {
		return false, st.Hold(ctx, n.ID, p.now.Add(time.Duration(limited.RetryAfter)*time.Second), "rate_limited")
	}
	p.o.Logger.Warn("push send failed", slog.Any("to", n.To), slog.Int64("notice", n.ID),
		slog.Int("attempt", n.Attempts+1), slog.String("error", err.Error()))
	if n.Attempts+1 >= maxAttempts {
		return false, st.MarkFailed(ctx, n.ID, "send_failed")
	}
	return false, st.Postpone(ctx, n.ID, p.now.Add(backoff(n.Attempts)), "send_failed")
}

func (p *pass) send(ctx context.Context, n gigbot.Notice) error {
	s, ok := p.o.Senders[n.To.Channel]
	if !ok || s == nil {
		return errNoSender
	}
	return s.Send(ctx, n.To, n.Reply)
}

// stale says why a push should no longer go out: the worker left or
// paused, or the posting closed or expired since it was queued.
func (p *pass) stale(ctx context.Context, n gigbot.Notice) (string, error) {
	w, err := p.o.Store.Worker(ctx, n.To)
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
		return "inactive", nil
	} else if err != nil {
		return "", err
	}
	if !w.Active() {
		return "inactive", nil
	}
	if n.Kind != gigbot.NoticePosting {
		return "", nil
	}
	posting, err := p.o.Store.Posting(ctx, n.PostingID)
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
		return "posting_gone", nil
	} else if err != nil {
		return "", err
	}
	if !posting.Open(p.now) {
		return "posting_closed", nil
	}
	return "", nil
}

func (p *pass) countToday(ctx context.Context, u gigbot.UserRef) (int, error) {
	if c, ok := p.sentToday[u.Key()]; ok {
		return c, nil
	}
	c, err := p.o.Store.SentCount(ctx, u, gigbot.NoticePosting, p.startOfDay())
	if err != nil {
		return 0, err
	}
	p.sentToday[u.Key()] = c
	return c, nil
}

func (p *pass) startOfDay() time.Time {
	y, m, d := p.now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, p.now.Location())
}

// nextDay is when a capped notice may go: local midnight, or the end of
// the quiet hours that start before it.
func (p *pass) nextDay() time.Time {
	y, m, d := p.now.Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, p.now.Location())
	return p.o.QuietHours.EndAfter(midnight)
}

func (p *pass) unsubscribe(ctx context.Context, u gigbot.UserRef) error {
	w, err := p.o.Store.Worker(ctx, u)
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	w.Unsubscribed = true
	return p.o.Store.SaveWorker(ctx, w)
}

// backoff doubles from 30 s up to an hour.
func backoff(attempts int) time.Duration {
	d := 30 * time.Second << min(attempts, 7)
	return min(d, time.Hour)
}
