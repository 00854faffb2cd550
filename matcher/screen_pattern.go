package matcher

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// screenPattern is one alternative of a group of screening.tsv, read as
// tokens: literal text, '#' (a figure), '*' (a short gap within the
// clause) and '~' (a short gap that may cross a comma, not a sentence).
type screenPattern struct {
	toks  []screenToken
	group int // -1: an exception phrase
}

type screenToken struct {
	kind byte // 'l' literal, '#', '*', '~'
	lit  string
}

// Gaps and figures are short: a gap spans at most gapRunes runes, a figure
// at most figureRunes ("1.5 万", "三百五").
const (
	gapRunes    = 10
	figureRunes = 10
)

// parseScreenPattern splits w into tokens. A pattern starts with literal
// text (it is indexed by its first rune) and ends with literal text or a
// figure.
func parseScreenPattern(w string, group int) (screenPattern, error) {
	p := screenPattern{group: group}
	lit := 0
	for i := 0; i < len(w); i++ {
		if c := w[i]; c == '#' || c == '*' || c == '~' {
			if i > lit {
				p.toks = append(p.toks, screenToken{kind: 'l', lit: w[lit:i]})
			}
			p.toks = append(p.toks, screenToken{kind: c})
			lit = i + 1
		}
	}
	if lit < len(w) {
		p.toks = append(p.toks, screenToken{kind: 'l', lit: w[lit:]})
	}
	if len(p.toks) == 0 || p.toks[0].kind != 'l' {
		return p, fmt.Errorf("pattern %q must start with text", w)
	}
	if k := p.toks[len(p.toks)-1].kind; k == '*' || k == '~' {
		return p, fmt.Errorf("pattern %q must not end with a gap", w)
	}
	return p, nil
}

// first is the rune the pattern is indexed by.
func (p *screenPattern) first() rune {
	c, _ := utf8.DecodeRuneInString(p.toks[0].lit)
	return c
}

// match reports whether p occurs at byte i of s, and where it ends.
func (r *screeningRules) match(p *screenPattern, s string, i int) (int, bool) {
	return r.matchFrom(p.toks, s, i)
}

func (r *screeningRules) matchFrom(toks []screenToken, s string, i int) (int, bool) {
	if len(toks) == 0 {
		return i, true
	}
	switch t := toks[0]; t.kind {
	case 'l':
		end, ok := matchLiteral(s, i, t.lit)
		if !ok {
			return 0, false
		}
		return r.matchFrom(toks[1:], s, end)
	case '#':
		end, ok := figureAt(s, i)
		if !ok {
			return 0, false
		}
		return r.matchFrom(toks[1:], s, end)
	default:
		// A gap stops at the end of the clause ('*') or sentence ('~'), and
		// at a word that takes the cost off the worker ("体检,公司报销,
		// 餐费自理" is no fee for the check-up).
		stops := ",.!?;\n"
		if t.kind == '~' {
			stops = ".!?;\n"
		}
		for n := 0; n <= gapRunes && i <= len(s); n++ {
			if end, ok := r.matchFrom(toks[1:], s, i); ok {
				return end, true
			}
			if i == len(s) || strings.IndexByte(stops, s[i]) >= 0 || hasPrefixAny(s[i:], r.afterClause...) || strings.HasPrefix(s[i:], "免") {
				break
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		return 0, false
	}
}

// matchLiteral matches lit at byte i of s, skipping spaces inside s ("押 金"
// is 押金; people space words out, and some do to slip past filters). A
// latin word must not touch other latin letters or digits ("vx" is not in
// "vxx").
func matchLiteral(s string, i int, lit string) (int, bool) {
	if isASCIIAlnumByte(lit[0]) && i > 0 && isASCIIAlnumByte(s[i-1]) {
		return 0, false
	}
	j := i
	for k := 0; k < len(lit); k++ {
		for k > 0 && j < len(s) && s[j] == ' ' && lit[k] != ' ' {
			j++
		}
		if j >= len(s) || s[j] != lit[k] {
			return 0, false
		}
		j++
	}
	if last := lit[len(lit)-1]; isASCIILetter(last) && j < len(s) && isASCIILetter(s[j]) {
		return 0, false
	}
	return j, true
}

// figureAt reads a figure of digits or Chinese numerals at byte i of s
// (300, 三百, 1.5 万), and returns where it ends.
func figureAt(s string, i int) (int, bool) {
	digits, end := 0, i
	for n := 0; i < len(s) && n < figureRunes; n++ {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c >= '0' && c <= '9' || isFigureRune(c) {
			digits++
			end = i + size
		} else if c != ' ' && c != '.' {
			break
		}
		i += size
	}
	return end, digits > 0
}

// isFigureRune reports the Chinese numerals people write amounts with.
func isFigureRune(c rune) bool {
	return c >= 0x3007 && strings.ContainsRune("零〇一二两三四五六七八九十百千万俩仨", c)
}

func isASCIIAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || isASCIILetter(c)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
