package main

import (
	"context"
	"testing"
	"time"

	"github.com/gigbot/gigbot/store"
)

// crashAudience is how many workers the broadcast in the crash test
// reaches.
const crashAudience = 2000

// A kill -9 in the middle of a broadcast loses nothing: after a restart
// every worker gets the posting, and only a notice in flight at the kill
// (sent, not yet marked sent) may arrive twice. The drain sends one notice
// at a time, so at most one is in flight.
func TestCrashDuringBroadcastLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: builds a 2,000-worker audience")
	}
	// Paced so that the kill lands mid-broadcast: 2,000 pushes take ~10 s.
	d := newDeployment(t, "  rate:\n    telegram: 200\n")
	ctx := context.Background()
	db, err := store.Open(ctx, d.dataDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := seedAudience(t, db, crashAudience)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	d.start()
	publish(t, d, firstJob)
	received := func() map[int64]int { return pushesPerChat(d.tg, first, crashAudience, "150") }
	waitUntil(t, "first pushes of the broadcast", func() bool { return total(received()) >= crashAudience/10 })
	// Chat stays fast while the broadcast runs: the WeChat passive reply is
	// answered well inside its 5 s budget.
	began := time.Now()
	mustContain(t, "reply during the broadcast", d.say(workerWX, "你好"), "会干什么活")
	if took := time.Since(began); took > time.Second {
		t.Errorf("a chat reply took %v during the broadcast", took)
	}
	waitUntil(t, "more pushes of the broadcast", func() bool { return total(received()) >= crashAudience/5 })
	d.kill()
	atKill := total(received())
	if atKill >= crashAudience {
		t.Fatalf("the broadcast finished (%d) before the kill: pace it slower", atKill)
	}
	t.Logf("killed after %d of %d pushes", atKill, crashAudience)

	d.start()
	deadline := time.Now().Add(2 * time.Minute)
	for len(received()) < crashAudience {
		if time.Now().After(deadline) {
			t.Fatalf("after restart %d of %d workers got the posting\n%s", len(received()), crashAudience, d.logs)
		}
		time.Sleep(100 * time.Millisecond) // a separate process: nothing to wait on
	}
	got := received()
	dups := total(got) - len(got)
	t.Logf("delivered to %d workers, %d duplicates", len(got), dups)
	if dups > 1 {
		t.Fatalf("%d duplicates; at most the one notice in flight at the kill may repeat", dups)
	}
}
