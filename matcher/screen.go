package matcher

import (
	"strings"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// Screen checks a posting before it is published, by the rules of
// data/screening.tsv (documented there): fees asked of job seekers, task
// scams, money mules and overseas high-pay offers are rejected; bait pay,
// discriminatory requirements, age limits and postings that send workers
// off to an unchecked contact go to staff for review, or are rejected when
// blatant. Reasons are the codes of the rules hit, in the order of the
// file, each once, never nil.
//
// Rules on parsed fields (pay against the going rate of the posting's
// skills, a phone number) read p.Pay, p.Skills and p.Phone, so p should come
// from ParsePosting. A missing phone alone is no reason: the employer is
// reachable through the chat.
func (m *Matcher) Screen(p gigbot.Posting) gigbot.Screening {
	return m.screenPosting(Normalize(p.Text), p)
}

// screenPosting is Screen on text already normalised.
func (m *Matcher) screenPosting(norm string, p gigbot.Posting) gigbot.Screening {
	f := postingFacts{phone: p.Phone != "" || hasLandline(norm), top: m.rules.rates.top(p.Skills)}
	f.daily, f.pay = p.Pay.DailyMax()
	return m.rules.screen(norm, &f)
}

// screen is a first screening of normalised text alone: rules that need
// parsed fields (no_phone, pay>Nx) are skipped. Screen does the whole job.
func (m *Matcher) screen(norm string) gigbot.Screening {
	return m.rules.screen(norm, nil)
}

// postingFacts are the parsed fields the conditions of rules read.
type postingFacts struct {
	phone bool
	pay   bool
	daily int // best daily pay, yuan
	top   int // top going daily rate for the posting's skills
}

func (r *screeningRules) screen(s string, f *postingFacts) gigbot.Screening {
	out := gigbot.Screening{Verdict: gigbot.VerdictOK, Reasons: []string{}}
	var found groupSet
	r.find(s, &found)
	var codes uint64
	age, floor, ageDone := 0, 0, false
rules:
	for _, rule := range r.rules {
		for _, g := range rule.groups {
			if !found.has(g) {
				continue rules
			}
		}
		switch c := rule.cond; c.kind {
		case condNoPhone:
			if f == nil || f.phone {
				continue
			}
		case condPayOver:
			if f == nil || !f.pay || float64(f.daily) <= c.value*float64(f.top) {
				continue
			}
		case condAgeUnder, condAgeFrom:
			if !ageDone {
				age, floor = ageLimits(s)
				ageDone = true
			}
			if c.kind == condAgeUnder && (age == 0 || float64(age) >= c.value) ||
				c.kind == condAgeFrom && float64(floor) < c.value {
				continue
			}
		case condOneSex:
			if !oneSex(s) {
				continue
			}
		}
		codes |= 1 << rule.code
		if rule.verdict == gigbot.VerdictReject || out.Verdict == gigbot.VerdictOK {
			out.Verdict = rule.verdict
		}
	}
	if codes != 0 {
		out.Reasons = make([]string, 0, 4)
		for i, c := range r.codes {
			if codes&(1<<i) != 0 {
				out.Reasons = append(out.Reasons, c)
			}
		}
	}
	return out
}

// screenHit is a rule pattern found in the text.
type screenHit struct {
	start, end, group int
	deniedBefore      bool // 不收押金
	deniedAfter       bool // 押金全免
}

func (h *screenHit) denied() bool { return h.deniedBefore || h.deniedAfter }

// maxScreenHits is how many hits (and exception phrases) one text keeps
// for list and overlap handling; later hits count unless denied on their
// own.
const maxScreenHits = 32

// span is where an exception phrase was read.
type span struct{ start, end int }

// find adds to found the groups of every rule pattern in s that neither
// overlaps an exception phrase nor is denied. A denial carries along a
// list: "不收押金,培训费,体检费" denies all three, "押金,培训费全免" both.
func (r *screeningRules) find(s string, found *groupSet) {
	var hits [maxScreenHits]screenHit
	var excepts [maxScreenHits]span
	n, ne, covered := 0, 0, 0
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if r.mayStart(c) {
			for k := range r.byFirst[c] {
				p := &r.byFirst[c][k]
				end, ok := r.match(p, s, i)
				switch {
				case !ok:
					continue
				case p.group < 0:
					covered = max(covered, end)
					if ne < len(excepts) {
						excepts[ne] = span{i, end}
						ne++
					}
					continue
				case i < covered:
					continue
				}
				h := screenHit{start: i, end: end, group: p.group}
				h.deniedBefore = r.deniedBefore(s[:i])
				h.deniedAfter = !h.deniedBefore && r.deniedAfter(s[end:])
				if n < len(hits) {
					hits[n] = h
					n++
				} else if !h.denied() {
					found.add(h.group)
				}
			}
		}
		i += size
	}
	// A hit that runs into an exception read later is part of it: 要求男 in
	// "要求男女不限".
	kept := 0
	for k := range n {
		h := hits[k]
		inside := false
		for _, e := range excepts[:ne] {
			if h.start < e.end && e.start < h.end {
				inside = true
				break
			}
		}
		if !inside {
			hits[kept] = h
			kept++
		}
	}
	n = kept
	for k := 1; k < n; k++ {
		if h := &hits[k]; !h.denied() && hits[k-1].deniedBefore && listed(s, &hits[k-1], h) && !stated(s[h.end:]) {
			h.deniedBefore = true
		}
	}
	for k := n - 2; k >= 0; k-- {
		if h := &hits[k]; !h.denied() && hits[k+1].deniedAfter && listed(s, h, &hits[k+1]) {
			h.deniedAfter = true
		}
	}
	for k := range n {
		if !hits[k].denied() {
			found.add(hits[k].group)
		}
	}
}

// listed reports whether b follows a as the next item of a list: only
// separators between them, or the same words read twice.
func listed(s string, a, b *screenHit) bool {
	if b.start < a.end {
		return true
	}
	gap := s[a.end:b.start]
	if utf8.RuneCountInString(gap) > 3 {
		return false
	}
	for _, c := range gap {
		if !strings.ContainsRune(" ,/和及与或", c) {
			return false
		}
	}
	return true
}

// stated reports a fee stated as owed right after its name ("押金200",
// "押金:三百", "服装费自理"), which ends a list of things not charged.
func stated(after string) bool {
	after = strings.TrimLeft(after, " :")
	c, _ := utf8.DecodeRuneInString(after)
	return c >= '0' && c <= '9' || isFigureRune(c) ||
		hasPrefixAny(after, "自理", "自费", "自付", "另交", "另付", "需交", "要交", "个人承担", "自己出")
}

// deniedBefore reports a negator right before a hit, with only filler words
// between: 不收任何押金, 无需缴纳培训费, 零押金 (but not 300押金).
func (r *screeningRules) deniedBefore(before string) bool {
	for range 6 {
		before = strings.TrimRight(before, " ")
		for _, n := range r.negators {
			if strings.HasSuffix(before, n) && !gluedToFigure(before, n) {
				return true
			}
		}
		filler := ""
		for _, f := range r.fillers {
			if strings.HasSuffix(before, f) {
				filler = f
				break
			}
		}
		if filler == "" {
			return false
		}
		before = before[:len(before)-len(filler)]
	}
	return false
}

// gluedToFigure reports a negator written in digits that ends a larger
// figure: the 0 of 300押金.
func gluedToFigure(before, n string) bool {
	if n[0] < '0' || n[0] > '9' {
		return false
	}
	i := len(before) - len(n)
	return i > 0 && (before[i-1] >= '0' && before[i-1] <= '9' || before[i-1] == '.')
}

// afterWindow is how many bytes after a hit a reimbursement may be named
// ("体检费入职后报销"): about ten Chinese characters.
const afterWindow = 30

// deniedAfter reports a denial right after a hit in the same clause
// ("押金全免", "体检费:无", "体检费由公司承担"), or a reimbursement named
// anywhere in the next few characters of the clause.
func (r *screeningRules) deniedAfter(after string) bool {
	if i := strings.IndexAny(after, ",.!?;\n"); i >= 0 {
		after = after[:i]
	}
	if len(after) > afterWindow {
		after = after[:afterWindow] // may cut a rune; only matched against whole words
	}
	t := strings.TrimLeft(after, " :([用均都已")
	if hasPrefixAny(t, r.after...) {
		return true
	}
	for _, w := range r.afterClause {
		if strings.Contains(after, w) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// hasLandline reports a Tianjin landline written in full (022-2345 6789)
// or an 8-digit number right after 电话 or 座机: the employer can be called
// even without a mobile.
func hasLandline(s string) bool {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], "022")
		if i < 0 {
			break
		}
		i += from
		if (i == 0 || !isASCIIAlnumByte(s[i-1])) && digitsFrom(strings.TrimLeft(s[i+3:], " -")) >= 8 {
			return true
		}
		from = i + 3
	}
	for _, w := range [...]string{"电话", "座机", "tel"} {
		if _, rest, ok := strings.Cut(s, w); ok && digitsFrom(strings.TrimLeft(rest, " :")) == 8 {
			return true
		}
	}
	return false
}

// digitsFrom counts the digits s starts with, allowing single spaces and
// dashes between them.
func digitsFrom(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			n++
		case (c == ' ' || c == '-') && n > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
		default:
			return n
		}
	}
	return n
}
