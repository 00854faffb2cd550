package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gigbot/gigbot"
)

// CreatePosting inserts p, with its employer's row when it is their first
// posting, and sets p.ID and p.CreatedAt. A posting with no employer
// (seeded or imported) is allowed.
func (db *DB) CreatePosting(ctx context.Context, p *gigbot.Posting) error {
	skills, err := toJSON(p.Skills)
	if err != nil {
		return fmt.Errorf("create posting: %w", err)
	}
	screening, err := toJSON(p.Screening)
	if err != nil {
		return fmt.Errorf("create posting: %w", err)
	}
	now := db.now()

	tx, err := db.w.begin(ctx, db.q.saveEmployer, db.q.createPosting, db.q.addPostingChange)
	if err != nil {
		return fmt.Errorf("create posting: %w", err)
	}
	defer tx.Rollback()

	var employer any // NULL when there is none
	if !p.Employer.IsZero() {
		employer = p.Employer.Key()
		_, err := tx.exec(db.q.saveEmployer,
			employer, string(p.Employer.Channel), p.Employer.ID, millis(now))
		if err != nil {
			return fmt.Errorf("create posting: save employer %s: %w", p.Employer.Hash(), err)
		}
	}
	var id int64
	err = tx.queryRow(db.q.createPosting,
		employer, p.Title, p.Text, skills, p.Place.District, p.Place.Street, p.Place.Point.Lat, p.Place.Point.Lon,
		p.Headcount, p.Pay.Min, p.Pay.Max, string(p.Pay.Unit), millis(p.Start), p.Phone, screening,
		string(p.Status), millis(now), millis(p.ExpiresAt),
	).Scan(&id)
	if err != nil {
		return fmt.Errorf("create posting: %w", err)
	}
	if err := db.notePostingChanges(ctx, tx, id); err != nil {
		return fmt.Errorf("create posting: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create posting: %w", err)
	}
	p.ID, p.CreatedAt = id, now
	return nil
}

// Posting returns one posting, or an ENOTFOUND error.
func (db *DB) Posting(ctx context.Context, id int64) (*gigbot.Posting, error) {
	p, err := scanPosting(db.r.queryRow(ctx, db.q.posting, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, gigbot.Errorf(gigbot.ENOTFOUND, "posting %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("read posting %d: %w", id, err)
	}
	return &p, nil
}

// SetPostingStatus changes a posting's status, or returns ENOTFOUND.
func (db *DB) SetPostingStatus(ctx context.Context, id int64, s gigbot.PostingStatus) error {
	tx, err := db.w.begin(ctx, db.q.setPostingStatus, db.q.addPostingChange)
	if err != nil {
		return fmt.Errorf("set posting %d status: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.exec(db.q.setPostingStatus, id, string(s))
	if err != nil {
		return fmt.Errorf("set posting %d status: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("set posting %d status: %w", id, err)
	} else if n == 0 {
		return gigbot.Errorf(gigbot.ENOTFOUND, "posting %d not found", id)
	}
	if err := db.notePostingChanges(ctx, tx, id); err != nil {
		return fmt.Errorf("set posting %d status: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set posting %d status: %w", id, err)
	}
	return nil
}

// Postings calls fn for every posting in id order and stops at the first
// error fn returns. fn may use the store (see ActiveWorkers).
func (db *DB) Postings(ctx context.Context, fn func(gigbot.Posting) error) error {
	return page(ctx, db.r, "list postings", db.q.postings, scanPosting,
		func(p gigbot.Posting) int64 { return p.ID }, fn)
}

func scanPosting(sc scanner) (gigbot.Posting, error) {
	var (
		p                       gigbot.Posting
		channel, userID         sql.NullString
		skills, screening       string
		start, created, expires sql.NullInt64
	)
	err := sc.Scan(&p.ID, &channel, &userID, &p.Title, &p.Text, &skills,
		&p.Place.District, &p.Place.Street, &p.Place.Point.Lat, &p.Place.Point.Lon,
		&p.Headcount, &p.Pay.Min, &p.Pay.Max, &p.Pay.Unit, &start, &p.Phone, &screening, &p.Status,
		&created, &expires)
	if err != nil {
		return p, err
	}
	if err := fromJSON(skills, &p.Skills); err != nil {
		return p, fmt.Errorf("posting %d skills: %w", p.ID, err)
	}
	if err := fromJSON(screening, &p.Screening); err != nil {
		return p, fmt.Errorf("posting %d screening: %w", p.ID, err)
	}
	if channel.Valid {
		p.Employer = userRef(channel.String, userID.String)
	}
	p.Start, p.CreatedAt, p.ExpiresAt = fromMillis(start), fromMillis(created), fromMillis(expires)
	return p, nil
}
