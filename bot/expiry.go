package bot

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// maxPostingLifetime bounds what an employer's words keep a posting open
// for: "干3个月" is how long the work lasts, not how long hiring does, and
// a month-old posting pushed to workers is mostly filled already.
const maxPostingLifetime = 30 * 24 * time.Hour

var (
	// untilDateRe finds an end date: "招到12月10日", "12月10号前", "截止12.10".
	untilDateRe = []*regexp.Regexp{
		regexp.MustCompile(`(?:到|至|截止|截至|招到|干到|做到)\s*(\d{1,2})\s*[月.]\s*(\d{1,2})\s*[日号]?`),
		regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:前|之前|以前|为止|截止|结束)`),
	}
	// validDaysRe finds a lifetime in days: "3天内有效", "有效期7天".
	validDaysRe = []*regexp.Regexp{
		regexp.MustCompile(`(\d{1,2})\s*天\s*(?:内|之内)?\s*有效`),
		regexp.MustCompile(`有效期\s*(\d{1,2})\s*天`),
	}
	// Ends said in words: this month, this week, today.
	monthEndWords = []string{"月底", "月末", "本月内", "本月有效", "这个月内", "当月有效"}
	weekEndWords  = []string{"本周内", "本周有效", "这周内", "这周有效", "周内有效", "本周截止", "本周为止"}
	dayEndWords   = []string{"当天有效", "今天有效", "今日有效", "当日有效", "仅限今天", "仅限当天", "今天招满", "只招今天"}
)

// expiry is when a posting stops being pushed and found: the end the
// employer gave ("招到月底", "到12月10日"), else its start plus how long
// the work lasts ("明天开工，干3天"), else the end of the start's day for
// a gig paid by the day or hour, else DefaultPostingLifetime from now.
func expiry(p gigbot.Posting, now time.Time, loc *time.Location) time.Time {
	def := now.Add(gigbot.DefaultPostingLifetime)
	if loc == nil {
		loc = time.UTC
	}
	s := arabic(matcher.Normalize(p.Text))
	end, ok := untilDate(s, now.In(loc))
	if !ok && !p.Start.IsZero() {
		if d, found := lasts(p); found {
			end, ok = p.Start.Add(d), true
		} else if p.Duration == "" && p.Pay.Unit != gigbot.PayMonth {
			// A gig for a day with nothing said of its length ("今天下午2点",
			// "周六开工", daily or hourly pay): nobody can take it once
			// that day is over. Monthly pay is a job that goes on.
			st := p.Start.In(loc)
			end, ok = time.Date(st.Year(), st.Month(), st.Day()+1, 0, 0, 0, 0, loc), true
		}
	}
	if !ok || !end.After(now) {
		return def
	}
	if limit := now.Add(maxPostingLifetime); end.After(limit) {
		return limit
	}
	return end
}

// untilDate reads an end date, as the first moment after it.
func untilDate(s string, now time.Time) (time.Time, bool) {
	midnight := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, now.Location()) }
	switch {
	case containsAny(s, dayEndWords):
		return midnight(now.Year(), now.Month(), now.Day()+1), true
	case containsAny(s, weekEndWords):
		// Weeks end on Sunday: the first moment of the next Monday.
		toMonday := (8 - int(now.Weekday())) % 7
		if toMonday == 0 {
			toMonday = 7
		}
		return midnight(now.Year(), now.Month(), now.Day()+toMonday), true
	case containsAny(s, monthEndWords):
		return midnight(now.Year(), now.Month()+1, 1), true
	case strings.Contains(s, "年底") || strings.Contains(s, "年末"):
		return midnight(now.Year()+1, 1, 1), true
	}
	for _, re := range validDaysRe {
		if m := re.FindStringSubmatch(s); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > 0 {
				return now.AddDate(0, 0, n), true
			}
		}
	}
	for _, re := range untilDateRe {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		month, _ := strconv.Atoi(m[1])
		day, _ := strconv.Atoi(m[2])
		if month < 1 || month > 12 || day < 1 || day > 31 {
			continue
		}
		end := midnight(now.Year(), time.Month(month), day+1)
		if end.Before(now) {
			end = midnight(now.Year()+1, time.Month(month), day+1)
		}
		return end, true
	}
	return time.Time{}, false
}

// lasts is how long the work lasts, as the matcher read it ("干3天" →
// Duration "3天").
func lasts(p gigbot.Posting) (time.Duration, bool) {
	days, hours := matcher.DurationLength(p.Duration)
	d := time.Duration(days)*24*time.Hour + time.Duration(hours)*time.Hour
	return d, d > 0
}
