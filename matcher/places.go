package matcher

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gigbot/gigbot"
)

// gazetteer is the places half of a Matcher: Tianjin's districts and
// streets, landmarks, and the rest of China's counties by name.
type gazetteer struct {
	divisions   []division     // Tianjin districts and township-level units
	districtIdx map[string]int // official district name → index in divisions
	landmarks   []landmark
	counties    []county          // counties outside Tianjin
	regions     []region          // provinces and prefecture cities, as context only
	placeDict   *dict[[]placeRef] // every alias → what it may mean
}

type division struct {
	name     string
	district string // own name for a district
	street   bool
	point    gigbot.Point // zero when the source has none
}

type landmark struct {
	district, street string
	point            gigbot.Point
}

type county struct {
	name, province, city string
	point                gigbot.Point
}

type region struct {
	name, province string
}

type placeKind uint8

const (
	kindDistrict placeKind = iota + 1
	kindStreet
	kindLandmark
	kindCounty
	kindRegion
)

// placeRef is one meaning of an alias. A weak alias (a two-character
// street name such as 新城 or 朝阳, or the generic 新区) is a common word
// too: it counts only with its district named, in a short reply, or
// followed by a word that marks a place (附近, 一带).
type placeRef struct {
	kind placeKind
	i    int32
	weak bool
}

// strongShort are two-character street aliases well known enough across
// Tianjin to stand alone in a posting.
var strongShort = map[string]bool{
	"塘沽": true, "汉沽": true, "大港": true, "杨村": true, "芦台": true, "小站": true,
	"葛沽": true, "独流": true, "大寺": true, "中北": true, "精武": true, "华明": true,
	"北仓": true, "双港": true, "泰达": true, "东疆": true, "空港": true, "辛口": true,
	"青光": true, "双街": true, "小淀": true, "邦均": true, "梅厂": true, "王口": true,
	"北塘": true, "茶淀": true, "双口": true, "鼓楼": true, "天塔": true, "华苑": true,
	"梅江": true, "西沽": true, "天穆": true, "瑞景": true, "团泊": true, "周良": true,
	"寨上": true, "下营": true,
}

// formerDistricts were districts until 2009 and are still named as areas
// of 滨海新区; their alias points at the old town centre's street, so a
// street named with one ("汉沽 茶淀") is the more precise place.
var formerDistricts = []string{"塘沽", "汉沽", "大港"}

// placeMarkers follow a name to say it is a place ("桃园附近").
var placeMarkers = []string{"附近", "一带", "周边", "周围", "这边", "那边", "地区", "片区", "区域", "方向", "那块", "这块", "街道", "镇上", "村"}

func (g *gazetteer) addAlias(key string, ref placeRef) {
	key = Normalize(key)
	refs, _ := g.placeDict.get(key)
	for _, r := range refs {
		if r.kind == ref.kind && r.i == ref.i {
			return
		}
	}
	g.placeDict.set(key, append(refs, ref))
}

func readCSV(b []byte, cols int) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = cols
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("no rows")
	}
	return recs[1:], nil // header
}

func parsePoint(lat, lon string) (gigbot.Point, error) {
	if lat == "" || lon == "" {
		return gigbot.Point{}, nil
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return gigbot.Point{}, fmt.Errorf("bad point %q,%q", lat, lon)
	}
	return gigbot.Point{Lat: la, Lon: lo}, nil
}

// loadDivisions reads tianjin_divisions.csv:
// code,name,level,parent_code,district,lat,lon,aliases.
func (m *Matcher) loadDivisions(b []byte) error {
	recs, err := readCSV(b, 8)
	if err != nil {
		return err
	}
	m.placeDict = newDict[[]placeRef]()
	m.districtIdx = map[string]int{}
	for n, f := range recs {
		pt, err := parsePoint(f[5], f[6])
		if err != nil {
			return fmt.Errorf("row %d: %w", n+2, err)
		}
		d := division{name: f[1], district: f[4], street: f[2] == "street", point: pt}
		i := int32(len(m.divisions))
		m.divisions = append(m.divisions, d)
		kind := kindStreet
		if !d.street {
			kind = kindDistrict
			m.districtIdx[d.name] = int(i)
		}
		for _, a := range splitList(f[7]) {
			weak := d.street && runeLen(a) == 2 && !strongShort[a] || a == "新区"
			m.addAlias(a, placeRef{kind: kind, i: i, weak: weak})
		}
	}
	for _, d := range m.divisions {
		if _, ok := m.districtIdx[d.district]; !ok {
			return fmt.Errorf("street %s: unknown district %s", d.name, d.district)
		}
	}
	return nil
}

// loadLandmarks reads landmarks.tsv: aliases, district, street, lat, lon.
func (m *Matcher) loadLandmarks(b []byte) error {
	rows := 0
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rows++; rows == 1 {
			continue // column names
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return fmt.Errorf("line %d: want 5 columns, got %d", n+1, len(f))
		}
		if _, ok := m.districtIdx[f[1]]; !ok {
			return fmt.Errorf("line %d: unknown district %q", n+1, f[1])
		}
		pt, err := parsePoint(f[3], f[4])
		if err != nil || pt.IsZero() {
			return fmt.Errorf("line %d: bad point", n+1)
		}
		i := int32(len(m.landmarks))
		m.landmarks = append(m.landmarks, landmark{district: f[1], street: f[2], point: pt})
		for _, a := range splitList(f[0]) {
			m.addAlias(a, placeRef{kind: kindLandmark, i: i})
		}
	}
	return nil
}

// loadCounties reads china_counties.csv: code,name,province,city,lat,lon.
// Tianjin's own rows are skipped: tianjin_divisions.csv has them with
// aliases and streets.
func (m *Matcher) loadCounties(b []byte) error {
	recs, err := readCSV(b, 6)
	if err != nil {
		return err
	}
	seenRegion := map[string]bool{}
	addRegion := func(name, province string, short ...string) {
		if strings.Contains(name, "直辖") || seenRegion[name] {
			return
		}
		seenRegion[name] = true
		i := int32(len(m.regions))
		m.regions = append(m.regions, region{name: name, province: province})
		m.addAlias(name, placeRef{kind: kindRegion, i: i})
		for _, s := range short {
			if s != name && runeLen(s) >= 2 {
				m.addAlias(s, placeRef{kind: kindRegion, i: i})
			}
		}
	}
	for n, f := range recs {
		addRegion(f[2], f[2], trimAny(f[2], "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"))
		addRegion(f[3], f[2], trimAny(f[3], "地区", "盟", "市"))
		if strings.HasPrefix(f[0], "12") {
			continue
		}
		pt, err := parsePoint(f[4], f[5])
		if err != nil {
			return fmt.Errorf("row %d: %w", n+2, err)
		}
		i := int32(len(m.counties))
		m.counties = append(m.counties, county{name: f[1], province: f[2], city: f[3], point: pt})
		m.addAlias(f[1], placeRef{kind: kindCounty, i: i})
	}
	return nil
}

func trimAny(s string, suffixes ...string) string {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return strings.TrimSuffix(s, x)
		}
	}
	return s
}

func (m *Matcher) finishPlaces() { m.placeDict.freeze() }

// Districts returns the official names of Tianjin's districts in code order.
func (m *Matcher) Districts() []string {
	var out []string
	for _, d := range m.divisions {
		if !d.street {
			out = append(out, d.name)
		}
	}
	return out
}

// DistrictPoint returns the point of an official district name: a Tianjin
// district, else a county elsewhere in China.
func (m *Matcher) DistrictPoint(district string) (gigbot.Point, bool) {
	district = strings.TrimSpace(Normalize(district))
	if i, ok := m.districtIdx[district]; ok {
		return m.divisions[i].point, true
	}
	for _, c := range m.counties {
		if c.name == district && !c.point.IsZero() {
			return c.point, true
		}
	}
	return gigbot.Point{}, false
}

// farFromTianjinKm is how far from every Tianjin point a shared location
// must be before NearestPlace names a county elsewhere instead.
const farFromTianjinKm = 60

// NearestPlace returns the Tianjin district and street nearest to p, with
// p itself as the point. Only streets with a known point can be chosen; when
// the nearest of those is clearly farther than a district's own point, only
// the district is named. A point far outside Tianjin gets the nearest county
// elsewhere in China.
func (m *Matcher) NearestPlace(p gigbot.Point) gigbot.Place {
	if p.IsZero() {
		return gigbot.Place{}
	}
	bestStreet, bestDistrict := -1, -1
	ds, dd := math.Inf(1), math.Inf(1)
	for i, d := range m.divisions {
		if d.point.IsZero() {
			continue
		}
		km := gigbot.DistanceKm(p, d.point)
		if d.street && km < ds {
			bestStreet, ds = i, km
		} else if !d.street && km < dd {
			bestDistrict, dd = i, km
		}
	}
	if math.Min(ds, dd) > farFromTianjinKm {
		best, bd := -1, math.Inf(1)
		for i, c := range m.counties {
			if c.point.IsZero() {
				continue
			}
			if km := gigbot.DistanceKm(p, c.point); km < bd {
				best, bd = i, km
			}
		}
		if best >= 0 && bd < math.Min(ds, dd) {
			return gigbot.Place{District: m.counties[best].name, Point: p}
		}
	}
	// Street points are town seats and district points are coarse, so a
	// street loses only when it is several kilometres farther.
	const slackKm = 3
	if bestStreet >= 0 && ds <= dd+slackKm {
		s := m.divisions[bestStreet]
		return gigbot.Place{District: s.district, Street: s.name, Point: p}
	}
	if bestDistrict >= 0 {
		return gigbot.Place{District: m.divisions[bestDistrict].name, Point: p}
	}
	return gigbot.Place{Point: p}
}
