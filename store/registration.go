package store

import (
	"context"
	"fmt"

	"github.com/gigbot/gigbot"
)

// RegisterForFair records u's interest in a fair and reports true the
// first time; registering again changes nothing.
func (db *DB) RegisterForFair(ctx context.Context, fairID int64, u gigbot.UserRef) (bool, error) {
	if u.IsZero() {
		return false, gigbot.Errorf(gigbot.EINVALID, "register for fair: no user")
	}
	res, err := db.w.exec(ctx, db.q.registerForFair, fairID, u.Key(), string(u.Channel), u.ID, millis(db.now()))
	if err != nil {
		return false, fmt.Errorf("register for fair %d: %w", fairID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("register for fair %d: %w", fairID, err)
	}
	return n == 1, nil
}

// UnregisterFromFair withdraws u's interest in a fair and reports whether
// there was any: a worker who will not go ("不去了") gets no reminders and
// is not counted.
func (db *DB) UnregisterFromFair(ctx context.Context, fairID int64, u gigbot.UserRef) (bool, error) {
	res, err := db.w.exec(ctx, db.q.unregisterFromFair, fairID, u.Key())
	if err != nil {
		return false, fmt.Errorf("unregister from fair %d: %w", fairID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("unregister from fair %d: %w", fairID, err)
	}
	return n > 0, nil
}

// FairRegistrations counts the workers registered for a fair.
func (db *DB) FairRegistrations(ctx context.Context, fairID int64) (int, error) {
	var n int
	if err := db.r.queryRow(ctx, db.q.fairRegistrations, fairID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count fair %d registrations: %w", fairID, err)
	}
	return n, nil
}

// FairRegistrants calls fn for each registered user, in order of
// registration. They are read first, so fn may use the store.
func (db *DB) FairRegistrants(ctx context.Context, fairID int64, fn func(gigbot.UserRef) error) error {
	users, err := list(ctx, db.r, func(sc scanner) (gigbot.UserRef, error) {
		var channel, id string
		err := sc.Scan(&channel, &id)
		return userRef(channel, id), err
	}, db.q.fairRegistrants, fairID)
	if err != nil {
		return fmt.Errorf("list fair %d registrants: %w", fairID, err)
	}
	for _, u := range users {
		if err := fn(u); err != nil {
			return err
		}
	}
	return nil
}

// PostingsBy calls fn for each posting of employer, newest first.
func (db *DB) PostingsBy(ctx context.Context, employer gigbot.UserRef, fn func(gigbot.Posting) error) error {
	ps, err := list(ctx, db.r, scanPosting, db.q.postingsBy, employer.Key())
	if err != nil {
		return fmt.Errorf("list postings of %s: %w", employer.Hash(), err)
	}
	for _, p := range ps {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
