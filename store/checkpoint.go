package store

import (
	"context"
	"database/sql"
	"time"
)

// checkpointEvery is how often the embedded store copies what its WAL
// holds back into the database file.
const checkpointEvery = 200 * time.Millisecond

// checkpointer copies the WAL into the database file from its own
// connection, beside the writer: left to the writer (SQLite's automatic
// checkpoint) it ran inside whichever commit crossed the threshold, which
// then also paid for the copy and its fsyncs, a tenth of the writer's time
// over a day of 5M notices. A passive checkpoint never waits for the
// writer nor holds it up. The writer's own automatic checkpoint stays, at
// a higher mark, in case this one falls behind.
type checkpointer struct {
	db   *sql.DB
	stop context.CancelFunc
	done chan struct{}
}

func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{db: db, stop: stop, done: make(chan struct{})}
	go c.run(ctx)
	return c, nil
}

func (c *checkpointer) run(ctx context.Context) {
	defer close(c.done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			// An error (a busy file, say) is retried at the next tick;
			// the writer's own checkpoint bounds the WAL meanwhile.
			c.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

func (c *checkpointer) close() error {
	c.stop()
	<-c.done
	return c.db.Close()
}
