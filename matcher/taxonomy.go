package matcher

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Skill is one entry of the taxonomy.
type Skill struct {
	Code     string
	Name     string // display name, e.g. "保洁"
	NameEn   string // English display name, e.g. "Cleaner"
	Synonyms []string
}

// stopCode marks taxonomy rows whose words name no skill (包水电, 小时工):
// they are matched only so that a shorter synonym inside them is not.
const stopCode = "-"

var skillCodeRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// loadSkills reads skills.tsv: code, name, name_en, synonyms.
func (m *Matcher) loadSkills(b []byte) error {
	m.skillIndex = map[string]int{}
	m.skillDict = newDict[string]()
	err := eachRow(b, func(line int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("line %d: want 4 tab-separated columns, got %d", line, len(f))
		}
		code := f[0]
		words := append([]string{f[1]}, splitList(f[3])...)
		if code != stopCode {
			if !skillCodeRE.MatchString(code) {
				return fmt.Errorf("line %d: bad code %q", line, code)
			}
			if _, dup := m.skillIndex[code]; dup {
				return fmt.Errorf("line %d: duplicate code %q", line, code)
			}
			m.skillIndex[code] = len(m.skills)
			m.skills = append(m.skills, Skill{Code: code, Name: f[1], NameEn: f[2], Synonyms: splitList(f[3])})
		} else {
			words = words[1:]
		}
		for _, w := range words {
			w = Normalize(w)
			if runeLen(w) < 2 {
				return fmt.Errorf("line %d: synonym %q too short to be unambiguous", line, w)
			}
			if prev, dup := m.skillDict.get(w); dup && prev != code {
				return fmt.Errorf("line %d: synonym %q of %s already belongs to %s", line, w, code, prev)
			}
			m.skillDict.set(w, code)
		}
		return nil
	})
	if err != nil {
		return err
	}
	m.addEnglishSkillWords()
	m.skillDict.freeze()
	return m.loadTypos(typosTSV)
}

// addEnglishSkillWords lets English speakers name their work: each
// skill's English name ("welder", "forklift driver") and the trade for a
// name in -er ("cleaning", "welding"). A word another skill has already is
// left to it; shorter English words are synonyms in skills.tsv.
func (m *Matcher) addEnglishSkillWords() {
	add := func(w, code string) {
		if len(w) < 4 {
			return
		}
		if _, taken := m.skillDict.get(w); !taken {
			m.skillDict.set(w, code)
		}
	}
	for _, sk := range m.skills {
		name := strings.ToLower(strings.TrimSpace(sk.NameEn))
		if name == "" || !isASCIIWordOrSpaces(name) {
			continue
		}
		add(name, sk.Code)
		if stem, ok := strings.CutSuffix(name, "er"); ok && !strings.Contains(stem, " ") {
			add(stem+"ing", sk.Code)
		}
	}
}

// isASCIIWordOrSpaces reports a latin name of letters and spaces only.
func isASCIIWordOrSpaces(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c == ' ') {
			return false
		}
	}
	return true
}

func splitList(s string) []string {
	var out []string
	for _, w := range strings.Split(s, "|") {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Skills returns the skill codes mentioned in text, in order of appearance,
// without duplicates.
func (m *Matcher) Skills(text string) []string {
	return m.skillsIn(Normalize(text))
}

// skillHit is one skill word found in normalised text.
type skillHit struct {
	start, end int
	code, key  string
}

// skillHits finds the skill words of norm, leftmost-longest, reading
// through one typing slip where that gives a longer word (电汗工, 保沽).
// Stop phrases, denied skills ("不会电焊") and fees (拍照费) are left out.
func (m *Matcher) skillHits(norm string) []skillHit {
	var hits []skillHit
	typo := m.firstTypo(norm, 0)
	for i := 0; i < len(norm); {
		e, end := m.skillDict.at(norm, i)
		if typo >= 0 && typo < i {
			typo = m.firstTypo(norm, i)
		}
		if typo >= i && typo-i < typoWindow {
			if te, tend := m.typoAt(norm, i); te != nil && tend > end {
				e, end = te, tend
			}
		}
		if e == nil {
			_, size := utf8.DecodeRuneInString(norm[i:])
			i += size
			continue
		}
		if e.val != stopCode && !negatedSkill(norm[:i]) && !m.driverWord(hits, i, e.key) && !feeWord(norm[end:]) {
			hits = append(hits, skillHit{start: i, end: end, code: e.val, key: e.key})
		}
		i = end
	}
	return hits
}

// feeWord reports a 费 right after a skill word: 拍照费, 培训费, 快递费 name
// a cost, not a job.
func feeWord(after string) bool { return strings.HasPrefix(after, "费") }

// driverWord reports a bare 司机 right after a vehicle or machine
// ("厢货司机", "叉车思机"): the driver of that vehicle, not a car driver.
func (m *Matcher) driverWord(hits []skillHit, start int, key string) bool {
	if key != "司机" || len(hits) == 0 || hits[len(hits)-1].end != start {
		return false
	}
	c := hits[len(hits)-1].code
	return strings.HasSuffix(c, "_driver") || strings.HasSuffix(c, "_operator") || strings.HasSuffix(c, "_crane") || c == "dump_truck"
}

// skillsIn is Skills on normalised text.
func (m *Matcher) skillsIn(norm string) []string {
	return codesOf(m.skillHits(norm))
}

// codesOf lists the codes of hits in order, without duplicates.
func codesOf(hits []skillHit) []string {
	out := []string{}
	for _, h := range hits {
		if !slices.Contains(out, h.code) {
			out = append(out, h.code)
		}
	}
	return out
}

// negatedSkill reports whether the words right before a skill deny it
// ("不会电焊", "不要厨师"), so a worker's "不会开车" does not become a driver.
func negatedSkill(before string) bool {
	_, ok := hasAnySuffix(before, "不会", "不能", "不要", "不招", "不需要", "不用", "不懂", "没干过", "不做", "不干")
	return ok
}

// SkillName returns the display name of a skill code in lang ("zh", "en"),
// or the code itself when unknown.
func (m *Matcher) SkillName(code, lang string) string {
	i, ok := m.skillIndex[code]
	if !ok {
		return code
	}
	if strings.HasPrefix(lang, "en") && m.skills[i].NameEn != "" {
		return m.skills[i].NameEn
	}
	return m.skills[i].Name
}

// Skill returns the taxonomy entry of a code.
func (m *Matcher) Skill(code string) (Skill, bool) {
	i, ok := m.skillIndex[code]
	if !ok {
		return Skill{}, false
	}
	return m.skills[i], true
}

// AllSkills returns every taxonomy entry in file order. The slice is a copy.
func (m *Matcher) AllSkills() []Skill {
	return append([]Skill(nil), m.skills...)
}
