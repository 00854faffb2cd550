package store

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/store/storetest"
)

// replicas opens n handles on one empty store, as n replicas would: n
// PostgreSQL pools on a fresh database, or n opens of one SQLite file.
func replicas(t *testing.T, driver string, n int, clock gigbot.Clock) []*DB {
	t.Helper()
	var dbs []*DB
	switch driver {
	case "postgres":
		dsn := storetest.FreshPostgres(t)
		for range n {
			dbs = append(dbs, openPG(t, dsn, clock))
		}
	default:
		dir := t.TempDir()
		for range n {
			dbs = append(dbs, openTest(t, dir, clock))
		}
	}
	return dbs
}

var drivers = []string{"embedded", "postgres"}

func TestClaimDue(t *testing.T) {
	for _, driver := range drivers {
		t.Run(driver, func(t *testing.T) {
			clock := &fixedClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
			dbs := replicas(t, driver, 2, clock)
			ctx := t.Context()
			var ns []gigbot.Notice
			// Messages keep their own reply; the posting's is shared
			// (migration 0011), and a claim reads it back all the same.
			for i := range 300 {
				n := gigbot.Notice{To: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "o" + strconv.Itoa(i)},
					Kind: gigbot.NoticeMessage, Reply: gigbot.Reply{Text: "hi"}}
				if i%2 == 0 {
					n.Kind, n.PostingID, n.Reply.Text = gigbot.NoticePosting, 1, "新工作：小区保洁"
				}
				ns = append(ns, n)
			}
			if _, err := dbs[0].Enqueue(ctx, ns); err != nil {
				t.Fatal(err)
			}
			// Two replicas claiming at once get disjoint sets covering all.
			var mu sync.Mutex
			seen := map[int64]string{}
			var wg sync.WaitGroup
			for i, db := range dbs {
				owner := "r" + strconv.Itoa(i)
				wg.Go(func() {
					for {
						got, err := db.ClaimDue(ctx, owner, clock.t, time.Minute, 7)
						if err != nil {
							t.Error(err)
							return
						}
						if len(got) == 0 {
							return
						}
						mu.Lock()
						for _, n := range got {
							if want := map[gigbot.NoticeKind]string{gigbot.NoticeMessage: "hi", gigbot.NoticePosting: "新工作：小区保洁"}[n.Kind]; n.Reply.Text != want {
								t.Errorf("claimed %s notice %d says %q, want %q", n.Kind, n.ID, n.Reply.Text, want)
							}
							if prev, ok := seen[n.ID]; ok {
								t.Errorf("notice %d claimed by %s and %s", n.ID, prev, owner)
							}
							seen[n.ID] = owner
						}
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if len(seen) != len(ns) {
				t.Fatalf("claimed %d notices, want %d", len(seen), len(ns))
			}
			// Settled ones are gone; released ones come back at once;
			// the others only after the lease.
			must(t, dbs[0].MarkSent(ctx, ns[0].ID, clock.t))
			released, err := dbs[1].ReleaseClaims(ctx, "r1")
			must(t, err)
			got, err := dbs[0].ClaimDue(ctx, "r0", clock.t, time.Minute, 1000)
			must(t, err)
			if len(got) != released {
				t.Errorf("after release: claimed %d, want the %d released", len(got), released)
			}
			clock.t = clock.t.Add(time.Minute)
			got, err = dbs[1].ClaimDue(ctx, "r1", clock.t, time.Minute, 1000)
			must(t, err)
			if len(got) != len(ns)-1 {
				t.Errorf("after the lease: claimed %d, want %d", len(got), len(ns)-1)
			}
			for i := 1; i < len(got); i++ {
				if got[i].ID < got[i-1].ID {
					t.Fatalf("claims out of order: %d after %d", got[i].ID, got[i-1].ID)
				}
			}
			if d, err := dbs[0].QueueDepth(ctx); err != nil || d != len(ns)-1 {
				t.Errorf("queue depth %d, %v; want %d", d, err, len(ns)-1)
			}
		})
	}
}

func TestPostingFeed(t *testing.T) {
	for _, driver := range drivers {
		t.Run(driver, func(t *testing.T) {
			clock := &fixedClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
			db := replicas(t, driver, 1, clock)[0]
			ctx := t.Context()
			start, err := db.LastPostingChange(ctx)
			must(t, err)
			a := gigbot.Posting{Title: "保洁", Status: gigbot.PostingOpen, ExpiresAt: clock.t.Add(time.Hour)}
			b := gigbot.Posting{Title: "搬家", Status: gigbot.PostingOpen}
			must(t, db.CreatePosting(ctx, &a))
			must(t, db.CreatePosting(ctx, &b))
			must(t, db.SetPostingStatus(ctx, b.ID, gigbot.PostingClosed))
			if _, err := db.ExpirePostings(ctx, clock.t.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
			cs, err := db.PostingChanges(ctx, start, 100)
			must(t, err)
			var ids []int64
			for i, c := range cs {
				ids = append(ids, c.PostingID)
				if i > 0 && c.Seq <= cs[i-1].Seq {
					t.Errorf("seq %d after %d", c.Seq, cs[i-1].Seq)
				}
			}
			want := []int64{a.ID, b.ID, b.ID, a.ID}
			if len(ids) != len(want) || ids[0] != want[0] || ids[1] != want[1] || ids[2] != want[2] || ids[3] != want[3] {
				t.Errorf("changes %v, want %v", ids, want)
			}
			last, err := db.LastPostingChange(ctx)
			must(t, err)
			if last != cs[len(cs)-1].Seq {
				t.Errorf("last change %d, want %d", last, cs[len(cs)-1].Seq)
			}
			if more, err := db.PostingChanges(ctx, last, 100); err != nil || len(more) != 0 {
				t.Errorf("after the last: %v, %v", more, err)
			}
		})
	}
}

// TestWithConversationSerializes has two replicas apply 60 turns to one
// user's conversation at once: none is lost, as none would be if the two
// turns of a user on two replicas interleaved.
func TestWithConversationSerializes(t *testing.T) {
	dbs := replicas(t, "postgres", 2, nil)
	ctx := t.Context()
	var wg sync.WaitGroup
	for i := range 60 {
		db := dbs[i%2]
		wg.Go(func() {
			err := db.WithConversation(ctx, alice, func(c *gigbot.Conversation) error {
				n, _ := strconv.Atoi(c.Data["turns"])
				// fn may use the store meanwhile, as a turn does.
				if _, err := db.Worker(ctx, alice); gigbot.ErrorCode(err) != gigbot.ENOTFOUND {
					return err
				}
				c.Data["turns"] = strconv.Itoa(n + 1)
				c.Step = "step" + strconv.Itoa(n+1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	c, err := dbs[0].Conversation(ctx, alice)
	must(t, err)
	if c.Data["turns"] != "60" || c.Step != "step60" {
		t.Errorf("after 60 turns: %q, step %q", c.Data["turns"], c.Step)
	}
}

func TestWithConversationEmbedded(t *testing.T) {
	db := openTest(t, t.TempDir(), nil)
	ctx := t.Context()
	for range 3 {
		must(t, db.WithConversation(ctx, alice, func(c *gigbot.Conversation) error {
			c.Data["n"] += "x"
			return nil
		}))
	}
	c, err := db.Conversation(ctx, alice)
	if err != nil || c.Data["n"] != "xxx" {
		t.Errorf("conversation %+v, %v", c, err)
	}
}

func TestLeader(t *testing.T) {
	dbs := replicas(t, "postgres", 3, nil)
	ctx := t.Context()
	var ls []*Leader
	for _, db := range dbs {
		ls = append(ls, db.Leader(nil))
	}
	leaders := func() []int {
		var who []int
		for i, l := range ls {
			if l.IsLeader(ctx) == nil {
				who = append(who, i)
			}
		}
		return who
	}
	if who := leaders(); len(who) != 1 || who[0] != 0 {
		t.Fatalf("leaders %v, want [0]", who)
	}
	ls[0].Resign(ctx)
	if ls[0].Leading() {
		t.Error("still leading after resigning")
	}
	if ls[1].IsLeader(ctx) != nil {
		t.Fatal("the lead is not free after the leader resigned")
	}
	// A leader whose connection goes (the process died) frees the lead.
	// The timeout (PostgreSQL 14+) waits for the backend to be gone:
	// without it the check below raced the termination.
	if _, err := dbs[0].w.ExecContext(ctx, `SELECT pg_terminate_backend(pid, 5000) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`); err != nil {
		t.Fatal(err)
	}
	if who := leaders(); len(who) != 1 || who[0] == 1 {
		t.Fatalf("after the leader's store closed: leaders %v, want one of 0, 2", who)
	}
}
