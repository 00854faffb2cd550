package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// maxCause bounds the stored cause of a failed send, in bytes.
const maxCause = 200

// Enqueue writes notices as pending, in one transaction, skipping any the
// recipient already has for the same posting or fair (in this batch or
// before, whatever its status). It sets ID, Status and CreatedAt on those
// written, and ID to 0 on those skipped, and returns how many were written.
// A zero DueAt means due now (and is set so). A notice without recipient,
// of unknown kind, or of kind posting or fair without its id fails the whole
// batch with EINVALID.
func (db *DB) Enqueue(ctx context.Context, ns []gigbot.Notice) (int, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	for i, n := range ns {
		if err := validNotice(n); err != nil {
			return 0, gigbot.Errorf(gigbot.EINVALID, "enqueue notice %d: %s", i, err)
		}
	}
	now := db.now()

	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer tx.Rollback()
	// Prepared once: batches run to 100k notices.
	stmt, err := tx.PrepareContext(ctx, db.q.enqueue)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer stmt.Close()

	ids := make([]int64, len(ns))
	written := 0
	var (
		lastReply gigbot.Reply
		reply     string
	)
	for i := range ns {
		n := &ns[i]
		// A fan-out gives most recipients the same reply: encode it once.
		if i == 0 || !sameReply(n.Reply, lastReply) {
			if reply, err = toJSON(n.Reply); err != nil {
				return 0, fmt.Errorf("enqueue notice %d: %w", i, err)
			}
			lastReply = n.Reply
		}
		due := n.DueAt
		if due.IsZero() {
			due = now
		}
		key := n.To.Key()
		args := []any{key, string(n.To.Channel), n.To.ID, string(n.Kind), nullID(n.PostingID), nullID(n.FairID),
			reply, string(gigbot.NoticePending), due.UnixMilli(), now.UnixMilli(), dedupeKey(n, key)}
		if ids[i], err = db.insertNotice(ctx, stmt, args); err != nil {
			return 0, fmt.Errorf("enqueue notice %d to %s: %w", i, n.To.Hash(), err)
		}
		if ids[i] != 0 {
			written++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	// Only now, so a failed batch leaves the caller's notices untouched.
	for i := range ns {
		ns[i].ID = ids[i]
		if ids[i] == 0 {
			continue
		}
		ns[i].Status, ns[i].CreatedAt = gigbot.NoticePending, now
		if ns[i].DueAt.IsZero() {
			ns[i].DueAt = now
		}
	}
	return written, nil
}

// insertNotice runs the enqueue statement and returns the new id, or 0
// for a duplicate that ON CONFLICT DO NOTHING skipped.
func (db *DB) insertNotice(ctx context.Context, stmt *sql.Stmt, args []any) (int64, error) {
	if db.dialect == postgres {
		var id int64
		err := stmt.QueryRowContext(ctx, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return id, err
	}
	// SQLite: Exec and LastInsertId are twice as fast as RETURNING
	// through Rows on 10k-notice batches.
	res, err := stmt.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	if k, err := res.RowsAffected(); err != nil || k == 0 {
		return 0, err
	}
	return res.LastInsertId()
}

func validNotice(n gigbot.Notice) error {
	switch {
	case n.To.IsZero():
		return errors.New("no recipient")
	case n.Kind == gigbot.NoticePosting && n.PostingID == 0:
		return errors.New("posting notice without posting id")
	case (n.Kind == gigbot.NoticeFair || n.Kind == gigbot.NoticeFairReminder) && n.FairID == 0:
		return errors.New("fair notice without fair id")
	case n.Kind == gigbot.NoticeFairReminder && n.DueAt.IsZero():
		return errors.New("fair reminder without its time")
	case n.Kind != gigbot.NoticePosting && n.Kind != gigbot.NoticeFair && n.Kind != gigbot.NoticeMessage &&
		n.Kind != gigbot.NoticeFairReminder:
		return fmt.Errorf("unknown kind %q", n.Kind)
	}
	return nil
}

// dedupeKey makes the unique constraint that lets a user get one notice
// per posting, per fair and per fair reminder. Messages get NULL, which
// never collides.
func dedupeKey(n *gigbot.Notice, userKey string) any {
	switch n.Kind {
	case gigbot.NoticePosting:
		return "posting:" + strconv.FormatInt(n.PostingID, 10) + ":" + userKey
	case gigbot.NoticeFair:
		return "fair:" + strconv.FormatInt(n.FairID, 10) + ":" + userKey
	case gigbot.NoticeFairReminder:
		// The reminder's time (its first DueAt) tells the eve reminder from
		// the morning one, so a job run twice (a restart) queues it once.
		return "fair_reminder:" + strconv.FormatInt(n.FairID, 10) + ":" +
			strconv.FormatInt(n.DueAt.UnixMilli(), 10) + ":" + userKey
	}
	return nil
}

func sameReply(a, b gigbot.Reply) bool {
	return a.Text == b.Text && slices.Equal(a.Choices, b.Choices)
}

// DueNotices returns up to limit pending notices with DueAt <= now, by due
// time then id. A limit of 0 or less returns none.
func (db *DB) DueNotices(ctx context.Context, now time.Time, limit int) ([]gigbot.Notice, error) {
	if limit <= 0 {
		return nil, nil
	}
	ns, err := list(ctx, db.r, scanNotice, db.q.dueNotices, string(gigbot.NoticePending), now.UnixMilli(), limit)
	if err != nil {
		return nil, fmt.Errorf("list due notices: %w", err)
	}
	return ns, nil
}

// PendingFor returns the pending notices of u by due time then id.
func (db *DB) PendingFor(ctx context.Context, u gigbot.UserRef) ([]gigbot.Notice, error) {
	ns, err := list(ctx, db.r, scanNotice, db.q.pendingFor, u.Key(), string(gigbot.NoticePending))
	if err != nil {
		return nil, fmt.Errorf("list pending notices of %s: %w", u.Hash(), err)
	}
	return ns, nil
}

// MarkSent records that the pending notice id was delivered at t. A notice
// that is not pending any more is an ECONFLICT: it was sent or dropped
// already, maybe by another sender.
func (db *DB) MarkSent(ctx context.Context, id int64, t time.Time) error {
	return db.settle(ctx, "mark notice sent", id, db.q.markSent, string(gigbot.NoticeSent), t.UnixMilli())
}

// Postpone keeps the pending notice id until at, counting an attempt and
// recording a short cause.
func (db *DB) Postpone(ctx context.Context, id int64, at time.Time, cause string) error {
	return db.settle(ctx, "postpone notice", id, db.q.postpone, at.UnixMilli(), shorten(cause))
}

// Hold keeps the pending notice id until at, recording a short cause but
// counting no attempt: nothing was tried.
func (db *DB) Hold(ctx context.Context, id int64, at time.Time, cause string) error {
	return db.settle(ctx, "hold notice", id, db.q.hold, at.UnixMilli(), shorten(cause))
}

// MarkFailed gives up on the pending notice id with a short cause.
func (db *DB) MarkFailed(ctx context.Context, id int64, cause string) error {
	return db.settle(ctx, "mark notice failed", id, db.q.markFailed, string(gigbot.NoticeFailed), shorten(cause))
}

// settle runs an update of one pending notice, whose arguments are (id,
// pending status, args...), and tells a missing notice (ENOTFOUND) from
// one no longer pending (ECONFLICT).
func (db *DB) settle(ctx context.Context, what string, id int64, query string, args ...any) error {
	res, err := db.w.exec(ctx, query, append([]any{id, string(gigbot.NoticePending)}, args...)...)
	if err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	} else if n == 1 {
		return nil
	}
	var status string
	err = db.w.queryRow(ctx, db.q.noticeStatus, id).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return gigbot.Errorf(gigbot.ENOTFOUND, "%s: notice %d not found", what, id)
	case err != nil:
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	return gigbot.Errorf(gigbot.ECONFLICT, "%s: notice %d is %s, not pending", what, id, status)
}

// SentCount counts notices of kind sent to u at or after since.
func (db *DB) SentCount(ctx context.Context, u gigbot.UserRef, kind gigbot.NoticeKind, since time.Time) (int, error) {
	var n int
	err := db.r.queryRow(ctx, db.q.sentCount, u.Key(), string(kind), since.UnixMilli()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count notices sent to %s: %w", u.Hash(), err)
	}
	return n, nil
}

// shorten cuts a cause to maxCause bytes on a rune boundary: a cause is
// for an operator's eye, not a full platform response.
func shorten(s string) string {
	if len(s) <= maxCause {
		return s
	}
	i := maxCause
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

func scanNotice(sc scanner) (gigbot.Notice, error) {
	var (
		n                  gigbot.Notice
		postingID, fairID  sql.NullInt64
		reply              string
		due, created, sent sql.NullInt64
	)
	err := sc.Scan(&n.ID, &n.To.Channel, &n.To.ID, &n.Kind, &postingID, &fairID, &reply, &n.Status,
		&due, &n.Attempts, &created, &sent, &n.LastError)
	if err != nil {
		return n, err
	}
	if err := fromJSON(reply, &n.Reply); err != nil {
		return n, fmt.Errorf("notice %d reply: %w", n.ID, err)
	}
	n.PostingID, n.FairID = postingID.Int64, fairID.Int64
	n.DueAt, n.CreatedAt, n.SentAt = fromMillis(due), fromMillis(created), fromMillis(sent)
	return n, nil
}
