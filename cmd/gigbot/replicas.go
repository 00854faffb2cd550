package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/index"
	"github.com/gigbot/gigbot/metrics"
	"github.com/gigbot/gigbot/store"
)

// followEvery is how often a replica on PostgreSQL reads the posting
// change feed into its index: a posting published on one replica is
// searchable on every other within about this long.
const followEvery = time.Second

// openStore opens the store cfg names: the embedded one in data_dir, or
// PostgreSQL at store.dsn.
func openStore(ctx context.Context, cfg config.Config, clock gigbot.Clock) (*store.DB, error) {
	if cfg.Store.Driver == "postgres" {
		db, err := store.OpenPostgres(ctx, cfg.Store.DSN, clock)
		if err != nil {
			return nil, fmt.Errorf("open store (store.driver postgres): %w", redactDSN(err, cfg.Store.DSN))
		}
		return db, nil
	}
	db, err := store.Open(ctx, cfg.DataDir, clock)
	if err != nil {
		return nil, fmt.Errorf("open store in data_dir %s: %w", cfg.DataDir, err)
	}
	return db, nil
}

// redactDSN keeps a password in store.dsn out of error messages.
func redactDSN(err error, dsn string) error {
	if i := strings.Index(dsn, "password="); i >= 0 || strings.Contains(dsn, "@") {
		return errors.New(strings.ReplaceAll(err.Error(), dsn, "<store.dsn>"))
	}
	return err
}

// openIndex opens the index in data_dir. On PostgreSQL, where other
// replicas write postings, it is rebuilt from the store at every start
// and then follows the change feed from where the store stood before the
// rebuild.
func (a *app) openIndex(ctx context.Context) error {
	dir := a.cfg.DataDir + "/index"
	var from int64
	if a.store.Driver() == "postgres" {
		var err error
		if from, err = a.store.LastPostingChange(ctx); err != nil {
			return err
		}
	}
	_, statErr := os.Stat(dir)
	idx, err := index.Open(ctx, dir, a.store.Postings, a.log)
	if err != nil {
		return fmt.Errorf("open index in data_dir %s: %w", a.cfg.DataDir, err)
	}
	a.index = idx
	if a.store.Driver() != "postgres" {
		return nil
	}
	if statErr == nil { // an index from an earlier run: stale by now
		if err := idx.Rebuild(ctx, a.store.Postings); err != nil {
			return err
		}
	}
	a.follower = idx.NewFollower(from, followEvery,
		func(ctx context.Context, after int64) ([]int64, int64, error) {
			cs, err := a.store.PostingChanges(ctx, after, 500)
			if err != nil || len(cs) == 0 {
				return nil, after, err
			}
			ids := make([]int64, len(cs))
			for i, c := range cs {
				ids[i] = c.PostingID
			}
			return ids, cs[len(cs)-1].Seq, nil
		},
		a.store.Posting)
	return nil
}

// replicaName names this process on the notices it claims: host and pid.
func replicaName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// observedStore is the store as the engine and the channels see it,
// counting what the metrics need on the way through.
type observedStore struct {
	*store.DB
	m *metrics.Metrics
}

// ClaimCallback counts the retries dropped; the key starts with the
// channel ("wechat:msg:…", "telegram:upd:…").
func (s observedStore) ClaimCallback(ctx context.Context, key string) (bool, error) {
	first, err := s.DB.ClaimCallback(ctx, key)
	if err == nil && !first {
		ch, _, _ := strings.Cut(key, ":")
		s.m.Duplicate(ch)
	}
	return first, err
}

// Enqueue counts the notices queued, by channel.
func (s observedStore) Enqueue(ctx context.Context, ns []gigbot.Notice) (int, error) {
	n, err := s.DB.Enqueue(ctx, ns)
	if err == nil && n > 0 {
		by := map[gigbot.Channel]int{}
		for _, x := range ns {
			if x.ID != 0 {
				by[x.To.Channel]++
			}
		}
		for ch, k := range by {
			s.m.Notice(string(ch), "queued", k)
		}
	}
	return n, err
}

// ActiveWorkers is the walk that matches a posting or a fair against every
// active worker: its time is the match time.
func (s observedStore) ActiveWorkers(ctx context.Context, fn func(gigbot.Worker) error) error {
	start := time.Now()
	err := s.DB.ActiveWorkers(ctx, fn)
	s.m.Match(time.Since(start))
	return err
}

// readiness is what /readyz waits for: migrations applied (the store
// opened), the index built and, on PostgreSQL, caught up with the feed
// once, and the schedules started.
type readiness struct{ started atomic.Bool }

func (a *app) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var why string
	switch {
	case !a.ready.started.Load():
		why = "starting"
	case a.follower != nil && !a.follower.CaughtUp():
		why = "index catching up"
	}
	if why == "" {
		if err := a.store.Ping(ctx); err != nil {
			a.log.Warn("readiness: store", slog.String("error", err.Error()))
			why = "store unavailable"
		} else if _, err := a.index.Count(); err != nil {
			a.log.Warn("readiness: index", slog.String("error", err.Error()))
			why = "index unavailable"
		}
	}
	if why != "" {
		http.Error(w, why, http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ready")
}
