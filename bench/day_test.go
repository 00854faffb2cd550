package bench

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/synth"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/quota"
	"github.com/gigbot/gigbot/store"
	"github.com/gigbot/gigbot/templates"
)

// dayPostings can be lowered for a quick look: -args -day-postings=5000.
var dayPostings = flag.Int("day-postings", 50_000, "postings in BenchmarkDay's day")

const dailyCap = 5 // config.DefaultDailyCap

// clock is a settable clock for the store's timestamps.
type clock struct{ t atomic.Int64 }

func (c *clock) Now() time.Time  { return time.Unix(0, c.t.Load()) }
func (c *clock) set(t time.Time) { c.t.Store(t.UnixNano()) }

// dayPublishers is how many postings BenchmarkDay publishes at once: a
// day's postings come from thousands of employers, each published by the
// handler of their own message, so publishes overlap as they do in the
// server. 1 publishes one after another.
var dayPublishers = flag.Int("day-publishers", runtime.GOMAXPROCS(0), "postings BenchmarkDay publishes at once")

// BenchmarkDay runs a full day: 50,000 postings, spread over 16 hours,
// each stored, matched against 1,000,000 workers with the WorkerIndex
// (leaving out the workers at their cap), cut by the daily cap at write
// time, and fanned out to the real embedded store's outbox in one Enqueue
// batch, as bot.Engine.Publish does, by -day-publishers at once. Building
// the index (start-up) is reported apart and not in the day's time; the
// phases' times are summed over the publishers. It then counts every
// worker's posting notices: none holds more than the cap.
//
//	go test -run '^$' -bench BenchmarkDay -benchtime 1x ./bench/
func BenchmarkDay(b *testing.B) {
	ctx := context.Background()
	m := loadMatcher(b)
	start := time.Now()
	x := buildIndex(m, cityWorkers, nil)
	b.ReportMetric(time.Since(start).Seconds(), "build-s")
	ps := synth.New(m, 3).Postings(*dayPostings, dayStart, 16*time.Hour)
	tmpl, err := templates.Load()
	if err != nil {
		b.Fatal(err)
	}
	// notice is a posting's notice in lang as the engine words it (the
	// whole posting, a report button): a row's size in the outbox.
	notice := func(p gigbot.Posting, lang string) (gigbot.Reply, error) {
		text, err := tmpl.Render(lang, "notice.posting", templates.Posting{ID: p.ID, Title: p.Title,
			Skills: p.Skills, District: p.Place.District, Street: p.Place.Street, Headcount: p.Headcount,
			Pay: p.Pay, Start: p.Start, Phone: p.Phone, Text: p.Text, Until: p.ExpiresAt})
		return gigbot.Reply{Text: text, Choices: []gigbot.Choice{{Label: "举报", Value: "report:" + fmt.Sprint(p.ID)}}}, err
	}

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
		var (
			next                  atomic.Int64
			written               atomic.Int64
			tCreate, tMatch, tOut atomic.Int64 // nanoseconds
			failed                atomic.Value
		)
		// publish stores, matches and fans out postings until none is left.
		publish := func() {
			var (
				ids, to []int64
				notices []gigbot.Notice
			)
			for k := int(next.Add(1)) - 1; k < len(ps); k = int(next.Add(1)) - 1 {
				p := ps[k]
				now := p.CreatedAt
				clk.set(now)
				t0 := time.Now()
				if err := db.CreatePosting(ctx, &p); err != nil {
					failed.Store(err)
					return
				}
				t1 := time.Now()
				ids = q.TakeAll(x.MatchIDsSkipping(p, q.Full(now), ids[:0]), now)
				// One reply per language, as the engine renders it.
				replies := map[string]gigbot.Reply{}
				for _, lang := range []string{"zh", "en"} {
					r, err := notice(p, lang)
					if err != nil {
						failed.Store(err)
						return
					}
					replies[lang] = r
				}
				notices, to = notices[:0], to[:0]
				x.Recipients(ids, func(r matcher.Recipient) {
					to = append(to, r.ID)
					notices = append(notices, gigbot.Notice{To: r.User, Kind: gigbot.NoticePosting, PostingID: p.ID,
						Reply: replies[r.Lang], Status: gigbot.NoticePending, DueAt: now})
				})
				t2 := time.Now()
				tCreate.Add(int64(t1.Sub(t0)))
				tMatch.Add(int64(t2.Sub(t1)))
				if len(notices) == 0 {
					continue
				}
				n, err := db.Enqueue(ctx, notices)
				if err != nil {
					failed.Store(err)
					return
				}
				tOut.Add(int64(time.Since(t2)))
				written.Add(int64(n))
				for i, nt := range notices {
					if nt.ID == 0 { // a duplicate the outbox skipped: not written
						q.Release(to[i], now)
					}
				}
			}
		}
		b.StartTimer()
		var wg sync.WaitGroup
		for range max(1, *dayPublishers) {
			wg.Go(publish)
		}
		wg.Wait()
		b.StopTimer()
		if err, ok := failed.Load().(error); ok {
			b.Fatal(err)
		}
		seconds := func(ns *atomic.Int64) float64 { return time.Duration(ns.Load()).Seconds() }
		b.ReportMetric(float64(written.Load()), "rows")
		b.ReportMetric(b.Elapsed().Seconds(), "day-s")
		b.ReportMetric(seconds(&tCreate), "create-s")
		b.ReportMetric(seconds(&tMatch), "match+cap-s")
		b.ReportMetric(seconds(&tOut), "enqueue-s")
		checkCap(b, db)
		db.Close()
	}
}

// checkCap counts the posting notices the day wrote to every worker:
// nobody holds more than the cap.
func checkCap(b *testing.B, db *store.DB) {
	full := 0
	err := db.PostingNoticeCounts(context.Background(), dayStart, func(u gigbot.UserRef, n int) error {
		if n > dailyCap {
			return fmt.Errorf("a worker holds %d posting notices, cap %d", n, dailyCap)
		}
		if n == dailyCap {
			full++
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(100*float64(full)/cityWorkers, "%workers-at-cap")
}
