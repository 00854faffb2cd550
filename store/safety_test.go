package store

import (
	"context"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// TestDeleteUserDataIsScoped deletes one user's data and nothing of a
// user whose id matches it as a LIKE pattern ("_" matches any rune).
func TestDeleteUserDataIsScoped(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gone := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "o_a"}
	kept := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "oxa"}
	for _, u := range []gigbot.UserRef{gone, kept} {
		if err := db.SaveWorker(ctx, &gigbot.Worker{User: u, Onboarded: true}); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveConversation(ctx, gigbot.Conversation{User: u, Step: "x", Data: map[string]string{}}); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordInteraction(ctx, u, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ClaimCallback(ctx, "wechat:evt:"+u.ID+":1700000000"); err != nil {
			t.Fatal(err)
		}
		// A fresh, a held and a sent notice: each is reached by its own
		// index (migration 0010).
		ns := []gigbot.Notice{
			{To: u, Kind: gigbot.NoticeMessage, Status: gigbot.NoticePending, DueAt: time.Now()},
			{To: u, Kind: gigbot.NoticePosting, PostingID: 1, Status: gigbot.NoticePending, DueAt: time.Now()},
			{To: u, Kind: gigbot.NoticePosting, PostingID: 2, Status: gigbot.NoticePending, DueAt: time.Now()},
		}
		if _, err := db.Enqueue(ctx, ns); err != nil {
			t.Fatal(err)
		}
		if err := db.Hold(ctx, ns[1].ID, time.Now().Add(time.Hour), "digest"); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkSent(ctx, ns[2].ID, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	notices := func(u gigbot.UserRef) int {
		var n int
		if err := db.r.queryRow(ctx, `SELECT COUNT(*) FROM notices WHERE user_key = $1`, u.Key()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := db.DeleteUserData(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Worker(ctx, gone); gigbot.ErrorCode(err) != gigbot.ENOTFOUND {
		t.Errorf("worker kept: %v", err)
	}
	if n := notices(gone); n != 0 {
		t.Errorf("%d notices of the user kept", n)
	}
	if first, _ := db.ClaimCallback(ctx, "wechat:evt:o_a:1700000000"); !first {
		t.Error("callback key naming the user kept")
	}
	if _, err := db.Worker(ctx, kept); err != nil {
		t.Errorf("other worker deleted: %v", err)
	}
	if n := notices(kept); n != 3 {
		t.Errorf("other user's notices: %d, want 3", n)
	}
	if first, _ := db.ClaimCallback(ctx, "wechat:evt:oxa:1700000000"); first {
		t.Error("other user's callback key deleted")
	}
	if c, _ := db.Conversation(ctx, kept); c.Step != "x" {
		t.Error("other user's conversation deleted")
	}
}

func TestEmployerRecordCounts(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	boss := gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "1"}
	for _, s := range []gigbot.PostingStatus{gigbot.PostingOpen, gigbot.PostingRejected, gigbot.PostingOpen} {
		p := &gigbot.Posting{Employer: boss, Status: s, Phone: "13800000001"}
		if err := db.CreatePosting(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []string{"a", "b", "a"} {
		if _, _, err := db.ReportPosting(ctx, 1, gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: w}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetEmployerVerified(ctx, boss, true); err != nil {
		t.Fatal(err)
	}
	rec, err := db.EmployerRecord(ctx, boss)
	if err != nil {
		t.Fatal(err)
	}
	want := gigbot.EmployerRecord{Employer: boss, Verified: true, Postings: 3, Rejections: 1, Reports: 2}
	if rec != want {
		t.Errorf("record %+v, want %+v", rec, want)
	}
	if u, err := db.EmployerByRef(ctx, boss.Hash()); err != nil || u != boss {
		t.Errorf("EmployerByRef = %v, %v", u, err)
	}
	if err := db.BlacklistEmployer(ctx, boss); err != nil {
		t.Fatal(err)
	}
	if rec, _ := db.EmployerRecord(ctx, boss); !rec.Blacklisted || !rec.Verified {
		t.Errorf("after blacklist: %+v", rec)
	}
	if b, _ := db.PhoneBlocked(ctx, "13800000001"); b {
		t.Error("phone blocked before BlockPhone")
	}
	if err := db.BlockPhone(ctx, "13800000001"); err != nil {
		t.Fatal(err)
	}
	if b, _ := db.PhoneBlocked(ctx, "13800000001"); !b {
		t.Error("phone not blocked")
	}
}
