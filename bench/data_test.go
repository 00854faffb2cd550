package bench

import (
	"sort"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/synth"
	"github.com/gigbot/gigbot/matcher"
)

// cityWorkers is the number of standing worker profiles: a large city's
// gig market.
const cityWorkers = 1_000_000

// dayStart is the first posting's time in the benchmarks.
var dayStart = time.Date(2026, 5, 4, 6, 0, 0, 0, time.FixedZone("CST", 8*3600))

func loadMatcher(tb testing.TB) *matcher.Matcher {
	tb.Helper()
	m, err := matcher.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// buildIndex fills a WorkerIndex with n synthetic workers (seed 1),
// calling keep for each if it is not nil; workers are not kept otherwise,
// so memory measured afterwards is the index's own.
func buildIndex(m *matcher.Matcher, n int, keep func(gigbot.Worker)) *matcher.WorkerIndex {
	g := synth.New(m, 1)
	x := matcher.NewWorkerIndex(m)
	for id := 1; id <= n; id++ {
		w := g.Worker(int64(id))
		x.Upsert(w)
		if keep != nil {
			keep(w)
		}
	}
	return x
}

// percentile returns the p-th percentile (0–100) of ds, sorting ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(float64(len(ds))*p/100))]
}

func mean(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(max(1, len(ds)))
}
