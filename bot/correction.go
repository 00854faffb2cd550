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

	// anyWorkWords say a worker does any work, or plain manual work:
	// "啥都能干", "什么活都行", "力气活". That is general labour, even as a
	// newcomer's first message.
	anyWorkWords = []string{"啥都", "什么都", "啥活都", "什么活都", "哪种活都", "干啥都", "干什么都", "都能干", "都能做",
		"都会", "力气活", "体力活", "苦力", "anything"}
	// vagueSkillWords answer the skills question with a kind of job rather
	// than a trade: "打零工", "临时工". General labour too, but as a first
	// message they only say what the newcomer came for.
	vagueSkillWords = []string{"零工", "临时工", "零活", "短工", "干活", "小时工", "打工", "odd jobs"}
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
	// confirmWords confirm the summary too, alone or after a yes word:
	// "确认无误", "没啥要改的", "就这样吧".
	confirmWords = []string{"无误", "没啥要改", "没什么要改", "没有要改", "没要改", "不用改了", "不改了", "这样就行",
		"这样就好", "这样就可以", "挺好", "都挺好", "都没问题", "全对", "no changes"}
	// softTails end a word without changing it: "就这样吧", "对的".
	softTails = []string{"吧", "啊", "呀", "哈", "了", "啦", "的"}

	// noChangeWords drop a whole profile change: "不改了", "算了不改了".
	// A bare "不改" or "不用改" keeps one answer (intentKeep).
	noChangeWords = []string{"不改了", "不用改了", "不想改了", "不修改了", "先不改", "还是不改", "不改啦", "不用改啦",
		"没啥要改", "没什么要改", "不需要改", "no more changes"}
	// keepWords keep the answer shown at one question: "没变".
	keepWords = []string{"没变", "没有变", "没换", "没改", "还那样", "还是那样", "老样子", "照旧", "跟原来一样",
		"和原来一样", "跟以前一样", "不用变", "same as before", "unchanged"}
	// leaveWords end signing up, like 取消: "不弄了", "以后再说"; so do
	// byeWords alone ("拜拜"), which after a yes only close it ("好的再见").
	leaveWords = []string{"不弄了", "不搞了", "不登了", "不登记了", "不注册了", "不想填", "不想登", "不想弄", "不想搞",
		"以后再说", "下次再说", "回头再说", "改天再说", "有空再说", "太麻烦", "好麻烦", "真麻烦", "麻烦死", "later"}
	byeWords = []string{"拜拜", "再见", "bye"}
	// backRefs point at an earlier answer: "刚才说错了", "上一个说错了".
	backRefs = []string{"刚才", "刚刚", "上一个", "上一题", "上一步", "上个", "前面", "前一个"}
	// backWords, with backRefs, backFillers and softTails around them,
	// make a message that only says the last answer was wrong: "回去改一下",
	// "刚才说错了".
	backWords = []string{"说错了", "写错了", "打错了", "填错了", "搞错了", "弄错了", "选错了", "错了", "不对", "回去",
		"返回", "退回", "重新说", "重说", "改一下", "改改", "改"}
	backFillers = []string{"我", "要", "想", "再", "那个", "一下"}
	// anyPlaceWords answer the place question with anywhere in the city.
	anyPlaceWords = []string{"全市", "全天津", "整个天津", "天津", "天津市", "市里", "哪都行", "哪儿都行", "哪里都行",
		"去哪都行", "在哪都行", "哪都可以", "哪里都可以", "哪都去", "哪都成", "都行", "都可以", "不限", "随便", "无所谓",
		"跳过", "不限地方", "地方不限", "anywhere"}
	// dropWords say the skills next to them are to go: "去掉保洁",
	// "保洁不要了".
	// A bare 不要 is not one: "不要太远的保洁活" keeps 保洁.
	dropWords = []string{"去掉", "删掉", "删除", "删了", "拿掉", "不要了", "不干了", "不做了", "不想干", "不想做", "remove"}

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
	// "不对，是河东区", "不对 上一个说错了 是南开": wrong words, and words
	// pointing back, before the value.
	rest, wrong := s, false
	for cut := true; cut; {
		cut = false
		rest = trimCorrection(rest)
		for _, w := range wrongWords {
			if r, ok := cutPrefixFold(rest, w); ok {
				rest, cut, wrong = r, true, true
			}
		}
		for _, w := range backRefs {
			if r, ok := strings.CutPrefix(rest, w); ok {
				rest, cut = r, true
			}
		}
	}
	if rest = trimCorrection(strings.TrimPrefix(rest, "是")); wrong && rest != "" {
		return rest, true
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
	return utf8.RuneCountInString(s) <= 40 && containsAny(s, payWords)
}

// shortSays reports whether a short answer contains one of words. A long
// message is about more than one thing, and is not read this way.
func shortSays(text string, words []string) bool {
	f := fold(text)
	return utf8.RuneCountInString(f) <= phraseMaxRunes && containsAny(f, words)
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
		for _, w := range slices.Concat(thanksWords, byeWords) {
			c = strings.TrimSuffix(c, w)
		}
		if c == "" {
			continue // thanks or bye alone
		}
		if slices.Contains(softTails, c) || !madeOf(c, yesWord) {
			return false
		}
		yes = true
	}
	return yes
}

// yesWord reports a word that confirms the summary, alone or with others
// ("是的" + "没错").
func yesWord(w string) bool {
	i := keywords[w]
	return i == intentYes || i == intentDone || i == intentKeep ||
		slices.Contains(casualYes, w) || slices.Contains(confirmWords, w) || slices.Contains(softTails, w)
}

// madeOf reports whether s, a short folded text, is nothing but words
// part accepts, one after another: "确认无误" is "确认" + "无误". People
// run such words together without a space.
func madeOf(s string, part func(string) bool) bool {
	if s == "" || utf8.RuneCountInString(s) > phraseMaxRunes {
		return false
	}
	var cuts []int // where each rune starts, and the end
	for i := range s {
		cuts = append(cuts, i)
	}
	cuts = append(cuts, len(s))
	// ok[j]: s up to cuts[j] is made of such words.
	ok := make([]bool, len(cuts))
	ok[0] = true
	for j := 1; j < len(cuts); j++ {
		for i := 0; i < j && !ok[j]; i++ {
			ok[j] = ok[i] && part(s[cuts[i]:cuts[j]])
		}
	}
	return ok[len(cuts)-1]
}

// saysBack reports a message that only says the last answer was wrong,
// with nothing to put instead: "刚才说错了", "回去改一下".
func saysBack(text string) bool {
	f := strings.Join(strings.FieldsFunc(fold(text), isFiller), "")
	return containsAny(f, backWords) && madeOf(f, func(w string) bool {
		return slices.Contains(backWords, w) || slices.Contains(backRefs, w) || slices.Contains(backFillers, w) ||
			slices.Contains(softTails, w)
	})
}

// saysLeave reports words that end signing up ("不弄了", "拜拜"). A
// message that names a field ("工钱以后再说") is about that field.
func saysLeave(text string) bool {
	return (shortSays(text, leaveWords) || shortSays(text, byeWords)) && !namesField(text)
}

// namesField reports a word for a field of the profile ("钱", "地方").
func namesField(text string) bool {
	for _, f := range fieldWords {
		if shortSays(text, f.words) {
			return true
		}
	}
	return false
}

// saysAnyPlace reports an answer to the place question that takes the
// whole city: "全市", "哪都行", "天津".
func saysAnyPlace(text string) bool {
	return slices.Contains(anyPlaceWords, trimFillers(fold(text)))
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

// droppedSkills are the skills a message takes away: "去掉保洁", "保洁不要
// 了", and what follows 不是 in "我是干电焊的不是保洁".
func (t *turn) droppedSkills(text string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(fold(text), isFiller) {
		if _, after, ok := strings.Cut(c, "不是"); ok && !strings.Contains(c, "是不是") {
			not, _, _ := strings.Cut(after, "是")
			out = append(out, t.e.match.Skills(not)...)
		} else if containsAny(c, dropWords) {
			out = append(out, t.e.match.Skills(c)...)
		}
	}
	return out
}

// without is skills less drop, in a new slice.
func without(skills, drop []string) []string {
	out := []string{}
	for _, s := range skills {
		if !slices.Contains(drop, s) {
			out = append(out, s)
		}
	}
	return out
}
