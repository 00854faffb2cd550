package bench

import (
	"runtime"
	"testing"
	"time"

	"github.com/gigbot/gigbot/internal/synth"
)

// openPostings is how many postings are open at once: about ten days of
// a busy city's postings.
const openPostings = 500_000

// BenchmarkMemory measures the live heap of a WorkerIndex over 1,000,000
// profiles, and of 500,000 open postings held in memory whole (as
// gigbot.Posting, text included) on top: the design keeps no posting in
// memory (Bleve's files hold them), so the second figure is an upper
// bound for any cache of them. Sys is what the process took from the OS,
// garbage of the generator included.
//
//	go test -run '^$' -bench BenchmarkMemory -benchtime 1x ./bench/
func BenchmarkMemory(b *testing.B) {
	m := loadMatcher(b)
	for b.Loop() {
		base := heapInuse()
		x := buildIndex(m, cityWorkers, nil)
		withIndex := heapInuse()
		ps := synth.New(m, 2).Postings(openPostings, dayStart, 10*24*time.Hour)
		withPostings := heapInuse()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(mib(withIndex-base), "index-MiB")
		b.ReportMetric(mib(withPostings-withIndex), "postings-MiB")
		b.ReportMetric(mib(withPostings-base), "total-MiB")
		b.ReportMetric(mib(ms.Sys), "sys-MiB")
		if x.Len() != cityWorkers || len(ps) != openPostings {
			b.Fatal("lost data")
		}
		runtime.KeepAlive(x)
		runtime.KeepAlive(ps)
	}
}

func heapInuse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
