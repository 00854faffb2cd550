package matcher

import (
	"math"
	"strings"
	"unicode"

	"github.com/gigbot/gigbot"
)

// Words that, right before a figure, say it is pay and per what.
var (
	payPrefixDay   = []string{"工资日结", "日工资", "日结", "日薪", "日赚", "日入", "当天结", "每天", "每日", "1天", "1日", "单日", "日均", "/天", "1晚", "每晚", "1个晚上", "半天", "1个班", "每个班", "1班", "每班", "1个工", "每个工"}
	payPrefixHour  = []string{"每个小时", "1个小时", "每小时", "1小时", "时薪"}
	payPrefixMonth = []string{"综合工资", "月工资", "月收入", "1个月", "月薪", "每月", "月入", "底薪", "月均", "包月"}
	payPrefixPiece = []string{"计件", "单价", "每件", "1件", "每单", "1单", "每箱", "每车", "每趟", "1车", "1趟", "1箱", "1亩地", "1亩", "每亩", "1平", "每平", "1平米", "1方", "1间", "每间", "1米", "每米", "1桶", "每桶", "1套", "每套", "1户", "每户", "1份", "每份", "1次", "每次"}
	payPrefixAny   = []string{"综合", "工资", "薪资", "薪水", "待遇", "报酬", "收入", "保底", "工钱", "价格", "价钱", "给", "¥", "$", "每人", "1人", "人均", "一人", "平均", "工价"}
	// payFillers may stand between a pay word and its figure ("工资:300",
	// "日结为300", "每人约300").
	payFillers = []string{":", "是", "为", "约", "大约", "在", ",", "起", "过", "能", "不低于", "不少于", "至少", "最低", "最少", "起码"}

	// Units after a figure (and after 元/块 when present).
	paySuffixDay   = []string{"/天", "/日", "/工", "每天", "每日", "1天", "1日", "1个工", "一天", "天", "/班", "/晚", "1晚", "每晚", "1个班", "每个班", "1班", "每班"}
	paySuffixHour  = []string{"/小时", "/h", "/时", "每小时", "1小时", "1个小时", "小时", "/钟"}
	paySuffixMonth = []string{"/月", "/个月", "每月", "1个月", "1月", "月"}
	paySuffixPiece = []string{"/件", "每件", "1件", "/个", "/单", "1单", "每单", "/箱", "/吨", "/平", "/方", "/米", "/车", "/趟", "/包", "/斤", "1平", "1平米", "1个平方", "1方", "/亩", "/间", "/桶", "/套", "/份", "/户", "1亩", "每亩", "每平", "1车", "1趟", "1箱", "1单", "每单", "/平米", "/平方"}
	moneyMarks     = []string{"元钱", "块钱", "元", "块", "rmb", "r"}
)

// payUnitAfter reads a unit right after a figure or its 元/块.
func payUnitAfter(rest string) (gigbot.PayUnit, bool) {
	u, _, ok := unitAfter(rest)
	return u, ok
}

// unitAfter is payUnitAfter that also returns the text after the unit word.
func unitAfter(rest string) (gigbot.PayUnit, string, bool) {
	rest = skipSpace(rest)
	// 300左右一天, 300元左右/天: about that much, the unit follows.
	if _, r := cutAnyPrefix(rest, "左右", "上下"); len(r) < len(rest) {
		_, rest = cutAnyPrefix(skipSpace(r), moneyMarks...)
		rest = skipSpace(rest)
	}
	// 300元/人/天: per person says nothing; the unit may follow.
	_, rest = cutAnyPrefix(rest, "/人", "每人", "1人", "1个人")
	for _, u := range []struct {
		unit  gigbot.PayUnit
		words []string
	}{
		{gigbot.PayHour, paySuffixHour}, {gigbot.PayDay, paySuffixDay},
		{gigbot.PayMonth, paySuffixMonth}, {gigbot.PayPiece, paySuffixPiece},
	} {
		if w, ok := hasAnyPrefix(rest, u.words...); ok {
			return u.unit, rest[len(w):], true
		}
	}
	if w, ok := hasAnyPrefix(rest, "1个", "每个"); ok && !hasPrefix(rest[len(w):], "星期", "礼拜", "周", "月", "人", "工", "班", "晚", "钟") {
		return gigbot.PayPiece, rest[len(w):], true // 5毛1个, 2元每个: per item
	}
	return "", rest, false
}

// leadsOn reports a unit word that opens the next figure's phrase rather
// than closing the figure before: after a space, and followed by a figure
// or by a few words and a figure ("底薪3000 每件提成1元", "一套房60 每天5-6套",
// "每件1.2元 一天一百多件"). "300 每天" and "15 每件起" close the figure.
func leadsOn(spaced bool, tail string) bool {
	if !spaced {
		return false
	}
	for k, r := range tail {
		switch {
		case r >= '0' && r <= '9':
			return true
		case k >= 4*3 || !unicode.Is(unicode.Han, r):
			return false
		}
	}
	return false
}

// payUnitBefore reads a pay word right before a figure; any reports a pay
// word that names no unit (工资, 待遇).
func payUnitBefore(before string) (unit gigbot.PayUnit, any bool) {
	if shiftBefore(before) {
		return gigbot.PayDay, true
	}
	raw := before
	before = trimFillers(before)
	switch {
	case hasSuffixIn(before, payPrefixHour):
		return gigbot.PayHour, true
	case hasSuffixIn(before, payPrefixMonth):
		return gigbot.PayMonth, true
	case hasSuffixIn(before, payPrefixPiece):
		return gigbot.PayPiece, true
	case hasSuffixIn(before, payPrefixDay):
		return gigbot.PayDay, true
	}
	if u, ok := perItemUnit(raw); ok {
		return u, true // 1个柜子500, 每斤5毛, 1个钟25
	}
	if hasSuffixIn(before, payPrefixAny) {
		return "", true
	}
	return "", false
}

func trimFillers(s string) string {
	for range 3 {
		s = trimSpaceRight(s)
		f, ok := hasAnySuffix(s, payFillers...)
		if !ok {
			break
		}
		s = s[:len(s)-len(f)]
	}
	return trimSpaceRight(s)
}

// plausible reports whether v yuan per unit is a believable gig wage, so a
// room number or a year is not read as pay.
func plausible(v float64, u gigbot.PayUnit) bool {
	switch u {
	case gigbot.PayHour:
		return v >= 5 && v <= 500
	case gigbot.PayDay:
		return v >= 30 && v <= 5000
	case gigbot.PayMonth:
		return v >= 500 && v <= 200000
	case gigbot.PayPiece:
		return v > 0 && v <= 20000
	}
	return v >= 5 && v <= 200000
}

// unitByAmount guesses a unit when none is written: people write monthly
// pay in thousands and hourly pay in tens.
func unitByAmount(v float64) gigbot.PayUnit {
	switch {
	case v >= 1500:
		return gigbot.PayMonth
	case v < 60:
		return gigbot.PayHour
	}
	return gigbot.PayDay
}

// basePay words before a figure make it part of the pay, topped up by
// commission or overtime; overallPay words give the whole of it (综合) or
// its guaranteed floor (保底), which the worker would rather see.
var (
	basePay    = []string{"底薪", "基本工资", "基础工资", "基本底薪", "无责底薪", "责任底薪"}
	overallPay = []string{"综合工资", "综合月薪", "综合收入", "月综合", "综合", "保底工资", "保底", "到手", "实发", "月均", "平均"}
)

// payFromNumbers picks the first figure that reads as pay; an overall or
// guaranteed figure after a base pay replaces it. bareIsDay takes
// a figure with no pay word at all as yuan per day (a worker answering
// "最低多少钱一天").
func payFromNumbers(s string, nums []number, roles []numRole, bareIsDay bool) (gigbot.Pay, bool) {
	textUnit := gigbot.PayUnit("")
	switch {
	case containsAny(s, "日结", "日薪", "当天结", "干完结", "1天1结", "天天结"):
		textUnit = gigbot.PayDay
	case containsAny(s, "计件", "按件", "按单", "按车", "按米", "按平", "按方", "按趟", "按量", "按吨", "按箱", "按亩", "按间"):
		textUnit = gigbot.PayPiece
	case containsAny(s, "时薪"):
		textUnit = gigbot.PayHour
	case containsAny(s, "月薪", "月结", "底薪"):
		textUnit = gigbot.PayMonth
	}
	first := -1
	var lo, hi float64
	var unit gigbot.PayUnit
	base := false // the first figure is a base pay (底薪)
	for k, n := range nums {
		if roles[k] != roleMoney && !(bareIsDay && roles[k] == roleOther) {
			continue
		}
		u, ok := payUnitAt(s, n, roles[k], textUnit)
		switch {
		case !ok:
			continue
		case first < 0, base && hasSuffixIn(trimFillers(s[:n.start]), overallPay):
			// 底薪2500+提成 保底4000: what the worker takes home at
			// least, or overall, is the pay; a base is only part of it.
			first, lo, hi, unit = k, n.lo, n.hi, u
			base = hasSuffixIn(trimFillers(s[:n.start]), basePay)
			continue
		}
		// 钢筋工350 木工400, 大工日结500 小工日结260: each job its pay, so
		// the posting pays from the least to the most of them.
		if u == unit && roles[k] == roleMoney && jobBetween(nums, first, k) {
			lo, hi = min(lo, n.lo), max(hi, n.hi)
			first = k
		}
	}
	if unit != "" {
		// Pay is whole yuan: a fraction (0.5元/件, 22.5/小时) is kept
		// between the whole yuan around it rather than rounded away.
		return gigbot.Pay{Min: roundDown(lo), Max: roundUp(hi), Unit: unit}, true
	}
	if textUnit == gigbot.PayPiece && containsAny(s, "计件") {
		return gigbot.Pay{Unit: gigbot.PayPiece}, true
	}
	return gigbot.Pay{}, false
}

// payUnitAt reads the unit of pay figure n; ok is false when n does not
// read as believable pay after all.
func payUnitAt(s string, n number, role numRole, textUnit gigbot.PayUnit) (gigbot.PayUnit, bool) {
	after := skipSpace(s[n.end:])
	spaced := len(after) < len(s[n.end:])
	if m, rest := cutAnyPrefix(after, moneyMarks...); m != "" {
		after = skipSpace(rest)
		spaced = len(after) < len(rest)
	}
	unit, tail, ok := unitAfter(after)
	if ok && leadsOn(spaced, tail) {
		unit, ok = "", false // the unit is the next figure's
	}
	if !ok {
		unit, _ = payUnitBefore(s[:n.start])
	}
	if unit == gigbot.PayDay && shiftBefore(s[:n.start]) && n.hi >= 1500 {
		unit = "" // 每天8小时 3000: a month's pay after the daily hours
	}
	if unit == "" {
		switch {
		case role == roleOther && n.hi >= 1500:
			unit = gigbot.PayMonth // "5k", "4500": nobody asks that a day
		case role == roleOther:
			unit = gigbot.PayDay
		case textUnit == gigbot.PayPiece && n.hi >= 1500:
			unit = unitByAmount(n.hi) // 计件 月均6000: a month's earnings
		case textUnit != "" && plausible(n.hi, textUnit):
			unit = textUnit
		default:
			unit = unitByAmount(n.hi)
		}
	}
	if !plausible(n.lo, unit) || !plausible(n.hi, unit) {
		// 26天13800: the words were about something else; the
		// amount still tells the unit.
		if unit = unitByAmount(n.hi); !plausible(n.lo, unit) || role != roleMoney {
			return "", false
		}
	}
	return unit, true
}

// jobBetween reports a job named after figure a, up to figure b.
func jobBetween(nums []number, a, b int) bool {
	for j := a + 1; j <= b; j++ {
		if nums[j].job {
			return true
		}
	}
	return false
}

// maxFigure bounds a figure read as money: no gig pays more, and a float
// past int's range would wrap to a negative amount.
const maxFigure = 1e9

func roundDown(f float64) int { return int(math.Floor(min(max(f, 0), maxFigure))) }

func roundUp(f float64) int { return int(math.Ceil(min(max(f, 0), maxFigure))) }

// shiftBefore reports a shift's length right before a figure ("8小时200",
// "1天10小时 250"): the figure is that shift's pay, a day's. 1小时 is per
// hour.
func shiftBefore(before string) bool {
	before = trimFillers(before)
	w, ok := hasAnySuffix(before, "个小时", "小时")
	if !ok {
		return false
	}
	d := before[:len(before)-len(w)]
	i := len(d)
	for i > 0 && isDigit(d[i-1]) {
		i--
	}
	h := atoiASCII(d[i:])
	return h >= 2 && h <= 24 && (i == 0 || d[i-1] != '.')
}

// Pay reads a pay figure from text ("日结300", "两百", "25元/小时").
// A bare number is taken as yuan per day. "不限", "都行", "无所谓" mean any
// pay: the zero Pay with ok.
func (m *Matcher) Pay(text string) (gigbot.Pay, bool) {
	s := digitize(Normalize(text))
	if isAnyAnswer(s) {
		return gigbot.Pay{}, true
	}
	s = maskPhones(s, nil)
	nums := numbers(s)
	roles := classify(s, nums, nil)
	return payFromNumbers(s, nums, roles, true)
}

func hasPrefixIn(s string, ps []string) bool {
	_, ok := hasAnyPrefix(s, ps...)
	return ok
}

func hasSuffixIn(s string, ps []string) bool {
	_, ok := hasAnySuffix(s, ps...)
	return ok
}

// cutAnyPrefix removes the first of ps that s starts with.
func cutAnyPrefix(s string, ps ...string) (string, string) {
	if p, ok := hasAnyPrefix(s, ps...); ok {
		return p, s[len(p):]
	}
	return "", s
}

// mentionsNegotiable reports 面议 (pay to be agreed).
func mentionsNegotiable(s string) bool {
	return strings.Contains(s, "面议") || strings.Contains(s, "面谈")
}
