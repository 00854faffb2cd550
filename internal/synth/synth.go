// Package synth generates realistic, seeded workers and postings over
// Tianjin for benchmarks and load tests: the same seed gives the same data
// on every machine. Skills, districts and street points come from the
// matcher's own data, so generated profiles look like what the dialog
// saves.
//
// The spread is skewed the way a gig market is: many 力工, 保洁 and 服务员,
// few 育儿嫂; most people in the six central districts, fewer in the outer
// ones; some named a street, some only a district, some share one spot
// (a labour market, a metro exit), a few gave no place at all.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// popularSkills weigh the common gig trades; every other taxonomy skill
// weighs otherSkillWeight, and a few specialists less.
var popularSkills = map[string]float64{
	"labourer": 12, "cleaner": 10, "waiter": 8, "kitchen_helper": 5, "security_guard": 5,
	"line_worker": 4, "courier": 4, "rider": 4, "sorter": 4, "packer": 4, "loader": 4,
	"housekeeper": 3, "dishwasher": 3, "warehouse_worker": 3, "mover": 2, "electrician": 2,
	"welder": 2, "cook": 2, "childcare": 0.05, "maternity_nurse": 0.1,
}

const otherSkillWeight = 0.3

// districtWeights: the six central districts, the four around them, the
// port district and the outer ones. Unknown names weigh 1.
var districtWeights = map[string]float64{
	"和平区": 10, "河东区": 10, "河西区": 10, "南开区": 10, "河北区": 10, "红桥区": 10,
	"东丽区": 6, "西青区": 6, "津南区": 6, "北辰区": 6, "滨海新区": 8,
	"武清区": 3, "宝坻区": 2, "静海区": 2, "宁河区": 1, "蓟州区": 1,
}

// cityWideKm is what the dialog saves for "不限".
const cityWideKm = 200

// Generator draws workers and postings. It is not safe for concurrent use.
type Generator struct {
	r         *rand.Rand
	m         *matcher.Matcher
	skills    weighted[string]
	spots     []gigbot.Place // street-level places, from matcher.NearestPlace
	hubs      []gigbot.Place // spots many people share exactly
	districts weighted[gigbot.Place]
	pay       map[string]int // typical daily pay by skill, yuan
}

// New returns a generator over m's taxonomy and gazetteer, seeded.
func New(m *matcher.Matcher, seed uint64) *Generator {
	g := &Generator{r: rand.New(rand.NewPCG(seed, 0x67696762)), m: m, pay: map[string]int{}}
	for _, s := range m.AllSkills() {
		w, ok := popularSkills[s.Code]
		if !ok {
			w = otherSkillWeight
		}
		g.skills.add(s.Code, w)
		// 150–350 yuan a day, fixed per skill so pay follows the trade.
		g.pay[s.Code] = 150 + 10*g.r.IntN(21)
	}
	for _, d := range m.Districts() {
		pt, _ := m.DistrictPoint(d)
		w, ok := districtWeights[d]
		if !ok {
			w = 1
		}
		g.districts.add(gigbot.Place{District: d, Point: pt}, w)
	}
	// Spots are drawn once (NearestPlace scans the gazetteer) and then
	// reused with a little jitter, which is also how real addresses bunch.
	for range 3000 {
		d := g.districts.pick(g.r)
		spread := 0.08 // ~8 km in the outer districts
		if w := districtWeights[d.District]; w >= 10 {
			spread = 0.02
		} else if w >= 6 {
			spread = 0.05
		}
		pt := gigbot.Point{Lat: d.Point.Lat + g.r.NormFloat64()*spread, Lon: d.Point.Lon + g.r.NormFloat64()*spread}
		g.spots = append(g.spots, m.NearestPlace(pt))
	}
	g.hubs = g.spots[:20]
	return g
}

// Worker returns an onboarded, active worker with the given id.
func (g *Generator) Worker(id int64) gigbot.Worker {
	r := g.r
	ch := gigbot.ChannelWeChat
	if r.IntN(10) < 3 {
		ch = gigbot.ChannelTelegram
	}
	lang := "zh"
	if r.IntN(20) == 0 {
		lang = "en"
	}
	p := gigbot.Profile{Skills: g.skillSet(1 + weightedCount(r, 0.6, 0.3))}
	switch k := r.IntN(100); {
	case k < 45: // named a street, or shared a location the bot resolved
		p.District, p.Street, p.Point = g.jittered(0.003)
	case k < 70: // named only a district: its seat is the point
		d := g.districts.pick(r)
		p.District, p.Point = d.District, d.Point
	case k < 85: // a shared spot, exactly
		h := g.hubs[r.IntN(len(g.hubs))]
		p.District, p.Street, p.Point = h.District, h.Street, h.Point
	case k < 95: // a point only, no district known
		_, _, p.Point = g.jittered(0.005)
	default: // no place: anywhere
	}
	switch k := r.IntN(100); {
	case k < 15:
		p.RadiusKm = cityWideKm
	case k < 25:
		p.RadiusKm = 0 // "within my district"
	default:
		p.RadiusKm = []float64{3, 5, 5, 8, 10, 10, 15, 20}[r.IntN(8)]
	}
	if r.IntN(10) >= 4 {
		p.MinPay = g.pay[p.Skills[0]] * (80 + r.IntN(31)) / 1000 * 10
	}
	return gigbot.Worker{
		ID: id, User: gigbot.UserRef{Channel: ch, ID: openID(id)}, Profile: p, Lang: lang, Onboarded: true,
	}
}

// Posting returns an open posting created at at, expiring a week later.
func (g *Generator) Posting(id int64, at time.Time) gigbot.Posting {
	r := g.r
	skills := g.skillSet(1 + weightedCount(r, 0.8, 0.2))
	p := gigbot.Posting{
		ID: id, Skills: skills, Headcount: 1 + r.IntN(10), Status: gigbot.PostingOpen,
		CreatedAt: at, ExpiresAt: at.Add(gigbot.DefaultPostingLifetime),
		Screening: gigbot.Screening{Verdict: gigbot.VerdictOK, Reasons: []string{}},
		Employer:  gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: openID(-id)},
	}
	switch k := r.IntN(100); {
	case k < 70:
		p.Place.District, p.Place.Street, p.Place.Point = g.jittered(0.005)
	case k < 90:
		p.Place = g.districts.pick(r)
	case k < 95:
		p.Place = g.hubs[r.IntN(len(g.hubs))]
	}
	base := g.pay[skills[0]] * (85 + r.IntN(41)) / 100
	switch k := r.IntN(100); {
	case k < 15: // 面议
	case k < 70:
		p.Pay = gigbot.Pay{Min: base, Max: base + 10*r.IntN(6), Unit: gigbot.PayDay}
	case k < 90:
		h := base / 8
		p.Pay = gigbot.Pay{Min: h, Max: h + r.IntN(6), Unit: gigbot.PayHour}
	case k < 95:
		p.Pay = gigbot.Pay{Min: base * 22, Max: base * 26, Unit: gigbot.PayMonth}
	default:
		p.Pay = gigbot.Pay{Min: 1, Max: 3, Unit: gigbot.PayPiece}
	}
	p.Title = fmt.Sprintf("招%s%d名", g.m.SkillName(skills[0], "zh"), p.Headcount)
	p.Text = fmt.Sprintf("%s，%s%s，电话138%08d", p.Title, p.Place.District, p.Place.Street, r.IntN(1e8))
	return p
}

// Workers returns n workers with ids 1..n.
func (g *Generator) Workers(n int) []gigbot.Worker {
	ws := make([]gigbot.Worker, n)
	for i := range ws {
		ws[i] = g.Worker(int64(i + 1))
	}
	return ws
}

// Postings returns n postings with ids 1..n, created evenly over span
// from start.
func (g *Generator) Postings(n int, start time.Time, span time.Duration) []gigbot.Posting {
	ps := make([]gigbot.Posting, n)
	for i := range ps {
		ps[i] = g.Posting(int64(i+1), start.Add(span*time.Duration(i)/time.Duration(max(n, 1))))
	}
	return ps
}

// jittered is a street spot moved by up to about deg degrees.
func (g *Generator) jittered(deg float64) (district, street string, p gigbot.Point) {
	s := g.spots[g.r.IntN(len(g.spots))]
	return s.District, s.Street, gigbot.Point{Lat: s.Point.Lat + g.r.NormFloat64()*deg, Lon: s.Point.Lon + g.r.NormFloat64()*deg}
}

// skillSet draws n distinct skills by popularity.
func (g *Generator) skillSet(n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		s := g.skills.pick(g.r)
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// weightedCount returns 0 with probability p0, 1 with p1, else 2.
func weightedCount(r *rand.Rand, p0, p1 float64) int {
	switch f := r.Float64(); {
	case f < p0:
		return 0
	case f < p0+p1:
		return 1
	}
	return 2
}

// openID is a stable, OpenID-shaped (28 characters) user id.
func openID(id int64) string {
	return fmt.Sprintf("oSyn%024d", uint64(id)%uint64(math.MaxInt64))
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
