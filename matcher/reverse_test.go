package matcher

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// placeGen draws places that hit every rule of Fits and its edges: points
// clustered so distances straddle radii, points off the grid and far from
// Tianjin, districts elsewhere in China, and no place at all.
type placeGen struct{ r *rand.Rand }

var (
	genCentres = []gigbot.Point{
		{Lat: 39.12, Lon: 117.20}, {Lat: 39.13, Lon: 117.15}, {Lat: 39.03, Lon: 117.68},
		{Lat: 39.90, Lon: 116.40}, // Beijing, on the grid
		{Lat: 37.49, Lon: 117.0},  // just south of the grid
		{Lat: 23.13, Lon: 113.26}, // Guangzhou, far off it
	}
	genDistricts = []string{"", "和平区", "河西区", "南开区", "滨海新区", "朝阳区", "未知区"}
	genStreets   = []string{"", "小白楼街道", "友谊路街道"}
	genSkills    = []string{"cleaner", "welder", "labourer", "waiter", "childcare", "not_in_taxonomy"}
	genRadii     = []float64{0, -1, 0.5, 2, 3, 5, 7.5, 10, 15, 20, 20.001, 35, 200, math.Inf(1), math.NaN()}
)

func (g placeGen) point() gigbot.Point {
	switch g.r.IntN(8) {
	case 0:
		return gigbot.Point{}
	case 1:
		return gigbot.Point{Lat: 39.12, Lon: 117.20} // a shared point: many at the same spot
	}
	c := genCentres[g.r.IntN(len(genCentres))]
	spread := []float64{0.02, 0.1, 0.3}[g.r.IntN(3)] // up to ~2, 10 and 30 km
	return gigbot.Point{Lat: c.Lat + g.r.NormFloat64()*spread, Lon: c.Lon + g.r.NormFloat64()*spread}
}

func (g placeGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g placeGen) skills() []string {
	out := []string{g.pick(genSkills)}
	for g.r.IntN(3) == 0 {
		out = append(out, g.pick(genSkills)) // repeats included on purpose
	}
	return out
}

func (g placeGen) profile() gigbot.Profile {
	return gigbot.Profile{
		Skills: g.skills(), District: g.pick(genDistricts), Street: g.pick(genStreets), Point: g.point(),
		RadiusKm: genRadii[g.r.IntN(len(genRadii))], MinPay: []int{0, -5, 100, 150, 200, 300}[g.r.IntN(6)],
	}
}

func (g placeGen) posting(id int64) gigbot.Posting {
	pays := []gigbot.Pay{{}, {Min: 150, Max: 220, Unit: gigbot.PayDay}, {Min: 20, Max: 30, Unit: gigbot.PayHour},
		{Min: 4000, Max: 6000, Unit: gigbot.PayMonth}, {Min: 1, Max: 2, Unit: gigbot.PayPiece}, {Max: 100, Unit: gigbot.PayDay}}
	return gigbot.Posting{ID: id, Skills: g.skills(), Pay: pays[g.r.IntN(len(pays))],
		Place: gigbot.Place{District: g.pick(genDistricts), Street: g.pick(genStreets), Point: g.point()}}
}

// destination is the point km away from p on bearing deg, so a posting can
// sit right on a worker's radius.
func destination(p gigbot.Point, km, deg float64) gigbot.Point {
	rad := math.Pi / 180
	d, b, la := km/6371.0, deg*rad, p.Lat*rad
	lat := math.Asin(math.Sin(la)*math.Cos(d) + math.Cos(la)*math.Sin(d)*math.Cos(b))
	lon := p.Lon*rad + math.Atan2(math.Sin(b)*math.Sin(d)*math.Cos(la), math.Cos(d)-math.Sin(la)*math.Sin(lat))
	return gigbot.Point{Lat: lat / rad, Lon: lon / rad}
}

func worker(id int64, p gigbot.Profile) gigbot.Worker {
	return gigbot.Worker{ID: id, User: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "o" + string(rune('a'+id%26))},
		Profile: p, Onboarded: true}
}

// TestWorkerIndexMatchesFits is the property the index lives by: for
// seeded random workers and postings, before and after edits, Match finds
// exactly the workers Fits accepts.
func TestWorkerIndexMatchesFits(t *testing.T) {
	m := mustLoad(t)
	for seed := uint64(1); seed <= 4; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		g := placeGen{r}
		x := NewWorkerIndex(m)
		workers := map[int64]gigbot.Worker{}
		for id := int64(1); id <= 1500; id++ {
			w := worker(id, g.profile())
			workers[id] = w
			x.Upsert(w)
		}
		check := func(stage string) {
			t.Helper()
			var ps []gigbot.Posting
			for k := range 250 {
				ps = append(ps, g.posting(int64(k+1)))
			}
			// Postings on and around workers' radii.
			for k := range 150 {
				w := workers[int64(1+r.IntN(1500))]
				if w.Profile.Point.IsZero() {
					continue
				}
				p := g.posting(int64(1000 + k))
				p.Skills = w.Profile.Skills
				km := w.Profile.RadiusKm
				if !(km > 0) || km > 500 {
					km = defaultRadiusKm
				}
				p.Place.Point = destination(w.Profile.Point, km*(1+float64(r.IntN(3)-1)*1e-9), r.Float64()*360)
				ps = append(ps, p)
			}
			for _, p := range ps {
				var want []int64
				for id, w := range workers {
					if w.Active() && Fits(p, w.Profile) {
						want = append(want, id)
					}
				}
				got := x.MatchIDs(p, nil)
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("seed %d, %s: posting %+v\nindex %d workers, Fits %d\nonly index: %v\nonly Fits: %v",
						seed, stage, p, len(got), len(want), minus(got, want), minus(want, got))
				}
				// Skipping the odd ids leaves exactly the even ones.
				odd := func(id int64) bool { return id%2 == 1 }
				got = x.MatchIDsSkipping(p, odd, nil)
				slices.Sort(got)
				if want = slices.DeleteFunc(want, odd); !slices.Equal(got, want) {
					t.Fatalf("seed %d, %s: skipping odd ids: only index %v, only Fits %v",
						seed, stage, minus(got, want), minus(want, got))
				}
			}
		}
		check("built")
		for range 600 { // edits: new profiles, pauses, removals
			id := int64(1 + r.IntN(1500))
			w := workers[id]
			switch r.IntN(3) {
			case 0:
				w.Profile = g.profile()
				x.Upsert(w)
			case 1:
				w.Paused = !w.Paused
				x.Upsert(w)
			case 2:
				w.Unsubscribed = true
				x.Remove(id)
			}
			workers[id] = w
		}
		check("edited")
		if n := 0; true {
			for _, w := range workers {
				if w.Active() {
					n++
				}
			}
			if x.Len() != n {
				t.Errorf("Len = %d, want %d", x.Len(), n)
			}
		}
	}
}

func minus(a, b []int64) []int64 {
	var out []int64
	for _, v := range a {
		if _, found := slices.BinarySearch(b, v); !found {
			out = append(out, v)
		}
	}
	return out
}

func TestWorkerIndexBasics(t *testing.T) {
	x := NewWorkerIndex(mustLoad(t))
	hexi := gigbot.Point{Lat: 39.11, Lon: 117.22}
	w := worker(7, gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区"})
	w.Lang, w.Profile.DailyCap = "en", 3
	x.Upsert(w)
	x.Upsert(worker(0, gigbot.Profile{Skills: []string{"cleaner"}})) // no id yet: ignored
	p := gigbot.Posting{Skills: []string{"cleaner", "cleaner"}, Place: gigbot.Place{District: "河西区", Point: hexi}}
	if got := x.MatchIDs(p, nil); !slices.Equal(got, []int64{7}) || x.Len() != 1 {
		t.Fatalf("MatchIDs = %v, Len %d; want [7], 1", got, x.Len())
	}
	if r, ok := x.Recipient(7); !ok || r.User != w.User || r.Lang != "en" || r.DailyCap != 3 {
		t.Errorf("Recipient = %+v, %v", r, ok)
	}
	stopped := 0
	x.Match(gigbot.Posting{Skills: []string{"cleaner"}}, func(int64) bool { stopped++; return false })
	w.Paused = true
	x.Upsert(w)
	if got := x.MatchIDs(p, nil); len(got) != 0 || x.Len() != 0 || stopped != 1 {
		t.Errorf("after pause: %v, Len %d, stopped after %d", got, x.Len(), stopped)
	}
}

func TestRank(t *testing.T) {
	home := gigbot.Point{Lat: 39.12, Lon: 117.20}
	t0 := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	day := func(yuan int) gigbot.Pay { return gigbot.Pay{Min: yuan, Max: yuan, Unit: gigbot.PayDay} }
	at := func(km float64) gigbot.Place { return gigbot.Place{Point: destination(home, km, 90)} }
	ps := []gigbot.Posting{
		{ID: 1, Place: at(8), Pay: day(300), CreatedAt: t0},
		{ID: 2, Place: at(1), Pay: day(150), CreatedAt: t0},
		{ID: 3, Place: at(1.5), Pay: day(200), CreatedAt: t0},
		{ID: 4, Place: gigbot.Place{District: "河西区"}, Pay: day(500), CreatedAt: t0},
		{ID: 5, Place: at(1.2), Pay: gigbot.Pay{}, CreatedAt: t0},
		{ID: 6, Place: at(1.9), Pay: day(200), CreatedAt: t0.Add(time.Hour)},
		{ID: 7, Place: at(30), Pay: day(900), CreatedAt: t0},
	}
	Rank(gigbot.Profile{Point: home}, ps)
	var got []int64
	for _, p := range ps {
		got = append(got, p.ID)
	}
	if want := []int64{6, 3, 2, 5, 1, 7, 4}; !slices.Equal(got, want) {
		t.Errorf("Rank = %v, want %v", got, want)
	}
}
