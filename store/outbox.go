package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// maxCause bounds the stored cause of a failed send, in bytes.
const maxCause = 200

// enqueueRows is how many notices one INSERT statement writes. The
// drivers' cost is per statement (modernc's SQLite most of all), so a
// fan-out goes in a few statements of this many rows; its 9 arguments a
// row stay well under SQLite's 32,766 and PostgreSQL's 65,535.
const enqueueRows = 256

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

	// Rows to write, in the batch's order (ids follow it); a second notice
	// of the batch with the same dedupe key is skipped here.
	rows := make([]noticeRow, 0, len(ns))
	first := make(map[string]bool, len(ns))
	var (
		lastReply gigbot.Reply
		reply     string
		err       error
	)
	for i := range ns {
		n := &ns[i]
		key := n.To.Key()
		dk := dedupeKey(n, key)
		if dk != "" {
			if first[dk] {
				continue
			}
			first[dk] = true
		}
		// A fan-out gives most recipients the same reply: encode it once.
		if len(rows) == 0 || !sameReply(n.Reply, lastReply) {
			if reply, err = toJSON(n.Reply); err != nil {
				return 0, fmt.Errorf("enqueue notice %d: %w", i, err)
			}
			lastReply = n.Reply
		}
		due := n.DueAt
		if due.IsZero() {
			due = now
		}
		rows = append(rows, noticeRow{i: i, userKey: key, reply: reply, due: due.UnixMilli(), dedupe: dk})
	}
	shared := shareReplies(ns, rows)

	// The statements the transaction runs, kept prepared (pool.begin).
	var queries []string
	if len(shared) > 0 {
		queries = append(queries, db.q.sharedReply)
	}
	if db.dialect == sqlite {
		queries = append(queries, db.q.lastNoticeID)
	}
	for left := len(rows); left > 0; left -= chunkRows(left) {
		queries = append(queries, db.q.enqueue[chunkRows(left)])
	}
	tx, err := db.w.begin(ctx, queries...)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer tx.Rollback()
	replyIDs := make([]int64, len(shared))
	for j, reply := range shared {
		if err := tx.queryRow(db.q.sharedReply, reply).Scan(&replyIDs[j]); err != nil {
			return 0, fmt.Errorf("enqueue: shared reply: %w", err)
		}
	}
	ids := make([]int64, len(ns))
	written := 0
	var lastID int64 // the embedded store's, see insertNoticesSQLite
	for len(rows) > 0 {
		k := chunkRows(len(rows))
		w, err := db.insertNotices(tx, ns, rows[:k], replyIDs, now, ids, &lastID)
		if err != nil {
			return 0, fmt.Errorf("enqueue: %w", err)
		}
		written += w
		rows = rows[k:]
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

// noticeRow is what Enqueue writes of notice i beyond the notice itself.
type noticeRow struct {
	i       int
	userKey string
	reply   string // JSON
	shared  int    // 1 + the index of reply among the batch's shared ones; 0 when it is the row's own
	due     int64
	dedupe  string // "" for none
}

// shareReplies returns the replies that several rows of a fan-out have in
// common, to be stored once (migration 0011), and marks those rows. A
// message's reply stays its own: it may be about the one user, and goes
// with their data when it is erased.
func shareReplies(ns []gigbot.Notice, rows []noticeRow) []string {
	counts := map[string]int{}
	for _, r := range rows {
		if ns[r.i].Kind != gigbot.NoticeMessage {
			counts[r.reply]++
		}
	}
	index := map[string]int{}
	var shared []string
	for k := range rows {
		r := &rows[k]
		if ns[r.i].Kind == gigbot.NoticeMessage || counts[r.reply] < 2 {
			continue
		}
		j, ok := index[r.reply]
		if !ok {
			shared = append(shared, r.reply)
			j = len(shared)
			index[r.reply] = j
		}
		r.shared = j
	}
	return shared
}

// chunkRows is how many of n rows the next statement writes: enqueueRows,
// or for the rest a power of two, so that a handful of statement shapes
// (kept prepared) write any batch.
func chunkRows(n int) int {
	if n >= enqueueRows {
		return enqueueRows
	}
	k := 1
	for k*2 <= n {
		k *= 2
	}
	return k
}

// insertNotices writes rows in one statement and sets ids[row.i] of each
// written; a row whose dedupe key is taken already is skipped (ON
// CONFLICT DO NOTHING) and keeps id 0. It returns how many it wrote.
func (db *DB) insertNotices(tx *stmtTx, ns []gigbot.Notice, rows []noticeRow,
	replyIDs []int64, now time.Time, ids []int64, lastID *int64) (int, error) {
	args := make([]any, 0, len(rows)*enqueueArgs)
	status, created := string(gigbot.NoticePending), now.UnixMilli()
	for _, r := range rows {
		n := &ns[r.i]
		var dk any
		if r.dedupe != "" {
			dk = r.dedupe
		}
		reply, replyID := r.reply, any(nil)
		if r.shared > 0 {
			reply, replyID = "", replyIDs[r.shared-1]
		}
		args = append(args, r.userKey, string(n.To.Channel), n.To.ID, string(n.Kind),
			nullID(n.PostingID), nullID(n.FairID), reply, replyID, status, r.due, created, dk)
	}
	query := db.q.enqueue[len(rows)]
	if db.dialect == sqlite {
		return db.insertNoticesSQLite(tx, query, rows, args, ids, lastID)
	}
	res, err := tx.query(query, args...)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return assignIDs(res, rows, ids)
}

// insertNoticesSQLite is insertNotices without RETURNING, which SQLite
// runs by storing every returned row in a temporary table first: on a
// fan-out of millions that and reading the rows back took a fifth of the
// writer's time. The embedded store has one writer, so a statement's rows
// get the ids after the highest before it, in VALUES order; when every
// row was written, the ids are the run that ends at the last one. When
// some were skipped as duplicates, the rows written are read back by id.
func (db *DB) insertNoticesSQLite(tx *stmtTx, query string, rows []noticeRow,
	args []any, ids []int64, lastID *int64) (int, error) {
	if *lastID == 0 {
		// The highest id, read once per transaction: then each statement
		// moves it on.
		if err := tx.queryRow(db.q.lastNoticeID).Scan(lastID); err != nil {
			return 0, err
		}
	}
	res, err := tx.exec(query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if int(n) == len(rows) {
		last, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		for j, r := range rows {
			ids[r.i] = last - n + 1 + int64(j)
		}
		*lastID = last
		return len(rows), nil
	}
	written, err := tx.query(db.q.noticesAfter, *lastID)
	if err != nil {
		return 0, err
	}
	defer written.Close()
	w, err := assignIDs(written, rows, ids)
	for _, r := range rows {
		*lastID = max(*lastID, ids[r.i])
	}
	return w, err
}

// assignIDs reads the (id, dedupe key) of each notice of rows that was
// written from res, sets ids[row.i] of each and returns how many there
// were. Rows with a key are found by it; those without (messages, never
// skipped) by order: a statement numbers its rows in VALUES order.
func assignIDs(res *sql.Rows, rows []noticeRow, ids []int64) (int, error) {
	byKey := make(map[string]int, len(rows))
	var bare []int
	for _, r := range rows {
		if r.dedupe != "" {
			byKey[r.dedupe] = r.i
		} else {
			bare = append(bare, r.i)
		}
	}
	var bareIDs []int64
	written := 0
	for res.Next() {
		var (
			id int64
			dk sql.NullString
		)
		if err := res.Scan(&id, &dk); err != nil {
			return 0, err
		}
		written++
		if !dk.Valid {
			bareIDs = append(bareIDs, id)
			continue
		}
		i, ok := byKey[dk.String]
		if !ok {
			return 0, fmt.Errorf("insert returned unknown notice key %q", dk.String)
		}
		ids[i] = id
	}
	if err := res.Err(); err != nil {
		return 0, err
	}
	if len(bareIDs) != len(bare) {
		return 0, fmt.Errorf("insert returned %d of %d messages", len(bareIDs), len(bare))
	}
	slices.Sort(bareIDs)
	for j, i := range bare {
		ids[i] = bareIDs[j]
	}
	return written, nil
}

// enqueueArgs is the number of arguments of one row of an enqueue
// statement.
const enqueueArgs = 12

// enqueueStatements returns, in the dialect's spelling, the INSERT of n
// notices for every n that chunkRows yields, taking enqueueArgs arguments
// per row. On PostgreSQL the statement returns the id and dedupe key of
// each row written, and nothing for one ON CONFLICT DO NOTHING skipped;
// on SQLite it returns nothing (insertNoticesSQLite).
//
// SQLite gets anonymous ? parameters: binding numbered ones ($1) looks
// each one's name up in a list, which on statements of thousands of
// parameters took three quarters of the time.
func enqueueStatements(d dialect) map[int]string {
	qs := map[int]string{}
	shapes := []int{enqueueRows}
	for k := 1; k < enqueueRows; k *= 2 {
		shapes = append(shapes, k)
	}
	for _, n := range shapes {
		var b strings.Builder
		b.WriteString(`INSERT INTO notices
		(user_key, channel, user_id, kind, posting_id, fair_id, reply, reply_id, status, due_at, created_at, dedupe_key)
		VALUES `)
		for r := range n {
			if r > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for a := range enqueueArgs {
				if a > 0 {
					b.WriteByte(',')
				}
				if d == postgres {
					fmt.Fprintf(&b, "$%d", 1+r*enqueueArgs+a)
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
		}
		b.WriteString(` ON CONFLICT DO NOTHING`)
		if d == postgres {
			b.WriteString(` RETURNING id, dedupe_key`)
		}
		qs[n] = b.String()
	}
	return qs
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
// per posting, per fair and per fair reminder. Messages get none (""),
// stored as NULL, which never collides.
func dedupeKey(n *gigbot.Notice, userKey string) string {
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
	return ""
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

// PendingFor returns the pending notices of u by due time then id. It
// reads the whole pending backlog (fresh notices are not indexed by user):
// for support, tests and erasure, not for the drain; see HeldFor.
func (db *DB) PendingFor(ctx context.Context, u gigbot.UserRef) ([]gigbot.Notice, error) {
	ns, err := list(ctx, db.r, scanNotice, db.q.pendingFor, u.Key(), string(gigbot.NoticePending))
	if err != nil {
		return nil, fmt.Errorf("list pending notices of %s: %w", u.Hash(), err)
	}
	return ns, nil
}

// HeldFor returns the pending notices of u that the drain has held or
// postponed (each with a cause), by due time then id, from the notices_held
// index: a digest's notices, those waiting out quiet hours or for an away
// user to come back.
func (db *DB) HeldFor(ctx context.Context, u gigbot.UserRef) ([]gigbot.Notice, error) {
	ns, err := list(ctx, db.r, scanNotice, db.q.heldFor, u.Key(), string(gigbot.NoticePending))
	if err != nil {
		return nil, fmt.Errorf("list held notices of %s: %w", u.Hash(), err)
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
	return db.settle(ctx, "postpone notice", id, db.q.postpone, at.UnixMilli(), causeOf(cause))
}

// Hold keeps the pending notice id until at, recording a short cause but
// counting no attempt: nothing was tried.
func (db *DB) Hold(ctx context.Context, id int64, at time.Time, cause string) error {
	return db.settle(ctx, "hold notice", id, db.q.hold, at.UnixMilli(), causeOf(cause))
}

// MarkFailed gives up on the pending notice id with a short cause.
func (db *DB) MarkFailed(ctx context.Context, id int64, cause string) error {
	return db.settle(ctx, "mark notice failed", id, db.q.markFailed, string(gigbot.NoticeFailed), causeOf(cause))
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

// PostingNoticeCounts calls fn with the number of posting notices written
// to each user at or after since, whatever became of them (sent, pending,
// failed): what the daily cap counted, for seeding it at start-up with
// since at local midnight. Users with none are not called. fn's error is
// returned as is; fn may use the store.
func (db *DB) PostingNoticeCounts(ctx context.Context, since time.Time, fn func(u gigbot.UserRef, n int) error) error {
	type count struct {
		u gigbot.UserRef
		n int
	}
	// Read whole before fn runs: at most one row per user written to today.
	cs, err := list(ctx, db.r, func(sc scanner) (count, error) {
		var (
			c           count
			channel, id string
		)
		err := sc.Scan(&channel, &id, &c.n)
		c.u = userRef(channel, id)
		return c, err
	}, db.q.postingNoticeCounts, since.UnixMilli(), string(gigbot.NoticePosting))
	if err != nil {
		return fmt.Errorf("count posting notices since %v: %w", since, err)
	}
	for _, c := range cs {
		if err := fn(c.u, c.n); err != nil {
			return err
		}
	}
	return nil
}

// causeOf is the cause recorded for a notice the drain took up: never
// empty, since a cause is what puts a notice in the notices_held index.
func causeOf(s string) string {
	if s == "" {
		return "unspecified"
	}
	return shorten(s)
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
