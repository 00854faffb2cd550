package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gigbot/gigbot"
)

// CreateFair inserts f and sets f.ID and f.CreatedAt. A fair needs a date.
func (db *DB) CreateFair(ctx context.Context, f *gigbot.Fair) error {
	if f.At.IsZero() {
		return gigbot.Errorf(gigbot.EINVALID, "create fair: no date")
	}
	now := db.now()
	err := db.w.queryRow(ctx, db.q.createFair,
		f.Title, millis(f.At), f.Venue, f.District,
		string(f.CreatedBy.Channel), f.CreatedBy.ID, millis(now),
	).Scan(&f.ID)
	if err != nil {
		return fmt.Errorf("create fair: %w", err)
	}
	f.CreatedAt = now
	return nil
}

// Fair returns one fair, or an ENOTFOUND error.
func (db *DB) Fair(ctx context.Context, id int64) (*gigbot.Fair, error) {
	f, err := scanFair(db.r.queryRow(ctx, db.q.fair, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, gigbot.Errorf(gigbot.ENOTFOUND, "fair %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("read fair %d: %w", id, err)
	}
	return &f, nil
}

// Fairs calls fn for every fair at or after since, soonest first, and stops
// at the first error fn returns. Fairs are few (staff announce them), so
// they are read in one query, closed before fn runs.
func (db *DB) Fairs(ctx context.Context, since time.Time, fn func(gigbot.Fair) error) error {
	fairs, err := list(ctx, db.r, scanFair, db.q.fairsSince, since.UnixMilli())
	if err != nil {
		return fmt.Errorf("list fairs: %w", err)
	}
	for _, f := range fairs {
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

func scanFair(sc scanner) (gigbot.Fair, error) {
	var (
		f                 gigbot.Fair
		channel           string
		startsAt, created sql.NullInt64
	)
	err := sc.Scan(&f.ID, &f.Title, &startsAt, &f.Venue, &f.District, &channel, &f.CreatedBy.ID, &created)
	if err != nil {
		return f, err
	}
	f.CreatedBy.Channel = gigbot.Channel(channel)
	f.At, f.CreatedAt = fromMillis(startsAt), fromMillis(created)
	return f, nil
}
