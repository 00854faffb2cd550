package store

import (
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/gigbot/gigbot"
)

func TestWorkersUpdatedSince(t *testing.T) {
	ctx := t.Context()
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	db, err := Open(ctx, t.TempDir(), clock)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	old := &gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "old"}, Onboarded: true}
	must(t, db.SaveWorker(ctx, old))
	clock.Advance(time.Minute)
	since := clock.Now()
	left := &gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "1"}, Onboarded: true, Unsubscribed: true}
	must(t, db.SaveWorker(ctx, left))
	var got []gigbot.Worker
	must(t, db.WorkersUpdatedSince(ctx, since, func(w gigbot.Worker) error { got = append(got, w); return nil }))
	if len(got) != 1 || got[0].ID != left.ID || !got[0].Unsubscribed {
		t.Fatalf("updated since: %+v, want only the worker who left", got)
	}
}
