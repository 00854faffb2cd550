package store

import (
	"fmt"
	"testing"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/store/storetest"
)

// BenchmarkEnqueue measures one batch of 10,000 posting notices (one
// posting fanned out to its matching workers), written new and, as the
// baseline of the same statement without the write, as duplicates.
//
//	go test -run '^$' -bench Enqueue -benchtime 20x ./store
func BenchmarkEnqueue(b *testing.B) {
	const batch = 10_000
	notices := func(postingID int64) []gigbot.Notice {
		ns := make([]gigbot.Notice, batch)
		for i := range ns {
			to := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("oWorker%07d", i)}
			ns[i] = gigbot.Notice{To: to, Kind: gigbot.NoticePosting, PostingID: postingID,
				Reply: gigbot.Reply{Text: "新工作：小区保洁，150元/天，河西区友谊路", Choices: []gigbot.Choice{{Label: "查看", Value: "posting:1"}}}}
		}
		return ns
	}
	run := func(b *testing.B, db *DB, next func() []gigbot.Notice, want int) {
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

	b.Run("new", func(b *testing.B) {
		db := openTest(b, b.TempDir(), nil)
		var posting int64
		run(b, db, func() []gigbot.Notice { posting++; return notices(posting) }, batch)
	})
	b.Run("duplicate", func(b *testing.B) {
		db := openTest(b, b.TempDir(), nil)
		if _, err := db.Enqueue(b.Context(), notices(1)); err != nil {
			b.Fatal(err)
		}
		run(b, db, func() []gigbot.Notice { return notices(1) }, 0)
	})
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
