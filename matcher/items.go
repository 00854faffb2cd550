package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// Piece rates name the thing paid for: 一个柜子500, 一台80, 每斤五毛, and
// at a massage or foot-bath shop 一个钟25 (an hour).

// perUnit reports "1天260", "1单80", "1个柜子500", "1个钟25": a 1 that
// means "per" before a measure word, maybe the thing measured, and the
// price right after it. 个 and a thing measured need the price to touch
// them, so that "招1个小工 200" still counts one worker.
func perUnit(s string, n number, after string, skillAt func(i int) bool) bool {
	if n.lo != 1 || n.hi != 1 {
		return false
	}
	r, size := utf8.DecodeRuneInString(after)
	if !strings.ContainsRune("天单件车亩平方晚箱趟小周次斤吨桶袋包间米套户份", r) && !strings.ContainsRune(itemMeasures, r) {
		return false
	}
	rest := after[size:]
	if noun := itemNoun(rest); noun > 0 {
		at := len(s) - len(rest)
		if skillAt != nil && skillAt(at) || hasPrefix(after, headcountWords...) {
			return false // 1个师傅, 1个电工: a person
		}
		return isDigitStart(rest[noun:])
	}
	if r == '个' {
		return isDigitStart(rest) // 1个5元
	}
	rest = skipSpace(strings.TrimPrefix(rest, "地"))
	return rest != "" && isDigit(rest[0])
}

// itemMeasures count things a piece rate is paid for (一个柜子500, 一台80,
// 一辆3元); perUnit's older list holds the rest.
const itemMeasures = "个台辆张只条栋棵株盆"

// notItemRunes never start or make the thing measured after 1个: people,
// time and numerals.
const notItemRunes = "人工男女师傅阿姨姐哥伙壮年帮手老月星期礼拜周时点半天晚班元块钱毛角"

// maxItemNoun is how many characters the thing measured may have (柜子, 房).
const maxItemNoun = 3

// itemNoun is the byte length of the short word for the thing measured at
// the start of s (柜子 in 柜子500, 钟 in 钟25): Han characters that are no
// numeral, person or time word, up to maxItemNoun; 0 when there is none.
func itemNoun(s string) int {
	end := 0
	for k := 0; k < maxItemNoun && end < len(s); k++ {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.Is(unicode.Han, r) || isCnNumeral(r) || strings.ContainsRune(notItemRunes, r) {
			break
		}
		end += size
	}
	return end
}

// perItemUnit reads a price's unit from the item before it: "1个柜子",
// "每斤", "1套房" make a piece rate, "1个钟" (an hour at a massage or
// foot-bath shop) an hourly one. ok is false when before does not end so.
//
// The item must touch the price: in "招保洁1个 200" the 1个 counts a worker.
func perItemUnit(before string) (unit gigbot.PayUnit, ok bool) {
	b := before
	end := len(b)
	for range maxItemNoun + 1 {
		r, size := utf8.DecodeLastRuneInString(b[:end])
		if size == 0 {
			return "", false
		}
		head := b[:end-size]
		if strings.ContainsRune(itemMeasures+"件单箱车趟吨斤桶袋包间套户份", r) && perHead(head) {
			if strings.Contains(b[end-size:], "钟") {
				return gigbot.PayHour, true
			}
			return gigbot.PayPiece, true
		}
		if !unicode.Is(unicode.Han, r) || isCnNumeral(r) || strings.ContainsRune(notItemRunes, r) {
			return "", false
		}
		end -= size
	}
	return "", false
}

// perHead reports a "1" or 每 ending head, as in 1个, 每斤: one of.
func perHead(head string) bool {
	if strings.HasSuffix(head, "每") {
		return true
	}
	if !strings.HasSuffix(head, "1") {
		return false
	}
	i := len(head) - 1
	return i == 0 || !isDigit(head[i-1]) && head[i-1] != '.'
}

// itemCounts after a figure count things done: 100件, 5套.
var itemCounts = []string{"件", "套", "单", "箱", "车", "趟", "吨", "斤", "桶", "袋", "台", "辆", "张", "只", "条", "棵", "株", "盆"}
