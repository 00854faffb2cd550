package matcher

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/gigbot/gigbot"
)

// ParsePosting extracts a posting's fields from text. now and loc anchor
// relative dates ("明天早上7点"). Text is kept whole in the result; fields
// that are not found stay zero (Skills is then empty, not nil).
//
// Headcount: "2名", "两人" → 2; a range "3-5人" takes its upper end (the
// employer will take up to that many, and pushes should reach enough
// workers); "若干", "多名" → 0; several groups ("保洁2名,力工3名", "2男3女")
// are added up unless a total is given ("共5人"). Pay: the first figure that
// reads as pay, with its unit; "面议" → unknown; "计件" with no figure → unit
// piece, 0–0. Start: see startIn. Duration: see durationIn. Phone: the first
// mainland mobile number. Notes: the clauses no field explains (notesIn).
// Screening is filled by Screen.
func (m *Matcher) ParsePosting(text string, now time.Time, loc *time.Location) gigbot.Posting {
	if loc == nil {
		loc = time.UTC
	}
	norm := Normalize(text)
	p := gigbot.Posting{Text: text, Skills: m.postingSkills(norm)}
	p.Place, _ = m.placeIn(norm)

	var phone string
	s := maskPhones(digitize(norm), &phone)
	p.Phone = phone
	nums := numbers(s)
	roles := classify(s, nums, m.skillStartsAt(s))
	p.Headcount = headcount(s, nums, roles, len(p.Skills))
	if pay, ok := payFromNumbers(s, nums, roles, false); ok {
		p.Pay = pay
	}
	p.Start = startIn(s, nums, roles, now, loc)
	p.Duration = durationIn(s, nums, roles)
	p.Notes = m.notesIn(text)
	p.Title = m.title(norm, p)
	p.Screening = m.screenPosting(norm, p)
	return p
}

// workplaceWords after a skill word make it the kind of business, not the
// job offered ("家政公司招保姆", "快递网点招分拣员", "西餐厅招服务生").
var workplaceWords = []string{"公司", "网点", "厅", "店", "馆", "厂", "站", "中心", "院", "部"}

// umbrellaSkills name a whole trade ("装修", "安装"); in a posting that
// also names a specific job they describe the project, not a role.
var umbrellaSkills = []string{"decorator", "installer"}

// postingSkills reads the skills a posting hires for: skill words inside a
// place name (梅江会展中心) do not count, nor, when a job is also named, a
// skill word naming the business or an umbrella trade.
func (m *Matcher) postingSkills(norm string) []string {
	hits := m.skillHits(norm)
	if len(hits) == 0 {
		return []string{}
	}
	var places [][2]int
	m.placeDict.scan(norm, func(start, end int, _ *dictEntry[[]placeRef]) {
		places = append(places, [2]int{start, end})
	})
	kept := hits[:0:0]
	for _, h := range hits {
		inPlace := false
		for _, p := range places {
			if h.start >= p[0] && h.end <= p[1] && h.end-h.start < p[1]-p[0] {
				inPlace = true
			}
		}
		if !inPlace {
			kept = append(kept, h)
		}
	}
	specific := func(drop func(skillHit) bool) []skillHit {
		var out []skillHit
		for _, h := range kept {
			if !drop(h) {
				out = append(out, h)
			}
		}
		if len(out) == 0 {
			return kept
		}
		return out
	}
	kept = specific(func(h skillHit) bool { return hasPrefix(norm[h.end:], workplaceWords...) })
	kept = specific(func(h skillHit) bool { return slices.Contains(umbrellaSkills, h.code) })
	return codesOf(kept)
}

// skillStartsAt returns a test for a skill word at a byte offset of s.
func (m *Matcher) skillStartsAt(s string) func(i int) bool {
	return func(i int) bool {
		if i >= len(s) {
			return false
		}
		e, _ := m.skillDict.at(s, i)
		return e != nil && e.val != stopCode
	}
}

// headcount adds up the figures that count people; a total (共5人) wins.
// groups is how many kinds of work the posting names, for "各".
func headcount(s string, nums []number, roles []numRole, groups int) int {
	total := 0
	for k, n := range nums {
		if roles[k] != roleHeadcount {
			continue
		}
		v := int(n.hi)
		if strings.HasPrefix(skipSpace(s[n.end:]), "对") {
			v *= 2 // 1对夫妻
		}
		// 服务员 传菜员 各2名: two of each.
		if strings.HasSuffix(trimSpaceRight(s[:n.start]), "各") && groups > 1 {
			v *= groups
		}
		if hasSuffix(trimSpaceRight(s[:n.start]), "共", "一共", "总共", "合计", "共计", "总计") {
			return v
		}
		total += v
	}
	return total
}

// title is a short name for a posting: the district's short name and the
// first skills ("西青力工", "河西保洁、厨师"), else the first clause of the
// text.
func (m *Matcher) title(norm string, p gigbot.Posting) string {
	if len(p.Skills) > 0 {
		var b strings.Builder
		b.WriteString(shortDistrict(p.Place.District))
		for i, c := range p.Skills {
			if i == 2 {
				break
			}
			if i > 0 {
				b.WriteString("、")
			}
			b.WriteString(m.SkillName(c, "zh"))
		}
		return b.String()
	}
	return firstClause(norm, 16)
}

// shortDistrict is the name people use: 河西区 → 河西, 滨海新区 → 滨海.
func shortDistrict(d string) string {
	switch {
	case d == "滨海新区":
		return "滨海"
	case runeLen(d) > 2:
		return strings.TrimSuffix(strings.TrimSuffix(d, "区"), "县")
	}
	return d
}

// firstClause returns the first meaningful clause of text, at most max
// runes, without hiring words and decoration in front.
func firstClause(norm string, max int) string {
	s := strings.TrimFunc(norm, func(r rune) bool { return !isContent(r) })
	for {
		p, ok := hasAnyPrefix(s, "急招", "招聘", "诚聘", "高薪招", "急聘", "招", "聘", "[", "]", "!", " ", ":")
		if !ok {
			break
		}
		s = s[len(p):]
	}
	if i := strings.IndexAny(s, ",.!?;:\n()[]~"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if runeLen(s) > max {
		r := []rune(s)
		s = string(r[:max])
	}
	return s
}

// isContent reports letters, digits and Han characters (not emoji or
// punctuation).
func isContent(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// LooksLikePosting reports whether a free message reads like a job posting
// (招/招聘/急招 + a skill or headcount or pay), so an employer need not type a
// command first. A worker's "我会电焊" or "有招力工的吗" is not one.
func (m *Matcher) LooksLikePosting(text string) bool {
	norm := Normalize(text)
	var phone string
	s := maskPhones(digitize(norm), &phone)
	nums := numbers(s)
	roles := classify(s, nums, m.skillStartsAt(s))
	skills := len(m.skillsIn(norm)) > 0
	heads := headcount(s, nums, roles, 1) > 0
	_, pay := payFromNumbers(s, nums, roles, false)
	asking := containsAny(s, "有招", "谁招", "哪里招", "哪招", "哪有", "有没有", "吗", "?", "求职", "找工作", "找活", "应聘", "我会", "我能", "本人")
	switch {
	case asking && !heads:
		return false
	case containsAny(s, "招", "聘", "急需", "缺人", "缺工", "用工", "用人", "找人", "要人"):
		return heads || skills || pay
	case containsAny(s, "需要", "要", "找"):
		// Weak verbs: a worker says "需要一份保洁工作" too.
		return heads || pay && skills
	}
	// Shorthand with no verb ("装卸工5名 日结300") still counts people, or
	// gives work, pay and a number to call ("河西 保洁 日结150 137…").
	return heads && (skills || pay) || phone != "" && skills && (pay || heads)
}
