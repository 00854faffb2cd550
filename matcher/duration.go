package matcher

import (
	"strings"
	"time"
)

// durationUnits follow a figure that says how long the work lasts, with
// the short form kept in Posting.Duration.
var durationUnits = []struct{ word, short string }{
	{"个小时", "小时"}, {"小时", "小时"}, {"个星期", "周"}, {"星期", "周"}, {"个礼拜", "周"},
	{"个月", "个月"}, {"天", "天"}, {"周", "周"}, {"晚", "晚"}, {"年", "年"},
}

// durationVerbs before a figure say it is the length of the job ("干10天",
// "工期3个月"); a year needs one (3年经验 is not a job's length).
var durationVerbs = []string{"干", "做", "工期", "为期", "共", "连续", "需要", "需", "要", "临时", "预计", "大概", "约", "合同", "签", "干活"}

// durationWords name a length without a figure.
var durationWords = []string{"长期", "短期", "临时", "半天"}

// durationIn reads how long the work lasts from digitised text: "干10天",
// "3个月", "2小时", "长期". Daily hours ("每天8小时", "1天4小时") and pay
// periods ("26天13800") are not lengths. Empty when none is stated.
func durationIn(s string, nums []number, roles []numRole) string {
	if d := dateSpan(s, nums, roles); d > 0 {
		return itoa(d) + "天"
	}
	for k, n := range nums {
		if roles[k] == roleID || roles[k] == roleMoney || roles[k] == roleHeadcount || n.lo != n.hi && roles[k] != roleDuration {
			continue
		}
		after := skipSpace(s[n.end:])
		var short, word string
		for _, u := range durationUnits {
			if strings.HasPrefix(after, u.word) {
				short, word = u.short, u.word
				break
			}
		}
		if short == "" || n.lo <= 0 || n.lo != float64(int(n.lo)) {
			continue
		}
		before := trimSpaceRight(s[:n.start])
		rest := skipSpace(after[len(word):])
		verb := hasSuffix(before, durationVerbs...)
		perNext := k+1 < len(nums) && roles[k+1] == roleDuration && nums[k+1].lo == 1 && nums[k+1].start == len(s)-len(rest)
		switch {
		case n.lo == 1 && !verb: // 1天260, 3800一个月: "per", not a length
		case isDigitStart(rest) && !perNext: // 26天13800: the period of a pay figure (not 3天 1天800)
		case hasSuffix(before, "每", "/", "天", "日", "班", "次", "周", "月", "早", "晚", "每天", "每日", "1", "第"):
			// 每天8小时, 1天4小时, 每次3小时: working hours, not the job's length
		case short == "年" && !verb:
		case hasPrefix(rest, "以上", "经验", "工龄", "以下", "内", "前", "后", "岁", "号", "日"):
		case hasSuffix(before, "休", "休息", "放", "放假", "假"): // 月休4天: days off
		case short == "小时" && (hasSuffix(before, "工作", "上班", "班") || hasPrefix(rest, shiftWords...)):
			// 工作12小时, 8小时双休: the length of a working day
		case short == "晚" && !verb:
		default:
			return itoa(int(n.lo)) + short
		}
	}
	if d := halfLength(s); d != "" {
		return d
	}
	for _, w := range durationWords {
		if i := strings.Index(s, w); i >= 0 {
			if w == "临时" && strings.HasPrefix(s[i+len(w):], "工") && strings.Contains(s, "长期") {
				continue
			}
			return w
		}
	}
	return ""
}

// halfLength reads a length in half months or years: "干半个月", "1个半月",
// "工期半年"; kept as written (半个月, 1个半月), which DurationLength reads.
// Not a pay period or a deadline: 每半个月, 半个月结, 半个月内.
func halfLength(s string) string {
	for _, w := range []string{"个半月", "半个月", "半月", "半年"} {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			before, after := trimSpaceRight(s[:i]), skipSpace(s[from:])
			if hasSuffix(before, "每", "休", "休息", "放") || hasPrefix(after, "内", "之内", "以内", "结", "发", "1结", "一结", "后", "前", "以上", "经验", "工资") {
				continue
			}
			if w == "半年" && !hasSuffix(before, durationVerbs...) {
				continue // 半年经验, 上半年
			}
			if w != "个半月" {
				return w
			}
			j := len(before)
			for j > 0 && isDigit(before[j-1]) {
				j--
			}
			if n := atoiASCII(before[j:]); n > 0 && len(before) == i {
				return itoa(n) + w
			}
		}
	}
	return ""
}

// DurationLength reads a Posting.Duration back as a count of days or of
// hours ("10天" → 10 days, "3个月" → 90 days, "半个月" → 15 days, "1个半月"
// → 45 days, "4小时" → 4 hours); both zero for words such as 长期.
func DurationLength(d string) (days, hours int) {
	switch d {
	case "半个月", "半月":
		return 15, 0
	case "半年":
		return 182, 0
	}
	i := 0
	for i < len(d) && isDigit(d[i]) {
		i++
	}
	n := atoiASCII(d[:i])
	if n <= 0 {
		return 0, 0
	}
	switch d[i:] {
	case "天", "晚":
		return n, 0
	case "个半月":
		return 30*n + 15, 0
	case "周":
		return 7 * n, 0
	case "个月":
		return 30 * n, 0
	case "年":
		return 365 * n, 0
	case "小时":
		return 0, n
	}
	return 0, 0
}

// shiftWords after a count of hours make it a shift's length.
var shiftWords = []string{"双休", "单休", "大小休", "工作制", "制", "倒班", "轮班", "两班", "白班", "夜班", "1班", "班", "休"}

// dateSpan reads a run of dates ("12月1日-12月5日", "12月30日到1月2日",
// "1号到5号") as a count of days, both ends included; 0 when there is
// none.
func dateSpan(s string, nums []number, roles []numRole) int {
	type date struct{ month, day, start, end int }
	var dates []date
	for k := 0; k < len(nums); k++ {
		switch {
		case roles[k] == roleMonth && k+1 < len(nums) && roles[k+1] == roleDay:
			dates = append(dates, date{int(nums[k].lo), int(nums[k+1].lo), nums[k].start, nums[k+1].end})
			k++
		case roles[k] == roleDay:
			dates = append(dates, date{0, int(nums[k].lo), nums[k].start, nums[k].end})
		}
	}
	for i := 0; i+1 < len(dates); i++ {
		a, b := dates[i], dates[i+1]
		switch strings.Trim(s[a.end:b.start], " 日号") {
		case "-", "~", "到", "至":
		default:
			continue
		}
		if a.month != 0 && b.month == 0 && b.day >= a.day {
			b.month = a.month // 11月28日至30日: the same month
		}
		if a.month == 0 || b.month == 0 {
			if a.month != b.month || b.day < a.day {
				continue // 28号到3号: months unknown
			}
			return b.day - a.day + 1
		}
		// A leap year, so that 2月29日 is a day; the span crosses into the
		// next year when it ends before it starts.
		from := time.Date(2000, time.Month(a.month), a.day, 0, 0, 0, 0, time.UTC)
		to := time.Date(2000, time.Month(b.month), b.day, 0, 0, 0, 0, time.UTC)
		if to.Before(from) {
			to = to.AddDate(1, 0, 0)
		}
		if days := int(to.Sub(from).Hours()/24) + 1; days <= 366 {
			return days
		}
	}
	return 0
}
