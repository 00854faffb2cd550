package matcher

import (
	"strings"
	"unicode/utf8"
)

// Ages below minAgeLimit are about the people cared for ("照顾3岁以下宝宝"),
// not the worker, and say nothing about an age limit.
const minAgeLimit = 16

// ageCeiling returns the lowest upper age limit a posting sets for the
// worker, or 0 for none: "18-45岁" → 45, "45周岁以下" → 45, "不超过五十岁"
// → 50, "50岁以上勿扰" → 50, "年龄18-50" → 50. A floor alone ("18岁以上")
// is no limit.
func ageCeiling(s string) int {
	ceiling, _ := ageLimits(s)
	return ceiling
}

// ageLimits returns ageCeiling and the highest lower end of an age range
// the posting states for the worker ("50-60岁" → 50, "男 45-60" → 45), or 0
// for none. A floor alone ("18岁以上") is no range.
func ageLimits(s string) (ceiling, floor int) {
	best := 0
	note := func(v int) {
		if v >= minAgeLimit && v < 100 && (best == 0 || v < best) {
			best = v
		}
	}
	noteRange := func(lo, hi int) {
		note(hi)
		if lo >= minAgeLimit && lo < hi && hi < 100 {
			floor = max(floor, lo)
		}
	}
	for from := 0; ; {
		i := strings.Index(s[from:], "岁")
		if i < 0 {
			break
		}
		i += from
		from = i + len("岁")
		n, rest, ok := figureBefore(strings.TrimSuffix(strings.TrimRight(s[:i], " "), "周"))
		if !ok {
			continue
		}
		after := strings.TrimLeft(s[from:], " ")
		if lo, ok := rangeStart(rest); ok && lo < n {
			noteRange(lo, n)
			continue
		}
		switch {
		case hasPrefixAny(after, "以下", "以内", "之内", "及以下", "之下", "内"):
			note(n)
		case hasPrefixAny(after, "以上", "及以上", "之上") && excludes(after):
			note(n)
		case hasSuffixAny(rest, "不超过", "不大于", "不高于", "低于", "小于", "不超", "不能超过", "不得超过", "不要超过", "未超过", "不过"):
			note(n)
		case hasSuffixAny(rest, "超过", "大于", "高于", "满") && excludes(after):
			note(n)
		}
	}
	// "年龄18-45", "年龄45以下", and a range right after a sex word ("男
	// 18-55", "女18-40"), without 岁. After a sex word the range must start
	// at an adult age and not count people or money: 男工3-5名, 女 20-30元.
	for _, lead := range [...]string{"年龄", "男", "女"} {
		for from := 0; ; {
			i := strings.Index(s[from:], lead)
			if i < 0 {
				break
			}
			from += i + len(lead)
			after := s[from:]
			if c, size := utf8.DecodeRuneInString(after); lead != "年龄" && strings.ContainsRune(sexWordEnds, c) {
				after = after[size:]
			}
			lo, rest, ok := figureAfter(strings.TrimLeft(after, " :要求在限为"))
			if !ok {
				continue
			}
			rest = strings.TrimLeft(rest, " ")
			if r2, ok := cutPrefixAny(rest, "-", "~", "至", "到"); ok {
				hi, rest, ok := figureAfter(strings.TrimLeft(r2, " "))
				if ok && hi > lo && (lead == "年龄" || lo >= minAgeLimit && !countsUnit(rest)) {
					noteRange(lo, hi)
				}
				continue
			}
			if lead == "年龄" && hasPrefixAny(rest, "以下", "以内", "之内") {
				note(lo)
			}
		}
	}
	return best, floor
}

// countsUnit reports a unit right after a figure that makes it a count
// or an amount, not an age: 5名, 30元, 20个.
func countsUnit(after string) bool {
	c, _ := utf8.DecodeRuneInString(strings.TrimLeft(after, " "))
	return strings.ContainsRune("人名个位元块天号点时月小k", c)
}

// excludes reports words that turn "以上" into a ceiling: 50岁以上勿扰.
func excludes(after string) bool {
	if len(after) > 24 {
		after = after[:24]
	}
	for _, w := range [...]string{"勿扰", "不要", "免谈", "谢绝", "不招", "不考虑", "不收", "不用"} {
		if strings.Contains(after, w) {
			return true
		}
	}
	return false
}

// rangeStart reads the lower end of a range that ends s: "18-", "十八至".
func rangeStart(s string) (int, bool) {
	s = strings.TrimRight(s, " ")
	rest, ok := cutSuffixAny(s, "-", "~", "至", "到")
	if !ok {
		return 0, false
	}
	n, _, ok := figureBefore(strings.TrimSuffix(strings.TrimRight(rest, " "), "岁"))
	return n, ok
}

// figureBefore reads a small number (digits or Chinese numerals, up to
// three characters) that ends s, and returns it with the text before it.
func figureBefore(s string) (int, string, bool) {
	j := len(s)
	for k := 0; k < 3 && j > 0; k++ {
		c, size := utf8.DecodeLastRuneInString(s[:j])
		if !(c >= '0' && c <= '9' || isAgeNumeral(c)) {
			break
		}
		j -= size
	}
	v, ok := smallNumber(s[j:])
	return v, s[:j], ok
}

// figureAfter reads a small number that starts s, and returns it with the
// text after it.
func figureAfter(s string) (int, string, bool) {
	j := 0
	for k := 0; k < 3 && j < len(s); k++ {
		c, size := utf8.DecodeRuneInString(s[j:])
		if !(c >= '0' && c <= '9' || isAgeNumeral(c)) {
			break
		}
		j += size
	}
	v, ok := smallNumber(s[:j])
	return v, s[j:], ok
}

func isAgeNumeral(c rune) bool { return strings.ContainsRune("一二两三四五六七八九十", c) }

// smallNumber reads 45, 四十五, 五十, 十八; anything else is not ok.
func smallNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	digit := func(c rune) int {
		for d, r := range [...]rune{'零', '一', '二', '三', '四', '五', '六', '七', '八', '九'} {
			if r == c {
				return d
			}
		}
		return -1
	}
	rs := []rune(s) // at most three runes
	if len(rs) > 3 {
		return 0, false
	}
	v, tens := 0, false
	for k, c := range rs {
		switch {
		case c == '十':
			if tens {
				return 0, false
			}
			tens = true
			if k == 0 {
				v = 10
			} else {
				v *= 10
			}
		case c == '两':
			v += 2
		default:
			d := digit(c)
			if d < 0 || k > 0 && !tens {
				return 0, false
			}
			v += d
		}
	}
	return v, true
}

func hasSuffixAny(s string, ps ...string) bool {
	_, ok := cutSuffixAny(s, ps...)
	return ok
}

func cutSuffixAny(s string, ps ...string) (string, bool) {
	for _, p := range ps {
		if r, ok := strings.CutSuffix(s, p); ok {
			return r, true
		}
	}
	return s, false
}

func cutPrefixAny(s string, ps ...string) (string, bool) {
	for _, p := range ps {
		if r, ok := strings.CutPrefix(s, p); ok {
			return r, true
		}
	}
	return s, false
}
