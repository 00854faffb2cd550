package matcher

import (
	"strings"
	"unicode/utf8"
)

// Counts of people that the general rules of classify misread: thousands
// (1000名), a lone 1人 before a price, shifts hired each on its own, and a
// bare figure after 要 that is a price, not a count.

// askingPrice reports a bare figure of a hundred or more right after 要
// ("电焊 要350", "力工 要300"): the price asked for a day, not 350 people;
// a count says whom ("要3个", "要2人").
func askingPrice(n number, before, after string) bool {
	return n.lo >= 100 && n.lo == float64(int(n.lo)) && hasSuffix(before, "要") &&
		!hasSuffix(before, "需要", "只要", "不要", "主要", "重要", "还要") && (after == "" || endsClause(after))
}

// manyPeople reports a count in the hundreds or thousands ("1000名",
// "2000人"): only with a people word that ends there (not 1000人民币, 3000人次,
// 1000人以上的大厂) and no pay word before it, nor a company's size (现有员工1000人).
func manyPeople(n number, before, after string) bool {
	if n.hi <= 500 || n.hi > 100000 || n.lo != float64(int(n.lo)) || hasSuffix(before, "/", "每") ||
		hasSuffix(trimFillers(before), "有", "员工", "规模", "职工", "占地") {
		return false
	}
	if _, pay := payUnitBefore(before); pay {
		return false
	}
	w, ok := hasAnyPrefix(after, "名", "人", "位")
	if !ok {
		return false
	}
	rest := after[len(w):]
	return rest == "" || endsClause(rest) || isDigitStart(rest)
}

// about reports words that make a count approximate: 20个左右, 100人以上.
func about(s string) bool {
	return hasPrefix(s, "左右", "上下", "以上", "以内", "之内")
}

// countedOnItsOwn reports "喂羊 1人 一个月三千": a 1人 set apart by a space
// from the price after it, in a posting that has counted no one before,
// counts the one worker (perPerson would read it as per person).
func countedOnItsOwn(nums []number, roles []numRole, k int, before, after string) bool {
	n := nums[k]
	if n.lo != 1 || n.hi != 1 || hasSuffix(before, "/", "每") || cared(after) {
		return false
	}
	if _, pay := payUnitBefore(before); pay {
		return false // 日结 1人 300: per person
	}
	w, ok := hasAnyPrefix(after, "个人", "人", "位")
	if !ok || !strings.HasPrefix(after[len(w):], " ") {
		return false
	}
	for j := range k {
		if roles[j] == roleHeadcount {
			return false
		}
	}
	return true
}

// shiftNames name a shift, each hired for on its own (白班 and 夜班 各10人).
var shiftNames = []string{"长白班", "大夜班", "小夜班", "白班", "夜班", "早班", "中班", "晚班"}

// shiftsIn counts the shifts named in s.
func shiftsIn(s string) int {
	count := 0
	for i := 0; i < len(s); {
		if w, ok := hasAnyPrefix(s[i:], shiftNames...); ok {
			count++
			i += len(w)
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return count
}

// eachOf is how many groups a count after 各 stands for: the posting's
// kinds of work, or when it names one kind, the jobs named before 各
// (大工 and 小工 are both labourers).
func eachOf(n number, groups int) int {
	if groups > 1 {
		return groups
	}
	return max(n.each, 1)
}
