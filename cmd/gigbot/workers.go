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

// loadStanding builds the reverse index from the store, and the caps from
// the posting notices already written to each worker today.
func loadStanding(ctx context.Context, s *store.DB, m *matcher.Matcher, loc *time.Location,
	dailyCap int, now time.Time) (*standing, error) {
	st := &standing{workers: matcher.NewWorkerIndex(m), quota: quota.New(loc, dailyCap), asOf: now}
	written := map[string]int{}
	err := s.PostingNoticeCounts(ctx, st.quota.StartOfDay(now), func(u gigbot.UserRef, n int) error {
		written[u.Key()] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count today's notices: %w", err)
	}
	err = s.ActiveWorkers(ctx, func(w gigbot.Worker) error {
		st.workers.Upsert(w)
		st.quota.SetCap(w.ID, w.Profile.DailyCap)
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
