package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// fieldWords are the words of a posting that the fields already carry:
// hiring verbs, labels, pay and time words, people counters. A clause made
// only of these, figures, skills, places and phones has nothing left for
// the notes.
var fieldWords = newFieldWords(
	"招聘", "急招", "急聘", "诚聘", "高薪招", "直招", "招工", "招人", "招", "聘", "急需", "需要", "需", "急", "要", "找", "缺",
	"人数", "名额", "若干", "数名", "多名", "名", "人", "位", "个", "俩", "夫妻", "一对", "各", "共",
	"岗位", "工种", "职位", "地点", "地址", "工作地点", "位置", "附近", "旁边", "周边", "一带", "这边", "那边", "天津市", "天津", "市区", "全市",
	"工资", "薪资", "薪水", "待遇", "报酬", "月薪", "日薪", "时薪", "底薪", "综合", "工价", "收入", "月入", "月均", "日均", "平均", "每月", "每天", "每人", "一人", "左右", "以上", "起", "保底", "到手",
	"结算", "日结", "月结", "现结", "次结", "周结", "当天结", "干完结", "干完就结", "完工结", "结账", "元", "块", "钱", "一天", "天", "小时", "月", "每", "按", "计件", "件", "单", "面议", "提成",
	"电话", "联系", "联系人", "联系电话", "手机", "手机号", "座机", "固话", "微信", "同号", "号码", "咨询", "有意者", "请", "致电", "私聊",
	"今天", "明天", "后天", "大后天", "明早", "今晚", "明晚", "早上", "上午", "下午", "晚上", "中午", "凌晨", "点", "半", "号", "日", "周", "星期", "下周", "本周", "这周",
	"开工", "上班", "到岗", "上岗", "入职", "集合", "进场", "开始", "即日起", "随时", "马上", "就", "能", "可以", "长期", "短期", "临时", "干", "活",
	"师傅", "工人", "阿姨", "大姐", "的", "了", "啦", "吧", "呢", "哦", "和", "或", "也", "都", "在", "是", "有", "一名", "一个",
)

func newFieldWords(words ...string) *dict[bool] {
	d := newDict[bool]()
	for _, w := range words {
		d.set(w, true)
	}
	d.freeze()
	return d
}

// clauseBreak splits a posting into the clauses people write: lines,
// sentence and list punctuation, and spaces.
func clauseBreak(r rune) bool {
	switch r {
	case '\n', '\r', ',', '，', '。', ';', '；', '!', '！', '?', '？', '、', ' ', '\u3000', '\t', '|', '｜',
		'【', '】', '[', ']', '(', ')', '（', '）':
		return true
	}
	return false
}

// notesIn returns the clauses of text that no field explains, as written
// (trimmed of decoration): perks, requirements, names. Nothing the employer
// wrote is lost for the reader, even when the parser did not understand it.
//
// A clause stating pay that pay (the posting's) leaves out is a note too:
// the second job's pay in another unit ("电工2名 月薪8000 力工5名 日结220"
// keeps 8000/month and notes 日结220), or a base pay an overall figure
// replaced. A pay word standing apart from its figure ("日结 220") is noted
// with it.
func (m *Matcher) notesIn(text string, pay gigbot.Pay) []string {
	notes := []string{}
	label := -1 // start of the clause before, when it has no figure
	for start := 0; start < len(text); {
		end := start
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if clauseBreak(r) {
				break
			}
			end += size
		}
		clause := strings.TrimFunc(text[start:end], func(r rune) bool { return !isContent(r) })
		if clause != "" {
			norm := Normalize(clause)
			switch {
			case m.unexplained(norm) || m.otherPay(norm, pay):
				notes = append(notes, clause)
			case label >= 0 && m.otherPay(Normalize(text[label:end]), pay):
				notes = append(notes, strings.TrimFunc(text[label:end], func(r rune) bool { return !isContent(r) }))
			}
			label = -1
			if !strings.ContainsFunc(digitize(norm), unicode.IsDigit) {
				label = start
			}
		}
		_, size := utf8.DecodeRuneInString(text[end:])
		start = end + size
	}
	return notes
}

// otherPay reports a clause that states pay outside the posting's: in
// another unit, or below or above its range.
func (m *Matcher) otherPay(c string, pay gigbot.Pay) bool {
	if !pay.Known() || !strings.ContainsFunc(c, unicode.IsDigit) && !hasCnNumeral(c) {
		return false
	}
	s := maskPhones(digitize(c), nil)
	if !containsAny(s, payMarks...) {
		return false // 1234 of a spaced phone number, 20人
	}
	nums := numbers(s)
	got, ok := payFromNumbers(s, nums, classify(s, nums, nil), false)
	return ok && got.Max > 0 && (got.Unit != pay.Unit || got.Max < pay.Min || got.Min > pay.Max)
}

// payMarks say that a clause's figure is pay, not a count or a phone
// number guessed to be one by its size.
var payMarks = []string{"元", "块", "薪", "日结", "月结", "工资", "保底", "综合", "收入", "月入", "日入", "提成", "/天", "/月", "/小时", "/时", "1天", "1个月", "每天", "每月", "每小时", "每件", "每单", "1件", "1单", "计件"}

// unexplained reports whether a normalised clause keeps two or more Han
// characters once skills, places, phones, figures and field words are taken
// out.
func (m *Matcher) unexplained(c string) bool {
	b := []byte(c)
	blank := func(start, end int) {
		for k := start; k < end; k++ {
			b[k] = ' '
		}
	}
	for _, h := range m.skillHits(c) {
		blank(h.start, h.end)
	}
	m.placeDict.scan(c, func(start, end int, _ *dictEntry[[]placeRef]) { blank(start, end) })
	rest := maskPhones(digitize(string(b)), nil)
	nums := numbers(rest)
	roles := classify(rest, nums, nil)
	b = []byte(rest)
	han := 0
	for k, n := range nums {
		if roles[k] == roleAge || roles[k] == roleOther {
			han++ // a figure nothing explains (五险 read as 5险) is content
			continue
		}
		blank(n.start, n.end)
	}
	rest = string(b)
	fieldWords.scan(rest, func(start, end int, _ *dictEntry[bool]) { blank(start, end) })
	for _, r := range string(b) {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han >= 2
}
