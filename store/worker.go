package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gigbot/gigbot"
)

// Worker returns the worker for u, or an ENOTFOUND error.
func (db *DB) Worker(ctx context.Context, u gigbot.UserRef) (*gigbot.Worker, error) {
	w, err := scanWorker(db.r.queryRow(ctx, db.q.worker, u.Key()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, gigbot.Errorf(gigbot.ENOTFOUND, "worker %s not found", u.Hash())
	} else if err != nil {
		return nil, fmt.Errorf("read worker %s: %w", u.Hash(), err)
	}
	return &w, nil
}

// SaveWorker inserts or updates the worker keyed by w.User. An update keeps
// the row's id and creation time; both are set on w, with w.UpdatedAt.
func (db *DB) SaveWorker(ctx context.Context, w *gigbot.Worker) error {
	if w.User.IsZero() {
		return gigbot.Errorf(gigbot.EINVALID, "save worker: no user")
	}
	profile, err := toJSON(w.Profile)
	if err != nil {
		return fmt.Errorf("save worker %s: %w", w.User.Hash(), err)
	}
	now := db.now()
	var created sql.NullInt64
	err = db.w.queryRow(ctx, db.q.saveWorker,
		w.User.Key(), string(w.User.Channel), w.User.ID, profile, w.Lang,
		w.Onboarded, w.Paused, w.Unsubscribed, millis(now),
	).Scan(&w.ID, &created)
	if err != nil {
		return fmt.Errorf("save worker %s: %w", w.User.Hash(), err)
	}
	w.CreatedAt, w.UpdatedAt = fromMillis(created), now
	return nil
}

// ActiveWorkers calls fn for every worker with Active() true, in id order,
// and stops at the first error fn returns. Workers are read a page at a
// time with no query open while fn runs, so fn may use the store.
func (db *DB) ActiveWorkers(ctx context.Context, fn func(gigbot.Worker) error) error {
	return page(ctx, db.r, "list active workers", db.q.activeWorkers, scanWorker,
		func(w gigbot.Worker) int64 { return w.ID }, fn)
}

func scanWorker(sc scanner) (gigbot.Worker, error) {
	var (
		w                gigbot.Worker
		profile          string
		created, updated sql.NullInt64
	)
	err := sc.Scan(&w.ID, &w.User.Channel, &w.User.ID, &profile, &w.Lang,
		&w.Onboarded, &w.Paused, &w.Unsubscribed, &created, &updated)
	if err != nil {
		return w, err
	}
	if err := fromJSON(profile, &w.Profile); err != nil {
		return w, fmt.Errorf("worker %d profile: %w", w.ID, err)
	}
	w.CreatedAt, w.UpdatedAt = fromMillis(created), fromMillis(updated)
	return w, nil
}
