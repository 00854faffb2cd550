package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/gigbot/gigbot"
)

var _ gigbot.SafetyStore = (*DB)(nil)

// The SQL of trust and safety (migration 0005) means the same in SQLite
// and PostgreSQL. Statuses are passed as arguments.
const (
	qPostingsInReview = `SELECT ` + postingColumns + postingFrom + ` WHERE p.status = $1 ORDER BY p.id LIMIT $2`
	qPostingsByPhone  = `SELECT ` + postingColumns + postingFrom + ` WHERE p.phone = $1 ORDER BY p.id DESC`
	qReportPosting    = `INSERT INTO posting_reports (posting_id, reporter, created_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`
	qPostingReports    = `SELECT COUNT(*) FROM posting_reports WHERE posting_id = $1`
	qLastPostingNotice = `SELECT posting_id FROM notices
		WHERE user_key = $1 AND kind = $2 AND sent_at IS NOT NULL AND posting_id IS NOT NULL
		ORDER BY sent_at DESC, id DESC LIMIT 1`
	qAudit    = `INSERT INTO audit_log (actor, action, target, at) VALUES ($1, $2, $3, $4) RETURNING id`
	qAuditLog = `SELECT id, actor, action, target, at FROM audit_log ORDER BY id DESC LIMIT $1`

	qEmployerRecord = `SELECT
		(SELECT COUNT(*) FROM postings WHERE employer_key = $1),
		(SELECT COUNT(*) FROM postings WHERE employer_key = $1 AND status = $2),
		(SELECT COUNT(*) FROM posting_reports r JOIN postings p ON p.id = r.posting_id WHERE p.employer_key = $1),
		COALESCE((SELECT verified FROM employer_standing WHERE user_key = $1), FALSE),
		COALESCE((SELECT blacklisted FROM employer_standing WHERE user_key = $1), FALSE)`
	qEmployers   = `SELECT channel, user_id FROM employers`
	qSetVerified = `INSERT INTO employer_standing (user_key, verified, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_key) DO UPDATE SET verified = excluded.verified, updated_at = excluded.updated_at`
	qBlacklist = `INSERT INTO employer_standing (user_key, blacklisted, updated_at) VALUES ($1, TRUE, $2)
		ON CONFLICT (user_key) DO UPDATE SET blacklisted = TRUE, updated_at = excluded.updated_at`
	qBlockPhone   = `INSERT INTO blocked_phones (phone, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	qPhoneBlocked = `SELECT COUNT(*) FROM blocked_phones WHERE phone = $1`
)

// deleteUserData are the statements of DeleteUserData, each taking the
// user key as $1; the callback keys that name a user (WeChat events,
// "wechat:evt:<OpenID>:<time>") are matched by a LIKE pattern as $2, and
// fresh notices by the pending status as $2.
var deleteUserData = []string{
	`DELETE FROM workers WHERE user_key = $1`,
	`DELETE FROM conversations WHERE user_key = $1`,
	// By the three ways to a user's notices (migration 0010): sent, held,
	// and fresh ones, which only the pending backlog's index reaches.
	`DELETE FROM notices WHERE user_key = $1 AND sent_at IS NOT NULL`,
	`DELETE FROM notices WHERE user_key = $1 AND last_error <> ''`,
	`DELETE FROM notices WHERE user_key = $1 AND status = $2`,
	`DELETE FROM fair_registrations WHERE user_key = $1`,
	`DELETE FROM interactions WHERE user_key = $1`,
	`DELETE FROM callbacks WHERE $1 <> '' AND key LIKE $2 ESCAPE '\'`,
}

// PostingsInReview returns up to limit postings held for review, oldest
// first.
func (db *DB) PostingsInReview(ctx context.Context, limit int) ([]gigbot.Posting, error) {
	ps, err := list(ctx, db.r, scanPosting, qPostingsInReview, string(gigbot.PostingReview), limit)
	if err != nil {
		return nil, fmt.Errorf("list postings in review: %w", err)
	}
	return ps, nil
}

// ReportPosting records reporter's report of a posting and returns how
// many distinct users reported it, and whether this report was new.
func (db *DB) ReportPosting(ctx context.Context, postingID int64, reporter gigbot.UserRef) (int, bool, error) {
	res, err := db.w.exec(ctx, qReportPosting, postingID, reporter.Hash(), millis(db.now()))
	if err != nil {
		return 0, false, fmt.Errorf("report posting %d: %w", postingID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, false, fmt.Errorf("report posting %d: %w", postingID, err)
	}
	var count int
	// Read on the writer: the report just written must be counted.
	if err := db.w.queryRow(ctx, qPostingReports, postingID).Scan(&count); err != nil {
		return 0, false, fmt.Errorf("count reports of posting %d: %w", postingID, err)
	}
	return count, n == 1, nil
}

// PostingReports counts the distinct users who reported a posting.
func (db *DB) PostingReports(ctx context.Context, postingID int64) (int, error) {
	var n int
	if err := db.r.queryRow(ctx, qPostingReports, postingID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count reports of posting %d: %w", postingID, err)
	}
	return n, nil
}

// LastPostingNotice returns the posting of the newest posting notice sent
// to u; 0 when none was.
func (db *DB) LastPostingNotice(ctx context.Context, u gigbot.UserRef) (int64, error) {
	var id int64
	err := db.r.queryRow(ctx, qLastPostingNotice, u.Key(), string(gigbot.NoticePosting)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("last posting notice of %s: %w", u.Hash(), err)
	}
	return id, nil
}

// Audit appends e to the audit log, stamped now, and sets e.ID and e.At.
func (db *DB) Audit(ctx context.Context, e *gigbot.AuditEntry) error {
	now := db.now()
	if err := db.w.queryRow(ctx, qAudit, e.Actor, string(e.Action), e.Target, millis(now)).Scan(&e.ID); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	e.At = now
	return nil
}

// AuditLog returns up to limit entries, newest first.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]gigbot.AuditEntry, error) {
	es, err := list(ctx, db.r, func(sc scanner) (gigbot.AuditEntry, error) {
		var (
			e  gigbot.AuditEntry
			at sql.NullInt64
		)
		err := sc.Scan(&e.ID, &e.Actor, &e.Action, &e.Target, &at)
		e.At = fromMillis(at)
		return e, err
	}, qAuditLog, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return es, nil
}

// EmployerRecord returns u's record, counted from the store.
func (db *DB) EmployerRecord(ctx context.Context, u gigbot.UserRef) (gigbot.EmployerRecord, error) {
	r := gigbot.EmployerRecord{Employer: u}
	err := db.r.queryRow(ctx, qEmployerRecord, u.Key(), string(gigbot.PostingRejected)).
		Scan(&r.Postings, &r.Rejections, &r.Reports, &r.Verified, &r.Blacklisted)
	if err != nil {
		return r, fmt.Errorf("read employer %s record: %w", u.Hash(), err)
	}
	return r, nil
}

// EmployerByRef finds the employer whose UserRef.Hash() is ref. Staff
// name employers by that hash, never by their platform id; employers are
// few next to workers, so they are hashed here rather than indexed.
func (db *DB) EmployerByRef(ctx context.Context, ref string) (gigbot.UserRef, error) {
	users, err := list(ctx, db.r, func(sc scanner) (gigbot.UserRef, error) {
		var channel, id string
		err := sc.Scan(&channel, &id)
		return userRef(channel, id), err
	}, qEmployers)
	if err != nil {
		return gigbot.UserRef{}, fmt.Errorf("find employer: %w", err)
	}
	ref = strings.ToLower(strings.TrimSpace(ref))
	for _, u := range users {
		if u.Hash() == ref {
			return u, nil
		}
	}
	return gigbot.UserRef{}, gigbot.Errorf(gigbot.ENOTFOUND, "no employer %s", ref)
}

// SetEmployerVerified marks u verified or not.
func (db *DB) SetEmployerVerified(ctx context.Context, u gigbot.UserRef, verified bool) error {
	if _, err := db.w.exec(ctx, qSetVerified, u.Key(), verified, millis(db.now())); err != nil {
		return fmt.Errorf("verify employer %s: %w", u.Hash(), err)
	}
	return nil
}

// BlacklistEmployer blocks u's account.
func (db *DB) BlacklistEmployer(ctx context.Context, u gigbot.UserRef) error {
	if _, err := db.w.exec(ctx, qBlacklist, u.Key(), millis(db.now())); err != nil {
		return fmt.Errorf("blacklist employer %s: %w", u.Hash(), err)
	}
	return nil
}

// BlockPhone blocks phone in postings from any account.
func (db *DB) BlockPhone(ctx context.Context, phone string) error {
	if _, err := db.w.exec(ctx, qBlockPhone, phone, millis(db.now())); err != nil {
		return fmt.Errorf("block phone: %w", err)
	}
	return nil
}

// PhoneBlocked reports whether phone is blocked.
func (db *DB) PhoneBlocked(ctx context.Context, phone string) (bool, error) {
	var n int
	if err := db.r.queryRow(ctx, qPhoneBlocked, phone).Scan(&n); err != nil {
		return false, fmt.Errorf("check blocked phone: %w", err)
	}
	return n > 0, nil
}

// PostingsWithPhone calls fn for each posting carrying phone, newest
// first. They are read first, so fn may use the store.
func (db *DB) PostingsWithPhone(ctx context.Context, phone string, fn func(gigbot.Posting) error) error {
	ps, err := list(ctx, db.r, scanPosting, qPostingsByPhone, phone)
	if err != nil {
		return fmt.Errorf("list postings by phone: %w", err)
	}
	for _, p := range ps {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// DeleteUserData removes what the store keeps about u, in one
// transaction.
func (db *DB) DeleteUserData(ctx context.Context, u gigbot.UserRef) error {
	if u.IsZero() {
		return gigbot.Errorf(gigbot.EINVALID, "delete user data: no user")
	}
	// Only WeChat event keys carry a user id; the pattern of any other
	// channel matches no key.
	pattern := string(u.Channel) + ":evt:" + likeEscape(u.ID) + ":%"
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete data of %s: %w", u.Hash(), err)
	}
	defer tx.Rollback()
	for _, q := range deleteUserData {
		args := []any{u.Key()}
		switch {
		case strings.Contains(q, "LIKE $2"):
			args = append(args, pattern)
		case strings.Contains(q, "$2"):
			args = append(args, string(gigbot.NoticePending))
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("delete data of %s: %w", u.Hash(), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete data of %s: %w", u.Hash(), err)
	}
	return nil
}

// likeEscape makes s match itself only in a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
