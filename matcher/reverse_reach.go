package matcher

import (
	"math"

	"github.com/gigbot/gigbot"
)

// reachClass is how a worker's place decides a fit, read off Fits's rules
// (withinReach) once, when the worker is filed. With D = named a district,
// S = named a street, P = has a point, R = radius > 0:
//
//	anywhere        !D !P         every place
//	near            !D  P         a posting's point within the radius (R, else
//	                              defaultRadiusKm); a posting without a point
//	district         D, not R&&P  the posting's district
//	districtOrNear   D !S  R P    the posting's district, or its point within R
//	streetNear       D  S  R P    the posting's point within R; a posting
//	                              without a point: its district
//
// A posting with no place at all fits every worker (rule one of Fits).
type reachClass uint8

const (
	reachAnywhere reachClass = iota
	reachNear
	reachDistrict
	reachDistrictOrNear
	reachStreetNear
)

// placement is where a worker is filed.
type placement struct {
	class    reachClass
	district uint16
	point    gigbot.Point
	radius   float64 // for the circle classes
	tier     int8    // grid tier of the circle; -1 when off the grid (far)
	cy, cx   int32   // grid cell of point in that tier
}

// The grid: a box around Tianjin with a margin, cut into square-ish cells
// per tier. A circle is filed once, in the cell of its centre, in the
// smallest tier whose bound covers its radius; a posting then visits only
// the cells within each tier's bound of its point. Cells of half the bound
// keep the candidates a posting visits to about four times the circles it
// hits. Circles wider than the last tier ("不限" is 200 km) or centred
// outside the box are few, and go to a per-skill list checked one by one.
const (
	gridLat0, gridLat1 = 37.5, 41.5
	gridLon0, gridLon1 = 115.5, 119.5
	gridMidLat         = 39.5
	kmPerDeg           = 6371.0 * math.Pi / 180 // as gigbot.DistanceKm's earth radius
)

// tierKm are the radius bounds of the grid tiers.
var tierKm = [...]float64{2, 5, 10, 20}

// tierCell is the cell size of each tier in degrees of latitude and
// longitude (longitude degrees are shorter by cos(latitude)).
var tierCell = func() (c [len(tierKm)][2]float64) {
	for t, km := range tierKm {
		c[t][0] = km / 2 / kmPerDeg
		c[t][1] = km / 2 / (kmPerDeg * math.Cos(gridMidLat*math.Pi/180))
	}
	return c
}()

// placeOf classifies a profile. Caller holds the write lock.
func (x *WorkerIndex) placeOf(w gigbot.Profile) placement {
	d, s, p, r := w.District != "", w.Street != "", !w.Point.IsZero(), w.RadiusKm > 0
	pl := placement{district: x.districtID(w.District), point: w.Point, radius: w.RadiusKm, tier: -1}
	switch {
	case !d && !p:
		pl.class = reachAnywhere
	case !d:
		pl.class = reachNear
		if !r {
			pl.radius = defaultRadiusKm
		}
	case r && p && !s:
		pl.class = reachDistrictOrNear
	case r && p:
		pl.class = reachStreetNear
	default:
		pl.class = reachDistrict
	}
	if pl.class == reachNear || pl.class == reachDistrictOrNear || pl.class == reachStreetNear {
		pl.tier, pl.cy, pl.cx = gridCell(pl.point, pl.radius)
	}
	return pl
}

// gridCell returns the tier and cell of a circle, or tier -1 when the
// circle does not go on the grid.
func gridCell(p gigbot.Point, radius float64) (tier int8, cy, cx int32) {
	if p.Lat < gridLat0 || p.Lat >= gridLat1 || p.Lon < gridLon0 || p.Lon >= gridLon1 {
		return -1, 0, 0
	}
	for t, bound := range tierKm {
		if radius <= bound {
			return int8(t), int32((p.Lat - gridLat0) / tierCell[t][0]), int32((p.Lon - gridLon0) / tierCell[t][1])
		}
	}
	return -1, 0, 0
}

func cellKey(skill uint16, tier int8, cy, cx int32) uint64 {
	return uint64(skill)<<40 | uint64(tier)<<36 | uint64(cy)<<18 | uint64(cx)
}

// file puts a record into the buckets of each of its skills, and unfile
// takes it out. Caller holds the write lock.
func (x *WorkerIndex) file(r *workerRecord) { x.walk(r, true) }

func (x *WorkerIndex) unfile(r *workerRecord) { x.walk(r, false) }

func (x *WorkerIndex) walk(r *workerRecord, add bool) {
	pl := r.place
	skills := inline(r.skills)
	e := entry{id: r.ID, minPay: r.minPay, skills: skills}
	c := reachEntry{lat: pl.point.Lat, lon: pl.point.Lon, radius: pl.radius, id: r.ID, minPay: r.minPay, skills: skills}
	for _, s := range r.skills {
		b := &x.bySkill[s]
		switch pl.class {
		case reachAnywhere:
			b.anywhere = edit(b.anywhere, e, add)
		case reachNear:
			b.unlessPoint = edit(b.unlessPoint, e, add)
		case reachDistrict, reachDistrictOrNear:
			b.district = editAt(b.district, pl.district, e, add)
		case reachStreetNear:
			b.districtNoPt = editAt(b.districtNoPt, pl.district, e, add)
		}
		if pl.class == reachAnywhere || pl.class == reachDistrict {
			continue
		}
		if pl.class == reachDistrictOrNear {
			c.district = pl.district // Match skips it in the circles of its own district
		}
		if pl.tier < 0 {
			b.far = edit(b.far, c, add)
			continue
		}
		key := cellKey(s, pl.tier, pl.cy, pl.cx)
		if cell := edit(x.cells[key], c, add); len(cell) > 0 {
			x.cells[key] = cell
		} else {
			delete(x.cells, key)
		}
	}
}

// identified is an entry kind that names its worker.
type identified interface {
	entry | reachEntry
	worker() int64
}

func (e entry) worker() int64      { return e.id }
func (e reachEntry) worker() int64 { return e.id }

// edit appends e, or removes the entry with e's id by moving the last one
// into its place: order within a bucket means nothing.
func edit[E identified](list []E, e E, add bool) []E {
	if add {
		return append(list, e)
	}
	id := e.worker()
	for i := range list {
		if list[i].worker() == id {
			last := len(list) - 1
			list[i] = list[last]
			return list[:last]
		}
	}
	return list
}

// editAt edits the bucket of district d, growing the table as needed.
func editAt(buckets [][]entry, d uint16, e entry, add bool) [][]entry {
	for int(d) >= len(buckets) {
		buckets = append(buckets, nil)
	}
	buckets[d] = edit(buckets[d], e, add)
	return buckets
}

// reaches reports whether the circle c holds point p, exactly as
// gigbot.DistanceKm(c's centre, p) <= c.radius, where cosLat is
// cos(p.Lat). Most candidates are settled without the haversine, by
// bounds that hold at any distance (the latitude difference is never
// more than the distance; the way along p's parallel and then c's
// meridian never less) and, near the edge, by a flat-earth estimate that
// over the short spans it is used for errs by far less than its 2%
// margin. Only those inside the margins pay for the haversine.
func reaches(c *reachEntry, p gigbot.Point, cosLat float64) bool {
	const slack = 1e-9 // far above the haversine's rounding
	dLat, dLon := math.Abs(c.lat-p.Lat), math.Abs(c.lon-p.Lon)
	y := dLat * kmPerDeg
	if y > c.radius*(1+slack)+slack {
		return false
	}
	x := dLon * kmPerDeg * cosLat
	if x+y < c.radius*(1-slack)-slack {
		return true
	}
	if dLat < 0.5 && dLon < 0.7 && cosLat > 0.5 {
		d2 := x*x + y*y
		if lo := c.radius*0.98 - 0.01; lo > 0 && d2 < lo*lo {
			return true
		}
		if hi := c.radius*1.02 + 0.01; d2 > hi*hi {
			return false
		}
	}
	return gigbot.DistanceKm(gigbot.Point{Lat: c.lat, Lon: c.lon}, p) <= c.radius
}

// cellRange returns the cells of tier t within the tier's bound of p,
// clamped to the grid; empty (y0 > y1) when none.
func cellRange(t int, p gigbot.Point) (y0, y1, x0, x1 int32) {
	// Latitude spans exactly distance/kmPerDeg; longitude a little more
	// than distance/(kmPerDeg·cos φ) at the circle's most polar point.
	dLat := tierKm[t] / kmPerDeg * 1.02
	lo, hi := p.Lat-dLat, p.Lat+dLat
	if !(hi >= gridLat0 && lo < gridLat1) || math.IsNaN(p.Lon) {
		return 1, 0, 1, 0
	}
	cos := math.Cos(math.Max(math.Abs(lo), math.Abs(hi)) * math.Pi / 180)
	dLon := tierKm[t] / (kmPerDeg * cos) * 1.02
	cell := tierCell[t]
	ny := int32(math.Ceil((gridLat1 - gridLat0) / cell[0]))
	nx := int32(math.Ceil((gridLon1 - gridLon0) / cell[1]))
	y0 = max(0, int32(math.Floor((lo-gridLat0)/cell[0])))
	y1 = min(ny-1, int32(math.Floor((hi-gridLat0)/cell[0])))
	x0 = max(0, int32(math.Floor((p.Lon-dLon-gridLon0)/cell[1])))
	x1 = min(nx-1, int32(math.Floor((p.Lon+dLon-gridLon0)/cell[1])))
	return y0, y1, x0, x1
}
