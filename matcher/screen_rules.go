package matcher

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gigbot/gigbot"
)

// screeningRules are the rules of screening.tsv and the going rates of
// pay_rates.tsv, compiled once by Load: every pattern sits in one index by
// its first rune, so screening a posting is one pass over its text.
type screeningRules struct {
	version string
	codes   []string // reason codes, in the order reasons are listed
	rules   []screeningRule
	groups  int // pattern groups; a rule needs all of its groups found

	byFirst map[rune][]screenPattern
	first   [1 << 10]uint64 // bit per BMP rune: some pattern starts with it

	negators, fillers, after, afterClause []string // longest first
	rates                                 payRates
}

type screeningRule struct {
	code    int // index in codes
	verdict gigbot.Verdict
	groups  []int
	cond    screenCond
}

// screenCond is a rule's condition on the parsed posting (column "when").
type screenCond struct {
	kind  condKind
	value float64
}

type condKind uint8

const (
	condNone     condKind = iota
	condNoPhone           // no_phone
	condPayOver           // pay>Nx
	condAgeUnder          // age<N
	condAgeFrom           // floor>=N
	condOneSex            // one_sex
)

// needsPosting reports conditions that text alone cannot decide.
func (c screenCond) needsPosting() bool { return c.kind == condNoPhone || c.kind == condPayOver }

// maxScreenGroups bounds the pattern groups, so the set of groups found
// fits a fixed array on the stack.
const maxScreenGroups = 256

type groupSet [maxScreenGroups / 64]uint64

func (g *groupSet) add(i int)      { g[i/64] |= 1 << (i % 64) }
func (g *groupSet) has(i int) bool { return g[i/64]&(1<<(i%64)) != 0 }
func (r *screeningRules) mayStart(c rune) bool {
	return c >= 1<<16 || r.first[c/64]&(1<<(c%64)) != 0
}

// loadRules compiles screening.tsv and, with it, pay_rates.tsv. It runs
// after the taxonomy is loaded, so the rates can be checked against it.
func (m *Matcher) loadRules(b []byte) error {
	r := &m.rules
	r.byFirst = map[rune][]screenPattern{}
	sets := map[string][]string{}
	codeIndex := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if v, ok := strings.CutPrefix(text, "# version:"); ok {
			r.version = strings.TrimSpace(v)
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 4 {
			return fmt.Errorf("line %d: want 4 columns, got %d", line, len(f))
		}
		code, verdict, when, pats := f[0], f[1], f[2], f[3]
		words := func() []string { return expand(splitScreenList(pats), sets) }
		for rest := pats; strings.Contains(rest, "{"); {
			_, rest, _ = strings.Cut(rest, "{")
			name, _, _ := strings.Cut(rest, "}")
			if _, ok := sets[name]; !ok {
				return fmt.Errorf("line %d: unknown set {%s}", line, name)
			}
		}
		switch verdict {
		case "set":
			sets[code] = words()
		case "negate":
			r.negators = append(r.negators, words()...)
		case "filler":
			r.fillers = append(r.fillers, words()...)
		case "negate_after":
			if when == "clause" {
				r.afterClause = append(r.afterClause, words()...)
			} else {
				r.after = append(r.after, words()...)
			}
		case "ok":
			for _, w := range words() {
				if err := r.addPattern(w, -1); err != nil {
					return fmt.Errorf("line %d: %w", line, err)
				}
			}
		case string(gigbot.VerdictReject), string(gigbot.VerdictReview):
			cond, err := parseCond(when)
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			i, ok := codeIndex[code]
			if !ok {
				i = len(r.codes)
				codeIndex[code] = i
				r.codes = append(r.codes, code)
			}
			rule := screeningRule{code: i, verdict: gigbot.Verdict(verdict), cond: cond}
			if strings.TrimSpace(pats) != "-" {
				for _, g := range strings.Split(pats, "&") {
					alts := expand(splitScreenList(g), sets)
					if len(alts) == 0 {
						return fmt.Errorf("line %d: empty pattern group", line)
					}
					if r.groups == maxScreenGroups {
						return fmt.Errorf("line %d: more than %d pattern groups", line, maxScreenGroups)
					}
					for _, w := range alts {
						if err := r.addPattern(w, r.groups); err != nil {
							return fmt.Errorf("line %d: %w", line, err)
						}
					}
					rule.groups = append(rule.groups, r.groups)
					r.groups++
				}
			}
			if len(rule.groups) == 0 && cond.kind == condNone {
				return fmt.Errorf("line %d: rule %s has neither patterns nor condition", line, code)
			}
			r.rules = append(r.rules, rule)
		default:
			return fmt.Errorf("line %d: unknown verdict %q", line, verdict)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if r.version == "" {
		return fmt.Errorf("no '# version:' line")
	}
	for _, l := range [][]string{r.negators, r.fillers, r.after, r.afterClause} {
		longestFirst(l)
	}
	for c, b := range r.byFirst {
		// Exceptions first, so a rule word inside one is seen as covered.
		sort.SliceStable(b, func(i, j int) bool { return b[i].group < 0 && b[j].group >= 0 })
		if c < 1<<16 {
			r.first[c/64] |= 1 << (c % 64)
		}
	}
	return m.loadPayRates(payRatesTSV)
}

// addPattern indexes one alternative by its first rune.
func (r *screeningRules) addPattern(w string, group int) error {
	p, err := parseScreenPattern(w, group)
	if err != nil {
		return err
	}
	r.byFirst[p.first()] = append(r.byFirst[p.first()], p)
	return nil
}

func parseCond(s string) (screenCond, error) {
	switch {
	case s == "-" || s == "":
		return screenCond{}, nil
	case s == "no_phone":
		return screenCond{kind: condNoPhone}, nil
	case s == "one_sex":
		return screenCond{kind: condOneSex}, nil
	case strings.HasPrefix(s, "pay>") && strings.HasSuffix(s, "x"):
		v, err := strconv.ParseFloat(s[4:len(s)-1], 64)
		if err != nil || v <= 1 {
			return screenCond{}, fmt.Errorf("bad condition %q", s)
		}
		return screenCond{kind: condPayOver, value: v}, nil
	case strings.HasPrefix(s, "floor>="):
		v, err := strconv.Atoi(s[len("floor>="):])
		if err != nil || v < 16 {
			return screenCond{}, fmt.Errorf("bad condition %q", s)
		}
		return screenCond{kind: condAgeFrom, value: float64(v)}, nil
	case strings.HasPrefix(s, "age<"):
		v, err := strconv.Atoi(s[4:])
		if err != nil || v < 16 {
			return screenCond{}, fmt.Errorf("bad condition %q", s)
		}
		return screenCond{kind: condAgeUnder, value: float64(v)}, nil
	}
	return screenCond{}, fmt.Errorf("unknown condition %q", s)
}

// splitScreenList splits '|'-separated words and normalises them the way
// posting text is normalised.
func splitScreenList(s string) []string {
	var out []string
	for _, w := range strings.Split(s, "|") {
		if w = strings.TrimSpace(w); w != "" && w != "-" {
			out = append(out, Normalize(w))
		}
	}
	return out
}

// expand replaces each {name} in words with every member of that set.
func expand(words []string, sets map[string][]string) []string {
	var out []string
	for _, w := range words {
		i := strings.Index(w, "{")
		j := strings.Index(w, "}")
		if i < 0 || j < i {
			out = append(out, w)
			continue
		}
		for _, v := range sets[w[i+1:j]] {
			out = append(out, expand([]string{w[:i] + v + w[j+1:]}, sets)...)
		}
	}
	return out
}

func longestFirst(l []string) {
	sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
}

// ScreeningVersion is the version of the screening rules (screening.tsv and
// pay_rates.tsv), to record with a screened posting.
func (m *Matcher) ScreeningVersion() string { return m.rules.version }
