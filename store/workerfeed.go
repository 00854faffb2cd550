package store

import (
	"context"
	"fmt"
	"time"

	"github.com/gigbot/gigbot"
)

// qWorkersUpdatedSince lists the workers written at or after $1, active
// or not, so a follower can drop those who paused or left.
const qWorkersUpdatedSince = `SELECT ` + workerColumns + ` FROM workers WHERE updated_at >= $1 ORDER BY updated_at, id`

// WorkersUpdatedSince calls fn for every worker written at or after since,
// oldest change first. The rows are read before fn runs.
func (db *DB) WorkersUpdatedSince(ctx context.Context, since time.Time, fn func(gigbot.Worker) error) error {
	ws, err := list(ctx, db.r, scanWorker, qWorkersUpdatedSince, since.UnixMilli())
	if err != nil {
		return fmt.Errorf("list workers updated since %s: %w", since.Format(time.RFC3339), err)
	}
	for _, w := range ws {
		if err := fn(w); err != nil {
			return err
		}
	}
	return nil
}
