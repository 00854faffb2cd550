package store

import (
	"context"
	"fmt"
)

// ClaimCallback records key and reports true the first time it is seen.
// The primary key decides, so two replicas or goroutines handling the same
// retried callback cannot both win.
func (db *DB) ClaimCallback(ctx context.Context, key string) (bool, error) {
	res, err := db.w.exec(ctx, db.q.claimCallback, key, db.now().UnixMilli())
	if err != nil {
		return false, fmt.Errorf("claim callback: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim callback: %w", err)
	}
	return n == 1, nil
}
