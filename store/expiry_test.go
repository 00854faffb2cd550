package store

import (
	"context"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

func TestExpirePostings(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	db := openTest(t, t.TempDir(), &fixedClock{now})
	mk := func(status gigbot.PostingStatus, expires time.Time) int64 {
		p := gigbot.Posting{Title: "x", Status: status, ExpiresAt: expires}
		must(t, db.CreatePosting(ctx, &p))
		return p.ID
	}
	past := mk(gigbot.PostingOpen, now.Add(-time.Minute))
	atNow := mk(gigbot.PostingOpen, now)
	future := mk(gigbot.PostingOpen, now.Add(time.Minute))
	never := mk(gigbot.PostingOpen, time.Time{})
	review := mk(gigbot.PostingReview, now.Add(-time.Hour))
	ids, err := db.ExpirePostings(ctx, now)
	must(t, err)
	if len(ids) != 2 || !(ids[0] == past && ids[1] == atNow || ids[0] == atNow && ids[1] == past) {
		t.Fatalf("expired %v, want %d and %d", ids, past, atNow)
	}
	for id, want := range map[int64]gigbot.PostingStatus{past: gigbot.PostingClosed, atNow: gigbot.PostingClosed,
		future: gigbot.PostingOpen, never: gigbot.PostingOpen, review: gigbot.PostingReview} {
		p, err := db.Posting(ctx, id)
		must(t, err)
		if p.Status != want {
			t.Errorf("posting %d is %s, want %s", id, p.Status, want)
		}
	}
	if ids, _ := db.ExpirePostings(ctx, now); len(ids) != 0 {
		t.Fatalf("expired again: %v", ids)
	}
}

// A fair reminder is queued once per fair, reminder time and user, however
// often its job runs; the eve and the morning reminders are two.
func TestFairReminderDedupe(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, t.TempDir(), nil)
	u := gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "1"}
	eve := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	reminder := func(at time.Time) gigbot.Notice {
		return gigbot.Notice{To: u, Kind: gigbot.NoticeFairReminder, FairID: 7, DueAt: at, Reply: gigbot.Reply{Text: "r"}}
	}
	n, err := db.Enqueue(ctx, []gigbot.Notice{reminder(eve), reminder(eve), reminder(eve.Add(13 * time.Hour))})
	must(t, err)
	if n != 2 {
		t.Fatalf("queued %d, want 2", n)
	}
	if n, _ := db.Enqueue(ctx, []gigbot.Notice{reminder(eve)}); n != 0 {
		t.Fatalf("re-queued a reminder: %d", n)
	}
	if _, err := db.Enqueue(ctx, []gigbot.Notice{{To: u, Kind: gigbot.NoticeFairReminder, FairID: 7}}); gigbot.ErrorCode(err) != gigbot.EINVALID {
		t.Fatalf("reminder without time: %v", err)
	}
}
