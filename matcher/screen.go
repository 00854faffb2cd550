package matcher

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/gigbot/gigbot"
)

// screeningRules are the rules of screening.tsv, ready to match.
type screeningRules struct {
	exceptions []string // phrases removed before the rules run
	negators   []string // words that cancel a hit right after them
	rules      []screeningRule
}

type screeningRule struct {
	code     string
	verdict  gigbot.Verdict
	patterns []string
}

// negationWindow is how many runes may stand between a negator and the word
// it denies ("不收任何押金").
const negationWindow = 3

func (m *Matcher) loadRules(b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 3 {
			return fmt.Errorf("line %d: want 3 columns, got %d", line, len(f))
		}
		var pats []string
		for _, p := range splitList(f[2]) {
			pats = append(pats, Normalize(p))
		}
		switch v := gigbot.Verdict(f[1]); v {
		case gigbot.VerdictOK:
			m.rules.exceptions = append(m.rules.exceptions, pats...)
		case "negate":
			m.rules.negators = append(m.rules.negators, pats...)
		case gigbot.VerdictReject, gigbot.VerdictReview:
			m.rules.rules = append(m.rules.rules, screeningRule{code: f[0], verdict: v, patterns: pats})
		default:
			return fmt.Errorf("line %d: unknown verdict %q", line, f[1])
		}
	}
	return sc.Err()
}

// Screen checks a posting before it is published: fees asked of job
// seekers and task scams are rejected, discriminatory requirements go to
// staff for review. Reasons are the codes of the rules hit, never nil. A
// missing phone is no reason: the employer is reachable through the chat.
func (m *Matcher) Screen(p gigbot.Posting) gigbot.Screening {
	return m.screen(Normalize(p.Text))
}

// screen is Screen on normalised text.
func (m *Matcher) screen(s string) gigbot.Screening {
	out := gigbot.Screening{Verdict: gigbot.VerdictOK, Reasons: []string{}}
	for _, e := range m.rules.exceptions {
		if strings.Contains(s, e) {
			s = strings.ReplaceAll(s, e, " ")
		}
	}
	for _, r := range m.rules.rules {
		if !m.rules.hits(s, r.patterns) {
			continue
		}
		out.Reasons = append(out.Reasons, r.code)
		if r.verdict == gigbot.VerdictReject || out.Verdict == gigbot.VerdictOK {
			out.Verdict = r.verdict
		}
	}
	return out
}

// hits reports whether one of patterns occurs in s without a negator just
// before it.
func (r *screeningRules) hits(s string, patterns []string) bool {
	for _, p := range patterns {
		for from := 0; ; {
			i := strings.Index(s[from:], p)
			if i < 0 {
				break
			}
			i += from
			if !r.negated(s[:i]) {
				return true
			}
			from = i + len(p)
		}
	}
	return false
}

// negated reports whether a negator ends within negationWindow runes before
// the end of before, with no clause break in between.
func (r *screeningRules) negated(before string) bool {
	tail := []rune(before)
	if len(tail) > negationWindow+4 {
		tail = tail[len(tail)-negationWindow-4:]
	}
	t := string(tail)
	if i := strings.LastIndexAny(t, ",.!?;\n"); i >= 0 {
		t = t[i+1:]
	}
	for _, n := range r.negators {
		i := strings.LastIndex(t, n)
		if i >= 0 && runeLen(t[i+len(n):]) <= negationWindow {
			return true
		}
	}
	return false
}
