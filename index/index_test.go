package index

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// Places in Tianjin used across the tests.
var (
	hexi       = gigbot.Place{District: "河西区", Point: gigbot.Point{Lat: 39.09, Lon: 117.22}}
	zhangjiawo = gigbot.Place{District: "西青区", Street: "张家窝镇", Point: gigbot.Point{Lat: 39.056, Lon: 117.042}}
	jizhou     = gigbot.Place{District: "蓟州区", Point: gigbot.Point{Lat: 40.05, Lon: 117.40}}
)

// t0 is the tests' "now".
var t0 = time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)

// posting returns an open posting created at t0 plus id minutes, so a
// higher id is newer.
func posting(id int64, title string, place gigbot.Place, skills ...string) gigbot.Posting {
	return gigbot.Posting{
		ID:        id,
		Title:     title,
		Text:      title + "，联系电话13800000000",
		Skills:    skills,
		Place:     place,
		Status:    gigbot.PostingOpen,
		CreatedAt: t0.Add(time.Duration(id) * time.Minute),
	}
}

// sliceSource serves postings the way the store's Postings method does.
func sliceSource(ps ...gigbot.Posting) Source {
	return func(ctx context.Context, fn func(gigbot.Posting) error) error {
		for _, p := range ps {
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}
}

// failSource fails the test if the index asks for a rebuild.
func failSource(t *testing.T) Source {
	return func(context.Context, func(gigbot.Posting) error) error {
		t.Error("source called; want the existing index reused")
		return errors.New("unexpected rebuild")
	}
}

// openTest opens an index in a fresh temporary directory, filled from
// ps, and closes it when the test ends.
func openTest(t testing.TB, ps ...gigbot.Posting) *Index {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "index"), sliceSource(ps...), nil)
}

func openAt(t testing.TB, dir string, src Source, logger *slog.Logger) *Index {
	t.Helper()
	i, err := Open(context.Background(), dir, src, logger)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = i.Close() })
	return i
}

func find(t *testing.T, i *Index, q gigbot.SearchQuery) []int64 {
	t.Helper()
	ids, err := i.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return ids
}

// sorted returns ids in ascending order, for tests that check the set.
func sorted(ids []int64) []int64 {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

func TestSearchText(t *testing.T) {
	i := openTest(t,
		posting(1, "河西区招保洁阿姨两名，日结", hexi, "cleaner"),
		posting(2, "张家窝工地招电焊工", zhangjiawo, "welder"),
		posting(3, "蓟州农家院招服务员", jizhou, "waiter"),
		posting(4, "西青区商场保洁", zhangjiawo, "cleaner"),
		posting(5, "会电焊的师傅，长期", hexi, "welder"),
		posting(6, "ＣＡＤ制图员", hexi), // full-width Latin
	)
	tests := []struct {
		text string
		want []int64
	}{
		{"保洁", []int64{1, 4}},
		{"洁", []int64{1, 4}},              // one character needs unigrams
		{"电焊工", []int64{2}},               // both bigrams: 电焊, 焊工
		{"电焊", []int64{2, 5}},             // a shorter word finds more
		{"保洁 河西", []int64{1}},             // every word must match
		{"保洁 蓟州", nil},                    // no cleaning job there
		{"西青 保洁", []int64{4}},             // district name from the place, not the text
		{"张家窝", []int64{2, 4}},            // street and text
		{"cad", []int64{6}},               // width folding and lower case
		{"！！", []int64{1, 2, 3, 4, 5, 6}}, // nothing to search for: no filter
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := sorted(find(t, i, gigbot.SearchQuery{Text: tt.text}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestSearchOrder(t *testing.T) {
	// Text: the posting most about 保洁 first, then equal scores newest first.
	i := openTest(t,
		posting(1, "保洁", hexi),
		posting(2, "保洁", hexi),
		posting(3, "保洁 保洁员 保洁阿姨", hexi),
		posting(4, "保洁", hexi),
	)
	if got, want := find(t, i, gigbot.SearchQuery{Text: "保洁"}), []int64{3, 4, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("Search(保洁) = %v, want %v", got, want)
	}
	if got, want := find(t, i, gigbot.SearchQuery{Limit: 2}), []int64{4, 3}; !slices.Equal(got, want) {
		t.Errorf("Search(limit 2) = %v, want the two newest %v", got, want)
	}

	// Near without text: nearest first, whatever the age.
	nowhere := gigbot.Place{}
	i = openTest(t,
		posting(1, "保洁", jizhou),
		posting(2, "保洁", hexi),
		posting(3, "保洁", zhangjiawo),
		posting(4, "保洁", nowhere),
	)
	if got, want := find(t, i, gigbot.SearchQuery{Near: hexi.Point}), []int64{2, 3, 1, 4}; !slices.Equal(got, want) {
		t.Errorf("Search(near 河西) = %v, want %v (no location last)", got, want)
	}
	if got, want := find(t, i, gigbot.SearchQuery{Near: jizhou.Point, RadiusKm: 200}), []int64{1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("Search(near 蓟州) = %v, want %v", got, want)
	}
}

func TestSearchFilters(t *testing.T) {
	payDay := posting(1, "日结保洁", hexi, "cleaner")
	payDay.Pay = gigbot.Pay{Min: 180, Max: 200, Unit: gigbot.PayDay}
	payHour := posting(2, "小时工保洁", hexi, "cleaner")
	payHour.Pay = gigbot.Pay{Min: 25, Max: 30, Unit: gigbot.PayHour} // 240 a day
	payMonth := posting(3, "月结力工", zhangjiawo, "porter")
	payMonth.Pay = gigbot.Pay{Min: 4500, Max: 5000, Unit: gigbot.PayMonth} // 227 a day
	payUnknown := posting(4, "电焊工 工资面议", zhangjiawo, "welder")
	payPiece := posting(5, "计件包装工", jizhou, "packer", "porter")
	payPiece.Pay = gigbot.Pay{Min: 2, Max: 2, Unit: gigbot.PayPiece}
	i := openTest(t, payDay, payHour, payMonth, payUnknown, payPiece)

	tests := []struct {
		name string
		q    gigbot.SearchQuery
		want []int64
	}{
		{"all", gigbot.SearchQuery{}, []int64{1, 2, 3, 4, 5}},
		{"skill", gigbot.SearchQuery{Skills: []string{"cleaner"}}, []int64{1, 2}},
		{"skills any of", gigbot.SearchQuery{Skills: []string{"welder", "porter"}}, []int64{3, 4, 5}},
		{"skill is exact", gigbot.SearchQuery{Skills: []string{"clean"}}, nil},
		{"district", gigbot.SearchQuery{District: "西青区"}, []int64{3, 4}},
		{"district is exact", gigbot.SearchQuery{District: "西青"}, nil},
		{"radius 10 km of 河西", gigbot.SearchQuery{Near: hexi.Point, RadiusKm: 10}, []int64{1, 2}},
		{"radius 20 km of 河西", gigbot.SearchQuery{Near: hexi.Point, RadiusKm: 20}, []int64{1, 2, 3, 4}},
		{"radius 200 km of 河西", gigbot.SearchQuery{Near: hexi.Point, RadiusKm: 200}, []int64{1, 2, 3, 4, 5}},
		{"district or radius", gigbot.SearchQuery{District: "蓟州区", Near: hexi.Point, RadiusKm: 10}, []int64{1, 2, 5}},
		{"near without radius does not filter", gigbot.SearchQuery{Near: hexi.Point}, []int64{1, 2, 3, 4, 5}},
		{"min pay 220", gigbot.SearchQuery{MinPay: 220}, []int64{2, 3, 4, 5}},
		{"min pay 230", gigbot.SearchQuery{MinPay: 230}, []int64{2, 4, 5}},
		{"min pay 240 inclusive", gigbot.SearchQuery{MinPay: 240}, []int64{2, 4, 5}},
		{"min pay 250 keeps unknown", gigbot.SearchQuery{MinPay: 250}, []int64{4, 5}},
		{"everything", gigbot.SearchQuery{Text: "保洁", Skills: []string{"cleaner"}, District: "河西区", MinPay: 230}, []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sorted(find(t, i, tt.q)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchExpiry(t *testing.T) {
	expiring := posting(1, "保洁", hexi)
	expiring.ExpiresAt = t0.Add(24 * time.Hour)
	forever := posting(2, "保洁", hexi)
	i := openTest(t, expiring, forever)

	tests := []struct {
		name   string
		openAt time.Time
		want   []int64
	}{
		{"no time given", time.Time{}, []int64{1, 2}},
		{"before expiry", expiring.ExpiresAt.Add(-time.Second), []int64{1, 2}},
		{"at expiry", expiring.ExpiresAt, []int64{2}},
		{"after expiry", expiring.ExpiresAt.Add(time.Hour), []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sorted(find(t, i, gigbot.SearchQuery{Text: "保洁", OpenAt: tt.openAt}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(OpenAt %v) = %v, want %v", tt.openAt, got, tt.want)
			}
		})
	}
}

func TestPutStatusAndDelete(t *testing.T) {
	ctx := context.Background()
	i := openTest(t)
	for id := int64(1); id <= 4; id++ {
		if err := i.Put(ctx, posting(id, "保洁", hexi)); err != nil {
			t.Fatal(err)
		}
	}
	closed := posting(1, "保洁", hexi)
	closed.Status = gigbot.PostingClosed
	review := posting(2, "保洁", hexi)
	review.Status = gigbot.PostingReview
	changed := posting(3, "电焊工", hexi) // replaced, no longer about 保洁
	for _, p := range []gigbot.Posting{closed, review, changed} {
		if err := i.Put(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := i.Delete(ctx, 4); err != nil {
		t.Fatal(err)
	}
	if err := i.Delete(ctx, 99); err != nil {
		t.Errorf("Delete(absent) = %v, want nil", err)
	}
	if got := find(t, i, gigbot.SearchQuery{Text: "保洁"}); len(got) != 0 {
		t.Errorf("Search(保洁) = %v, want none", got)
	}
	if got := find(t, i, gigbot.SearchQuery{Text: "电焊"}); !slices.Equal(got, []int64{3}) {
		t.Errorf("Search(电焊) = %v, want [3]", got)
	}
	if n, err := i.Count(); err != nil || n != 1 {
		t.Errorf("Count() = %d, %v; want 1", n, err)
	}
}

func TestOpenMissingBuildsFromSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	closed := posting(4, "保洁", hexi)
	closed.Status = gigbot.PostingClosed
	src := sliceSource(posting(1, "保洁", hexi), posting(2, "电焊工", zhangjiawo), posting(3, "服务员", jizhou), closed)
	i := openAt(t, dir, src, nil)
	if got := sorted(find(t, i, gigbot.SearchQuery{})); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Errorf("after build: %v, want [1 2 3]", got)
	}
	if err := i.Put(context.Background(), posting(5, "力工", hexi)); err != nil {
		t.Fatal(err)
	}
	if err := i.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Search(context.Background(), gigbot.SearchQuery{}); err == nil {
		t.Error("Search after Close succeeded")
	}

	// Reopen: the data is there and the source is not asked.
	i = openAt(t, dir, failSource(t), nil)
	if got := sorted(find(t, i, gigbot.SearchQuery{})); !slices.Equal(got, []int64{1, 2, 3, 5}) {
		t.Errorf("after reopen: %v, want [1 2 3 5]", got)
	}
}

func TestOpenCorruptRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.MkdirAll(filepath.Join(dir, "store"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"index_meta.json": "{not json",
		"store/root.bolt": "garbage",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	i := openAt(t, dir, sliceSource(posting(1, "保洁", hexi), posting(2, "电焊工", hexi)), logger)

	if got := sorted(find(t, i, gigbot.SearchQuery{})); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("after rebuild: %v, want [1 2]", got)
	}
	if !strings.Contains(log.String(), "index unreadable") || !strings.Contains(log.String(), "cause=") {
		t.Errorf("log does not name the cause:\n%s", log.String())
	}
	if _, err := os.Stat(filepath.Join(dir+".broken", "index_meta.json")); err != nil {
		t.Errorf("broken index not kept aside: %v", err)
	}
}

func TestOpenOtherMappingVersionRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	i := openAt(t, dir, sliceSource(posting(1, "保洁", hexi)), nil)
	if err := i.idx.SetInternal(versionKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	if err := i.Close(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	i = openAt(t, dir, sliceSource(posting(2, "电焊工", hexi)), logger)
	if got := find(t, i, gigbot.SearchQuery{}); !slices.Equal(got, []int64{2}) {
		t.Errorf("after rebuild: %v, want [2]", got)
	}
	if !strings.Contains(log.String(), "mapping version") {
		t.Errorf("log does not name the version mismatch:\n%s", log.String())
	}
}

func TestOpenLockedFailsFast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	first := openAt(t, dir, sliceSource(posting(1, "保洁", hexi)), nil)

	start := time.Now()
	second, err := Open(context.Background(), dir, failSource(t), nil)
	if err == nil {
		_ = second.Close()
		t.Fatal("second Open of a locked index succeeded")
	}
	if d := time.Since(start); d > 10*lockTimeout {
		t.Errorf("second Open took %v", d)
	}
	// The held index must not have been taken for corrupt and replaced.
	if got := find(t, first, gigbot.SearchQuery{}); !slices.Equal(got, []int64{1}) {
		t.Errorf("first index after second Open: %v, want [1]", got)
	}
	if _, err := os.Stat(dir + ".broken"); !os.IsNotExist(err) {
		t.Errorf("locked index was moved aside")
	}
}

func TestRebuildReplacesContents(t *testing.T) {
	ctx := context.Background()
	i := openTest(t, posting(1, "保洁", hexi), posting(2, "保洁", hexi))
	if err := i.Rebuild(ctx, sliceSource(posting(2, "保洁", hexi), posting(3, "保洁", hexi))); err != nil {
		t.Fatal(err)
	}
	if got := sorted(find(t, i, gigbot.SearchQuery{Text: "保洁"})); !slices.Equal(got, []int64{2, 3}) {
		t.Errorf("after Rebuild: %v, want [2 3]", got)
	}
	// A failing source leaves the index as it was.
	boom := errors.New("boom")
	err := i.Rebuild(ctx, func(context.Context, func(gigbot.Posting) error) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("Rebuild(failing source) = %v, want %v", err, boom)
	}
	if got := sorted(find(t, i, gigbot.SearchQuery{Text: "保洁"})); !slices.Equal(got, []int64{2, 3}) {
		t.Errorf("after failed Rebuild: %v, want [2 3]", got)
	}
}

// TestConcurrentUse runs writes and searches during a rebuild; writes
// made while the rebuild reads its source must survive the swap.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	i := openTest(t)
	reading := make(chan struct{})
	resume := make(chan struct{})
	src := func(ctx context.Context, fn func(gigbot.Posting) error) error {
		if err := fn(posting(1, "保洁", hexi)); err != nil {
			return err
		}
		close(reading)
		<-resume
		return fn(posting(2, "保洁", hexi))
	}
	done := make(chan error, 1)
	go func() { done <- i.Rebuild(ctx, src) }()
	<-reading

	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			id := int64(100 + w)
			if err := i.Put(ctx, posting(id, "保洁", hexi)); err != nil {
				t.Error(err)
			}
			if _, err := i.Search(ctx, gigbot.SearchQuery{Text: "保洁"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := i.Delete(ctx, 2); err != nil { // source still sends 2 afterwards: the later Delete wins
		t.Fatal(err)
	}
	close(resume)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := sorted(find(t, i, gigbot.SearchQuery{Limit: 100})); !slices.Equal(got, []int64{1, 100, 101, 102, 103}) {
		t.Errorf("after concurrent rebuild: %v, want [1 100 101 102 103]", got)
	}
}
