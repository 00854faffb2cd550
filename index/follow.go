package index

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/gigbot/gigbot"
)

// Changes reads a change feed of postings: the ids of the postings
// written after seq, in order, and the seq of the last one returned (seq
// itself when there are none). The store's posting_changes table is one.
type Changes func(ctx context.Context, after int64) (ids []int64, last int64, err error)

// Lookup reads one posting; an ENOTFOUND error means it is gone.
type Lookup func(ctx context.Context, id int64) (*gigbot.Posting, error)

// Follower keeps an index current from a change feed, for replicas that
// share one store: whichever replica published or closed a posting, every
// replica's index sees it within one poll.
type Follower struct {
	idx     *Index
	changes Changes
	lookup  Lookup
	every   time.Duration
	log     *slog.Logger
	seq     atomic.Int64
	caught  atomic.Bool
}

// NewFollower follows changes from seq on: the feed's position read
// before the index was last rebuilt from the store, so that nothing
// written during the rebuild is missed (a posting applied twice is the
// same posting).
func (i *Index) NewFollower(from int64, every time.Duration, changes Changes, lookup Lookup) *Follower {
	f := &Follower{idx: i, changes: changes, lookup: lookup, every: every, log: i.log}
	f.seq.Store(from)
	return f
}

// Run polls the feed every interval until ctx ends. A failed poll is
// logged and tried again at the next one, from the same position.
func (f *Follower) Run(ctx context.Context) {
	t := time.NewTicker(f.every)
	defer t.Stop()
	for {
		if err := f.Poll(ctx); err != nil && ctx.Err() == nil {
			f.log.Warn("index follow", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Poll applies every change after the current position, page by page.
func (f *Follower) Poll(ctx context.Context) error {
	for {
		after := f.seq.Load()
		ids, last, err := f.changes(ctx, after)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			if err := f.apply(ctx, id); err != nil {
				return err
			}
		}
		f.seq.Store(last)
		if len(ids) == 0 || last == after {
			f.caught.Store(true)
			return nil
		}
	}
}

// apply puts the posting as the store has it now (Put drops one that is
// not open) or deletes it when it is gone.
func (f *Follower) apply(ctx context.Context, id int64) error {
	p, err := f.lookup(ctx, id)
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
		return f.idx.Delete(ctx, id)
	} else if err != nil {
		return err
	}
	return f.idx.Put(ctx, *p)
}

// Position is the seq of the last change applied.
func (f *Follower) Position() int64 { return f.seq.Load() }

// CaughtUp reports whether a poll has reached the end of the feed once.
func (f *Follower) CaughtUp() bool { return f.caught.Load() }
