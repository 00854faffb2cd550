package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What people say at rest that is neither a command nor a posting, read
// before giving up with "没看懂": asking for work in passing ("附近有活吗"),
// thanks, a complaint about a scam or unpaid wages, asking for a person,
// asking what the bot is.

// restMaxRunes bounds the sentences read this way: longer ones say more
// than these few words can judge.
const restMaxRunes = 24

var (
	// workWords and askWords together ask for work: "有活吗", "有没有日结的",
	// "介绍个活", "有嘛活" (Tianjin for 有什么活), "有活不", "有木有活".
	workWords = []string{"活", "工作", "零工", "日结", "兼职", "小时工", "临时工", "上班", "job", "work", "gig"}
	askWords  = []string{"吗", "嘛", "没", "么", "不", "木有", "有没有", "什么", "啥", "哪", "介绍", "推荐", "给我",
		"看看", "求", "找个", "明天", "今天", "长期", "近", "?", "any", "find"}
	// ackWords in a short message are thanks or a nod: "谢了", "辛苦了".
	ackWords = []string{"谢", "感谢", "辛苦", "收到", "知道了", "明白", "好的", "好嘞", "得嘞", "嗯", "ok", "okay",
		"thank", "got it"}
	// scamWords call the posting just pushed a scam: it is reported.
	scamWords = []string{"骗子", "骗人", "诈骗", "是骗", "scam", "fraud"}
	// doubtWords make it a question ("这是不是骗子"): advice, no report.
	doubtWords = []string{"是不是", "会不会", "吗", "?", "靠谱"}
	// feeWords complain of being asked for money: advice, and how to
	// report.
	feeWords = []string{"押金", "中介", "培训费", "服装费", "体检费", "交钱", "收钱", "要钱", "收费", "被骗", "charge", "fee"}
	// wageWords complain of unpaid work: where to turn.
	wageWords = []string{"不给钱", "没给钱", "拖欠", "欠薪", "欠工资", "欠钱", "老板跑了", "不发工资", "工资没发", "不结账",
		"工钱没给", "不给结", "unpaid", "not paid"}
	// humanWords ask for a person, or whether the bot is one.
	humanWords = []string{"人工", "客服", "真人", "工作人员", "机器人", "有人吗", "human", "agent", "person", "robot", "bot?"}
	// aboutWords ask what the bot does.
	aboutWords = []string{"干啥的", "干什么的", "做什么的", "是什么", "能干啥", "能干什么", "能做什么", "怎么用", "咋用",
		"咋登记", "怎么登记", "怎么注册", "what can you", "what is this", "how does"}
	// fairLeaveStems withdraw from a fair in a sentence: "那天有事去不了".
	fairLeaveStems = []string{"不去了", "去不了", "不想去了", "取消报名", "报名取消", "取消招聘会报名"}
)

// Intents of restIntent only.
const (
	intentAck        intent = "ack"
	intentScamAdvice intent = "scam_advice"
	intentWageHelp   intent = "wage_help"
	intentHuman      intent = "human"
	intentShowListed intent = "show_listed" // a number picked from a search's list
)

// restIntent reads such a sentence. args, with intentSearch, is what to
// search by ("" for the worker's profile).
func (t *turn) restIntent(text string) (in intent, args string) {
	if raw := strings.TrimSpace(text); raw != "" && onlySymbols(raw) {
		return intentAck, "" // "👍", "[抱拳]"
	}
	f := fold(text)
	if f == "" || utf8.RuneCountInString(f) > restMaxRunes {
		return intentNone, ""
	}
	switch {
	case utf8.RuneCountInString(f) <= 8 && containsAny(f, ackWords):
		return intentAck, ""
	case containsAny(f, wageWords):
		return intentWageHelp, ""
	case containsAny(f, scamWords) && !containsAny(f, doubtWords):
		return intentReport, ""
	case containsAny(f, scamWords) || containsAny(f, feeWords):
		return intentScamAdvice, ""
	case containsAny(f, humanWords):
		return intentHuman, ""
	case containsAny(f, aboutWords):
		return intentHelp, ""
	case containsAny(f, fairLeaveStems):
		return intentFairLeave, ""
	case containsAny(f, workWords) && containsAny(f, askWords):
		pay, _ := t.e.match.Pay(text)
		if _, ok := t.e.match.Place(text); ok || len(t.e.match.Skills(text)) > 0 || pay.Known() {
			return intentSearch, text
		}
		return intentSearch, ""
	}
	return intentNone, ""
}

// onlySymbols reports a message of emoji, punctuation or WeChat's
// bracketed emoji ("[抱拳]") only: a nod, not words.
func onlySymbols(s string) bool {
	for {
		i := strings.Index(s, "[")
		j := strings.Index(s, "]")
		if i < 0 || j < i || j-i > 12 {
			break
		}
		s = s[:i] + s[j+1:]
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// listPosition reads a position in a list: "1", "1号", "第一个", "第3条".
// 0 when s is none.
func listPosition(s string) int {
	s = strings.TrimFunc(s, isFiller)
	s = strings.TrimPrefix(s, "第")
	for _, suffix := range []string{"个", "条", "号", "项"} {
		s = strings.TrimSuffix(s, suffix)
	}
	if n, ok := chineseNumbers[s]; ok {
		return n
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 100 {
		return n
	}
	return 0
}
