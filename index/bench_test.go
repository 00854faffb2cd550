package index

// Reproduce with:
//
//	go test -run '^$' -bench . -benchtime 2s ./index/

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gigbot/gigbot"
)

// benchSize is how many postings BenchmarkSearch searches: several weeks
// of postings for a city.
const benchSize = 10_000

// Vocabulary of generated postings: a title and its skill code.
var benchJobs = []struct{ title, skill string }{
	{"招保洁阿姨，商场日常保洁", "cleaner"},
	{"工地招电焊工，有证优先", "welder"},
	{"物流园招力工装卸", "porter"},
	{"饭店招服务员，管吃住", "waiter"},
	{"快递分拣临时工", "sorter"},
	{"搬家师傅跟车", "mover"},
	{"小区保安夜班", "guard"},
	{"装修木工，按天结算", "carpenter"},
	{"食品厂包装工，计件", "packer"},
	{"家政钟点工", "housekeeper"},
}

var benchPlaces = []gigbot.Place{
	hexi, zhangjiawo, jizhou,
	{District: "南开区", Point: gigbot.Point{Lat: 39.14, Lon: 117.15}},
	{District: "滨海新区", Point: gigbot.Point{Lat: 39.02, Lon: 117.71}},
	{District: "武清区", Point: gigbot.Point{Lat: 39.38, Lon: 117.04}},
}

// benchPostings generates n postings, the same for every run.
func benchPostings(n int) []gigbot.Posting {
	r := rand.New(rand.NewPCG(1, 2))
	units := []gigbot.PayUnit{"", gigbot.PayHour, gigbot.PayDay, gigbot.PayMonth, gigbot.PayPiece}
	ps := make([]gigbot.Posting, n)
	for k := range ps {
		job := benchJobs[r.IntN(len(benchJobs))]
		place := benchPlaces[r.IntN(len(benchPlaces))]
		place.Point.Lat += (r.Float64() - 0.5) / 10
		place.Point.Lon += (r.Float64() - 0.5) / 10
		p := posting(int64(k+1), job.title, place, job.skill)
		p.Text = fmt.Sprintf("%s，%s附近，需要%d人，电话138%08d", job.title, place.District, 1+r.IntN(10), r.IntN(1e8))
		p.Headcount = 1 + r.IntN(10)
		switch u := units[r.IntN(len(units))]; u {
		case gigbot.PayHour:
			p.Pay = gigbot.Pay{Min: 20, Max: 20 + r.IntN(20), Unit: u}
		case gigbot.PayDay:
			p.Pay = gigbot.Pay{Min: 150, Max: 150 + r.IntN(200), Unit: u}
		case gigbot.PayMonth:
			p.Pay = gigbot.Pay{Min: 4000, Max: 4000 + r.IntN(4000), Unit: u}
		case gigbot.PayPiece:
			p.Pay = gigbot.Pay{Min: 1, Max: 2, Unit: u}
		}
		if r.IntN(2) == 0 {
			p.ExpiresAt = p.CreatedAt.Add(gigbot.DefaultPostingLifetime)
		}
		ps[k] = p
	}
	return ps
}

func BenchmarkPut(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	i := openAt(b, filepath.Join(b.TempDir(), "index"), sliceSource(), nil)
	ps := benchPostings(1000)
	n := 0
	for b.Loop() {
		p := ps[n%len(ps)]
		p.ID = int64(n + 1)
		if err := i.Put(ctx, p); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "postings/s")
}

func BenchmarkRebuild(b *testing.B) {
	ps := benchPostings(benchSize)
	i := openAt(b, filepath.Join(b.TempDir(), "index"), sliceSource(), nil)
	for b.Loop() {
		if err := i.Rebuild(context.Background(), sliceSource(ps...)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(ps))/b.Elapsed().Seconds(), "postings/s")
}

func BenchmarkSearch(b *testing.B) {
	ps := benchPostings(benchSize)
	i := openAt(b, filepath.Join(b.TempDir(), "index"), sliceSource(ps...), nil)
	at := ps[len(ps)/2].CreatedAt
	queries := []struct {
		name string
		q    gigbot.SearchQuery
	}{
		{"text", gigbot.SearchQuery{Text: "保洁 河西", OpenAt: at}},
		{"one_char", gigbot.SearchQuery{Text: "焊", OpenAt: at}},
		{"skills_district_pay", gigbot.SearchQuery{Skills: []string{"welder", "porter"}, District: "西青区", MinPay: 200, OpenAt: at}},
		{"near", gigbot.SearchQuery{Near: hexi.Point, RadiusKm: 10, OpenAt: at}},
		{"everything", gigbot.SearchQuery{Text: "保洁", Skills: []string{"cleaner"}, District: "河西区", Near: hexi.Point, RadiusKm: 10, MinPay: 150, OpenAt: at}},
	}
	for _, tt := range queries {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := i.Search(context.Background(), tt.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// Baseline: the same filters as skills_district_pay by a scan of the
	// postings in memory, which is what the index must beat to be worth it.
	b.Run("baseline_scan", func(b *testing.B) {
		b.ReportAllocs()
		q := queries[2].q
		for b.Loop() {
			scan(ps, q)
		}
	})
}

// scan filters ps like Search does for skills, district and pay, newest
// first.
func scan(ps []gigbot.Posting, q gigbot.SearchQuery) []int64 {
	var ids []int64
	for k := len(ps) - 1; k >= 0 && len(ids) < defaultLimit; k-- {
		p := ps[k]
		if !p.Open(q.OpenAt) || p.Place.District != q.District {
			continue
		}
		if !slices.ContainsFunc(p.Skills, func(s string) bool { return slices.Contains(q.Skills, s) }) {
			continue
		}
		if pay, ok := p.Pay.DailyMax(); ok && pay < q.MinPay {
			continue
		}
		ids = append(ids, p.ID)
	}
	return ids
}

// TestScanAgreesWithSearch keeps the benchmark's baseline honest.
func TestScanAgreesWithSearch(t *testing.T) {
	ps := benchPostings(500)
	i := openTest(t, ps...)
	q := gigbot.SearchQuery{Skills: []string{"welder", "porter"}, District: "西青区", MinPay: 200, OpenAt: ps[250].CreatedAt}
	if got, want := find(t, i, q), scan(ps, q); !slices.Equal(got, want) {
		t.Errorf("Search = %v, scan = %v", got, want)
	}
}
