package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

func normNotice(n *gigbot.Notice) {
	n.DueAt, n.CreatedAt, n.SentAt = utc(n.DueAt), utc(n.CreatedAt), utc(n.SentAt)
}

func normNotices(ns *[]gigbot.Notice) {
	for i := range *ns {
		normNotice(&(*ns)[i])
	}
}

func postingNotice(to gigbot.UserRef, postingID int64, due time.Time) gigbot.Notice {
	return gigbot.Notice{To: to, Kind: gigbot.NoticePosting, PostingID: postingID, DueAt: due,
		Reply: gigbot.Reply{Text: fmt.Sprintf("新工作 #%d", postingID)}}
}

func fairNotice(to gigbot.UserRef, fairID int64, due time.Time) gigbot.Notice {
	return gigbot.Notice{To: to, Kind: gigbot.NoticeFair, FairID: fairID, DueAt: due,
		Reply: gigbot.Reply{Text: fmt.Sprintf("招聘会 #%d", fairID)}}
}

func message(to gigbot.UserRef, text string, due time.Time) gigbot.Notice {
	return gigbot.Notice{To: to, Kind: gigbot.NoticeMessage, DueAt: due, Reply: gigbot.Reply{Text: text}}
}

// enqueue writes ns and fails the test unless want of them were written.
func enqueue(t *testing.T, s gigbot.Store, want int, ns ...gigbot.Notice) []gigbot.Notice {
	t.Helper()
	n, err := s.Enqueue(t.Context(), ns)
	must(t, "enqueue", err)
	if n != want {
		t.Fatalf("enqueue wrote %d notices, want %d", n, want)
	}
	return ns
}

func pendingFor(t *testing.T, s gigbot.Store, u gigbot.UserRef) []gigbot.Notice {
	t.Helper()
	ns, err := s.PendingFor(t.Context(), u)
	must(t, "pending", err)
	return ns
}

func testEnqueueRoundTrip(t *testing.T, s gigbot.Store) {
	ns := []gigbot.Notice{
		{To: alice, Kind: gigbot.NoticeFair, FairID: 7, DueAt: t0.Add(time.Hour),
			Reply: gigbot.Reply{Text: "周六招聘会 🎪\n河西区人才市场", Choices: []gigbot.Choice{{Label: "提醒我", Value: "remind:7"}}}},
		{To: alice, Kind: gigbot.NoticePosting, PostingID: 42, DueAt: t0,
			Reply: gigbot.Reply{Text: "小区保洁，150元/天", Choices: []gigbot.Choice{{Label: "查看", Value: "posting:42"}, {Label: "不感兴趣", Value: "skip:42"}}}},
		{To: alice, Kind: gigbot.NoticeMessage, DueAt: t0.Add(-time.Minute), Reply: gigbot.Reply{Text: "您的招工已发布 ✅"}},
	}
	enqueue(t, s, 3, ns...)
	seen := map[int64]bool{}
	for i, n := range ns {
		if n.ID == 0 || seen[n.ID] || n.CreatedAt.IsZero() || n.Status != gigbot.NoticePending {
			t.Fatalf("notice %d after enqueue: ID %d (seen %v), CreatedAt %v, Status %q", i, n.ID, seen[n.ID], n.CreatedAt, n.Status)
		}
		seen[n.ID] = true
	}
	// Due order: the message, the posting, the fair.
	same(t, "pending", pendingFor(t, s, alice), []gigbot.Notice{ns[2], ns[1], ns[0]}, normNotices)

	if n, err := s.Enqueue(t.Context(), nil); n != 0 || err != nil {
		t.Errorf("empty enqueue: %d, %v", n, err)
	}
}

func testEnqueueDedupe(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	batch := enqueue(t, s, 6,
		postingNotice(alice, 1, t0),
		postingNotice(bob, 1, t0),
		postingNotice(alice, 1, t0.Add(time.Hour)), // same posting again in the batch
		fairNotice(alice, 1, t0),                   // fair 1 is not posting 1
		message(alice, "一", t0),
		message(alice, "一", t0), // messages are never deduplicated
		postingNotice(aliceTG, 1, t0),
	)
	if batch[2].ID != 0 {
		t.Errorf("skipped notice got ID %d, want 0", batch[2].ID)
	}
	// Across calls, and after the first one was sent.
	must(t, "mark sent", s.MarkSent(ctx, batch[0].ID, t0))
	enqueue(t, s, 2,
		postingNotice(alice, 1, t0),
		postingNotice(alice, 2, t0),
		fairNotice(alice, 1, t0),
		fairNotice(bob, 1, t0),
	)
	enqueue(t, s, 0, postingNotice(bob, 1, t0), fairNotice(bob, 1, t0), postingNotice(alice, 2, t0))

	kinds := func(ns []gigbot.Notice) map[string]int {
		m := map[string]int{}
		for _, n := range ns {
			m[fmt.Sprintf("%s:%d:%d", n.Kind, n.PostingID, n.FairID)]++
		}
		return m
	}
	same(t, "alice's pending", kinds(pendingFor(t, s, alice)),
		map[string]int{"fair:0:1": 1, "message:0:0": 2, "posting:2:0": 1}, nil)
	same(t, "bob's pending", kinds(pendingFor(t, s, bob)),
		map[string]int{"posting:1:0": 1, "fair:0:1": 1}, nil)
	same(t, "alice's pending on telegram", kinds(pendingFor(t, s, aliceTG)),
		map[string]int{"posting:1:0": 1}, nil)
}

// testEnqueueIDsAcrossStatements: a batch longer than one statement, with
// duplicates and messages scattered through it, gets each written notice
// the id it is stored under and 0 for each skipped one.
func testEnqueueIDsAcrossStatements(t *testing.T, s gigbot.Store) {
	user := func(i int) gigbot.UserRef {
		return gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("oIDs%04d", i)}
	}
	var first []gigbot.Notice
	for i := range 400 {
		first = append(first, postingNotice(user(i), 5, t0))
	}
	enqueue(t, s, 400, first...)
	var second []gigbot.Notice
	fresh := 0
	for i := range 900 {
		switch {
		case i%7 == 3:
			second = append(second, message(user(i), fmt.Sprint("消息", i), t0))
			fresh++
		case i < 400 && i%3 == 0: // had it from the first batch
			second = append(second, postingNotice(user(i), 5, t0))
		default:
			second = append(second, postingNotice(user(i), 6, t0))
			fresh++
		}
	}
	enqueue(t, s, fresh, second...)
	for i, n := range second {
		dup := n.Kind == gigbot.NoticePosting && n.PostingID == 5
		if dup != (n.ID == 0) {
			t.Fatalf("notice %d (%s of posting %d) got id %d", i, n.Kind, n.PostingID, n.ID)
		}
		if dup {
			continue
		}
		stored := pendingFor(t, s, n.To)
		if !slices.ContainsFunc(stored, func(m gigbot.Notice) bool {
			return m.ID == n.ID && m.Kind == n.Kind && m.PostingID == n.PostingID && m.Reply.Text == n.Reply.Text
		}) {
			t.Fatalf("notice %d got id %d, which is not the one stored for it: %+v", i, n.ID, stored)
		}
	}
}

func testEnqueueConcurrent(t *testing.T, s gigbot.Store) {
	// Every goroutine offers the same notices: each is written once.
	const goroutines, users, postings = 8, 25, 4
	var batch []gigbot.Notice
	for u := range users {
		for p := range postings {
			to := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("user%d", u)}
			batch = append(batch, postingNotice(to, int64(p+1), t0))
		}
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		written int
	)
	for range goroutines {
		ns := append([]gigbot.Notice(nil), batch...)
		wg.Go(func() {
			n, err := s.Enqueue(t.Context(), ns)
			if err != nil {
				t.Error(err)
			}
			// Reads run beside the writes.
			if _, err := s.DueNotices(t.Context(), t0, 10); err != nil {
				t.Error(err)
			}
			mu.Lock()
			written += n
			mu.Unlock()
		})
	}
	wg.Wait()
	if written != len(batch) {
		t.Errorf("wrote %d notices, want %d", written, len(batch))
	}
	due, err := s.DueNotices(t.Context(), t0, 10*len(batch))
	must(t, "due", err)
	if len(due) != len(batch) {
		t.Errorf("%d notices due, want %d", len(due), len(batch))
	}
}

func testDueNotices(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 7,
		postingNotice(alice, 1, t0.Add(-time.Hour)),
		postingNotice(bob, 1, t0),
		postingNotice(alice, 2, t0.Add(time.Millisecond)), // just not due
		postingNotice(bob, 2, t0.Add(-2*time.Hour)),
		message(alice, "done", t0.Add(-3*time.Hour)),
		message(bob, "tie", t0), // same due time as bob's posting 1, written later
		postingNotice(aliceTG, 1, t0.Add(-4*time.Hour)),
	)
	must(t, "mark sent", s.MarkSent(ctx, ns[4].ID, t0))
	must(t, "mark failed", s.MarkFailed(ctx, ns[6].ID, "blocked"))

	due, err := s.DueNotices(ctx, t0, 10)
	must(t, "due", err)
	same(t, "due at t0", due, []gigbot.Notice{ns[3], ns[0], ns[1], ns[5]}, normNotices)

	due, err = s.DueNotices(ctx, t0, 2)
	must(t, "due, limit 2", err)
	same(t, "first two due", due, []gigbot.Notice{ns[3], ns[0]}, normNotices)

	due, err = s.DueNotices(ctx, t0.Add(-5*time.Hour), 10)
	must(t, "due earlier", err)
	if len(due) != 0 {
		t.Errorf("%d notices due before any, want none", len(due))
	}
}

func testMarkSent(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 2, postingNotice(alice, 1, t0), postingNotice(alice, 2, t0))
	must(t, "mark sent", s.MarkSent(ctx, ns[0].ID, t0.Add(time.Second)))
	same(t, "pending after send", pendingFor(t, s, alice), ns[1:], normNotices)
	due, err := s.DueNotices(ctx, t0.Add(time.Hour), 10)
	must(t, "due", err)
	same(t, "due after send", due, ns[1:], normNotices)
	sentCount(t, s, alice, gigbot.NoticePosting, t0.Add(time.Second), 1)
	sentCount(t, s, alice, gigbot.NoticePosting, t0.Add(time.Second+time.Millisecond), 0)

	wantCode(t, "send again", s.MarkSent(ctx, ns[0].ID, t0), gigbot.ECONFLICT)
	wantCode(t, "send unknown", s.MarkSent(ctx, 12345, t0), gigbot.ENOTFOUND)
}

func testPostpone(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 1, postingNotice(alice, 1, t0))
	later := t0.Add(10 * time.Minute)
	must(t, "postpone", s.Postpone(ctx, ns[0].ID, later, "rate limited"))
	must(t, "postpone again", s.Postpone(ctx, ns[0].ID, later, "用户不可达"))

	due, err := s.DueNotices(ctx, later.Add(-time.Millisecond), 10)
	must(t, "due before", err)
	if len(due) != 0 {
		t.Errorf("postponed notice due early: %+v", due)
	}
	want := ns[0]
	want.DueAt, want.Attempts, want.LastError = later, 2, "用户不可达"
	due, err = s.DueNotices(ctx, later, 10)
	must(t, "due", err)
	same(t, "postponed notice", due, []gigbot.Notice{want}, normNotices)

	wantCode(t, "postpone unknown", s.Postpone(ctx, 12345, later, "x"), gigbot.ENOTFOUND)
	must(t, "mark sent", s.MarkSent(ctx, ns[0].ID, later))
	wantCode(t, "postpone sent", s.Postpone(ctx, ns[0].ID, later, "x"), gigbot.ECONFLICT)
}

func testHold(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 1, postingNotice(alice, 1, t0))
	later := t0.Add(time.Hour)
	must(t, "hold", s.Hold(ctx, ns[0].ID, later, "quiet_hours"))
	if due, _ := s.DueNotices(ctx, later.Add(-time.Millisecond), 10); len(due) != 0 {
		t.Errorf("held notice due early: %+v", due)
	}
	want := ns[0]
	want.DueAt, want.LastError = later, "quiet_hours" // no attempt counted
	due, err := s.DueNotices(ctx, later, 10)
	must(t, "due", err)
	same(t, "held notice", due, []gigbot.Notice{want}, normNotices)
	// Holding can also bring a notice forward.
	must(t, "release", s.Hold(ctx, ns[0].ID, t0, "reconnected"))
	if due, _ := s.DueNotices(ctx, t0, 10); len(due) != 1 || due[0].Attempts != 0 {
		t.Errorf("released notice: %+v", due)
	}
	wantCode(t, "hold unknown", s.Hold(ctx, 12345, later, "x"), gigbot.ENOTFOUND)
	must(t, "mark sent", s.MarkSent(ctx, ns[0].ID, later))
	wantCode(t, "hold sent", s.Hold(ctx, ns[0].ID, later, "x"), gigbot.ECONFLICT)
}

// testHeldFor: a user's held notices are those the drain held or
// postponed with a cause, still pending; fresh, sent and failed ones are
// not among them, nor another user's.
func testHeldFor(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 5, postingNotice(alice, 1, t0), postingNotice(alice, 2, t0), postingNotice(alice, 3, t0),
		fairNotice(alice, 1, t0), postingNotice(bob, 1, t0))
	later := t0.Add(time.Hour)
	must(t, "hold", s.Hold(ctx, ns[1].ID, later, "digest"))
	must(t, "postpone", s.Postpone(ctx, ns[0].ID, later.Add(time.Minute), "rate limited"))
	must(t, "hold without a cause", s.Hold(ctx, ns[2].ID, later, ""))
	must(t, "hold bob's", s.Hold(ctx, ns[4].ID, later, "digest"))
	must(t, "hold then send", s.Hold(ctx, ns[3].ID, later, "quiet_hours"))
	must(t, "send", s.MarkSent(ctx, ns[3].ID, later))

	held, err := s.HeldFor(ctx, alice)
	must(t, "held for alice", err)
	if got := ids(held); !slices.Equal(got, []int64{ns[1].ID, ns[2].ID, ns[0].ID}) {
		t.Errorf("alice's held notices %v, want %v (by due time, then id)", got, []int64{ns[1].ID, ns[2].ID, ns[0].ID})
	}
	if len(held) == 3 && held[1].LastError == "" {
		t.Error("a hold without a cause was recorded without one")
	}
	fresh := enqueue(t, s, 1, postingNotice(alice, 9, t0))
	if held, _ := s.HeldFor(ctx, alice); slices.Contains(ids(held), fresh[0].ID) {
		t.Error("a fresh notice is among the held ones")
	}
	if got := pendingFor(t, s, alice); len(got) != 4 {
		t.Errorf("alice has %d pending notices, want 4 (3 held, 1 fresh)", len(got))
	}
}

func ids(ns []gigbot.Notice) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func testMarkFailed(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 2, postingNotice(alice, 1, t0), fairNotice(alice, 1, t0))
	must(t, "mark failed", s.MarkFailed(ctx, ns[0].ID, "blocked"))
	same(t, "pending after failure", pendingFor(t, s, alice), ns[1:], normNotices)
	sentCount(t, s, alice, gigbot.NoticePosting, time.Time{}, 0)
	// A failed notice still counts as the user's one notice for the posting.
	enqueue(t, s, 0, postingNotice(alice, 1, t0))

	wantCode(t, "fail again", s.MarkFailed(ctx, ns[0].ID, "x"), gigbot.ECONFLICT)
	wantCode(t, "fail unknown", s.MarkFailed(ctx, 12345, "x"), gigbot.ENOTFOUND)
}

func sentCount(t *testing.T, s gigbot.Store, u gigbot.UserRef, kind gigbot.NoticeKind, since time.Time, want int) {
	t.Helper()
	n, err := s.SentCount(t.Context(), u, kind, since)
	must(t, "sent count", err)
	if n != want {
		t.Errorf("SentCount(%s, %s, since %v) = %d, want %d", u.Hash(), kind, since, n, want)
	}
}

func testSentCount(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	ns := enqueue(t, s, 8,
		postingNotice(alice, 1, t0),
		postingNotice(alice, 2, t0),
		postingNotice(alice, 3, t0),
		postingNotice(alice, 4, t0), // stays pending
		fairNotice(alice, 1, t0),
		message(alice, "hi", t0),
		postingNotice(bob, 1, t0),
		postingNotice(aliceTG, 1, t0),
	)
	sentAt := []time.Time{t0.Add(-25 * time.Hour), t0.Add(-time.Hour), t0, {}, t0, t0, t0, t0}
	for i, at := range sentAt {
		if !at.IsZero() {
			must(t, "mark sent", s.MarkSent(ctx, ns[i].ID, at))
		}
	}
	sentCount(t, s, alice, gigbot.NoticePosting, t0.Add(-24*time.Hour), 2)
	sentCount(t, s, alice, gigbot.NoticePosting, t0.Add(-48*time.Hour), 3)
	sentCount(t, s, alice, gigbot.NoticePosting, t0, 1) // since is inclusive
	sentCount(t, s, alice, gigbot.NoticePosting, t0.Add(time.Millisecond), 0)
	sentCount(t, s, alice, gigbot.NoticeFair, t0.Add(-24*time.Hour), 1)
	sentCount(t, s, alice, gigbot.NoticeMessage, t0.Add(-24*time.Hour), 1)
	sentCount(t, s, bob, gigbot.NoticePosting, t0.Add(-24*time.Hour), 1)
	sentCount(t, s, bob, gigbot.NoticeFair, t0.Add(-24*time.Hour), 0)
	sentCount(t, s, aliceTG, gigbot.NoticePosting, t0.Add(-24*time.Hour), 1)
	sentCount(t, s, staff, gigbot.NoticePosting, time.Time{}, 0)
}

func testClaimCallbackOnce(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	for _, c := range []struct {
		key  string
		want bool
	}{
		{"wechat:msg:6789012345678901234", true},
		{"wechat:msg:6789012345678901234", false},
		{"wechat:evt:oAlice_微信-1:1764030615", true},
		{"telegram:upd:6789012345678901234", true},
		{"wechat:evt:oAlice_微信-1:1764030615", false},
	} {
		got, err := s.ClaimCallback(ctx, c.key)
		must(t, "claim", err)
		if got != c.want {
			t.Errorf("ClaimCallback(%q) = %v, want %v", c.key, got, c.want)
		}
	}
}

func testClaimCallbackConcurrent(t *testing.T, s gigbot.Store) {
	const goroutines, keys = 8, 50
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		wins = map[string]int{}
	)
	for g := range goroutines {
		wg.Go(func() {
			for k := range keys {
				// Goroutines walk the keys from different starts so they collide.
				key := fmt.Sprintf("telegram:upd:%d", (k+g*7)%keys)
				won, err := s.ClaimCallback(t.Context(), key)
				if err != nil {
					t.Error(err)
					return
				}
				if won {
					mu.Lock()
					wins[key]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if len(wins) != keys {
		t.Errorf("%d keys claimed, want %d", len(wins), keys)
	}
	for key, n := range wins {
		if n != 1 {
			t.Errorf("%s claimed %d times", key, n)
		}
	}
}

// NoticeCounter is the outbox's count of posting notices written per user,
// which seeds the daily cap at start-up.
type NoticeCounter interface {
	PostingNoticeCounts(ctx context.Context, since time.Time, fn func(u gigbot.UserRef, n int) error) error
}

func testPostingNoticeCounts(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	c, ok := s.(NoticeCounter)
	if !ok {
		t.Fatalf("%T has no PostingNoticeCounts", s)
	}
	counts := func(since time.Time) map[gigbot.UserRef]int {
		t.Helper()
		m := map[gigbot.UserRef]int{}
		must(t, "count", c.PostingNoticeCounts(ctx, since, func(u gigbot.UserRef, n int) error {
			if _, seen := m[u]; seen {
				t.Errorf("%s counted twice", u.Hash())
			}
			m[u] = n
			return nil
		}))
		return m
	}
	// Notices are stamped with the store's clock, the real one here.
	before := time.Now().Add(-time.Minute)
	ns := enqueue(t, s, 7,
		postingNotice(alice, 1, t0),
		postingNotice(alice, 2, t0.Add(48*time.Hour)), // due later: counted when written
		postingNotice(alice, 3, t0),
		postingNotice(alice, 1, t0), // a duplicate, not written
		fairNotice(alice, 1, t0),
		message(alice, "hi", t0),
		postingNotice(bob, 1, t0),
		postingNotice(aliceTG, 1, t0),
	)
	// Whatever became of them.
	must(t, "mark sent", s.MarkSent(ctx, ns[0].ID, t0))
	must(t, "mark failed", s.MarkFailed(ctx, ns[2].ID, "blocked"))
	same(t, "counts", counts(before), map[gigbot.UserRef]int{alice: 3, bob: 1, aliceTG: 1}, nil)
	same(t, "counts since later", counts(time.Now().Add(time.Minute)), map[gigbot.UserRef]int{}, nil)

	stop := errors.New("stop")
	calls := 0
	err := c.PostingNoticeCounts(ctx, before, func(gigbot.UserRef, int) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: got %v after %d calls, want it after 1", err, calls)
	}
}
