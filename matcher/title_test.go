package matcher

import (
	"strings"
	"testing"
	"unicode"
)

// TestTitle checks the short name a posting gets: the district's short
// name and the job, never the raw text cut mid-word or mid-number.
func TestTitle(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for _, c := range []struct{ name, text, want string }{
		{"generic job word", "河西区 招临时工 10人 日结200 电话13812345678", "河西临时工"},
		{"generic job word, pay in words", "河西 临时工 2百一天 13812345678", "河西临时工"},
		{"a known job", "西青 中北镇 万达 活动布置 明早8点 4人 一人200", "西青布展工"},
		{"an unknown job before the time", "西青 中北镇 万达 灯笼挂装 明早8点 4人 一人200", "西青灯笼挂装"},
		{"bracketed place, a known job", "【天津市西青区】 杨柳青 古镇 摆摊 招兼职", "西青营业员"},
		{"bracketed place, part-time", "【天津市西青区】 杨柳青 古镇 招兼职", "西青兼职"},
		{"emoji and labels", "🌟🌟急招🌟🌟 📍地点：南开区 华苑 💼小时工 💰日结200", "南开小时工"},
		{"emoji, no job named", "🌟🌟急招🌟🌟 📍地点：南开区 华苑 💰日结200 📞13812345678", "南开招工"},
		{"unknown job after 招", "河东 招 灯笼挂装 3人", "河东灯笼挂装"},
		{"no place, unknown job", "急招 灯笼挂装 3人 日结200", "灯笼挂装"},
		{"skills keep their names", "急招力工3名 西青张家窝 一天260", "西青力工"},
		{"a heading 招 before the place", "急招 南开 华苑 万达 灯笼挂装 明早8点", "南开灯笼挂装"},
		{"where is no job", "公司在河西 工地在西青 灯笼挂装 3人", "西青灯笼挂装"},
		{"a numeral inside a word is no figure", "南开 统一挂灯笼 3人", "南开统一挂灯笼"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := m.ParsePosting(c.text, now, loc).Title
			if got != c.want {
				t.Errorf("title of %q = %q, want %q", c.text, got, c.want)
			}
		})
	}
}

// TestTitleNoNoise: whatever the text, a title has no digits (a cut
// number), no emoji or brackets, and is short.
func TestTitleNoNoise(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for path, cols := range map[string]int{"testdata/postings.tsv": 7, "testdata/blind_postings.tsv": 7, "testdata/screening.tsv": 3} {
		for _, r := range readTSV(t, path, cols) {
			text := strings.ReplaceAll(r[0], `\n`, "\n")
			title := m.ParsePosting(text, now, loc).Title
			if runeLen(title) > 16 || strings.IndexFunc(title, func(r rune) bool {
				return unicode.IsDigit(r) || !unicode.IsLetter(r) && r != '、'
			}) >= 0 {
				t.Errorf("title of %q = %q", text, title)
			}
		}
	}
}
