package matcher

import (
	"cmp"
	"math"
	"slices"

	"github.com/gigbot/gigbot"
)

// rankBandsKm group postings by distance from the worker before pay is
// compared: a few hundred metres should not beat fifty yuan a day, but
// a different part of town should.
var rankBandsKm = [...]float64{2, 5, 10, 20}

// Rank orders postings for a worker who is offered several at once, best
// first, in place:
//
//  1. closest, by band: within 2 km, 5, 10, 20, farther, then postings
//     whose distance is unknown (no point on either side);
//  2. within a band, best-paid: higher daily pay first (Pay.DailyMax),
//     postings whose pay does not compare per day (面议, piece work) last;
//  3. then freshest: later CreatedAt first; then lower ID, so the order
//     is the same every time.
func Rank(w gigbot.Profile, ps []gigbot.Posting) {
	band := func(p gigbot.Posting) int {
		if w.Point.IsZero() || p.Place.Point.IsZero() {
			return len(rankBandsKm) + 1
		}
		km := gigbot.DistanceKm(w.Point, p.Place.Point)
		for i, b := range rankBandsKm {
			if km <= b {
				return i
			}
		}
		return len(rankBandsKm)
	}
	pay := func(p gigbot.Posting) int {
		if d, ok := p.Pay.DailyMax(); ok {
			return d
		}
		return math.MinInt
	}
	// Keys are computed once, not per comparison: distance is not free.
	type ranked struct {
		p         gigbot.Posting
		band, pay int
	}
	rs := make([]ranked, len(ps))
	for i, p := range ps {
		rs[i] = ranked{p, band(p), pay(p)}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		return cmp.Or(
			cmp.Compare(a.band, b.band),
			cmp.Compare(b.pay, a.pay),
			b.p.CreatedAt.Compare(a.p.CreatedAt),
			cmp.Compare(a.p.ID, b.p.ID),
		)
	})
	for i := range rs {
		ps[i] = rs[i].p
	}
}
