package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gigbot/gigbot"
)

func TestPutMany(t *testing.T) {
	ps := benchPostings(batchSize + 10) // more than one batch
	i := openTest(t)
	if err := i.PutMany(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
	if n, err := i.Count(); err != nil || n != uint64(len(ps)) {
		t.Fatalf("Count = %d, %v; want %d", n, err, len(ps))
	}
	// A status other than open deletes, as with Put.
	closed := slices.Clone(ps[:3])
	for k := range closed {
		closed[k].Status = gigbot.PostingClosed
	}
	if err := i.PutMany(context.Background(), closed); err != nil {
		t.Fatal(err)
	}
	if n, _ := i.Count(); n != uint64(len(ps)-3) {
		t.Errorf("after closing 3: Count = %d, want %d", n, len(ps)-3)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := i.PutMany(ctx, ps[:1]); err == nil {
		t.Error("PutMany with a cancelled context: no error")
	}
}

// BenchmarkPutMany indexes 100,000 postings in batches, the way a
// backlog or an import is loaded; BenchmarkPut is the one-by-one baseline.
//
//	go test -run '^$' -bench PutMany -benchtime 1x ./index/
func BenchmarkPutMany(b *testing.B) {
	const n = 100_000
	ps := benchPostings(n)
	for k := range ps {
		ps[k].ID = int64(k + 1)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		i := openAt(b, filepath.Join(b.TempDir(), "index"), sliceSource(), nil)
		b.StartTimer()
		if err := i.PutMany(context.Background(), ps); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "postings/s")
}
