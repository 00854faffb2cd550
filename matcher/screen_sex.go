package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sexWordEnds may follow 男 or 女 in one word naming the worker's sex:
// 男性, 女士, 女工, 男生, 女的, 男人.
const sexWordEnds = "性士工生的人"

// askWords right before a sex word make it a requirement: 招女工, 要男的,
// 要求男, 限女, 性别:男.
const askWords = "招要需求限仅只别"

// sexAsked follow a sex word that stands as a requirement: 女工15名,
// "男 18-55", 女性优先, 男工为主.
var sexAsked = []string{"岁", "优先", "为主", "即可", "若干", "多名", "年龄", "身高"}

// oneSex reports a posting that asks for one sex only: a sex word
// standing as a requirement ("招女工", "要求男", "男性 18-55", "服务员(女)")
// and the other sex named nowhere ("男女不限", "2男3女", "男工3名女工2名"
// and "男/女均可" name both). 女装, 男朋友, 妇女 ask for no one.
func oneSex(s string) bool {
	var male, female, maleSeen, femaleSeen bool
	for i, r := range s {
		switch r {
		case '男':
			maleSeen = true
		case '女':
			femaleSeen = true
		default:
			continue
		}
		end := i + len("男")
		if next, size := utf8.DecodeRuneInString(s[end:]); strings.ContainsRune(sexWordEnds, next) {
			end += size
		}
		if sexRequired(s[:i], s[end:]) {
			male, female = male || r == '男', female || r == '女'
		}
	}
	return male && !femaleSeen || female && !maleSeen
}

// sexRequired reports whether a sex word between before and after asks
// for that sex: an ask word or a worker's age right before it ("招 女工",
// "要求:男", "55岁以下女性"), or the word standing alone (between
// separators: "保安 男 月薪3000") or before a figure, an age or a
// preference.
func sexRequired(before, after string) bool {
	prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, " :"))
	if strings.ContainsRune(askWords, prev) || workerAgeBefore(before) {
		return true
	}
	if prev, _ := utf8.DecodeLastRuneInString(before); before != "" && !sexBoundary(prev) {
		return false // 妇女, 少女, 美女
	}
	if next, _ := utf8.DecodeRuneInString(after); after == "" || sexBoundary(next) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(after)
	return isFigureRune(next) || hasPrefixAny(after, sexAsked...)
}

// workerAgeBefore reports an age limit right before a sex word: "55岁以下女性",
// "50-60岁 男". Ages of the people cared for (80岁) are past workerAgeMax.
func workerAgeBefore(before string) bool {
	b := strings.TrimRight(before, " ,:")
	for _, w := range [...]string{"以下", "以上", "以内", "之内", "左右"} {
		if r, ok := strings.CutSuffix(b, w); ok {
			b = r
			break
		}
	}
	b, ok := strings.CutSuffix(b, "岁")
	if !ok {
		return false
	}
	n, _, ok := figureBefore(strings.TrimSuffix(b, "周"))
	return ok && n >= minAgeLimit && n <= workerAgeMax
}

// workerAgeMax is the oldest age a posting sets for its workers; older ages
// are those of the people cared for.
const workerAgeMax = 70

// sexBoundary reports a rune that separates words: punctuation, space, a
// digit ("2男3女").
func sexBoundary(r rune) bool {
	return r < utf8.RuneSelf && !isASCIILetter(byte(r)) || unicode.IsPunct(r) || unicode.IsSpace(r)
}
