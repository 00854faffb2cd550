package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) gigbot.Store {
		return openTest(t, t.TempDir(), nil)
	})
}

// openTest opens the store in dir and closes it when the test ends.
func openTest(t testing.TB, dir string, clock gigbot.Clock) *DB {
	t.Helper()
	db, err := Open(context.Background(), dir, clock)
	return closedAtEnd(t, db, err)
}

// closedAtEnd fails the test on an opening error, else closes db when the
// test ends.
func closedAtEnd(t testing.TB, db *DB, err error) *DB {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

// fixedClock is a clock that only moves when told.
type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

var (
	alice = gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "oAlice13812345678"}
	bob   = gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "424242"}
)

func TestReopenKeepsData(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	db, err := Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := gigbot.Worker{User: alice, Onboarded: true, Profile: gigbot.Profile{Skills: []string{"保洁"}}}
	p := gigbot.Posting{Employer: bob, Title: "搬家", Status: gigbot.PostingOpen}
	ns := []gigbot.Notice{{To: alice, Kind: gigbot.NoticePosting, PostingID: 1, Reply: gigbot.Reply{Text: "新工作"}}}
	must(t, db.SaveWorker(ctx, &w))
	must(t, db.CreatePosting(ctx, &p))
	must(t, db.SaveConversation(ctx, gigbot.Conversation{User: alice, Step: "ask_skills"}))
	if _, err := db.Enqueue(ctx, ns); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ClaimCallback(ctx, "wechat:msg:1"); err != nil {
		t.Fatal(err)
	}
	must(t, db.Close())

	db = openTest(t, dir, nil)
	if got, err := db.Worker(ctx, alice); err != nil || got.ID != w.ID || !got.Onboarded {
		t.Errorf("worker after reopen: %+v, %v", got, err)
	}
	if got, err := db.Posting(ctx, p.ID); err != nil || got.Title != p.Title {
		t.Errorf("posting after reopen: %+v, %v", got, err)
	}
	if c, err := db.Conversation(ctx, alice); err != nil || c.Step != "ask_skills" {
		t.Errorf("conversation after reopen: %+v, %v", c, err)
	}
	if got, err := db.PendingFor(ctx, alice); err != nil || len(got) != 1 || got[0].ID != ns[0].ID {
		t.Errorf("pending after reopen: %+v, %v", got, err)
	}
	if n, err := db.Enqueue(ctx, ns); err != nil || n != 0 {
		t.Errorf("enqueue of a duplicate after reopen wrote %d, %v", n, err)
	}
	if first, err := db.ClaimCallback(ctx, "wechat:msg:1"); err != nil || first {
		t.Errorf("callback claimed again after reopen: %v, %v", first, err)
	}
}

// applied returns the recorded migrations and when they were applied.
func applied(t *testing.T, db *DB) map[string]int64 {
	t.Helper()
	rows, err := db.r.QueryContext(t.Context(), `SELECT name, applied_at FROM migrations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var name string
		var at int64
		must(t, rows.Scan(&name, &at))
		m[name] = at
	}
	must(t, rows.Err())
	return m
}

func TestMigrationsAppliedOnce(t *testing.T) {
	dir := t.TempDir()
	clock := &fixedClock{time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}
	db, err := Open(t.Context(), dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	first := applied(t, db)
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("migration files: %v, %v", files, err)
	}
	for _, f := range files {
		if first[filepath.Base(f)] != clock.t.UnixMilli() {
			t.Errorf("%s: applied at %d, want %d", f, first[filepath.Base(f)], clock.t.UnixMilli())
		}
	}
	if len(first) != len(files) {
		t.Errorf("%d migrations recorded, want %d: %v", len(first), len(files), first)
	}
	must(t, db.Close())

	// A restart an hour later finds nothing to do: re-running 0001 would fail
	// on its CREATE TABLEs, and the records keep their first time.
	clock.t = clock.t.Add(time.Hour)
	db = openTest(t, dir, clock)
	if again := applied(t, db); len(again) != len(first) {
		t.Errorf("after reopen: %v, want %v", again, first)
	} else {
		for name, at := range first {
			if again[name] != at {
				t.Errorf("%s: applied at %d after reopen, want %d", name, again[name], at)
			}
		}
	}
}

func TestMigrateOrderAndRollback(t *testing.T) {
	ctx := t.Context()
	db := openTest(t, t.TempDir(), nil)
	fsys := fstest.MapFS{
		// 9002 needs 9001's table: name order, not map order.
		"migrations/9002_b.sql": {Data: []byte(`INSERT INTO t9001 (x) VALUES (2);`)},
		"migrations/9001_a.sql": {Data: []byte(`CREATE TABLE t9001 (x INTEGER); INSERT INTO t9001 (x) VALUES (1);`)},
	}
	must(t, db.migrate(ctx, fsys))

	// A failing migration leaves no trace and stops the ones after it.
	fsys["migrations/9003_bad.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE t9003 (x INTEGER); INSERT INTO nowhere VALUES (1);`)}
	fsys["migrations/9004_after.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE t9004 (x INTEGER);`)}
	if err := db.migrate(ctx, fsys); err == nil || !strings.Contains(err.Error(), "9003_bad.sql") {
		t.Fatalf("bad migration: got %v, want an error naming it", err)
	}
	m := applied(t, db)
	if _, ok := m["9003_bad.sql"]; ok {
		t.Error("failed migration recorded")
	}
	if _, ok := m["9004_after.sql"]; ok {
		t.Error("migration after a failed one applied")
	}
	var n int
	must(t, db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('t9003', 't9004')`).Scan(&n))
	if n != 0 {
		t.Errorf("%d tables of failed migrations exist", n)
	}
	must(t, db.r.QueryRowContext(ctx, `SELECT SUM(x) FROM t9001`).Scan(&n))
	if n != 3 {
		t.Errorf("sum of t9001 is %d, want 3 (each migration once)", n)
	}

	// Fixed, it applies on the next start.
	fsys["migrations/9003_bad.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE t9003 (x INTEGER);`)}
	must(t, db.migrate(ctx, fsys))
	if m := applied(t, db); m["9003_bad.sql"] == 0 || m["9004_after.sql"] == 0 {
		t.Errorf("after the fix: %v", m)
	}
}

func TestClockStamps(t *testing.T) {
	ctx := t.Context()
	clock := &fixedClock{time.Date(2026, 11, 25, 8, 0, 0, 123_456_789, time.FixedZone("CST", 8*3600))}
	want := clock.t.Truncate(time.Millisecond)
	db := openTest(t, t.TempDir(), clock)

	w := gigbot.Worker{User: alice}
	must(t, db.SaveWorker(ctx, &w))
	if !w.CreatedAt.Equal(want) || !w.UpdatedAt.Equal(want) {
		t.Errorf("worker stamped %v, %v; want %v", w.CreatedAt, w.UpdatedAt, want)
	}
	clock.t = clock.t.Add(time.Minute)
	must(t, db.SaveWorker(ctx, &w))
	if !w.CreatedAt.Equal(want) || !w.UpdatedAt.Equal(want.Add(time.Minute)) {
		t.Errorf("worker restamped %v, %v; want %v, %v", w.CreatedAt, w.UpdatedAt, want, want.Add(time.Minute))
	}

	must(t, db.SaveConversation(ctx, gigbot.Conversation{User: alice}))
	if c, err := db.Conversation(ctx, alice); err != nil || !c.UpdatedAt.Equal(want.Add(time.Minute)) {
		t.Errorf("conversation stamped %v, %v", c.UpdatedAt, err)
	}

	// A notice without a due time is due at once, by the store's clock.
	ns := []gigbot.Notice{{To: alice, Kind: gigbot.NoticeMessage, Reply: gigbot.Reply{Text: "hi"}}}
	if _, err := db.Enqueue(ctx, ns); err != nil {
		t.Fatal(err)
	}
	now := want.Add(time.Minute)
	if !ns[0].DueAt.Equal(now) || !ns[0].CreatedAt.Equal(now) {
		t.Errorf("notice due %v, created %v; want %v", ns[0].DueAt, ns[0].CreatedAt, now)
	}
	if due, _ := db.DueNotices(ctx, now.Add(-time.Millisecond), 10); len(due) != 0 {
		t.Errorf("due before now: %+v", due)
	}
	if due, _ := db.DueNotices(ctx, now, 10); len(due) != 1 {
		t.Errorf("due now: %+v", due)
	}
}

func TestInvalid(t *testing.T) {
	ctx := t.Context()
	db := openTest(t, t.TempDir(), nil)
	ok := gigbot.Notice{To: alice, Kind: gigbot.NoticeMessage}
	for name, n := range map[string]gigbot.Notice{
		"no recipient":  {Kind: gigbot.NoticeMessage},
		"no posting id": {To: alice, Kind: gigbot.NoticePosting},
		"no fair id":    {To: alice, Kind: gigbot.NoticeFair, PostingID: 1},
		"no kind":       {To: alice},
		"unknown kind":  {To: alice, Kind: "sms"},
	} {
		written, err := db.Enqueue(ctx, []gigbot.Notice{ok, n})
		if code := gigbot.ErrorCode(err); code != gigbot.EINVALID || written != 0 {
			t.Errorf("%s: wrote %d, error %v (%s), want EINVALID", name, written, err, code)
		}
	}
	if pending, err := db.PendingFor(ctx, alice); err != nil || len(pending) != 0 {
		t.Errorf("a rejected batch wrote %+v, %v", pending, err)
	}
	wantCode(t, "worker without user", db.SaveWorker(ctx, &gigbot.Worker{}), gigbot.EINVALID)
	wantCode(t, "conversation without user", db.SaveConversation(ctx, gigbot.Conversation{}), gigbot.EINVALID)
	wantCode(t, "fair without date", db.CreateFair(ctx, &gigbot.Fair{Title: "x"}), gigbot.EINVALID)
}

func TestErrorsKeepUsersOut(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	_, err := db.Worker(t.Context(), alice)
	if err == nil || strings.Contains(err.Error(), alice.ID) || !strings.Contains(err.Error(), alice.Hash()) {
		t.Errorf("error %q should name the user by hash only", err)
	}
}

func TestCauseShortened(t *testing.T) {
	ctx := t.Context()
	db := openTest(t, t.TempDir(), nil)
	ns := []gigbot.Notice{{To: alice, Kind: gigbot.NoticeMessage}}
	if _, err := db.Enqueue(ctx, ns); err != nil {
		t.Fatal(err)
	}
	cause := strings.Repeat("用户不可达", 100) // 3 bytes a rune: no cut lands on a boundary by luck
	must(t, db.Postpone(ctx, ns[0].ID, time.Now(), cause))
	got, err := db.PendingFor(ctx, alice)
	must(t, err)
	last := got[0].LastError
	if len(last) > maxCause || len(last) < maxCause-3 || !utf8.ValidString(last) || !strings.HasPrefix(cause, last) {
		t.Errorf("stored cause %q (%d bytes)", last, len(last))
	}
}

func TestDataDirNeedsNoEscaping(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data dir?x=1#frag%20")
	db := openTest(t, dir, nil)
	if _, err := db.ClaimCallback(t.Context(), "k"); err != nil {
		t.Fatal(err)
	}
	// Stat, not open: closing any descriptor of the file would drop
	// SQLite's POSIX locks on it.
	if _, err := os.Stat(filepath.Join(dir, fileName)); err != nil {
		t.Fatal(err)
	}
}

func TestCloseIsFinal(t *testing.T) {
	db, err := Open(t.Context(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	must(t, db.Ping(t.Context()))
	must(t, db.Close())
	if err := db.Ping(t.Context()); err == nil {
		t.Error("ping after close succeeded")
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := gigbot.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

// TestStorePostgres runs the conformance suite on PostgreSQL, in a
// database of its own, emptied before each test.
func TestStorePostgres(t *testing.T) {
	dsn := storetest.FreshPostgres(t)
	storetest.Run(t, func(t *testing.T) gigbot.Store {
		storetest.EmptyPostgres(t, dsn)
		return openPG(t, dsn, nil)
	})
}

// openPG opens the PostgreSQL store at dsn and closes it when the test ends.
func openPG(t testing.TB, dsn string, clock gigbot.Clock) *DB {
	t.Helper()
	db, err := OpenPostgres(context.Background(), dsn, clock)
	return closedAtEnd(t, db, err)
}

// TestUserQueriesUseIndexes: the queries of one user's notices are
// answered from the partial indexes of migration 0010, never by reading
// the outbox (5M rows after a busy day). The drain's digests once did.
func TestUserQueriesUseIndexes(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	for name, c := range map[string]struct{ q, index string }{
		"HeldFor":           {db.q.heldFor, "notices_held"},
		"SentCount":         {db.q.sentCount, "notices_sent"},
		"LastPostingNotice": {qLastPostingNotice, "notices_sent"},
		"erase sent":        {deleteUserData[2], "notices_sent"},
		"erase held":        {deleteUserData[3], "notices_held"},
		// Fresh notices are found through the pending backlog.
		"erase fresh": {deleteUserData[4], "notices_due"},
	} {
		q := c.q
		rows, err := db.r.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+q, "wechat:o1", "x", 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, "INDEX "+c.index+" (") {
			t.Errorf("%s: plan %q, want a search of %s", name, p, c.index)
		}
	}
}
