package store

import (
	"fmt"
	"testing"

	"github.com/gigbot/gigbot"
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
