package bot

import (
	"strconv"
	"strings"
)

// cnDigits are the values of the Chinese digits people type.
var cnDigits = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// cnUnits are the Chinese place units up to a thousand.
var cnUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

// arabic rewrites the Chinese numerals in s as Arabic digits, so times,
// counts and durations are read one way: "晚上八点" → "晚上8点", "十二"
// → "12", "一百五" → "150" (the colloquial tail: 一百五 is 150, not 105).
// The matcher reads pay and distance this way itself; this covers what
// the dialog reads on its own (clock times, caps, durations).
func arabic(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && isCnNumeral(rs[j]) {
			j++
		}
		if j == i {
			b.WriteRune(rs[i])
			i++
			continue
		}
		if lo, hi, ok := aboutRange(rs[i:j]); ok {
			// "两三条", "三五个": about that many, a range.
			b.WriteString(strconv.Itoa(lo) + "-" + strconv.Itoa(hi))
		} else if v, ok := cnValue(rs[i:j]); ok {
			b.WriteString(strconv.Itoa(v))
		} else {
			b.WriteString(string(rs[i:j]))
		}
		i = j
	}
	return b.String()
}

func isCnNumeral(r rune) bool {
	_, d := cnDigits[r]
	_, u := cnUnits[r]
	return d || u
}

// cnValue is the value of a run of Chinese numerals: 十二 12, 二十三 23,
// 两百 200, 一百零五 105, 一百五 150, 三千 3000. A run of bare digits
// (一二三) reads digit by digit. A lone unit other than 十 is not a number.
func cnValue(rs []rune) (int, bool) {
	total, digit, lastUnit := 0, -1, 0
	zero := false
	for _, r := range rs {
		if d, ok := cnDigits[r]; ok {
			if digit >= 0 { // digits in a row: 一二三
				digit = digit*10 + d
			} else {
				digit = d
			}
			if d == 0 {
				zero = true
			}
			continue
		}
		u := cnUnits[r]
		if digit < 0 {
			if u != 10 || total != 0 {
				return 0, false
			}
			digit = 1 // 十二: the one is left out
		}
		total += digit * u
		digit, lastUnit, zero = -1, u, false
	}
	if digit >= 0 {
		if lastUnit >= 100 && !zero && digit < 10 {
			digit *= lastUnit / 10 // 一百五, 三千二
		}
		total += digit
	}
	return total, true
}

// aboutRange reads two digits that say "about": 两三 (2-3), 四五, 三五.
func aboutRange(rs []rune) (lo, hi int, ok bool) {
	if len(rs) != 2 {
		return 0, 0, false
	}
	a, okA := cnDigits[rs[0]]
	b, okB := cnDigits[rs[1]]
	if !okA || !okB || a == 0 || !(b == a+1 || a == 3 && b == 5) {
		return 0, 0, false
	}
	return a, b, true
}
