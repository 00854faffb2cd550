package matcher

import "github.com/gigbot/gigbot"

// defaultRadiusKm is the reach assumed for a worker who shared a point but
// gave neither a radius nor a district.
const defaultRadiusKm = 10

// Fits reports whether posting p suits worker profile w: a shared skill,
// within the worker's radius (or in their district when no radius or no
// point), and pay at or above their minimum when both are known.
//
// In detail: a worker who named a district but no street takes all of it,
// whatever the radius (district points are seats, too coarse to measure
// from); otherwise, with a radius and both points known, distance decides;
// else the same district decides; a worker with neither district nor point fits
// anywhere, and one with only a point is given defaultRadiusKm. A posting
// with no place at all cannot be ruled out by place. Pay counts when the
// worker set a minimum and the posting's pay compares per day (not piece
// work, not 面议).
func Fits(p gigbot.Posting, w gigbot.Profile) bool {
	return sharesSkill(p.Skills, w.Skills) && withinReach(p.Place, w) && paysEnough(p.Pay, w.MinPay)
}

func sharesSkill(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func withinReach(pl gigbot.Place, w gigbot.Profile) bool {
	if pl.District == "" && pl.Point.IsZero() {
		return true
	}
	// A worker who named only a district means "anywhere in it": the
	// district's point is its seat, too coarse to measure a radius from.
	if w.Street == "" && w.District != "" && pl.District == w.District {
		return true
	}
	if w.RadiusKm > 0 && !w.Point.IsZero() && !pl.Point.IsZero() {
		return gigbot.DistanceKm(w.Point, pl.Point) <= w.RadiusKm
	}
	if w.District != "" {
		return pl.District == w.District
	}
	if !w.Point.IsZero() && !pl.Point.IsZero() {
		return gigbot.DistanceKm(w.Point, pl.Point) <= defaultRadiusKm
	}
	return true
}

func paysEnough(p gigbot.Pay, min int) bool {
	if min <= 0 {
		return true
	}
	daily, ok := p.DailyMax()
	return !ok || daily >= min
}
