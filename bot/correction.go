package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gigbot/gigbot/matcher"
)

// How people answer the onboarding questions in their own words: correct
// an answer, add to one, or answer without a figure ("近点就行", "不挑").

var (
	// correctionMarkers introduce the right value: "改成十公里", "应该是河东区".
	// The last one in a message wins.
	correctionMarkers = []string{"应该是", "改成", "改为", "换成", "改到", "其实是", "我是说", "我说的是", "是说", "更正"}
	// wrongWords open a message that says the last answer was wrong:
	// "不对，是河东区", "错了，力工".
	wrongWords = []string{"不对不对", "不对", "说错了", "搞错了", "错了", "写错了", "打错了", "不是的", "no,", "no "}
	// addWords say an answer adds to what was given: "还会开叉车".
	addWords = []string{"还会", "也会", "也能", "还能", "还可以", "也可以", "另外", "加上", "再加", "再添", "以及", "also"}
	// payWords say a figure is pay.
	payWords = []string{"元", "块", "工钱", "工资", "日结", "一天", "每天", "一日", "/天", "薪", "钱", "小时工", "yuan", "rmb", "per day", "a day"}

	// vagueSkillWords answer the skills question with any work, or plain
	// manual work: "啥都能干", "打零工", "力气活". That is general labour.
	vagueSkillWords = []string{"啥都", "什么都", "都能干", "都能做", "都会", "零工", "临时工", "零活", "短工", "力气活",
		"体力活", "苦力", "干活", "小时工", "打工", "anything", "odd jobs"}
	// nearWords answer the distance question with "not far": a small radius.
	nearWords = []string{"近点", "近一点", "近些", "近的", "不远", "别太远", "不要太远", "附近", "就近", "离家近", "家门口", "nearby", "not far"}
	// ownDistrictWords keep a worker to their own district.
	ownDistrictWords = []string{"本区", "区内", "这个区", "我们区", "同一个区", "my district"}
	// noLimitWords say a distance or a pay does not matter: like 不限.
	noLimitWords = []string{"看情况", "不一定", "不挑", "无所谓", "都行", "随便", "不限", "都可以", "没要求", "depends"}
	// noMinimumWords say there is no least pay.
	noMinimumWords = []string{"面议", "面谈", "越多越好", "多多益善", "看着给", "看活给", "the more the better"}

	// fieldWords name a field of the profile, to say which one is wrong
	// ("地方不对", "钱不对"). Distance and pay come before work, whose 活 is
	// in many phrases ("干活的地方").
	fieldWords = []struct {
		step  string
		words []string
	}{
		{stepRadius, []string{"距离", "远近", "公里", "范围", "distance"}},
		{stepPay, []string{"钱", "工资", "薪", "价", "pay"}},
		{stepPlace, []string{"地方", "位置", "地点", "地址", "住址", "区", "place", "location"}},
		{stepSkills, []string{"活", "工种", "技能", "手艺", "work", "skill"}},
	}
	// fieldWrongWords say the field named is wrong.
	fieldWrongWords = []string{"不对", "错了", "有误", "要改", "改一下", "改改", "不是这个", "wrong"}

	// casualYes confirm the summary besides the yes keywords: "好嘞", "没毛病".
	casualYes = []string{"好嘞", "好咧", "好勒", "好哒", "好滴", "好吧", "好好", "好的呢", "得嘞", "得了", "嗯嗯", "嗯呢", "嗯好",
		"恩", "恩恩", "没毛病", "妥", "妥了", "妥妥的", "中", "可以的", "行的", "行吧", "对对", "对对对", "都对", "都对的",
		"没错的", "是滴", "对呀", "对啊", "ok的", "okk", "yep", "sure", "fine", "good"}
	// thanksWords close a message without changing it: "好的谢谢".
	thanksWords = []string{"谢谢你", "谢谢您", "谢谢", "谢了", "多谢", "辛苦了", "麻烦了", "thanks", "thank you"}
	// yesEmoji confirm when a message is nothing else: "👍".
	yesEmoji = "👍👌✅🆗🙆💯"

	distanceRe = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:公里|km|千米|里)`)
	// bareFigureRe is a figure with nothing that says what it is: "200".
	bareFigureRe = regexp.MustCompile(`^\d+(?:以上|起|左右)?$`)
)

// correction finds the corrected value in a message that corrects an
// answer, and reports whether it is one: "不是电焊，是力工" → "力工",
// "不对，是河东区" → "河东区", "改成十公里" → "十公里". Any other message
// comes back as it is.
func correction(text string) (string, bool) {
	s := strings.TrimSpace(text)
	lower := strings.ToLower(s)
	best := -1
	for _, m := range correctionMarkers {
		if i := strings.LastIndex(lower, m); i >= 0 && i+len(m) > best {
			best = i + len(m)
		}
	}
	if best >= 0 {
		if rest := trimCorrection(s[best:]); rest != "" {
			return rest, true
		}
	}
	// "不是电焊，是力工", "不是电焊是力工": what follows the second 是.
	if rest, ok := strings.CutPrefix(s, "不是"); ok {
		if i := strings.Index(rest, "是"); i > 0 {
			if v := trimCorrection(rest[i+len("是"):]); v != "" {
				return v, true
			}
		}
	}
	for _, w := range wrongWords {
		if rest, ok := cutPrefixFold(s, w); ok {
			rest = trimCorrection(rest)
			rest = strings.TrimPrefix(rest, "是")
			if rest = trimCorrection(rest); rest != "" {
				return rest, true
			}
		}
	}
	return text, false
}

// cutPrefixFold cuts prefix p off s, ignoring ASCII case.
func cutPrefixFold(s, p string) (string, bool) {
	if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
		return s[len(p):], true
	}
	return s, false
}

// trimCorrection takes the punctuation and spaces off a corrected value.
func trimCorrection(s string) string {
	return strings.TrimFunc(s, isFiller)
}

// adds reports whether an answer adds to the skills given ("还会开叉车")
// rather than replacing them.
func adds(text string) bool {
	s := strings.ToLower(text)
	for _, w := range addWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// mentionsDistance reports a distance with its unit ("5公里", "三公里").
func mentionsDistance(text string) bool {
	return distanceRe.MatchString(arabic(matcher.Normalize(text)))
}

// mentionsPay reports words that make a figure pay ("一天200", "150块").
func mentionsPay(text string) bool {
	s := matcher.Normalize(text)
	if utf8.RuneCountInString(s) > 40 {
		return false
	}
	for _, w := range payWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// shortSays reports whether a short answer contains one of words. A long
// message is about more than one thing, and is not read this way.
func shortSays(text string, words []string) bool {
	f := fold(text)
	if utf8.RuneCountInString(f) > phraseMaxRunes {
		return false
	}
	for _, w := range words {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// wrongField finds the question of the field a message says is wrong:
// "地方不对" → the place question.
func wrongField(text string) (string, bool) {
	if !shortSays(text, fieldWrongWords) {
		return "", false
	}
	for _, f := range fieldWords {
		if shortSays(text, f.words) {
			return f.step, true
		}
	}
	return "", false
}

// saysYes reports a casual yes, as people confirm a summary: "好嘞",
// "好的，谢谢", "👍".
func saysYes(text string) bool {
	f := fold(text)
	if f == "" {
		return strings.ContainsAny(text, yesEmoji)
	}
	yes := false
	for _, c := range strings.FieldsFunc(f, isFiller) {
		for _, w := range thanksWords {
			c = strings.TrimSuffix(c, w)
		}
		if c == "" {
			continue // thanks alone
		}
		if i := keywords[c]; i != intentYes && i != intentDone && !slices.Contains(casualYes, c) {
			return false
		}
		yes = true
	}
	return yes
}

// lastFigure is the bare figure a message ends with ("保洁 河西 5公里 200"
// → "200"), or "".
func lastFigure(text string) string {
	words := strings.FieldsFunc(text, isFiller)
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	if !bareFigureRe.MatchString(arabic(matcher.Normalize(last))) {
		return ""
	}
	return last
}
