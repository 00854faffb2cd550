package bot

import (
	"context"
	"fmt"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// Backfill: a worker who has just signed up (or changed their profile)
// gets the postings already open that fit them, at once, rather than
// only those published from now on.

const (
	// defaultBackfill bounds the backfill of a worker who set no daily
	// cap of their own and an engine given none: push.daily_cap's default.
	defaultBackfill = 5
	// backfillCandidates is how many postings the index is asked for;
	// those that fail matcher.Fits or are closed are dropped after.
	backfillCandidates = 50
)

// Backfill queues, as posting notices due now, the open postings that fit
// w's profile, ranked closest, best-paid, then freshest, at most the
// worker's daily cap (or the engine's). It returns how many were queued;
// postings the worker already had a notice of are not queued again.
func (e *Engine) Backfill(ctx context.Context, w gigbot.Worker) (int, error) {
	if !w.Active() {
		return 0, nil
	}
	limit := w.Profile.DailyCap
	if limit <= 0 {
		limit = e.dailyCap
	}
	now := e.clock.Now()
	q, ok := e.searchQuery("", w.Profile, now)
	if !ok {
		return 0, nil
	}
	q.Limit = backfillCandidates
	ids, err := e.index.Search(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("backfill: %w", err)
	}
	var fits []gigbot.Posting
	for _, id := range ids {
		p, err := e.store.Posting(ctx, id)
		if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
			continue
		} else if err != nil {
			return 0, fmt.Errorf("backfill: %w", err)
		}
		if p.Open(now) && p.Employer != w.User && matcher.Fits(*p, w.Profile) {
			fits = append(fits, *p)
		}
	}
	matcher.Rank(w.Profile, fits)
	if len(fits) > limit {
		fits = fits[:limit]
	}
	lang := e.tmpl.Lang(w.Lang)
	notices := make([]gigbot.Notice, 0, len(fits))
	for _, p := range fits {
		r, err := e.postingNotice(p, lang)
		if err != nil {
			return 0, fmt.Errorf("backfill: %w", err)
		}
		notices = append(notices, gigbot.Notice{To: w.User, Kind: gigbot.NoticePosting, PostingID: p.ID,
			Reply: r, Status: gigbot.NoticePending, DueAt: now})
	}
	if e.quota != nil {
		// Room left today: what was written earlier counts.
		room := 0
		for room < len(notices) && e.quota.Take(w.ID, now) {
			room++
		}
		notices = notices[:room]
	}
	if len(notices) == 0 {
		return 0, nil
	}
	n, err := e.store.Enqueue(ctx, notices)
	if err != nil {
		for range notices {
			e.release(w.ID, now)
		}
		return 0, fmt.Errorf("backfill: %w", err)
	}
	for _, nt := range notices {
		if nt.ID == 0 { // had it already
			e.release(w.ID, now)
		}
	}
	return n, nil
}
