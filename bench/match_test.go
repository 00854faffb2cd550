package bench

import (
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/synth"
	"github.com/gigbot/gigbot/matcher"
)

// scanSample is how many postings the full-scan baseline matches: each
// takes tens of milliseconds, so a sample is enough for its median.
const scanSample = 30

// BenchmarkMatch matches new postings against 1,000,000 standing profiles
// with the WorkerIndex, timing each one for p50 and p99, and then matches
// a sample of the same postings by a straightforward scan of every
// profile with matcher.Fits, the baseline; it fails if the two disagree.
//
//	go test -run '^$' -bench BenchmarkMatch -cpu 1 -benchtime 2000x ./bench/
func BenchmarkMatch(b *testing.B) {
	m := loadMatcher(b)
	profiles := make([]gigbot.Profile, 0, cityWorkers)
	x := buildIndex(m, cityWorkers, func(w gigbot.Worker) { profiles = append(profiles, w.Profile) })
	ps := synth.New(m, 2).Postings(4096, dayStart, 16*time.Hour)

	var (
		durs    []time.Duration
		ids     []int64
		matched int
	)
	b.ReportAllocs()
	for k := 0; b.Loop(); k++ {
		start := time.Now()
		ids = x.MatchIDs(ps[k%len(ps)], ids[:0])
		durs = append(durs, time.Since(start))
		matched += len(ids)
	}
	b.StopTimer()
	b.ReportMetric(float64(matched)/float64(len(durs)), "workers/op")

	// The baseline, and the index again on the very same postings.
	var scan, indexed []time.Duration
	for _, p := range ps[:scanSample] {
		start := time.Now()
		n := 0
		for i := range profiles {
			if matcher.Fits(p, profiles[i]) {
				n++
			}
		}
		scan = append(scan, time.Since(start))
		start = time.Now()
		ids = x.MatchIDs(p, ids[:0])
		indexed = append(indexed, time.Since(start))
		if n != len(ids) {
			b.Fatalf("posting %d: index found %d workers, scan %d", p.ID, len(ids), n)
		}
	}
	b.ReportMetric(float64(percentile(durs, 50).Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(percentile(durs, 99).Nanoseconds()), "p99-ns")
	b.ReportMetric(float64(percentile(scan, 50).Nanoseconds()), "scan-p50-ns")
	b.ReportMetric(float64(mean(scan))/float64(mean(indexed)), "x-faster")
}
