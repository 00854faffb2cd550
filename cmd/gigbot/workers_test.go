package main

import (
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/store"
)

// After a restart the caps start from the notices already written today,
// and the reverse index holds exactly the standing workers.
func TestLoadStandingSeedsTheCaps(t *testing.T) {
	ctx := t.Context()
	loc := time.FixedZone("CST", 8*3600)
	db, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := matcher.Load()
	if err != nil {
		t.Fatal(err)
	}
	busy := &gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "busy"}, Onboarded: true,
		Profile: gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区"}}
	paused := &gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "paused"}, Onboarded: true, Paused: true,
		Profile: gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区"}}
	for _, w := range []*gigbot.Worker{busy, paused} {
		if err := db.SaveWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	var ns []gigbot.Notice
	for id := int64(1); id <= 2; id++ {
		ns = append(ns, gigbot.Notice{To: busy.User, Kind: gigbot.NoticePosting, PostingID: id, Reply: gigbot.Reply{Text: "x"}})
	}
	if _, err := db.Enqueue(ctx, ns); err != nil {
		t.Fatal(err)
	}
	st, err := loadStanding(ctx, db, m, loc, 3, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n := st.quota.Count(busy.ID, time.Now()); n != 2 {
		t.Fatalf("busy worker's count after restart = %d, want the 2 written today", n)
	}
	if st.workers.Len() != 1 {
		t.Fatalf("index holds %d workers, want only the standing one", st.workers.Len())
	}
}
