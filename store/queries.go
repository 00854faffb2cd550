package store

import "fmt"

// queries holds every SQL statement the store runs, so that another dialect
// can supply its own set (the ntfy model: one store, one queries struct per
// database). Placeholders are $1, $2, … which SQLite and PostgreSQL both
// accept; statuses and kinds are passed as arguments so the Go constants stay
// the only spelling of them.
type queries struct {
	createMigrations, migrationApplied, recordMigration string

	worker, saveWorker, activeWorkers string

	saveEmployer, createPosting, posting, setPostingStatus, postings string

	expirePostings string

	createFair, fair, fairsSince string

	registerForFair, unregisterFromFair, fairRegistrations, fairRegistrants, postingsBy string

	conversation, saveConversation string

	// enqueue is keyed by the number of rows written (outbox.go).
	enqueue map[int]string

	sharedReply                string
	lastNoticeID, noticesAfter string // the embedded store's Enqueue

	dueNotices, pendingFor, heldFor, markSent, postpone, hold, markFailed, noticeStatus, sentCount string

	claimCallback string

	postingNoticeCounts string

	// Shared work between replicas (replicas.go).
	claimDue, releaseClaims, queueDepth                                  string
	lockPostingFeed, addPostingChange, postingChanges, lastPostingChange string
	lockConversation                                                     string
}

const (
	workerColumns = `id, channel, user_id, profile, lang, onboarded, paused, unsubscribed, created_at, updated_at`

	postingColumns = `p.id, e.channel, e.user_id, p.title, p.text, p.skills, p.district, p.street, p.lat, p.lon,
		p.headcount, p.pay_min, p.pay_max, p.pay_unit, p.start_at, p.phone, p.screening, p.status,
		p.created_at, p.expires_at`
	postingFrom = ` FROM postings p LEFT JOIN employers e ON e.user_key = p.employer_key`

	fairColumns = `id, title, starts_at, venue, district, created_by_channel, created_by_id, created_at`

	// A shared reply (migration 0011) is read from notice_replies.
	noticeColumns = `id, channel, user_id, kind, posting_id, fair_id,
		COALESCE((SELECT r.reply FROM notice_replies r WHERE r.id = notices.reply_id), notices.reply),
		status, due_at, attempts, created_at, sent_at, last_error`
)

var sqliteQueries = queries{
	createMigrations: `CREATE TABLE IF NOT EXISTS migrations (
		name       TEXT   PRIMARY KEY,
		applied_at BIGINT NOT NULL
	)`,
	migrationApplied: `SELECT COUNT(*) FROM migrations WHERE name = $1`,
	recordMigration:  `INSERT INTO migrations (name, applied_at) VALUES ($1, $2)`,

	worker: `SELECT ` + workerColumns + ` FROM workers WHERE user_key = $1`,
	saveWorker: `INSERT INTO workers
		(user_key, channel, user_id, profile, lang, onboarded, paused, unsubscribed, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
		ON CONFLICT (user_key) DO UPDATE SET
			profile = excluded.profile, lang = excluded.lang, onboarded = excluded.onboarded,
			paused = excluded.paused, unsubscribed = excluded.unsubscribed, updated_at = excluded.updated_at
		RETURNING id, created_at`,
	activeWorkers: `SELECT ` + workerColumns + ` FROM workers
		WHERE onboarded AND NOT paused AND NOT unsubscribed AND id > $1
		ORDER BY id LIMIT $2`,

	saveEmployer: `INSERT INTO employers (user_key, channel, user_id, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_key) DO NOTHING`,
	createPosting: `INSERT INTO postings
		(employer_key, title, text, skills, district, street, lat, lon, headcount, pay_min, pay_max, pay_unit,
		 start_at, phone, screening, status, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
		RETURNING id`,
	posting:          `SELECT ` + postingColumns + postingFrom + ` WHERE p.id = $1`,
	setPostingStatus: `UPDATE postings SET status = $2 WHERE id = $1`,
	postings:         `SELECT ` + postingColumns + postingFrom + ` WHERE p.id > $1 ORDER BY p.id LIMIT $2`,
	// Closes postings past their end; the ids go to the index for removal.
	expirePostings: `UPDATE postings SET status = $2 WHERE status = $1 AND expires_at <= $3 RETURNING id`,

	createFair: `INSERT INTO fairs (title, starts_at, venue, district, created_by_channel, created_by_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		RETURNING id`,
	fair:       `SELECT ` + fairColumns + ` FROM fairs WHERE id = $1`,
	fairsSince: `SELECT ` + fairColumns + ` FROM fairs WHERE starts_at >= $1 ORDER BY starts_at, id`,

	registerForFair: `INSERT INTO fair_registrations (fair_id, user_key, channel, user_id, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
	unregisterFromFair: `DELETE FROM fair_registrations WHERE fair_id = $1 AND user_key = $2`,
	fairRegistrations:  `SELECT COUNT(*) FROM fair_registrations WHERE fair_id = $1`,
	fairRegistrants:    `SELECT channel, user_id FROM fair_registrations WHERE fair_id = $1 ORDER BY id`,
	postingsBy:         `SELECT ` + postingColumns + postingFrom + ` WHERE p.employer_key = $1 ORDER BY p.id DESC`,

	conversation: `SELECT role, step, data, choices, lang, updated_at FROM conversations WHERE user_key = $1`,
	saveConversation: `INSERT INTO conversations (user_key, role, step, data, choices, lang, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (user_key) DO UPDATE SET
			role = excluded.role, step = excluded.step, data = excluded.data,
			choices = excluded.choices, lang = excluded.lang, updated_at = excluded.updated_at`,

	enqueue:      enqueueStatements(sqlite),
	sharedReply:  `INSERT INTO notice_replies (reply) VALUES ($1) RETURNING id`,
	lastNoticeID: `SELECT COALESCE(MAX(id), 0) FROM notices`,
	noticesAfter: `SELECT id, dedupe_key FROM notices WHERE id > $1 ORDER BY id`,
	dueNotices: `SELECT ` + noticeColumns + ` FROM notices
		WHERE status = $1 AND due_at <= $2 ORDER BY due_at, id LIMIT $3`,
	// Fresh notices have no per-user index entry (migration 0010): this
	// reads the whole pending backlog.
	pendingFor: `SELECT ` + noticeColumns + ` FROM notices
		WHERE user_key = $1 AND status = $2 ORDER BY due_at, id`,
	// The condition is notices_held's, word for word, so both databases
	// use that partial index.
	heldFor: `SELECT ` + noticeColumns + ` FROM notices
		WHERE user_key = $1 AND status = $2 AND last_error <> '' ORDER BY due_at, id`,
	// Settling a notice ends its claim.
	markSent: `UPDATE notices SET status = $3, sent_at = $4` + unclaim + ` WHERE id = $1 AND status = $2`,
	postpone: `UPDATE notices SET due_at = $3, attempts = attempts + 1, last_error = $4` + unclaim +
		` WHERE id = $1 AND status = $2`,
	hold:         `UPDATE notices SET due_at = $3, last_error = $4` + unclaim + ` WHERE id = $1 AND status = $2`,
	markFailed:   `UPDATE notices SET status = $3, last_error = $4` + unclaim + ` WHERE id = $1 AND status = $2`,
	noticeStatus: `SELECT status FROM notices WHERE id = $1`,
	// sent_at is set only when a notice is sent, so this needs no status
	// filter and is answered from the partial notices_sent index alone
	// (sent_at >= $3 implies its sent_at IS NOT NULL).
	sentCount: `SELECT COUNT(*) FROM notices WHERE user_key = $1 AND kind = $2 AND sent_at >= $3`,

	// Answered from notices_created: a day's rows, not the whole outbox.
	postingNoticeCounts: `SELECT channel, user_id, COUNT(*) FROM notices
		WHERE created_at >= $1 AND kind = $2 GROUP BY channel, user_id`,

	claimCallback: `INSERT INTO callbacks (key, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,

	// Claims the due notices no live claim holds: $1 owner, $2 lease end,
	// $3 pending, $4 now, $5 limit. SQLite has one writer, so the
	// sub-select needs no row locks there.
	claimDue: claimDue(""),
	releaseClaims: `UPDATE notices SET claimed_by = '', claimed_until = NULL
		WHERE claimed_by = $1 AND status = $2`,
	queueDepth: `SELECT COUNT(*) FROM notices WHERE status = $1`,

	lockPostingFeed:   ``, // one writer already
	addPostingChange:  `INSERT INTO posting_changes (posting_id, at) VALUES ($1, $2)`,
	postingChanges:    `SELECT seq, posting_id FROM posting_changes WHERE seq > $1 ORDER BY seq LIMIT $2`,
	lastPostingChange: `SELECT COALESCE(MAX(seq), 0) FROM posting_changes`,
	lockConversation:  ``, // one process: the engine's own per-user lock
}

// unclaim is the SET clause that ends a notice's claim.
const unclaim = `, claimed_by = '', claimed_until = NULL`

func claimDue(lock string) string {
	return `UPDATE notices SET claimed_by = $1, claimed_until = $2
		WHERE id IN (SELECT id FROM notices
			WHERE status = $3 AND due_at <= $4 AND (claimed_until IS NULL OR claimed_until <= $4)
			ORDER BY due_at, id LIMIT $5` + lock + `)
		RETURNING ` + noticeColumns
}

// postgresQueries are sqliteQueries but where PostgreSQL needs its own.
var postgresQueries = func() queries {
	q := sqliteQueries
	q.enqueue = enqueueStatements(postgres)
	// Two replicas draining at once take disjoint sets of notices.
	q.claimDue = claimDue(` FOR UPDATE SKIP LOCKED`)
	q.lockPostingFeed = `SELECT pg_advisory_xact_lock(` + fmt.Sprint(postingFeedLock) + `)`
	// Serializes the turns of one user across replicas for the length of
	// a transaction; the row may not exist yet, so no SELECT … FOR UPDATE.
	q.lockConversation = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`
	return q
}()
