package matcher

import (
	"strings"

	"github.com/gigbot/gigbot"
)

// placeHit is one alias found in text with all it may mean.
type placeHit struct {
	start, end int
	key        string
	refs       []placeRef
}

// Place resolves free text ("河西友谊路", "西青张家窝", "滨海新区塘沽",
// "天津站附近") to a place: the official district name, the street when one
// is named, and the street's point (the district's point when the street
// has none). Tianjin comes first; counties elsewhere in China are found by
// their full name ("朝阳区", with "北京" or "长春" deciding between
// namesakes). ok is false when no place is named.
//
// Collisions are settled so: a district beats a town of the same short name
// (宁河 → 宁河区, 宁河镇 → the town); a street name shared by two districts
// (黄庄, 海滨) needs its district named; 河北 followed by 省, 人 or a place in
// Hebei is the province, not 河北区.
func (m *Matcher) Place(text string) (gigbot.Place, bool) {
	return m.placeIn(Normalize(text))
}

func (m *Matcher) placeIn(norm string) (gigbot.Place, bool) {
	var buf, workBuf [8]placeHit
	hits := buf[:0]
	m.placeDict.scan(norm, func(start, end int, e *dictEntry[[]placeRef]) {
		hits = append(hits, placeHit{start: start, end: end, key: e.key, refs: e.val})
	})
	if len(hits) == 0 {
		return gigbot.Place{}, false
	}
	// The place of work wins over the company's office or the interview
	// ("公司在河西 工地在西青").
	work, office := workBuf[:0], false
	for i, h := range hits {
		if officeBefore(norm[:h.start]) || office && strings.TrimSpace(norm[hits[i-1].end:h.start]) == "" {
			office = true
			continue
		}
		office = false
		work = append(work, h)
	}
	if len(work) > 0 && len(work) < len(hits) {
		if p, ok := m.resolvePlace(norm, work); ok {
			return p, true
		}
	}
	return m.resolvePlace(norm, hits)
}

// officeWords before a place make it where the company sits or interviews,
// not where the work is.
var officeWords = []string{"公司", "总部", "面试", "办公", "报名", "培训"}

// officeBefore reports an office word right before a place, with only 在,
// 位于, 地址 and the like between ("公司在", "面试地点:").
func officeBefore(before string) bool {
	for {
		t := strings.TrimRight(before, " :")
		if w, ok := hasAnySuffix(t, "地点", "地址", "位于", "设在", "在", "是"); ok {
			t = t[:len(t)-len(w)]
		}
		if t == before {
			break
		}
		before = t
	}
	_, ok := hasAnySuffix(before, officeWords...)
	return ok
}

// resolvePlace settles what the place hits of norm name.
func (m *Matcher) resolvePlace(norm string, hits []placeHit) (gigbot.Place, bool) {
	// Districts named anywhere in the text; the first one is the answer
	// when no street or landmark says more.
	var districts []string
	for i, h := range hits {
		for _, r := range h.refs {
			if r.kind != kindDistrict || m.blockedDistrict(norm, hits, i) {
				continue
			}
			if r.weak && !weakOK(norm, h) {
				continue
			}
			districts = appendUnique(districts, m.divisions[r.i].name)
		}
	}

	// A street named without doubt also tells the district, which settles
	// an ambiguous one ("海滨街道 大港").
	context := districts
	for _, h := range hits {
		if len(districts) > 0 {
			break // a district named outright is not overruled ("宝坻 开发区")
		}
		if hasKind(h.refs, kindDistrict) {
			continue
		}
		var only *division
		n := 0
		for _, r := range h.refs {
			if r.kind == kindStreet && !r.weak {
				only = &m.divisions[r.i]
				n++
			}
		}
		if n == 1 {
			context = appendUnique(context, only.district)
		}
	}

	// A former district named as an area (塘沽, 汉沽, 大港) lets a weak
	// street inside it count, and yields to it.
	area := false
	for _, h := range hits {
		area = area || contains(formerDistricts, h.key)
	}
	street := int32(-1)
	for _, h := range hits {
		if hasKind(h.refs, kindDistrict) {
			continue // 宁河, 静海: the district, not its seat town
		}
		found, weak, n := int32(-1), false, 0
		for _, r := range h.refs {
			if r.kind != kindStreet {
				continue
			}
			d := m.divisions[r.i]
			if len(context) > 0 && !contains(context, d.district) {
				continue
			}
			found, weak, n = r.i, weak || r.weak, n+1
		}
		if n > 1 && len(districts) == 0 {
			continue
		}
		if n != 1 || weak && len(districts) == 0 && !area && !weakOK(norm, h) {
			continue // ambiguous (黄庄 without 武清/宝坻) or a common word
		}
		if street < 0 {
			street = found
		}
		if !contains(formerDistricts, h.key) && m.divisions[found].district == m.divisions[street].district {
			street = found
			break
		}
	}
	if street >= 0 {
		s := m.divisions[street]
		pt := s.point
		if pt.IsZero() {
			pt = m.divisions[m.districtIdx[s.district]].point
		}
		return gigbot.Place{District: s.district, Street: s.name, Point: pt}, true
	}

	for _, h := range hits {
		for _, r := range h.refs {
			if r.kind == kindLandmark {
				l := m.landmarks[r.i]
				return gigbot.Place{District: l.district, Street: l.street, Point: l.point}, true
			}
		}
	}

	if len(districts) > 0 {
		d := m.divisions[m.districtIdx[districts[0]]]
		return gigbot.Place{District: d.name, Point: d.point}, true
	}
	return m.countyIn(hits)
}

// countyIn picks the first county named, preferring among namesakes the one
// whose province or city is also named, then one with a point.
func (m *Matcher) countyIn(hits []placeHit) (gigbot.Place, bool) {
	var context []string
	for _, h := range hits {
		for _, r := range h.refs {
			if r.kind == kindRegion {
				context = append(context, m.regions[r.i].name)
			}
		}
	}
	for _, h := range hits {
		best, score := -1, -1
		for _, r := range h.refs {
			if r.kind != kindCounty {
				continue
			}
			c := m.counties[r.i]
			s := 0
			if contains(context, c.province) || contains(context, c.city) {
				s += 2
			} else if runeLen(c.name) <= 2 {
				// 西区, 东区, 城区 alone are a slip for a Tianjin district
				// ("和西区"), not Panzhihua's: only with their city named.
				continue
			}
			if !c.point.IsZero() {
				s++
			}
			if s > score {
				best, score = int(r.i), s
			}
		}
		if best >= 0 {
			c := m.counties[best]
			return gigbot.Place{District: c.name, Point: c.point}, true
		}
	}
	return gigbot.Place{}, false
}

// blockedDistrict reports whether the Tianjin district alias of hits[i] is
// really about somewhere else: 河北 as the province (河北省 is matched whole,
// but 河北人, 河北廊坊 are not), or a district namesake right after another
// province's or city's name (沈阳和平区, 临沂河东区).
func (m *Matcher) blockedDistrict(norm string, hits []placeHit, i int) bool {
	h := hits[i]
	if i > 0 && strings.TrimSpace(norm[hits[i-1].end:h.start]) == "" {
		for _, r := range hits[i-1].refs {
			if r.kind == kindRegion && m.regions[r.i].province != "天津市" {
				return true
			}
		}
	}
	province := ""
	for _, r := range h.refs {
		if r.kind == kindRegion && m.regions[r.i].name == m.regions[r.i].province {
			province = m.regions[r.i].province
		}
	}
	if province == "" {
		return false
	}
	rest := skipSpace(norm[h.end:])
	if _, ok := hasAnyPrefix(rest, "省", "人", "的"); ok {
		return true
	}
	if i+1 < len(hits) && strings.TrimSpace(norm[h.end:hits[i+1].start]) == "" {
		for _, r := range hits[i+1].refs {
			switch {
			case r.kind == kindRegion && m.regions[r.i].province == province,
				r.kind == kindCounty && m.counties[r.i].province == province:
				return true
			}
		}
	}
	return false
}

// weakOK reports whether a weak alias reads as a place here: a place word
// follows it ("桃园附近"), or the whole reply is the name with at most a
// "在"/"住" before it ("我住桃园").
func weakOK(norm string, h placeHit) bool {
	after := skipSpace(norm[h.end:])
	if _, ok := hasAnyPrefix(after, placeMarkers...); ok {
		return true
	}
	cut := func(r rune) bool {
		return r == ' ' || r < 0x80 && !isASCIIAlnum(byte(r)) || r == '啊' || r == '吧' || r == '呢'
	}
	before := strings.TrimFunc(norm[:h.start], cut)
	if strings.TrimFunc(after, cut) != "" {
		return false
	}
	switch before {
	case "", "在", "我在", "住", "我住", "住在", "我住在", "家在", "我家在", "就在", "是", "到":
		return true
	}
	return false
}

func hasKind(refs []placeRef, k placeKind) bool {
	for _, r := range refs {
		if r.kind == k {
			return true
		}
	}
	return false
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func appendUnique(xs []string, s string) []string {
	if contains(xs, s) {
		return xs
	}
	return append(xs, s)
}
