package matcher

import (
	"testing"
)

// TestPostingMisreads holds messy real postings that were once misread.
// Each case names only the fields it is about; "" wants the field empty.
func TestPostingMisreads(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t) // Wednesday 2026-11-25 10:00
	for _, c := range []struct {
		name, text string
		want       map[string]string // headcount, pay, start, phone, duration
	}{
		// A count after a per-day pay is a count, not more pay.
		{"count after /天", "南开 招保洁 300/天 2人 后天上午 13812345678",
			map[string]string{"headcount": "2", "pay": "300-300/day", "phone": "13812345678"}},
		{"count after 元/天 and a comma", "招力工 300元/天，3人，河西", map[string]string{"headcount": "3", "pay": "300-300/day"}},
		{"count after 一天", "东丽 招装卸 日结 200-250一天 3名", map[string]string{"headcount": "3", "pay": "200-250/day"}},
		{"count after 日结…/天", "日结300元/天 10名", map[string]string{"headcount": "10", "pay": "300-300/day"}},
		{"个壮小伙", "需要2个壮小伙", map[string]string{"headcount": "2"}},
		{"大工小工各一名", "招大工小工各一名", map[string]string{"headcount": "2"}},
		{"一个人一天 is per person", "蔬菜大棚 工人 一个人一天200 10个", map[string]string{"headcount": "10", "pay": "200-200/day"}},
		{"一人 at the end of a line is per person", "装卸工5名 一人300\n电话13812345678", map[string]string{"headcount": "5", "pay": "300-300/day"}},
		{"numbered list", "急招：1.电焊工5名 日结400 2.力工10名 日结260", map[string]string{"headcount": "15", "pay": "260-400/day"}},
		// Several jobs with their own pay: the range of them.
		{"pay per trade", "钢筋工 木工 瓦工 各5名 日结 钢筋工350 木工400 瓦工380", map[string]string{"headcount": "15", "pay": "350-400/day"}},
		{"numbered list with 、", "1、电焊工5名 日结400 2、力工10名 日结260", map[string]string{"headcount": "15", "pay": "260-400/day"}},
		{"大工 小工 pay", "瓦工 大工日结500 小工日结260", map[string]string{"pay": "260-500/day"}},
		{"one pay figure stays", "日结300 月薪9000", map[string]string{"pay": "300-300/day"}},
		{"男女不限 after pay", "日结300男女不限", map[string]string{"pay": "300-300/day", "headcount": ""}},
		{"per 平 is not a fraction", "贴砖 35元一平", map[string]string{"pay": "35-35/piece"}},
		{"no job between: first figure", "月薪6000/4000", map[string]string{"pay": "6000-6000/month"}},
		// Pay wordings.
		{"pay for a shift of hours", "8小时200", map[string]string{"pay": "200-200/day"}},
		{"一天10小时", "一天10小时 250", map[string]string{"pay": "250-250/day"}},
		{"11 hours is not 1 hour", "11小时200", map[string]string{"pay": "200-200/day"}},
		{"1小时 stays hourly", "1小时25", map[string]string{"pay": "25-25/hour"}},
		{"左右一天", "300左右一天", map[string]string{"pay": "300-300/day"}},
		{"一个班", "一个班300", map[string]string{"pay": "300-300/day"}},
		{"一次", "一次100", map[string]string{"pay": "100-100/piece"}},
		// Pay is whole yuan: a fraction is bracketed, never rounded up or down.
		{"decimal piece rate", "计件 0.5元/件", map[string]string{"pay": "0-1/piece"}},
		{"一件0.3元", "一件0.3元", map[string]string{"pay": "0-1/piece"}},
		{"毛", "2毛一件", map[string]string{"pay": "0-1/piece"}},
		{"五毛一个", "五毛一个", map[string]string{"pay": "0-1/piece", "headcount": ""}},
		{"一块五", "计件 一件一块五", map[string]string{"pay": "1-2/piece"}},
		{"hourly with a half", "时薪22.5", map[string]string{"pay": "22-23/hour"}},
		// Dates.
		{"dotted date after 日结", "红桥 招搬运 日结 12.1开工 13812345678", map[string]string{"pay": "", "start": "2026-12-01T00:00"}},
		{"payday is not the start", "河西 招保安 月薪4000 明天上班 每月15号发工资 13812345678",
			map[string]string{"start": "2026-11-26T00:00", "pay": "4000-4000/month"}},
		{"payday alone", "每月25号发工资", map[string]string{"start": ""}},
		{"payday 号发薪", "20号发薪 明天上班", map[string]string{"start": "2026-11-26T00:00"}},
		{"end weekday", "干到下周五", map[string]string{"start": ""}},
		{"to a weekday", "明天到周日", map[string]string{"start": "2026-11-26T00:00"}},
		{"to a date", "明天到12月5号", map[string]string{"start": "2026-11-26T00:00"}},
		{"bare dotted date", "11.28", map[string]string{"start": "2026-11-28T00:00"}},
		{"dotted date before a place", "11.28 河西 招力工", map[string]string{"start": "2026-11-28T00:00"}},
		{"decimal with a unit", "8.5 小时", map[string]string{"start": ""}},
		{"a small decimal is not a date", "3.5 包吃住", map[string]string{"start": ""}},
		{"weeks are not a weekday", "5-6周开工", map[string]string{"start": ""}},
		{"slash date", "12/5", map[string]string{"start": "2026-12-05T00:00"}},
		{"slash pay", "月薪6000/4000", map[string]string{"start": ""}},
		{"dashed date to start", "12-05开工", map[string]string{"start": "2026-12-05T00:00"}},
		{"dashed date and weekday", "12-05周六", map[string]string{"start": "2026-12-05T00:00"}},
		{"dashed range of dates", "12-15开工", map[string]string{"start": "2026-12-15T00:00"}},
		{"dashed bare is not a date", "12-05", map[string]string{"start": ""}},
		{"明后两天", "明后两天", map[string]string{"start": "2026-11-26T00:00"}},
		{"到 means arrive", "下午3点到", map[string]string{"start": "2026-11-25T15:00"}},
		{"三点半到", "下午三点半到", map[string]string{"start": "2026-11-25T15:30"}},
		{"七点半到, passed", "七点半到", map[string]string{"start": "2026-11-26T07:30"}},
		{"到 with an end is hours", "早上8点到下午5点", map[string]string{"start": ""}},
		{"下下周一", "下下周一", map[string]string{"start": "2026-12-07T00:00"}},
		// Landlines, digits only with the area code.
		{"landline with a dash", "电话：022-24351234", map[string]string{"phone": "02224351234"}},
		{"landline in brackets", "电话：(022)24567890", map[string]string{"phone": "02224567890"}},
		{"landline spaced", "联系电话022 2435 1234", map[string]string{"phone": "02224351234", "pay": ""}},
		{"landline without area code", "座机 24351234", map[string]string{"phone": "02224351234"}},
		{"landline dash and space", "座机：022-2435 1234", map[string]string{"phone": "02224351234", "pay": ""}},
		{"mobile wins over landline", "座机 24351234 手机13812345678", map[string]string{"phone": "13812345678"}},
		{"8 digits are not a landline alone", "编号24351234", map[string]string{"phone": ""}},
		{"mobile one digit at a time", "1 3 8 0 0 0 0 1 2 3 4", map[string]string{"phone": "13800001234"}},
		// Duration.
		{"days off", "休四天", map[string]string{"duration": ""}},
		{"days off a month", "月休4天", map[string]string{"duration": ""}},
		{"a shift", "工作12小时", map[string]string{"duration": ""}},
		{"a shift and weekends", "8小时双休", map[string]string{"duration": ""}},
		{"a date range", "12月1日-12月5日", map[string]string{"duration": "5天", "start": "2026-12-01T00:00"}},
		{"a date range with 到", "12月30日到1月2日", map[string]string{"duration": "4天"}},
		{"a length stays", "干十天", map[string]string{"duration": "10天"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := m.ParsePosting(c.text, now, loc)
			got := map[string]string{
				"headcount": zeroEmpty(p.Headcount),
				"pay":       formatPay(p.Pay),
				"phone":     p.Phone,
				"duration":  p.Duration,
			}
			if !p.Start.IsZero() {
				got["start"] = p.Start.In(loc).Format("2006-01-02T15:04")
			}
			for field, want := range c.want {
				if got[field] != want {
					t.Errorf("%q: %s = %q, want %q", c.text, field, got[field], want)
				}
			}
		})
	}
}

// TestLandlineNotInNotes: a landline split by spaces is the phone, not a
// clause the reader must see.
func TestLandlineNotInNotes(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	p := m.ParsePosting("座机：022-2435 1234 包吃住", now, loc)
	if len(p.Notes) != 1 || p.Notes[0] != "包吃住" {
		t.Errorf("notes %q, want [包吃住]", p.Notes)
	}
}
