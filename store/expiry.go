package store

import (
	"context"
	"fmt"
	"time"

	"github.com/gigbot/gigbot"
)

// ExpirePostings closes every open posting whose end (ExpiresAt) is at or
// before now and returns their ids, so the caller can take them out of the
// index. A posting with no end stays open.
func (db *DB) ExpirePostings(ctx context.Context, now time.Time) ([]int64, error) {
	tx, err := db.w.begin(ctx, db.q.addPostingChange)
	if err != nil {
		return nil, fmt.Errorf("expire postings: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, db.q.expirePostings,
		string(gigbot.PostingOpen), string(gigbot.PostingClosed), now.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("expire postings: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("expire postings: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("expire postings: %w", err)
	}
	// Every replica's index loses them through the change feed.
	if err := db.notePostingChanges(ctx, tx, ids...); err != nil {
		return nil, fmt.Errorf("expire postings: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("expire postings: %w", err)
	}
	return ids, nil
}
