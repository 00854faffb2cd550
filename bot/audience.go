package bot

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// This file finds who a new posting goes to through the in-memory reverse
// index of standing profiles (Options.Workers) instead of a scan of every
// worker, and takes each notice from the worker's daily cap as it is
// written (Options.Quota), so the cap bounds the rows written, not only
// the pushes sent.

// workerFeed is how far the reverse index has followed the store's
// worker changes.
type workerFeed struct {
	mu   sync.Mutex
	seen time.Time // the latest updated_at applied
}

// feedOverlap re-reads a little before the last change seen, to cover
// writes committed out of order.
const feedOverlap = 2 * time.Second

// catchUp applies to the reverse index the workers written since it last
// looked, wherever they were written, so a posting reaches everyone who
// fits it now. It is one indexed query per posting.
func (e *Engine) catchUp(ctx context.Context) error {
	feed, ok := e.store.(gigbot.WorkerFeed)
	if !ok {
		return nil
	}
	e.feed.mu.Lock()
	defer e.feed.mu.Unlock()
	return feed.WorkersUpdatedSince(ctx, e.feed.seen.Add(-feedOverlap), func(w gigbot.Worker) error {
		e.workerSaved(w)
		if w.UpdatedAt.After(e.feed.seen) {
			e.feed.seen = w.UpdatedAt
		}
		return nil
	})
}

// workerSaved keeps the reverse index and the cap in step with a worker
// just written to the store.
func (e *Engine) workerSaved(w gigbot.Worker) {
	if e.workers != nil {
		e.workers.Upsert(w)
	}
	if e.quota != nil {
		e.quota.SetCap(w.ID, w.Profile.DailyCap)
	}
}

// workerGone drops a deleted worker from the reverse index.
func (e *Engine) workerGone(id int64) {
	if e.workers != nil && id != 0 {
		e.workers.Remove(id)
	}
}

// queuePosting queues a notice of p for every standing worker it fits who
// has room left under today's cap, rendered once per language, and
// returns how many were written.
func (e *Engine) queuePosting(ctx context.Context, p gigbot.Posting, now time.Time) (int, error) {
	if err := e.catchUp(ctx); err != nil {
		return 0, err
	}
	var ids []int64
	if e.quota != nil {
		// Workers at their cap are left out while matching, not after.
		ids = e.quota.TakeAll(e.workers.MatchIDsSkipping(p, e.quota.Full(now), nil), now)
	} else {
		ids = e.workers.MatchIDs(p, nil)
	}
	replies := map[string]gigbot.Reply{}
	notices := make([]gigbot.Notice, 0, len(ids))
	taken := make([]int64, 0, len(ids))
	var renderErr error
	e.workers.Recipients(ids, func(r matcher.Recipient) {
		if r.User == p.Employer || renderErr != nil {
			e.release(r.ID, now)
			return
		}
		lang := e.tmpl.Lang(r.Lang)
		reply, ok := replies[lang]
		if !ok {
			if reply, renderErr = e.postingNotice(p, lang); renderErr != nil {
				e.release(r.ID, now)
				return
			}
			replies[lang] = reply
		}
		notices = append(notices, gigbot.Notice{To: r.User, Kind: gigbot.NoticePosting, PostingID: p.ID,
			Reply: reply, Status: gigbot.NoticePending, DueAt: now})
		taken = append(taken, r.ID)
	})
	if renderErr != nil {
		e.releaseAll(taken, now)
		return 0, renderErr
	}
	if len(notices) == 0 {
		return 0, nil
	}
	n, err := e.store.Enqueue(ctx, notices)
	if err != nil {
		e.releaseAll(taken, now)
		return 0, fmt.Errorf("queue notices: %w", err)
	}
	for i := range notices {
		if notices[i].ID == 0 { // had it already: it used no room today
			e.release(taken[i], now)
		}
	}
	return n, nil
}

func (e *Engine) release(id int64, now time.Time) {
	if e.quota != nil {
		e.quota.Release(id, now)
	}
}

func (e *Engine) releaseAll(ids []int64, now time.Time) {
	for _, id := range ids {
		e.release(id, now)
	}
}
