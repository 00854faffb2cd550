package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gigbot/gigbot"
)

// What several replicas on one PostgreSQL need to share their work: outbox
// claims with a lease, the posting change feed that keeps every replica's
// index current, conversations read and written in one transaction, and
// the leader that runs the schedules. On the embedded store (one process)
// the same methods work, with SQLite's single writer doing the locking.

// ClaimDue claims up to limit pending notices due at now that no live
// claim holds, for owner until now+lease, and returns them by due time
// then id. Settling a notice (MarkSent, Postpone, Hold, MarkFailed) ends
// its claim; a claim its owner never settles (the process died) runs out
// and the notice is claimed again. On PostgreSQL, concurrent claims skip
// each other's rows (FOR UPDATE SKIP LOCKED), so no notice is handed to
// two drains.
func (db *DB) ClaimDue(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]gigbot.Notice, error) {
	if limit <= 0 {
		return nil, nil
	}
	ns, err := list(ctx, db.w, scanNotice, db.q.claimDue, owner, now.Add(lease).UnixMilli(),
		string(gigbot.NoticePending), now.UnixMilli(), limit)
	if err != nil {
		return nil, fmt.Errorf("claim due notices: %w", err)
	}
	// RETURNING keeps no order.
	sort.Slice(ns, func(i, j int) bool {
		if !ns[i].DueAt.Equal(ns[j].DueAt) {
			return ns[i].DueAt.Before(ns[j].DueAt)
		}
		return ns[i].ID < ns[j].ID
	})
	return ns, nil
}

// ReleaseClaims ends the claims owner holds on pending notices, so that a
// replica shutting down leaves its unsent notices to the others at once
// rather than after the lease. It returns how many it released.
func (db *DB) ReleaseClaims(ctx context.Context, owner string) (int, error) {
	res, err := db.w.exec(ctx, db.q.releaseClaims, owner, string(gigbot.NoticePending))
	if err != nil {
		return 0, fmt.Errorf("release claims: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// QueueDepth counts the pending notices, due or not.
func (db *DB) QueueDepth(ctx context.Context) (int, error) {
	var n int
	if err := db.r.queryRow(ctx, db.q.queueDepth, string(gigbot.NoticePending)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pending notices: %w", err)
	}
	return n, nil
}

// notePostingChanges records, in tx, that the postings ids changed.
func (db *DB) notePostingChanges(ctx context.Context, tx *stmtTx, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	if db.q.lockPostingFeed != "" {
		if _, err := tx.ExecContext(ctx, db.q.lockPostingFeed); err != nil {
			return fmt.Errorf("lock posting feed: %w", err)
		}
	}
	at := db.now().UnixMilli()
	for _, id := range ids {
		if _, err := tx.exec(db.q.addPostingChange, id, at); err != nil {
			return fmt.Errorf("note posting %d change: %w", id, err)
		}
	}
	return nil
}

// PostingChange is one entry of the posting change feed: posting
// PostingID was written; read it again.
type PostingChange struct {
	Seq       int64
	PostingID int64
}

// PostingChanges returns up to limit changes after seq, in order.
func (db *DB) PostingChanges(ctx context.Context, after int64, limit int) ([]PostingChange, error) {
	cs, err := list(ctx, db.r, func(sc scanner) (PostingChange, error) {
		var c PostingChange
		return c, sc.Scan(&c.Seq, &c.PostingID)
	}, db.q.postingChanges, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read posting changes: %w", err)
	}
	return cs, nil
}

// LastPostingChange is the feed's latest seq (0 when empty): read it before
// a rebuild from the store, then follow the feed from it.
func (db *DB) LastPostingChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := db.r.queryRow(ctx, db.q.lastPostingChange).Scan(&seq); err != nil {
		return 0, fmt.Errorf("read posting feed position: %w", err)
	}
	return seq, nil
}

// WithConversation runs fn on u's conversation and saves what fn leaves
// in it, as one step no other WithConversation of u can interleave with,
// in this process or another one on the same database. fn's error cancels
// the save and is returned as is. fn may use the store.
//
// On PostgreSQL the read, fn and the save run in one transaction holding
// a transaction-level advisory lock on u (the row may not exist yet); a
// second message of u on another replica waits for the first to commit.
// On the embedded store, which one process owns, the caller's own
// per-user lock (the engine's) does that, and the read and the save are
// not held in one transaction, because fn's writes need the single
// writer connection.
func (db *DB) WithConversation(ctx context.Context, u gigbot.UserRef, fn func(*gigbot.Conversation) error) error {
	if u.IsZero() {
		return gigbot.Errorf(gigbot.EINVALID, "conversation: no user")
	}
	if db.dialect != postgres {
		c, err := db.Conversation(ctx, u)
		if err != nil {
			return err
		}
		if err := fn(&c); err != nil {
			return err
		}
		c.User = u
		return db.SaveConversation(ctx, c)
	}
	select {
	case db.convSlots <- struct{}{}:
		defer func() { <-db.convSlots }()
	case <-ctx.Done():
		return fmt.Errorf("conversation %s: %w", u.Hash(), ctx.Err())
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("conversation %s: %w", u.Hash(), err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, db.q.lockConversation, u.Key()); err != nil {
		return fmt.Errorf("lock conversation %s: %w", u.Hash(), err)
	}
	c, err := db.readConversation(tx.QueryRowContext(ctx, db.q.conversation, u.Key()), u)
	if err != nil {
		return err
	}
	if err := fn(&c); err != nil {
		return err
	}
	c.User = u
	if err := db.writeConversation(ctx, tx, c); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save conversation %s: %w", u.Hash(), err)
	}
	return nil
}

// errNotLeader is what Leader.IsLeader answers on a replica that does not
// lead; gocron then skips the job.
var errNotLeader = errors.New("not the leader")

// Leader elects the one replica that runs the schedules (the push tick,
// digests, expiry, fair reminders). It implements gocron's Elector: the
// replica whose connection holds a PostgreSQL session advisory lock is the
// leader. The lock goes with the connection, so when the leader dies
// (even SIGKILL) the server frees it at once, and the next replica to ask
// (each asks at every job run, so within one push.tick) takes over. On the
// embedded store the one process always leads.
type Leader struct {
	db       *DB
	mu       sync.Mutex
	conn     *sql.Conn // holds the lock while leading
	leading  atomic.Bool
	onChange func(bool)
}

// Leader returns the store's elector; onChange, if set, is called with
// the new state whenever this process gains or loses the lead.
func (db *DB) Leader(onChange func(leading bool)) *Leader {
	l := &Leader{db: db, onChange: onChange}
	if db.dialect != postgres {
		l.set(true)
	}
	return l
}

// IsLeader returns nil while this process leads, taking the lead when no
// one holds it.
func (l *Leader) IsLeader(ctx context.Context) error {
	if l.db.dialect != postgres {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		// Still ours while the connection lives.
		if err := l.conn.PingContext(ctx); err == nil {
			return nil
		}
		l.dropLocked()
	}
	conn, err := l.db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("elect leader: %w", err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, leaderLock).Scan(&got); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn }) // never back to the pool: it may hold the lock
		conn.Close()
		return fmt.Errorf("elect leader: %w", err)
	}
	if !got {
		conn.Close()
		return errNotLeader
	}
	l.conn = conn
	l.set(true)
	return nil
}

// Leading reports whether this process led at the last election.
func (l *Leader) Leading() bool { return l.leading.Load() }

// Resign gives up the lead, so that another replica takes over at its
// next job run rather than when this process's connection closes.
func (l *Leader) Resign(ctx context.Context) {
	if l.db.dialect != postgres {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return
	}
	_, _ = l.conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, leaderLock)
	l.dropLocked()
}

// dropLocked closes the leader's connection for good (never back to the
// pool, where it might still hold the lock) and records the loss.
func (l *Leader) dropLocked() {
	_ = l.conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = l.conn.Close()
	l.conn = nil
	l.set(false)
}

func (l *Leader) set(v bool) {
	if l.leading.Swap(v) != v && l.onChange != nil {
		l.onChange(v)
	}
}
