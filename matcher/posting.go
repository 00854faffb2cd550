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
	p.Notes = m.notesIn(text, p.Pay)
	p.Title = m.title(norm, p)
	p.Screening = m.screenPosting(norm, p)
	return p
}

// workplaceWords after a skill word make it the kind of business, not the
// job offered ("家政公司招保姆", "快递网点招分拣员", "焊接车间招保洁").
var workplaceWords = []string{"公司", "网点", "厅", "店", "馆", "厂", "场", "站", "中心", "院", "部", "车间"}

// businessEnds end skill words that name the business itself (化工厂,
// 养殖场, 宠物店, 分拣中心); not 厅, which ends a post (前厅).
var businessEnds = []string{"公司", "店", "厂", "场", "站", "中心", "院", "部", "车间"}

// umbrellaSkills name a whole trade ("装修", "安装"); in a posting that
// also names a specific job they describe the project, not a role.
var umbrellaSkills = []string{"decorator", "installer"}

// generalSkills are hired at any workplace (力工, 普工, 操作工): with only
// these, the workplace says what the work is (电子厂普工 is a line worker).
var generalSkills = []string{"labourer", "line_worker"}

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
	workplace := func(h skillHit) bool {
		return hasPrefixAny(norm[h.end:], workplaceWords...) || hasSuffixAny(h.key, businessEnds...)
	}
	// The workplace counts as a skill only when nothing more specific than
	// general work is hired there: 化工厂招厨师 hires a cook.
	if slices.ContainsFunc(kept, func(h skillHit) bool { return !workplace(h) && !slices.Contains(generalSkills, h.code) }) {
		kept = specific(workplace)
	}
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
// groups is how many kinds of work the posting names, for "各". Once a
// couple is counted (一对夫妻, 夫妻俩), a later 两人 is that couple again
// ("招一对夫妻 … 两人月薪1.2万").
func headcount(s string, nums []number, roles []numRole, groups int) int {
	total, couple := 0, false
	for k, n := range nums {
		if roles[k] != roleHeadcount {
			continue
		}
		v := int(n.hi)
		if couple && n.lo == 2 && n.hi == 2 {
			continue
		}
		if strings.HasPrefix(skipSpace(s[n.end:]), "对") {
			v *= 2 // 1对夫妻
			couple = couple || n.hi == 1
		} else if hasSuffix(trimSpaceRight(s[:n.start]), "夫妻") && n.hi == 2 {
			couple = true // 夫妻俩
		}
		// 服务员 传菜员 各2名: two of each.
		if strings.HasSuffix(trimSpaceRight(s[:n.start]), "各") {
			v *= eachOf(n, groups)
		}
		if hasSuffix(trimSpaceRight(s[:n.start]), "共", "一共", "总共", "合计", "共计", "总计") {
			return v
		}
		total += v
	}
	return total
}

// title is a short name for a posting, as a person would write it: the
// district's short name and the job. The job is the first skills ("西青力工",
// "河西保洁、厨师"), else a generic job word ("河西临时工"), else the words
// that read as the job (jobPhrase), else 招工.
func (m *Matcher) title(norm string, p gigbot.Posting) string {
	var b strings.Builder
	b.WriteString(shortDistrict(p.Place.District))
	if len(p.Skills) > 0 {
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
	job := firstOf(norm, genericJobs)
	if job == "" {
		job = m.jobPhrase(norm)
	}
	if job == "" && strings.IndexFunc(norm, isContent) >= 0 {
		job = "招工"
	}
	b.WriteString(job)
	return b.String()
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

// genericJobs name gig work without saying which; the taxonomy reads none
// of them as a skill.
var genericJobs = []string{"临时工", "小时工", "短期工", "零工", "散工", "兼职", "招工"}

// firstOf returns the word of words that occurs first in s, or "".
func firstOf(s string, words []string) string {
	best, at := "", len(s)
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && i < at {
			best, at = w, i
		}
	}
	return best
}

// Words that are no job when they stand alone in a posting: hiring verbs
// (cut from the front of words), field labels, and times, pay and perks
// written without a figure.
var (
	hireWords    = []string{"高薪招聘", "急招", "招聘", "诚聘", "高薪招", "急聘", "急需", "直招", "招", "聘"}
	notJobPhrase = []string{
		"地点", "地址", "位置", "工作地点", "上班地点", "岗位", "职位", "工作内容", "内容", "待遇", "薪资", "工资", "薪酬",
		"电话", "联系电话", "联系方式", "联系人", "联系", "手机", "微信", "加微信", "时间", "工作时间", "上班时间", "要求", "人数", "备注",
		"日结", "月结", "周结", "现结", "当天结", "干完结", "今天", "明天", "后天", "明早", "今早", "今晚", "明晚",
		"早上", "上午", "中午", "下午", "晚上", "包吃", "包住", "包吃住", "管饭", "急", "速来", "长期", "短期", "附近",
		"每天", "每人", "天津", "天津市", "男", "女", "男性", "女性", "男女不限", "性别", "年龄", "不限",
	}
)

// maxJobPhrase is the longest run of words jobPhrase takes; a longer one
// is a sentence it cannot cut without cutting a word.
const maxJobPhrase = 8

// jobPhrase guesses the job of a posting whose work the taxonomy does not
// know, from its runs of words (split at spaces, punctuation and emoji):
// the run right after a hiring verb ("河东 招 灯笼挂装"), else the last run
// before the first figure, since postings go place, job, then time and pay
// ("西青 万达 灯笼挂装 明早8点"), else the first run. Places, labels and
// figures are cut off; "" when nothing is left.
func (m *Matcher) jobPhrase(norm string) string {
	var first, beforeFigure string
	hired, figureSeen := false, false
	for _, f := range strings.FieldsFunc(norm, func(r rune) bool { return !isContent(r) }) {
		afterHire := hired
		for {
			p, ok := hasAnyPrefix(f, hireWords...)
			if !ok {
				break
			}
			f, afterHire, hired = f[len(p):], true, true
		}
		if p, ok := hasAnySuffix(f, hireWords...); ok {
			f = f[:len(f)-len(p)] // 劳务公司直招
		}
		g := m.trimPlaces(f)
		if g == "" && f != "" {
			hired = false // 急招 南开 …: the 招 heads the posting
			continue
		}
		if f = g; m.hasPlace(f) {
			continue // 工地在西青: where, not what
		}
		if i := figureStart(f); i >= 0 {
			f = f[:i]
			figureSeen = true
		}
		if f == "" || slices.Contains(notJobPhrase, f) || runeLen(f) > maxJobPhrase {
			continue
		}
		if afterHire {
			return f
		}
		hired = false
		if first == "" {
			first = f
		}
		if !figureSeen {
			beforeFigure = f
		}
	}
	if beforeFigure != "" {
		return beforeFigure
	}
	return first
}

// trimPlaces cuts the place names a run of words starts with: 天津市西青区
// → "", 中北镇万达 → 万达.
func (m *Matcher) trimPlaces(f string) string {
	for f != "" {
		e, end := m.placeDict.at(f, 0)
		if e == nil {
			break
		}
		f = f[end:]
	}
	return f
}

// hasPlace reports a place name anywhere in f, not counting names that
// are common words too (新城, 朝阳).
func (m *Matcher) hasPlace(f string) bool {
	found := false
	m.placeDict.scan(f, func(_, _ int, e *dictEntry[[]placeRef]) {
		found = found || slices.ContainsFunc(e.val, func(r placeRef) bool { return !r.weak })
	})
	return found
}

// figureUnits follow a figure written in Chinese numerals: 三人, 一天.
const figureUnits = "个人名位天元块号点月日时岁次单张件台辆趟套"

// figureStart returns where the first number of f starts, or -1: a digit,
// or Chinese numerals that end f or come before a measure word (两百一天,
// 十个), not a word that holds a numeral (统一, 万达).
func figureStart(f string) int {
	run := -1
	for i, r := range f {
		switch {
		case r >= '0' && r <= '9':
			if run >= 0 {
				return run
			}
			return i
		case isFigureRune(r):
			if run < 0 {
				run = i
			}
		default:
			if run >= 0 && strings.ContainsRune(figureUnits, r) {
				return run
			}
			run = -1
		}
	}
	return run
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
	// A warning about a posting is not one: "那个交押金的保安招聘是骗子".
	if containsAny(s, warningWords...) {
		return false
	}
	asking := containsAny(s, askingWords...)
	// Looked for before numerals become digits too: "求一个瓦工".
	hiring := containsAny(withoutAny(s, askingHires), hiringWords...) || containsAny(withoutAny(norm, askingHires), hiringWords...)
	switch {
	case asking && !hiring:
		return false
	case hiring:
		return heads || skills || pay
	case containsAny(s, "需要", "要", "找"):
		// Weak verbs: a worker says "需要一份保洁工作" too, an employer
		// "找个水电工 修下水管 电话137…".
		return heads || skills && (pay || phone != "")
	}
	// Shorthand with no verb ("装卸工5名 日结300") still counts people, or
	// gives work, pay and a number to call ("河西 保洁 日结150 137…").
	return heads && (skills || pay) || phone != "" && skills && (pay || heads || containsAny(s, payWords...))
}

var (
	// askingWords are a worker's, looking for work or saying what they can
	// do: "找个保洁的活", "我们3个人 瓦工 找活", "我今年45岁…".
	askingWords = []string{"有招", "谁招", "哪里招", "哪招", "哪有", "有没有", "吗", "?", "求职", "找工作", "找活",
		"应聘", "我会", "我能", "本人", "找份", "找一份", "一份", "找点活", "的活", "想干", "我今年", "我是"}
	// askingHires ask who is hiring; their 招 is not the writer's own.
	askingHires = []string{"有没有招", "有招", "谁招", "哪里招", "哪招"}
	// hiringWords are an employer's.
	hiringWords = []string{"招", "聘", "急需", "缺人", "缺工", "用工", "用人", "找人", "要人", "来几个", "来个", "来俩",
		"求一个", "求个", "求两个", "求几个"}
	// warningWords warn others of a posting.
	warningWords = []string{"骗子", "别上当", "上当了", "被骗"}
	// payWords say how the work pays without a figure read as pay.
	payWords = []string{"日结", "月结", "周结", "面议", "计件", "工资"}
)

// withoutAny is s with every occurrence of the words taken out.
func withoutAny(s string, words []string) string {
	for _, w := range words {
		s = strings.ReplaceAll(s, w, " ")
	}
	return s
}
