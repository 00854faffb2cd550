package main

import (
	"context"
	"fmt"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/quota"
	"github.com/gigbot/gigbot/store"
)

// standing is the in-memory view of the standing worker profiles: the
// reverse index a new posting is matched against, and each worker's
// posting notices written today against their cap.
type standing struct {
	workers *matcher.WorkerIndex
	quota   *quota.DailyQuota
	asOf    time.Time // when it was loaded: the engine catches up from here
}

// postingNoticeCounter is the store query that seeds the caps after a
// restart: the posting notices written to each user since a time.
type postingNoticeCounter interface {
	PostingNoticeCounts(ctx context.Context, since time.Time, fn func(u gigbot.UserRef, n int) error) error
}

var _ postingNoticeCounter = (*store.DB)(nil)

// loadStanding builds the reverse index and the caps from the store.
func loadStanding(ctx context.Context, s gigbot.Store, m *matcher.Matcher, loc *time.Location,
	dailyCap int, now time.Time) (*standing, error) {
	st := &standing{workers: matcher.NewWorkerIndex(m), quota: quota.New(loc, dailyCap), asOf: now}
	written := map[string]int{}
	if c, ok := s.(postingNoticeCounter); ok {
		err := c.PostingNoticeCounts(ctx, st.quota.StartOfDay(now), func(u gigbot.UserRef, n int) error {
			written[u.Key()] = n
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("count today's notices: %w", err)
		}
	}
	err := s.ActiveWorkers(ctx, func(w gigbot.Worker) error {
		st.apply(w)
		if n, ok := written[w.User.Key()]; ok {
			st.quota.Seed(w.ID, n, now)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load workers: %w", err)
	}
	return st, nil
}

func (st *standing) apply(w gigbot.Worker) {
	st.workers.Upsert(w) // drops a worker who is not active
	st.quota.SetCap(w.ID, w.Profile.DailyCap)
}
