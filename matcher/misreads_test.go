package matcher

import (
	"slices"
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
		// Headcounts in the thousands are people, not pay.
		{"1000名 and a monthly pay", "普工 1000名 月薪5000 西青 13820001111", map[string]string{"headcount": "1000", "pay": "5000-5000/month"}},
		{"1000人 and no pay figure", "力工 1000人 日结", map[string]string{"headcount": "1000", "pay": ""}},
		{"a company's size is no count", "工厂现有员工1000人 招普工20名 月薪5000", map[string]string{"headcount": "20", "pay": "5000-5000/month"}},
		// 要 and a bare figure: the price asked.
		{"要350 is pay", "河西 电焊 要350 13820001111", map[string]string{"headcount": "", "pay": "350-350/day"}},
		{"要300 is pay", "力工 要300", map[string]string{"headcount": "", "pay": "300-300/day"}},
		{"要3个 counts", "要3个", map[string]string{"headcount": "3", "pay": ""}},
		{"要2人 counts", "要2人", map[string]string{"headcount": "2", "pay": ""}},
		// Fees and rent the worker pays are not pay.
		{"lodging deducted", "住宿费每月200从工资扣", map[string]string{"pay": ""}},
		{"lodging deducted, then the pay", "住宿费每月200从工资扣 月薪5000", map[string]string{"pay": "5000-5000/month"}},
		{"car rent", "网约车司机 公司提供车辆 租金每月3000", map[string]string{"pay": ""}},
		{"badge fee", "入职交100元工牌费", map[string]string{"pay": ""}},
		{"badge fee, then the pay", "入职交100元工牌费 日结200", map[string]string{"pay": "200-200/day"}},
		{"deposit", "押金200", map[string]string{"pay": ""}},
		{"deposit, then the pay", "押金200 日结150", map[string]string{"pay": "150-150/day"}},
		{"uniform deposit", "酒店客房服务员，入职先交300元工服押金，离职退", map[string]string{"pay": ""}},
		{"risk money", "招聘保安，需缴纳风险金500元，月薪5000", map[string]string{"pay": "5000-5000/month"}},
		{"deducted in the next clause", "工作服每套120元，从首月工资扣除，保安 月薪4500", map[string]string{"pay": "4500-4500/month"}},
		{"a fee in the next clause is not this figure's", "月综合6000 体检费自理", map[string]string{"pay": "6000-6000/month"}},
		// Base, guaranteed and overall pay: the worker sees what is sure.
		{"guaranteed floor over a base", "底薪2500+提成 保底4000", map[string]string{"pay": "4000-4000/month"}},
		{"overall over a base", "底薪3000 加班另算 综合6000-7000", map[string]string{"pay": "6000-7000/month"}},
		{"base and commission per piece", "底薪3000 每件提成1元", map[string]string{"pay": "3000-3000/month"}},
		{"a unit word opening the next figure", "月薪5000 每天8小时", map[string]string{"pay": "5000-5000/month"}},
		{"a unit word closing the figure", "15 每件起", map[string]string{"pay": "15-15/piece"}},
		// Per-unit rates.
		{"per ton", "一吨8块 计件", map[string]string{"pay": "8-8/piece"}},
		{"一个5元", "一个5元", map[string]string{"pay": "5-5/piece"}},
		{"per car", "计件 一辆3元", map[string]string{"pay": "3-3/piece"}},
		{"per flat, flats a day", "一套房60 每天5-6套", map[string]string{"pay": "60-60/piece"}},
		{"per cabinet", "一个柜子500", map[string]string{"pay": "500-500/piece"}},
		{"per machine", "一台80", map[string]string{"pay": "80-80/piece"}},
		{"一个钟 is an hour", "一个钟25", map[string]string{"pay": "25-25/hour"}},
		{"pieces a day are no day rate", "快递员 计件 每件1.2元 一天一百多件", map[string]string{"pay": "1-2/piece"}},
		{"per jin in mao", "每斤五毛", map[string]string{"pay": "0-1/piece"}},
		{"per jin in yuan", "一斤0.5元", map[string]string{"pay": "0-1/piece"}},
		{"a worker counted before the price", "招保洁1个 200", map[string]string{"headcount": "1", "pay": "200-200/day"}},
		// Several jobs or shifts.
		{"each trade's pay, spaced", "西青 木工 400 瓦工 380 各3人", map[string]string{"headcount": "6", "pay": "380-400/day"}},
		{"two units: the first stays", "北辰工地 电工2名 月薪8000 力工5名 日结220", map[string]string{"headcount": "7", "pay": "8000-8000/month"}},
		{"two shifts, each counted", "武清 仓库 白班 200/天 夜班 240/天 各10人", map[string]string{"headcount": "20", "pay": "200-240/day"}},
		// Headcounts.
		{"三五个", "三五个", map[string]string{"headcount": "5"}},
		{"a couple is two", "招一对夫妻 看大棚 两人月薪1.2万", map[string]string{"headcount": "2", "pay": "12000-12000/month"}},
		{"1人 set apart from the price", "宁河 东棘坨 养殖场 喂羊 1人 一个月三千 电话 022-69581234",
			map[string]string{"headcount": "1", "pay": "3000-3000/month", "phone": "02269581234"}},
		{"1人 after a pay word is per person", "日结 1人 300", map[string]string{"headcount": "", "pay": "300-300/day"}},
		{"个左右", "20个左右", map[string]string{"headcount": "20"}},
		// Starts.
		{"midnight", "明天夜里12点", map[string]string{"start": "2026-11-27T00:00"}},
		{"noon stays noon", "中午12点集合", map[string]string{"start": "2026-11-25T12:00"}},
		{"下周末", "下周末", map[string]string{"start": "2026-12-05T00:00"}},
		{"下周日", "下周日", map[string]string{"start": "2026-12-06T00:00"}},
		{"这周末", "这周末", map[string]string{"start": "2026-11-28T00:00"}},
		{"a stale date", "11月20号开工", map[string]string{"start": ""}},
		{"a stale date with an hour", "11月20号 早上8点开工", map[string]string{"start": ""}},
		{"a date long past is next year's", "1月5日开工", map[string]string{"start": "2027-01-05T00:00"}},
		{"每周六", "每周六上午", map[string]string{"start": "2026-11-28T00:00"}},
		{"每周六日 are days off", "每周六日休息 月薪4000", map[string]string{"start": ""}},
		{"a list of days", "28、29两天", map[string]string{"start": "2026-11-28T00:00", "duration": "2天"}},
		// Durations.
		{"days, then a day rate", "临时 三天 一天800", map[string]string{"duration": "3天", "pay": "800-800/day"}},
		{"half a month", "干半个月", map[string]string{"duration": "半个月"}},
		{"a month and a half", "工期一个半月", map[string]string{"duration": "1个半月"}},
		{"a half-monthly payday", "半个月结一次", map[string]string{"duration": ""}},
		{"a date range in one month", "11月28日至30日", map[string]string{"duration": "3天", "start": "2026-11-28T00:00"}},
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

// TestOtherPayInNotes: pay the posting's pay leaves out (another job's, in
// another unit, or a base an overall figure replaced) is kept for the
// reader.
func TestOtherPayInNotes(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for _, c := range []struct{ text, note string }{
		{"北辰工地 电工2名 月薪8000 力工5名 日结220", "日结220"},
		{"北辰工地 电工2名 月薪8000 力工5名 日结 220", "日结 220"},
		{"底薪2500+提成 保底4000", "底薪2500+提成"},
		{"日结300 月薪9000", "月薪9000"},
	} {
		if p := m.ParsePosting(c.text, now, loc); !slices.Contains(p.Notes, c.note) {
			t.Errorf("notes of %q = %q, want %q in them", c.text, p.Notes, c.note)
		}
	}
	// A spaced phone number is no pay.
	if p := m.ParsePosting("日结150 电话138 1234 5678", now, loc); len(p.Notes) != 0 {
		t.Errorf("notes %q, want none", p.Notes)
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
