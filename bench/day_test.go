package bench

import (
	"context"
	"flag"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/synth"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/quota"
	"github.com/gigbot/gigbot/store"
)

// dayPostings can be lowered for a quick look: -args -day-postings=5000.
var dayPostings = flag.Int("day-postings", 50_000, "postings in BenchmarkDay's day")

const dailyCap = 5 // config.DefaultDailyCap

// clock is a settable clock for the store's timestamps.
type clock struct{ t atomic.Int64 }

func (c *clock) Now() time.Time  { return time.Unix(0, c.t.Load()) }
func (c *clock) set(t time.Time) { c.t.Store(t.UnixNano()) }

// BenchmarkDay runs a full day: 50,000 postings, spread over 16 hours,
// each stored, matched against 1,000,000 workers with the WorkerIndex,
// cut by the daily cap at write time, and fanned out to the real embedded
// store's outbox in one Enqueue batch, as bot.Engine.Publish does. Building
// the index (start-up) is reported apart and not in the day's time. It
// then checks a sample of workers: none holds more than the cap.
//
//	go test -run '^$' -bench BenchmarkDay -benchtime 1x ./bench/
func BenchmarkDay(b *testing.B) {
	ctx := context.Background()
	m := loadMatcher(b)
	start := time.Now()
	x := buildIndex(m, cityWorkers, nil)
	b.ReportMetric(time.Since(start).Seconds(), "build-s")
	ps := synth.New(m, 3).Postings(*dayPostings, dayStart, 16*time.Hour)

	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		clk := &clock{}
		clk.set(dayStart)
		db, err := store.Open(ctx, b.TempDir(), clk)
		if err != nil {
			b.Fatal(err)
		}
		q := quota.New(dayStart.Location(), dailyCap)
		b.StartTimer()

		var (
			ids, to               []int64
			notices               []gigbot.Notice
			matched, written      int
			tCreate, tMatch, tOut time.Duration
		)
		for k := range ps {
			p := ps[k]
			now := p.CreatedAt
			clk.set(now)
			t0 := time.Now()
			if err := db.CreatePosting(ctx, &p); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			ids = x.MatchIDs(p, ids[:0])
			matched += len(ids)
			ids = q.TakeAll(ids, now)
			// One text per language, as broadcast renders it.
			texts := map[string]string{"zh": "新工作：" + p.Title, "en": "New gig: " + p.Title}
			notices, to = notices[:0], to[:0]
			x.Recipients(ids, func(r matcher.Recipient) {
				to = append(to, r.ID)
				notices = append(notices, gigbot.Notice{To: r.User, Kind: gigbot.NoticePosting, PostingID: p.ID,
					Reply: gigbot.Reply{Text: texts[r.Lang]}, Status: gigbot.NoticePending, DueAt: now})
			})
			t2 := time.Now()
			tCreate, tMatch = tCreate+t1.Sub(t0), tMatch+t2.Sub(t1)
			if len(notices) == 0 {
				continue
			}
			n, err := db.Enqueue(ctx, notices)
			if err != nil {
				b.Fatal(err)
			}
			tOut += time.Since(t2)
			written += n
			for i, nt := range notices {
				if nt.ID == 0 { // a duplicate the outbox skipped: not written
					q.Release(to[i], now)
				}
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(written), "rows")
		b.ReportMetric(float64(matched), "matches")
		b.ReportMetric(b.Elapsed().Seconds(), "day-s")
		b.ReportMetric(tCreate.Seconds(), "create-s")
		b.ReportMetric(tMatch.Seconds(), "match+cap-s")
		b.ReportMetric(tOut.Seconds(), "enqueue-s")
		checkCap(b, db, x)
		db.Close()
	}
}

// checkCap reads the outbox of a sample of workers: nobody holds more
// posting notices than the cap.
func checkCap(b *testing.B, db *store.DB, x *matcher.WorkerIndex) {
	r := rand.New(rand.NewPCG(5, 5))
	full := 0
	for range 300 {
		w, ok := x.Recipient(1 + r.Int64N(cityWorkers))
		if !ok {
			continue
		}
		ns, err := db.PendingFor(context.Background(), w.User)
		if err != nil {
			b.Fatal(err)
		}
		if len(ns) > dailyCap {
			b.Fatalf("worker %d holds %d posting notices, cap %d", w.ID, len(ns), dailyCap)
		}
		if len(ns) == dailyCap {
			full++
		}
	}
	b.ReportMetric(float64(full)/3, "%sample-at-cap")
}
