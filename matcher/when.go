package matcher

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Relative day words, longest first so 大后天 is not read as 后天.
var relativeDays = []struct {
	word   string
	offset int
}{
	{"大后天", 3}, {"明后", 1}, {"后天", 2}, {"明天", 1}, {"明日", 1}, {"明儿", 1}, {"明早", 1},
	{"明晚", 1}, {"明晨", 1}, {"明上午", 1}, {"明下午", 1}, {"今天", 0}, {"今日", 0},
	{"今儿", 0}, {"今早", 0}, {"今晚", 0}, {"今晨", 0}, {"即日", 0}, {"马上", 0},
	{"立即", 0}, {"现在", 0}, {"随时到岗", 0}, {"随时上岗", 0}, {"随时上班", 0},
	{"随时入职", 0}, {"即刻", 0}, {"立刻", 0},
}

// Times of day that shift a clock hour ("下午2点" is 14:00).
var (
	pmWords = []string{"下午", "晚上", "傍晚", "夜里", "夜间", "晚", "中午", "今晚", "明晚"}
	amWords = []string{"凌晨", "早上", "早晨", "上午", "早", "明早", "今早", "白天", "清晨"}
)

// startIn reads a start date and time from digitised text: 明天早上7点,
// 明早7点, 本周六, 11月28日, 28号, 今天, 后天, 下午2点. Relative dates count
// from now in loc. A date with no time means the start of that day (00:00);
// a time with no date is today, or tomorrow when that time has passed.
// The zero time means no start was stated (长期, or nothing).
func startIn(s string, nums []number, roles []numRole, now time.Time, loc *time.Location) time.Time {
	now = now.In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	var (
		day       time.Time
		hour, min = -1, 0
		schedule  bool // the hour opens a working-hours range: 早8晚5, 8:00-17:00
		stale     bool // a start date that has passed: the posting is old
	)
	for k, n := range nums {
		switch roles[k] {
		case roleMonth:
			if day.IsZero() && !stale && k+1 < len(nums) && roles[k+1] == roleDay && !notStart(s, n.start, nums[k+1].end) {
				day, stale = startDay(today, int(n.lo), int(nums[k+1].lo))
			}
		case roleDay:
			if day.IsZero() && !stale && (k == 0 || roles[k-1] != roleMonth) && !notStart(s, n.start, n.end) {
				// 28号: this month, or next month once the day has passed.
				d := int(n.lo)
				day = time.Date(today.Year(), today.Month(), d, 0, 0, 0, 0, loc)
				if day.Day() != d || day.Before(today) {
					day = monthDay(today, int(today.Month())%12+1, d)
				}
			}
		case roleDate:
			if month, d, end, _ := dateAt(s, n.start); day.IsZero() && !stale && !notStart(s, n.start, end) {
				day, stale = startDay(today, month, d)
			}
		case roleWeekday:
			if day.IsZero() && !notStart(s, weekdayStart(s, n.start), n.end) {
				day = weekday(today, int(n.lo), s[:n.start])
			}
		case roleHour:
			if hour < 0 {
				hour = int(n.lo)
				if k+1 < len(nums) && roles[k+1] == roleMinute {
					min = int(nums[k+1].lo)
				} else if strings.HasPrefix(skipSpace(s[n.end:]), "点半") {
					min = 30
				}
				hour = withPeriod(hour, s[:n.start])
				last := n
				if k+1 < len(nums) && roles[k+1] == roleMinute {
					last = nums[k+1]
				}
				rest := skipSpace(strings.TrimPrefix(skipSpace(s[last.end:]), "点"))
				rest = skipSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "半"), "分"))
				schedule = untilTime(rest) || hasSuffix(trimSpaceRight(s[:n.start]), "早", "晚")
			}
		}
	}
	if stale {
		return time.Time{} // 11月20号开工 on the 25th: no time said now is about it
	}
	if day.IsZero() {
		for _, w := range []string{"周日", "周天", "星期日", "星期天", "礼拜日", "礼拜天", "周末"} {
			if i := strings.Index(s, w); i >= 0 && !hasPrefix(s[i+len(w):], "可", "兼职", "双休", "休息", "休") &&
				!notStart(s, weekdayStart(s, i), i+len(w)) {
				wd := 7
				if w == "周末" {
					wd = 6
				}
				// 下周末: the week word is part of w, so read it with
				// what comes before.
				week, _ := hasAnyPrefix(w, "周", "星期", "礼拜")
				day = weekday(today, wd, s[:i+len(week)])
				break
			}
		}
	}
	if day.IsZero() {
		best := -1
		for _, r := range relativeDays {
			if i := strings.Index(s, r.word); i >= 0 && (best < 0 || i < best) && !notStart(s, i, i+len(r.word)) {
				best = i
				day = today.AddDate(0, 0, r.offset)
			}
		}
	}
	if hour > 24 || min > 59 || hour == 24 && min > 0 {
		hour, min = -1, 0
	}
	switch {
	case day.IsZero() && (hour < 0 || schedule):
		return time.Time{} // working hours alone say nothing of the first day
	case day.IsZero():
		t := time.Date(today.Year(), today.Month(), today.Day(), hour, min, 0, 0, loc)
		if t.Before(now) {
			t = t.AddDate(0, 0, 1)
		}
		return t
	case hour < 0:
		return day
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hour, min, 0, 0, loc)
}

// endDate reports whether the date at s[start:end] is when hiring or the
// work ends, not when it starts: "11月30日前有效", "截止12.10", "招到12月10号".
func endDate(s string, start, end int) bool {
	after := skipSpace(s[end:])
	for _, p := range []string{"日", "号"} {
		after = skipSpace(strings.TrimPrefix(after, p))
	}
	// 到 and 至 before a date end a span: 明天到周日, 干到下周五.
	return hasPrefix(after, "前", "之前", "以前", "为止", "截止", "止", "结束", "到期", "有效") ||
		hasSuffix(trimSpaceRight(s[:start]), "截止", "截至", "到", "至", "有效期至", "有效期到", "有效至")
}

// notStart reports a date that is not the start of work: an end date, or
// a payday ("每月15号发工资", "20号发薪").
func notStart(s string, start, end int) bool {
	if endDate(s, start, end) {
		return true
	}
	after := skipSpace(s[end:])
	for _, p := range []string{"日", "号"} {
		after = skipSpace(strings.TrimPrefix(after, p))
	}
	return hasPrefix(after, "发工资", "发薪", "开工资", "发钱", "结工资", "结账", "结算", "开支") ||
		hasSuffix(trimSpaceRight(s[:start]), "每月", "每个月", "每月的", "每个月的")
}

// weekdayStart is where the weekday phrase holding s[at:] begins: the 下 of
// 下周五, so that the words before the phrase can be read.
func weekdayStart(s string, at int) int {
	before := s[:at]
	before = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(before, "周"), "星期"), "礼拜")
	for _, p := range []string{"个", "下", "下", "本", "这"} {
		before = strings.TrimSuffix(before, p)
	}
	return len(before)
}

// untilTime reports a range to an end time after a clock time ("8点-17点",
// "8点到下午5点", "早8晚5"): working hours. A bare 到 is arriving:
// "下午3点到", "8点到工地".
func untilTime(rest string) bool {
	if hasPrefix(rest, "-", "~", "晚") {
		return true
	}
	p, ok := hasAnyPrefix(rest, "到", "至")
	if !ok {
		return false
	}
	r := skipSpace(rest[len(p):])
	return isDigitStart(r) || hasPrefix(r, pmWords...) || hasPrefix(r, amWords...) ||
		hasPrefix(r, "次日", "第二天", "天黑", "天亮", "下班", "结束", "收工", "干完")
}

// staleDays is how far back a start date may lie and still be that date
// (an old posting re-sent: "11月20号开工" on the 25th), rather than the same
// date next year ("1月5日开工" in November).
const staleDays = 90

// startDay is monthDay for a start date; old reports (with the zero time)
// a date that passed less than staleDays ago.
func startDay(today time.Time, month, day int) (t time.Time, old bool) {
	t = monthDay(today, month, day)
	if t.IsZero() {
		return t, false
	}
	if last := t.AddDate(-1, 0, 0); last.Before(today) && today.Sub(last) <= staleDays*24*time.Hour {
		return time.Time{}, true
	}
	return t, false
}

// monthDay is that month and day in today's year, or the next year when it
// has already passed; zero when no such day exists (2月30日).
func monthDay(today time.Time, month, day int) time.Time {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}
	}
	t := time.Date(today.Year(), time.Month(month), day, 0, 0, 0, 0, today.Location())
	if t.Day() != day {
		return time.Time{}
	}
	if t.Before(today) {
		t = t.AddDate(1, 0, 0)
	}
	return t
}

// weekday finds weekday wd (1 = Monday … 7 = Sunday) from today: 下周 is
// the week after this one (weeks start on Monday), 本周/这周 this week, and a
// bare 周六 the next one from today on.
func weekday(today time.Time, wd int, before string) time.Time {
	cur := int(today.Weekday())
	if cur == 0 {
		cur = 7
	}
	before = trimSpaceRight(before)
	switch {
	case hasSuffix(before, "下下周", "下下个周", "下下星期", "下下个星期", "下下礼拜", "下下个礼拜"):
		return today.AddDate(0, 0, 14-cur+wd)
	case hasSuffix(before, "下周", "下个周", "下星期", "下个星期", "下礼拜", "下个礼拜"):
		return today.AddDate(0, 0, 7-cur+wd)
	case hasSuffix(before, "本周", "这周", "这个周", "本星期", "这星期", "这个星期", "这礼拜", "这个礼拜"):
		if wd >= cur {
			return today.AddDate(0, 0, wd-cur)
		}
	}
	d := wd - cur
	if d < 0 {
		d += 7
	}
	return today.AddDate(0, 0, d)
}

// nightWords before 12点 make it midnight, not noon.
var nightWords = []string{"夜里", "夜间", "半夜", "深夜", "晚上", "今晚", "明晚", "晚"}

// withPeriod turns a clock hour into 0–24 using the time-of-day word
// nearest before it (下午2点 → 14, 中午12点 → 12, 晚上8点 → 20). 24 is
// midnight at the end of the day: 夜里12点, 晚上12点.
func withPeriod(hour int, before string) int {
	if len(before) > 24 {
		before = before[len(before)-24:]
	}
	pm, am := -1, -1
	for _, w := range pmWords {
		if i := strings.LastIndex(before, w); i > pm {
			pm = i
		}
	}
	for _, w := range amWords {
		if i := strings.LastIndex(before, w); i > am {
			am = i
		}
	}
	if pm > am && hour == 12 && hasPrefix(before[pm:], nightWords...) {
		return 24
	}
	if pm > am && hour < 12 {
		if strings.HasPrefix(before[pm:], "中午") && hour >= 6 {
			return hour // 中午11点
		}
		return hour + 12
	}
	return hour
}

// startWords follow a date that says when work begins.
var startWords = []string{"进场", "开工", "到岗", "上岗", "上班", "入职", "开始", "号", "日", "集合", "报到", "前", "之前", "起", "当天"}

// sureStartWords after a date make it one even right after a pay word
// ("日结 12.1开工"): no amount of money is followed by 开工.
var sureStartWords = []string{"进场", "开工", "到岗", "上岗", "上班", "入职", "开始", "集合", "报到"}

// dateAt reads a month and day written with a dot, a slash or a dash at
// s[i:] ("11.28", "12/5", "12-05"); end is past the day.
func dateAt(s string, i int) (month, day, end int, sep byte) {
	j := i
	for j < len(s) && isDigit(s[j]) && j-i < 3 {
		j++
	}
	if j-i == 0 || j-i > 2 || j+1 >= len(s) || !strings.ContainsRune("./-", rune(s[j])) {
		return -1, -1, i, 0
	}
	sep = s[j]
	k := j + 1
	for k < len(s) && isDigit(s[k]) && k-j <= 3 {
		k++
	}
	if k-j-1 == 0 || k-j-1 > 2 || k < len(s) && isDigit(s[k]) ||
		k+1 < len(s) && strings.ContainsRune("./-", rune(s[k])) && isDigit(s[k+1]) {
		return -1, -1, i, 0 // 1.255, 12.5.3: not a month and day
	}
	month, day = atoiASCII(s[i:j]), atoiASCII(s[j+1:k])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return -1, -1, i, 0
	}
	return month, day, k, sep
}

// dateEnd is where the date at s[i:] ends.
func dateEnd(s string, i int) int {
	_, _, end, _ := dateAt(s, i)
	return end
}

// dateFigure reports whether nums[k] opens a month and day written with
// figures ("11.28", "12/5", "12-05开工") rather than money, a decimal or a
// range. A dash is also a range (12-15 yuan), so a dashed date needs a
// start word or a weekday after it; a dot or a slash may stand alone.
func dateFigure(s string, nums []number, k int) bool {
	n := nums[k]
	if n.money || n.start > 0 && (isDigit(s[n.start-1]) || s[n.start-1] == '.' || s[n.start-1] == '/' || s[n.start-1] == '-') {
		return false
	}
	_, _, end, sep := dateAt(s, n.start)
	if sep == 0 || end != n.end && (k+1 >= len(nums) || nums[k+1].end != end) {
		return false // the figure read as something else: 1.5万, 5-6k
	}
	before, after := trimSpaceRight(s[:n.start]), skipSpace(s[end:])
	// 早8.30: a clock time.
	if hasSuffix(before, "早", "晚", "早上", "晚上", "上午", "下午", "中午", "凌晨") {
		return false
	}
	weekday := weekdayWord(strings.TrimPrefix(after, "("))
	sure := hasPrefix(after, sureStartWords...)
	if sep == '-' {
		return sure || weekday // not 号: 10-12号 is three days of a month
	}
	if sure || hasPrefix(after, "号", "日") && !hasPrefix(after, "日结", "日薪") {
		return true
	}
	if _, pay := payUnitBefore(before); pay {
		return false
	}
	if hasPrefix(after, startWords...) || weekday ||
		hasSuffix(before, "从", "于", "日期", "时间", "时间:", "日期:") {
		return true
	}
	// Standing alone, or before a clause with no unit: "11.28 河西 招力工".
	// Two one-digit parts (3.5, 3/5) are more likely an amount or a share.
	if end-n.start < 4 {
		return false
	}
	rest := s[end:]
	switch {
	case rest == "":
		return true
	case strings.ContainsRune(",.;!?\n)]", rune(rest[0])):
		return true
	case rest[0] == ' ':
		return after != "" && !isDigit(after[0]) && !hasPrefix(after, dateUnitWords...)
	}
	return false
}

// dateUnitWords after a figure make it an amount, not a date: 8.5 小时.
var dateUnitWords = []string{"元", "块", "米", "小时", "个", "天", "斤", "公斤", "吨", "倍", "万", "千", "k", "w", "%", "公里", "岁", "人", "名", "分"}

// weekdayWord reports a weekday at the start of s: 周6, 星期日, 礼拜天, not
// the 周 of 5-6周 (weeks).
func weekdayWord(s string) bool {
	w, ok := hasAnyPrefix(s, "周", "星期", "礼拜")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return r >= '1' && r <= '7' || r == '日' || r == '天' || r == '末'
}
