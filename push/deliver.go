package push

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/gigbot/gigbot"
)

// Causes recorded on held notices.
const (
	causeQuiet       = "quiet_hours"
	causeCap         = "daily_cap"
	causeRateLimited = "rate_limited"
	// causeDigest marks posting notices kept for a digest worker's next
	// digest; when one of them is due, the digest is due.
	causeDigest = "digest"
)

// pass is one drain: a "now" (renewed per batch and after each wait for
// the send rate) and the day's counts seen so far.
type pass struct {
	*Pusher
	now       time.Time
	sentToday map[string]int // user key → posting notices sent today
	settled   map[int64]bool // notices a digest of this pass sent or held
}

// prefs are one worker's delivery rules: theirs, or the defaults.
type prefs struct {
	quiet    gigbot.QuietHours
	cap      int
	digest   bool
	digestAt time.Duration
}

func (p *Pusher) prefsOf(w *gigbot.Worker) prefs {
	r := prefs{quiet: p.o.QuietHours, cap: p.o.DailyCap, digestAt: p.o.DigestAt}
	if w == nil {
		return r
	}
	pr := w.Profile
	switch pr.QuietHours {
	case "":
	case "off":
		r.quiet = gigbot.QuietHours{}
	default:
		// A value the dialog let through but that does not parse keeps the
		// default: never push at night by mistake.
		if q, err := gigbot.ParseQuietHours(pr.QuietHours); err == nil {
			r.quiet = q
		}
	}
	if pr.DailyCap > 0 {
		r.cap = pr.DailyCap
	}
	if pr.Delivery == gigbot.DeliveryDigest && p.o.Templates != nil {
		r.digest = true
		if at, err := parseClock(pr.DigestAt); err == nil {
			r.digestAt = at
		}
	}
	return r
}

// deliver sends one notice or decides why it waits, and returns how many
// notices it marked sent. It returns an error only when the store fails,
// which ends the pass.
func (p *pass) deliver(ctx context.Context, n gigbot.Notice) (int, error) {
	st := p.o.Store
	if n.Kind == gigbot.NoticeMessage {
		// A reply that missed its chat turn goes at once, whatever the hour.
		return p.sendAndSettle(ctx, n.To, n.Reply, []gigbot.Notice{n}, "")
	}
	w, reason, err := p.stale(ctx, n)
	if err != nil {
		return 0, err
	}
	if reason != "" {
		p.observe(n.To.Channel, "failed")
		return 0, st.MarkFailed(ctx, n.ID, reason)
	}
	pr := p.prefsOf(w)
	if n.Kind == gigbot.NoticePosting && pr.digest {
		return p.digest(ctx, n, w, pr)
	}
	if pr.quiet.Contains(p.now) {
		return 0, st.Hold(ctx, n.ID, pr.quiet.EndAfter(p.now), causeQuiet)
	}
	if n.Kind == gigbot.NoticePosting && pr.cap > 0 {
		count, err := p.countToday(ctx, n.To)
		if err != nil {
			return 0, err
		}
		if count >= pr.cap {
			return 0, st.Hold(ctx, n.ID, p.nextDay(pr.quiet), causeCap)
		}
	}
	return p.sendAndSettle(ctx, n.To, n.Reply, []gigbot.Notice{n}, "")
}

// sendAndSettle sends r to u on behalf of ns (one notice, or the postings
// of a digest) and records the outcome on each of them. A notice that must
// wait keeps marker as its cause when marker is set (a digest's postings
// stay marked for the digest). It returns how many it marked sent.
func (p *pass) sendAndSettle(ctx context.Context, u gigbot.UserRef, r gigbot.Reply, ns []gigbot.Notice, marker string) (int, error) {
	st := p.o.Store
	cause := func(c string) string {
		if marker != "" {
			return marker
		}
		return c
	}
	holdAll := func(at time.Time, c string) error {
		for _, n := range ns {
			if err := st.Hold(ctx, n.ID, at, cause(c)); err != nil {
				return err
			}
		}
		return nil
	}
	s, ok := p.o.Senders[u.Channel]
	if !ok || s == nil {
		return 0, holdAll(p.now.Add(noChannelRetry), "channel_disabled")
	}
	b := p.rates[u.Channel]
	if b == nil {
		b = newBucket(0)
	}
	if until := b.paused(p.o.Clock.Now()); !until.IsZero() {
		// The platform asked the whole channel to slow down.
		return 0, holdAll(until, causeRateLimited)
	}
	if err := b.wait(ctx, p.o.Clock); err != nil {
		return 0, err
	}
	p.now = p.o.Clock.Now().In(p.o.Location)
	// From here the send is in flight: a shutdown lets it finish and be
	// recorded (the HTTP clients have their own timeouts), or a graceful
	// stop would leave a delivered notice pending, to be sent again.
	ctx = context.WithoutCancel(ctx)

	var err error
	if ns1, ok := s.(gigbot.NoticeSender); ok && marker == "" && len(ns) == 1 {
		// The channel may word a single notice its own way (WeChat: a
		// template message outside the 48-hour window).
		err = ns1.SendNotice(ctx, ns[0])
	} else {
		err = s.Send(ctx, u, r)
	}
	switch code := gigbot.ErrorCode(err); {
	case err == nil:
		for _, n := range ns {
			if n.Kind == gigbot.NoticePosting {
				p.sentToday[u.Key()]++
			}
			if err := st.MarkSent(ctx, n.ID, p.now); err != nil {
				return 0, err
			}
			p.observe(u.Channel, "sent")
		}
		return len(ns), nil
	case code == gigbot.EUNREACHABLE:
		return 0, holdAll(p.now.Add(unreachableRetry), causeUnreachable)
	case code == gigbot.EBLOCKED:
		p.o.Logger.Info("push recipient blocked the bot", slog.Any("to", u))
		if err := p.unsubscribe(ctx, u); err != nil {
			return 0, err
		}
		for _, n := range ns {
			if err := st.MarkFailed(ctx, n.ID, "blocked"); err != nil {
				return 0, err
			}
			p.observe(u.Channel, "failed")
		}
		return 0, nil
	}
	var limited *gigbot.RateLimitedError
	if errors.As(err, &limited) {
		until := p.now.Add(time.Duration(max(limited.RetryAfter, 1)) * time.Second)
		b.pause(until)
		p.o.Logger.Warn("push channel rate limited", slog.String("channel", string(u.Channel)),
			slog.Int("retry_after_s", limited.RetryAfter))
		return 0, holdAll(until, causeRateLimited)
	}
	for _, n := range ns {
		p.o.Logger.Warn("push send failed", slog.Any("to", u), slog.Int64("notice", n.ID),
			slog.Int("attempt", n.Attempts+1), slog.String("error", err.Error()))
		if n.Attempts+1 >= maxAttempts {
			err = st.MarkFailed(ctx, n.ID, "send_failed")
			p.observe(u.Channel, "failed")
		} else {
			err = st.Postpone(ctx, n.ID, p.now.Add(backoff(n.Attempts)), cause("send_failed"))
			p.observe(u.Channel, "postponed")
		}
		if err != nil {
			return 0, err
		}
	}
	return 0, nil
}

// stale returns the recipient, or says why a push should no longer go
// out: the worker left or paused, the posting closed or expired, the fair
// is over.
func (p *pass) stale(ctx context.Context, n gigbot.Notice) (*gigbot.Worker, string, error) {
	w, err := p.o.Store.Worker(ctx, n.To)
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
		return nil, "inactive", nil
	} else if err != nil {
		return nil, "", err
	}
	if !w.Active() {
		return nil, "inactive", nil
	}
	switch n.Kind {
	case gigbot.NoticePosting:
		reason, err := p.postingGone(ctx, n.PostingID)
		return w, reason, err
	case gigbot.NoticeFair, gigbot.NoticeFairReminder:
		f, err := p.o.Store.Fair(ctx, n.FairID)
		if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
			return w, "fair_gone", nil
		} else if err != nil {
			return nil, "", err
		}
		if !p.now.Before(f.At) {
			return w, "fair_over", nil
		}
	}
	return w, "", nil
}

// postingGone says why a posting may not be pushed any more, or "".
func (p *pass) postingGone(ctx context.Context, id int64) (string, error) {
	posting, err := p.o.Store.Posting(ctx, id)
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
func (p *pass) nextDay(quiet gigbot.QuietHours) time.Time {
	y, m, d := p.now.Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, p.now.Location())
	return quiet.EndAfter(midnight)
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

// parseClock reads "HH:MM" as an offset from local midnight.
func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// ParseClock reads "HH:MM" (local time) as an offset from midnight, for
// Options.DigestAt and Reminder.At.
func ParseClock(s string) (time.Duration, error) { return parseClock(s) }

// observe tells Options.OnSettle how a notice was settled.
func (p *Pusher) observe(ch gigbot.Channel, outcome string) {
	if p.o.OnSettle != nil {
		p.o.OnSettle(ch, outcome)
	}
}
