package store

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/store/storetest"
)

// BenchmarkEnqueue measures Enqueue on each backend. "new" writes one
// batch of 10,000 posting notices (one posting fanned out to its matching
// workers) into an outbox that starts empty; "duplicate" offers the same
// batch again, every notice skipped: the baseline of the statement
// without the write. "city" writes batches of 2,000 posting notices to
// workers drawn at random from 1,000,000, as a busy day's first postings
// write them: the outbox grows by 2,000 rows per iteration and its user
// index by random keys (-benchtime 1000x ends at 2M rows).
//
//	go test -run '^$' -bench Enqueue -benchtime 20x ./store
//	go test -run '^$' -bench Enqueue/embedded/city -benchtime 1000x ./store
//	GIGBOT_TEST_PG_DSN=postgres://postgres@127.0.0.1:5432/test?sslmode=disable go test -run '^$' -bench Enqueue -benchtime 20x ./store
func BenchmarkEnqueue(b *testing.B) {
	reply := gigbot.Reply{Text: "新工作：小区保洁，150元/天，河西区友谊路", Choices: []gigbot.Choice{{Label: "查看", Value: "posting:1"}}}
	worker := func(i int) gigbot.UserRef {
		return gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("oWorker%07d", i)}
	}
	fanOut := func(postingID int64, n int, to func(int) int) []gigbot.Notice {
		ns := make([]gigbot.Notice, n)
		for i := range ns {
			ns[i] = gigbot.Notice{To: worker(to(i)), Kind: gigbot.NoticePosting, PostingID: postingID, Reply: reply}
		}
		return ns
	}
	run := func(b *testing.B, db *DB, batch int, next func() []gigbot.Notice, want int) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			ns := next()
			b.StartTimer()
			n, err := db.Enqueue(b.Context(), ns)
			if err != nil || n != want {
				b.Fatalf("wrote %d, %v; want %d", n, err, want)
			}
		}
		b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "notices/s")
	}
	const batch, cityBatch, cityWorkers = 10_000, 2_000, 1_000_000
	for _, backend := range []string{"embedded", "postgres"} {
		open := func(b *testing.B) *DB {
			if backend == "postgres" {
				return openPG(b, storetest.FreshPostgres(b), nil)
			}
			return openTest(b, b.TempDir(), nil)
		}
		b.Run(backend+"/new", func(b *testing.B) {
			db := open(b)
			var posting int64
			run(b, db, batch, func() []gigbot.Notice {
				posting++
				return fanOut(posting, batch, func(i int) int { return i })
			}, batch)
		})
		b.Run(backend+"/duplicate", func(b *testing.B) {
			db := open(b)
			ns := func() []gigbot.Notice { return fanOut(1, batch, func(i int) int { return i }) }
			if _, err := db.Enqueue(b.Context(), ns()); err != nil {
				b.Fatal(err)
			}
			run(b, db, batch, ns, 0)
		})
		b.Run(backend+"/city", func(b *testing.B) {
			db := open(b)
			r := rand.New(rand.NewPCG(1, 2))
			var posting int64
			run(b, db, cityBatch, func() []gigbot.Notice {
				posting++
				// Distinct workers of one posting: a random stride walk.
				first, step := r.IntN(cityWorkers), 1+2*r.IntN(cityWorkers/cityBatch/2)
				return fanOut(posting, cityBatch, func(i int) int { return (first + i*step) % cityWorkers })
			}, cityBatch)
		})
	}
}

// BenchmarkCallback is the store's share of one WeChat text callback: the
// dedupe claim, the interaction log, the conversation read and write and
// the worker read, as bot/wechat and the engine run them, for users
// cycling through 1,000. "unprepared" is the baseline: the same statements
// prepared on every call, as before the store kept them.
//
//	go test -run '^$' -bench Callback -benchtime 2000x ./store
//	GIGBOT_TEST_PG_DSN=postgres://postgres@127.0.0.1:5432/test?sslmode=disable go test -run '^$' -bench Callback -benchtime 2000x ./store
func BenchmarkCallback(b *testing.B) {
	callback := func(b *testing.B, db *DB) {
		ctx := b.Context()
		for i := range 1000 {
			u := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("oWorker%07d", i)}
			w := gigbot.Worker{User: u, Onboarded: true, Profile: gigbot.Profile{Skills: []string{"保洁"}}}
			must(b, db.SaveWorker(ctx, &w))
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			u := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("oWorker%07d", i%1000)}
			if ok, err := db.ClaimCallback(ctx, fmt.Sprintf("wechat:msg:%d", i)); err != nil || !ok {
				b.Fatal(ok, err)
			}
			must(b, db.RecordInteraction(ctx, u, db.now()))
			c, err := db.Conversation(ctx, u)
			must(b, err)
			if _, err := db.Worker(ctx, u); err != nil {
				b.Fatal(err)
			}
			c.Step, c.Data["skills"] = "ask_place", "保洁"
			must(b, db.SaveConversation(ctx, c))
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "callbacks/s")
	}
	backends := map[string]func(b *testing.B) *DB{
		"embedded": func(b *testing.B) *DB { return openTest(b, b.TempDir(), nil) },
		"postgres": func(b *testing.B) *DB { return openPG(b, storetest.FreshPostgres(b), nil) },
	}
	for _, name := range []string{"embedded", "postgres"} {
		for _, prepared := range []bool{false, true} {
			mode := "unprepared"
			if prepared {
				mode = "prepared"
			}
			b.Run(name+"/"+mode, func(b *testing.B) {
				db := backends[name](b)
				db.w.unprepared, db.r.unprepared = !prepared, !prepared
				callback(b, db)
			})
		}
	}
}
