package matcher

import (
	"strings"
	"time"
)

// Relative day words, longest first so 大后天 is not read as 后天.
var relativeDays = []struct {
	word   string
	offset int
}{
	{"大后天", 3}, {"后天", 2}, {"明天", 1}, {"明日", 1}, {"明儿", 1}, {"明早", 1},
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
	)
	for k, n := range nums {
		switch roles[k] {
		case roleMonth:
			if day.IsZero() && k+1 < len(nums) && roles[k+1] == roleDay && !endDate(s, n.start, nums[k+1].end) {
				day = monthDay(today, int(n.lo), int(nums[k+1].lo))
			}
		case roleDay:
			if day.IsZero() && (k == 0 || roles[k-1] != roleMonth) && !endDate(s, n.start, n.end) {
				// 28号: this month, or next month once the day has passed.
				d := int(n.lo)
				day = time.Date(today.Year(), today.Month(), d, 0, 0, 0, 0, loc)
				if day.Day() != d || day.Before(today) {
					day = monthDay(today, int(today.Month())%12+1, d)
				}
			}
		case roleDate:
			if day.IsZero() && !endDate(s, n.start, n.end) {
				span := s[n.start:n.end]
				dot := strings.IndexByte(span, '.')
				day = monthDay(today, atoiASCII(span[:dot]), atoiASCII(span[dot+1:]))
			}
		case roleWeekday:
			if day.IsZero() {
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
				schedule = hasPrefix(rest, "-", "~", "到", "至", "晚") && !hasPrefix(rest, "到岗", "到位", "到场", "到达") ||
					hasSuffix(trimSpaceRight(s[:n.start]), "早", "晚")
			}
		}
	}
	if day.IsZero() {
		for _, w := range []string{"周日", "周天", "星期日", "星期天", "礼拜日", "礼拜天", "周末"} {
			if i := strings.Index(s, w); i >= 0 && !hasPrefix(s[i+len(w):], "可", "兼职", "双休", "休息", "休") {
				wd := 7
				if w == "周末" {
					wd = 6
				}
				day = weekday(today, wd, s[:i])
				break
			}
		}
	}
	if day.IsZero() {
		best := -1
		for _, r := range relativeDays {
			if i := strings.Index(s, r.word); i >= 0 && (best < 0 || i < best) {
				best = i
				day = today.AddDate(0, 0, r.offset)
			}
		}
	}
	if hour > 23 || min > 59 {
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
	return hasPrefix(after, "前", "之前", "以前", "为止", "截止", "止", "结束", "到期", "有效") ||
		hasSuffix(trimSpaceRight(s[:start]), "截止", "截至", "截止到", "招到", "干到", "做到", "有效期至", "有效期到", "有效至")
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

// withPeriod turns a clock hour into 0–23 using the time-of-day word
// nearest before it (下午2点 → 14, 中午12点 → 12, 晚上8点 → 20).
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
	if pm > am && hour < 12 {
		if strings.HasPrefix(before[pm:], "中午") && hour >= 6 {
			return hour // 中午11点
		}
		return hour + 12
	}
	return hour
}
