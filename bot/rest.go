package bot

import (
	"strings"
	"unicode/utf8"
)

// What people say at rest that is neither a command nor a posting, read
// before giving up with "没看懂": asking for work in passing ("附近有活吗"),
// thanks, a complaint about a scam, asking for a person.

// restMaxRunes bounds the sentences read this way: longer ones say more
// than these few words can judge.
const restMaxRunes = 24

var (
	// workWords and askWords together ask for work: "有活吗", "有没有日结的",
	// "介绍个活", "有嘛活" (Tianjin for 有什么活).
	workWords = []string{"活", "工作", "零工", "日结", "兼职", "小时工", "临时工", "上班", "job", "work", "gig"}
	askWords  = []string{"吗", "嘛", "没", "么", "有没有", "什么", "啥", "哪", "介绍", "推荐", "给我", "看看", "?",
		"any", "find"}
	// ackWords answer a message with nothing to do: "好的", "谢谢".
	ackWords = map[string]bool{"好的": true, "好": true, "谢谢": true, "谢谢你": true, "多谢": true, "收到": true,
		"知道了": true, "明白": true, "明白了": true, "嗯": true, "嗯嗯": true, "哦": true, "好嘞": true, "得嘞": true,
		"行": true, "ok": true, "okay": true, "thanks": true, "thank you": true, "👍": true, "👌": true, "🙏": true}
	// scamWords call the posting just pushed a scam: it is reported.
	scamWords = []string{"骗子", "骗人", "诈骗", "是骗", "scam", "fraud"}
	// feeWords complain of being asked for money: advice, and how to
	// report.
	feeWords = []string{"押金", "中介费", "培训费", "服装费", "体检费", "交钱", "收钱", "要钱", "收费", "被骗", "charge", "fee"}
	// humanWords ask for a person.
	humanWords = []string{"人工", "客服", "真人", "工作人员", "human", "agent"}
)

// restIntent reads such a sentence. args, with intentSearch, is what to
// search by ("" for the worker's profile).
func (t *turn) restIntent(text string) (in intent, args string) {
	f := fold(text)
	if f == "" || utf8.RuneCountInString(f) > restMaxRunes {
		return intentNone, ""
	}
	switch {
	case ackWords[strings.TrimFunc(f, isFiller)]:
		return intentAck, ""
	case containsAny(f, scamWords):
		return intentReport, ""
	case containsAny(f, feeWords):
		return intentScamAdvice, ""
	case containsAny(f, humanWords):
		return intentHuman, ""
	case containsAny(f, workWords) && containsAny(f, askWords):
		if _, ok := t.e.match.Place(text); ok || len(t.e.match.Skills(text)) > 0 {
			return intentSearch, text
		}
		return intentSearch, ""
	}
	return intentNone, ""
}

// Intents of restIntent only.
const (
	intentAck        intent = "ack"
	intentScamAdvice intent = "scam_advice"
	intentHuman      intent = "human"
)
