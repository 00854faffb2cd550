// Package store keeps everything gigbot stores, behind two dialects of one
// schema (the ntfy model): the embedded store, a SQLite file in the data
// directory through the pure-Go driver modernc.org/sqlite (no cgo, no
// database server), and PostgreSQL through pgx, which several replicas
// share. Both run the same migrations and, but for a few statements each
// dialect spells its own way (queries.go), the same SQL.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/gigbot/gigbot"
)

// fileName is the database file's name inside the data directory.
const fileName = "gigbot.db"

// busyTimeout is how long a connection waits for another process's write
// lock (gigbot chat and gigbot serve may share a data dir) before failing.
const busyTimeout = 5 * time.Second

// writerCacheKiB bounds the page cache of the writer connection: 256 MiB,
// about the outbox's user index after a day of 5M notices. It is taken
// only as pages are read.
const writerCacheKiB = 256 << 10

// walCheckpointPages is how many pages the WAL grows by (at 4 KiB each,
// 320 MiB) before a commit copies it back into the database file, should
// the checkpointer (checkpoint.go) fall that far behind.
const walCheckpointPages = 80_000

// pageSize is how many rows the iterating methods read per query.
const pageSize = 500

// DB is the embedded store. It implements gigbot.Store and is safe for
// concurrent use.
//
// Writes go through a pool of exactly one connection: SQLite has a single
// writer anyway, and queueing writers in Go rather than in SQLite means our
// own goroutines never meet SQLITE_BUSY. Reads use a separate pool of
// read-only connections, which WAL mode lets run beside the writer, so a
// long Enqueue does not hold up a callback's Conversation read.
//
// On PostgreSQL w and r are the same pool: the server has many writers.
type DB struct {
	w, r        *pool
	checkpoints *checkpointer // the embedded store's; nil on PostgreSQL
	q           *queries
	dialect     dialect
	clock       gigbot.Clock

	// convSlots bounds the conversations held open at once by
	// WithConversation on PostgreSQL, each holding a connection while its
	// turn may need another: the pool can never be all held by waiters.
	convSlots chan struct{}
}

var _ gigbot.Store = (*DB)(nil)

// Open opens (creating if needed) the store in dataDir/gigbot.db and brings
// its schema up to date. A nil clock means the real time.
func Open(ctx context.Context, dataDir string, clock gigbot.Clock) (*DB, error) {
	if clock == nil {
		clock = systemClock{}
	}
	// The file holds personal data: readable by the service user only.
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	path, err := filepath.Abs(filepath.Join(dataDir, fileName))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db := &DB{q: &sqliteQueries, dialect: sqlite, clock: clock}

	// synchronous=NORMAL is enough in WAL mode against process crashes
	// (kill -9, OOM, panics): a commit is in the WAL file, in the OS page
	// cache, before it returns. Only a power loss or kernel crash can lose
	// the last commits, and even then the file stays consistent.
	// _txlock=immediate takes the write lock at BEGIN, so a transaction never
	// has to upgrade a read lock, which SQLite can only refuse with
	// SQLITE_BUSY when another process is writing. _dqs=0 rejects
	// double-quoted strings, keeping the SQL portable to PostgreSQL.
	//
	// The writer's page cache (up to writerCacheKiB) holds the outbox's
	// user index, which a fan-out writes at random places: with SQLite's
	// default 2 MB most of a big Enqueue was reading pages back. A WAL
	// checkpoint every walCheckpointPages rather than 1,000 copies a page
	// that several commits changed once, not once per commit.
	w, err := sql.Open("sqlite", dsn(path,
		"_pragma=journal_mode(WAL)", "_pragma=synchronous(NORMAL)", "_pragma=foreign_keys(1)",
		"_txlock=immediate", "_pragma=temp_store(MEMORY)", fmt.Sprintf("_pragma=cache_size(-%d)", writerCacheKiB),
		fmt.Sprintf("_pragma=wal_autocheckpoint(%d)", walCheckpointPages)))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db.w = newPool(w)
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	if err := db.migrate(ctx, migrationFiles); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}

	// Opened after the writer so that the file exists and is in WAL mode.
	r, err := sql.Open("sqlite", dsn(path, "_pragma=query_only(1)"))
	if err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	db.r = newPool(r)
	readers := max(4, runtime.GOMAXPROCS(0))
	db.r.SetMaxOpenConns(readers)
	db.r.SetMaxIdleConns(readers)
	if err := db.r.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	if db.checkpoints, err = startCheckpointer(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return db, nil
}

// dsn is a file: URI for path (escaped, so any directory name works) with
// the settings every connection shares and then params.
func dsn(path string, params ...string) string {
	q := fmt.Sprintf("_pragma=busy_timeout(%d)&_dqs=0", busyTimeout.Milliseconds())
	for _, p := range params {
		q += "&" + p
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q}
	return u.String()
}

// Close closes the store. Methods must not be called after it.
func (db *DB) Close() error {
	var errR, errC error
	if db.checkpoints != nil {
		errC = db.checkpoints.close()
	}
	if db.r != nil && db.r != db.w {
		errR = db.r.Close()
	}
	return errors.Join(errC, errR, db.w.Close())
}

// Driver names the dialect: "embedded" or "postgres", as in store.driver.
func (db *DB) Driver() string { return string(db.dialect) }

// Ping reports whether the store can be read and written.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.r.PingContext(ctx); err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	if err := db.w.PingContext(ctx); err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	return nil
}

// now is the time the store stamps rows with, cut to the millisecond it is
// stored with so that the value set on a caller's struct equals the one
// read back later.
func (db *DB) now() time.Time {
	return db.clock.Now().Truncate(time.Millisecond).UTC()
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// millis encodes a time as unix milliseconds; the zero time is NULL, so
// "not stated" survives the round trip.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMillis decodes what millis stored. Times come back in UTC: the
// store keeps instants, not the caller's zone.
func fromMillis(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMilli(n.Int64).UTC()
}

// nullID stores an unset (zero) id as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func fromJSON(s string, v any) error {
	return json.Unmarshal([]byte(s), v)
}

// userRef rebuilds a UserRef from its stored channel and id.
func userRef(channel, id string) gigbot.UserRef {
	return gigbot.UserRef{Channel: gigbot.Channel(channel), ID: id}
}

// page calls fn for every row of query, which takes (after id, limit) and
// returns rows in id order. Each page is read whole and its rows closed
// before fn runs, so fn may call the store again without waiting for a
// connection this call holds. fn's error is returned as is.
func page[T any](ctx context.Context, db *pool, what, query string,
	scan func(scanner) (T, error), id func(T) int64, fn func(T) error) error {
	var after int64
	for {
		batch, err := list(ctx, db, scan, query, after, pageSize)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		for _, v := range batch {
			if err := fn(v); err != nil {
				return err
			}
		}
		if len(batch) < pageSize {
			return nil
		}
		after = id(batch[len(batch)-1])
	}
}

// list runs query and returns every row, scanned.
func list[T any](ctx context.Context, db *pool, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
