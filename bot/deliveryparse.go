package bot

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// How workers say when and how often they want postings, read from plain
// words: "每天晚上8点发一次", "晚上10点到早上6点别发", "随时都行",
// "一天最多3条".

// quietDefault is the window assumed for the half a worker leaves out
// ("晚上10点以后别发" ends at 7:00; "早上7点前别发" starts at 21:00): the
// service's default quiet hours.
const (
	quietDefaultStart = 21 * 60
	quietDefaultEnd   = 7 * 60
)

// maxDailyCap bounds a worker's own daily cap: more than this is no cap
// anyone reads, and a typo ("300条") should not lift the service's cap.
const maxDailyCap = 50

// prefs are the delivery settings a message changes; a field is changed
// only when its flag is set.
type prefs struct {
	setDelivery bool
	delivery    gigbot.Delivery
	digestAt    string // with DeliveryDigest; "" when no time was said

	setQuiet bool
	quiet    string // "HH:MM-HH:MM", "off", or "" for the default

	setCap bool
	cap    int // 0: the service's cap

	// A setting asked for without its value ("晚上别发", "发太少了"):
	// the settings open at its question.
	askQuiet, askCap bool
	// A stop for a while said as "don't send" ("这两天先别发"): a pause.
	pause bool
}

func (p prefs) any() bool { return p.setDelivery || p.setQuiet || p.setCap }

// question is the settings question to ask when a sentence named a
// setting without its value.
func (p prefs) question() (intent, bool) {
	switch {
	case p.askQuiet:
		return intentQuiet, true
	case p.askCap:
		return intentCap, true
	}
	return intentNone, false
}

// apply writes the changes into a profile.
func (p prefs) apply(pr *gigbot.Profile) {
	if p.setDelivery {
		pr.Delivery = p.delivery
		if p.delivery == gigbot.DeliveryDigest && p.digestAt != "" {
			pr.DigestAt = p.digestAt
		}
	}
	if p.setQuiet {
		pr.QuietHours = p.quiet
	}
	if p.setCap {
		pr.DailyCap = p.cap
	}
}

var (
	// clockRe finds a time of day: "晚上8点", "8点半", "20:00", "7点30分",
	// "8pm", "8:30 am". Chinese numerals are already digits.
	clockRe = regexp.MustCompile(`(早上|早晨|清早|一早|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|凌晨|今晚|每晚|晚|早)?\s*` +
		`(\d{1,2})(?:\s*:\s*(\d{2})|\s*点(?:钟)?(?:\s*(半)|\s*(\d{1,2})\s*分?)?|\s*时)?\s*(am|pm|a\.m\.|p\.m\.)?`)
	// capRe finds a daily cap: "最多3条", "不超过5个", "3条就够", "一天2条",
	// "at most 3", "3 a day".
	capRe = []*regexp.Regexp{
		regexp.MustCompile(`(?:最多|不超过|不要超过|别超过|顶多|至多|只要|只发|限)\s*` + capVerb + capLow + `(\d+)\s*(?:条|个(?:[^人月小星礼]|$)|次|封)`),
		regexp.MustCompile(capLow + `(\d+)\s*(?:条|个)\s*(?:就够|就行|就好|以内|封顶|够了)`),
		regexp.MustCompile(`(?:每天|每日|1天|天天)\s*` + capVerb + capLow + `(\d+)\s*(?:条|个)`),
		regexp.MustCompile(`(?:at most|max|no more than|up to)\s*(\d+)`),
		regexp.MustCompile(`(\d+)\s*(?:a|per)\s*day`),
	}
	// quietRe finds "don't send" in its many spellings: a no, then within a
	// few runes sending or disturbing ("别给我发消息", "不要推送", "勿扰").
	quietRe = regexp.MustCompile(`(?:别|不要|不用|勿|不想|不准|禁止|不许|莫)\p{Han}{0,3}?(?:发|推|打扰|扰|吵|通知|提醒|消息)`)
)

// capVerb is the optional verb between a cap's word and its figure:
// "最多发3个", "每天给我推5条", "一天最多收3条".
const capVerb = `(?:就|只)?(?:给我)?(?:发|推送|推|收|接|来)?\s*`

// capLow is the lower end of a cap said as a range ("两三条" is 2-3条): the
// upper end is the cap.
const capLow = `(?:\d+\s*-\s*)?`

// Words that say which setting a sentence is about.
var (
	quietOffWords = []string{"随时", "什么时候都行", "啥时候都行", "几点都行", "什么时间都行", "什么时候发都",
		"啥时候发都", "几点发都", "不用免打扰", "不要免打扰",
		"关闭免打扰", "取消免打扰", "关掉免打扰", "没有免打扰", "全天", "24小时", "anytime", "any time", "no quiet"}
	quietWords  = []string{"不发", "免打扰", "睡觉", "休息", "don't send", "dont send", "quiet", "no messages"}
	digestWords = []string{"发一次", "推一次", "送一次", "通知一次", "汇总", "一起发", "统一发", "集中发", "一起推",
		"统一推", "集中推", "攒着", "攒一天", "一次性", "打包", "1天1次", "每天1次", "每日1次", "1天发1次",
		"digest", "once a day", "daily"}
	instantWords = []string{"马上发", "立刻发", "立即发", "有活就发", "有活马上", "来了就发", "实时", "及时发",
		"一条一条", "一个一个", "马上告诉", "马上通知", "立马", "马上推", "立刻告诉", "立刻通知", "立即通知", "第一时间",
		"来一个发一个", "有一个发一个", "来一条发一条", "随到随发", "及时通知", "及时推", "有新的就", "一有", "instant", "right away", "as soon"}
	// toMeWords say a sentence is about getting messages: with a time of
	// day and no "don't", the time is when to get the day's digest
	// ("每天晚上8点推送给我", "晚上8点发我就行"), where "明天8点发工资吗" is
	// not.
	toMeWords = []string{"发我", "发给我", "给我发", "推我", "推给我", "给我推", "推送", "通知我", "告诉我", "提醒我",
		"send me", "push me", "notify me", "remind me"}
	sendVerbs = []string{"发", "推", "通知", "send", "push"}
	// pauseWords make a "don't send" with no hours a pause.
	pauseWords = []string{"先别", "先不要", "这两天", "这几天", "这阵", "暂时", "最近", "别发了", "别推了"}
	// noDigestRe turns the digest off: "不要汇总了", "别汇总".
	noDigestRe = regexp.MustCompile(`(?:不要|别|不用|取消|关掉)\s*(?:汇总|一起发|统一发|集中发)`)
	// capNoLimitWords lift the worker's own cap: "不限条数".
	capNoLimitWords = []string{"不限条数", "条数不限", "不限制条数", "多少条都行", "几条都行"}
	// tooManyWords ask for fewer or more without a number: "发太多了".
	tooManyWords = []string{"太多", "太少", "少发", "少推", "多发", "多推", "too many", "fewer"}
	// quietNoneWords and nightWords answer which hours to keep quiet:
	// none ("不设"), or the night ("晚上", "睡觉的时候").
	quietNoneWords = []string{"不设", "不用设", "不需要", "不要", "none"}
	nightWords     = []string{"夜里", "晚上", "半夜", "夜间", "睡觉", "night"}
	dailyWords     = []string{"每天", "每日", "每晚", "天天", "1天", "every day", "everyday"}
	afterWords     = []string{"以后", "之后", "后", "after"}
	beforeWords    = []string{"以前", "之前", "前", "before"}
)

// clockTime is a time of day read from text, in minutes after midnight.
type clockTime struct {
	min    int
	period bool // said with 上午/晚上/pm…, so the hour is certain
	end    int  // byte offset after it in the text
	start  int
}

// readClocks finds the times of day in normalised text.
func readClocks(s string) []clockTime {
	var out []clockTime
	for _, m := range clockRe.FindAllStringSubmatchIndex(s, -1) {
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		period, hourText, minText, half, minCn, ampm := group(1), group(2), group(3), group(4), group(5), group(6)
		// A bare number is a time only with a period word or am/pm
		// ("晚上8", "8pm"); "3条" is not.
		whole := s[m[0]:m[1]]
		if minText == "" && !strings.ContainsAny(whole, "点时") && ampm == "" {
			continue
		}
		h, _ := strconv.Atoi(hourText)
		mm := 0
		switch {
		case minText != "":
			mm, _ = strconv.Atoi(minText)
		case half != "":
			mm = 30
		case minCn != "":
			mm, _ = strconv.Atoi(minCn)
		}
		if h > 24 || mm > 59 {
			continue
		}
		switch {
		case strings.HasPrefix(ampm, "p"):
			if h < 12 {
				h += 12
			}
		case strings.HasPrefix(ampm, "a"):
			if h == 12 {
				h = 0
			}
		case period == "下午" || period == "傍晚" || period == "今晚" || period == "每晚" || period == "晚" ||
			period == "晚上" || period == "夜里" || period == "夜间" || period == "半夜":
			switch {
			case h == 12 || h == 24:
				h = 0
			case h >= 5 && h < 12, period == "下午" && h < 12, period == "傍晚" && h < 12:
				h += 12
			}
		case period == "中午":
			if h >= 1 && h <= 3 {
				h += 12
			}
		}
		if h == 24 {
			h = 0
		}
		out = append(out, clockTime{min: h*60 + mm, period: period != "" || ampm != "", start: m[0], end: m[1]})
	}
	return out
}

// hhmm formats minutes after midnight as "HH:MM".
func hhmm(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// readPrefs reads the delivery settings a sentence asks for, with no
// question asked: it must say which setting it is about ("别发", "发一次",
// "最多"). step narrows the reading to the setting just asked about, when
// the sentence may be bare ("22点到6点", "20:00", "3").
func readPrefs(text, step string) prefs {
	norm := matcher.Normalize(text)
	s := arabic(norm)
	var p prefs
	clocks := readClocks(s)
	// Words are looked for before and after numerals become digits:
	// "发一次" is a word, "3条" a figure.
	has := func(words []string) bool { return containsAny(s, words) || containsAny(norm, words) }

	// Quiet hours.
	switch {
	case has(quietOffWords):
		p.setQuiet, p.quiet = true, "off"
	case has(quietWords) || quietRe.MatchString(s) || step == stepPrefsQuiet:
		if q, ok := quietWindow(s, clocks); ok {
			p.setQuiet, p.quiet = true, q
		} else if q, ok := bareHours(s); ok && step == stepPrefsQuiet {
			p.setQuiet, p.quiet = true, q
		} else if step == stepPrefsQuiet && (isAnyAnswerWord(s) || has(quietNoneWords)) {
			p.setQuiet, p.quiet = true, "off"
		} else if step == stepPrefsQuiet && has(nightWords) && !has(digestWords) {
			p.setQuiet, p.quiet = true, "" // the service's night
		} else if step != stepPrefsQuiet && has(pauseWords) {
			p.pause = true // "这两天先别发": for a while, not at certain hours
		} else if step != stepPrefsQuiet && !has(tooManyWords) {
			p.askQuiet = true
		}
	}

	// Instant or digest, and the digest's time.
	switch {
	case has(instantWords) && !has(digestWords), noDigestRe.MatchString(s):
		p.setDelivery, p.delivery = true, gigbot.DeliveryInstant // "不要汇总了"
	case has(digestWords), step == stepPrefsDigest && (len(clocks) == 1 || periodTime(s) != ""),
		!p.setQuiet && len(clocks) == 0 && has(dailyWords) && periodTime(s) != "" && endsWithAny(s, sendVerbs),
		!p.setQuiet && len(clocks) == 1 && !quietRe.MatchString(s) &&
			(has(toMeWords) || (has(dailyWords) || clocks[0].period) && endsWithAny(s, sendVerbs) ||
				has(dailyWords) && onlyTime(s, clocks[0])):
		p.setDelivery, p.delivery = true, gigbot.DeliveryDigest
		switch {
		case p.setQuiet:
		case len(clocks) == 1:
			p.digestAt = hhmm(clocks[0].min)
		default:
			// "每天早上推一次", or "早上" answering at what time.
			p.digestAt = periodTime(s)
		}
	}

	// The daily cap.
	for _, re := range capRe {
		if m := re.FindStringSubmatch(s); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
				p.setCap, p.cap = true, min(n, maxDailyCap)
				break
			}
		}
	}
	if !p.setCap && has(capNoLimitWords) {
		p.setCap, p.cap = true, 0
	}
	if !p.setCap && step != stepPrefsCap && has(tooManyWords) {
		p.askCap = true
	}
	if !p.setCap && step == stepPrefsCap {
		if isAnyAnswerWord(s) {
			p.setCap, p.cap = true, 0
		} else if n, err := strconv.Atoi(upperEnd(strings.TrimRight(strings.TrimSpace(s), "条个次.,!"))); err == nil && n > 0 {
			p.setCap, p.cap = true, min(n, maxDailyCap)
		}
	}
	return p
}

// periodTimes are the digest times of a part of the day said without an
// hour ("每天早上推一次").
var periodTimes = []struct{ word, at string }{
	{"早上", "08:00"}, {"早晨", "08:00"}, {"上午", "09:00"}, {"中午", "12:00"}, {"下午", "15:00"},
	{"傍晚", "18:00"}, {"晚上", "20:00"}, {"每晚", "20:00"}, {"morning", "08:00"}, {"noon", "12:00"},
	{"afternoon", "15:00"}, {"evening", "20:00"},
}

// periodTime is the digest time of the part of the day s names, or "".
func periodTime(s string) string {
	for _, p := range periodTimes {
		if strings.Contains(s, p.word) {
			return p.at
		}
	}
	return ""
}

// onlyTime reports whether s says nothing but a day word and the time c
// ("每天7点", "每天下午五点"): at rest, that is when to get the digest.
func onlyTime(s string, c clockTime) bool {
	rest := s[:c.start] + s[c.end:]
	for _, w := range append([]string{"改成", "改到", "换成", "改为"}, dailyWords...) {
		rest = strings.ReplaceAll(rest, w, "")
	}
	return strings.TrimFunc(rest, isFiller) == ""
}

// bareHoursRe reads hours with no 点 ("22-6"), answering for which hours.
var bareHoursRe = regexp.MustCompile(`^(\d{1,2})\s*(?:-|~|到|至)\s*(\d{1,2})$`)

// bareHours reads "22-6" as 22:00-06:00.
func bareHours(s string) (string, bool) {
	m := bareHoursRe.FindStringSubmatch(strings.TrimFunc(s, isFiller))
	if m == nil {
		return "", false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	if a > 24 || b > 24 || a%24 == b%24 {
		return "", false
	}
	return hhmm(a%24*60) + "-" + hhmm(b%24*60), true
}

// isASCIIWordEnd reports whether s ends with the latin word w ("don't
// send after"); Chinese words come after the time instead.
func isASCIIWordEnd(s, w string) bool {
	if w == "" || w[0] >= 0x80 || !strings.HasSuffix(s, w) {
		return false
	}
	head := s[:len(s)-len(w)]
	return head == "" || head[len(head)-1] == ' '
}

// endsWithAny reports whether s, its punctuation trimmed, ends with one of
// words ("每天晚上8点发。").
func endsWithAny(s string, words []string) bool {
	s = strings.TrimRightFunc(s, isFiller)
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// quietWindow reads a quiet window: two times ("晚上10点到早上6点"), or one
// with 以后/以前 ("10点以后别发"), the other half from quietDefault.
func quietWindow(s string, clocks []clockTime) (string, bool) {
	switch {
	case len(clocks) >= 2:
		a, b := clocks[0], clocks[1]
		// "10点到6点": a night, not a morning; "12点到2点": a lunch break.
		switch {
		case b.min >= a.min || b.period:
		case !a.period && a.min >= 7*60 && a.min < 12*60:
			a.min += 12 * 60 // "10点到6点": a night
		case a.min >= 12*60 && a.min < 18*60 && b.min+12*60 > a.min:
			b.min += 12 * 60 // "中午12点到2点": a lunch break
		case a.period && a.min >= 18*60 && b.min < 12*60 && b.min+12*60 > a.min:
			b.min += 12 * 60 // "晚上7点到9点": the evening, not the night through
		}
		if a.min == b.min {
			return "", false
		}
		return hhmm(a.min) + "-" + hhmm(b.min), true
	case len(clocks) == 1:
		c := clocks[0]
		rest, lead := strings.TrimSpace(s[c.end:]), strings.TrimSpace(s[:c.start])
		// "10点以后" and "after 10pm".
		said := func(w string) bool {
			return strings.HasPrefix(rest, w) || isASCIIWordEnd(lead, w)
		}
		for _, w := range afterWords {
			if said(w) {
				if !c.period && c.min < 12*60 && c.min >= 7*60 {
					c.min += 12 * 60 // "10点以后别发" is at night
				}
				if c.min == quietDefaultEnd {
					return "", false
				}
				return hhmm(c.min) + "-" + hhmm(quietDefaultEnd), true
			}
		}
		for _, w := range beforeWords {
			if said(w) && c.min != quietDefaultStart {
				return hhmm(quietDefaultStart) + "-" + hhmm(c.min), true
			}
		}
	}
	return "", false
}

// isAnyAnswerWord reports a reply that means "no limit".
func isAnyAnswerWord(s string) bool {
	s = fold(s)
	if i, ok := keywords[s]; ok && (i == intentAny || i == intentSkip) {
		return true
	}
	return containsAny(s, []string{"不限", "都行", "无所谓", "随便", "都可以", "不用", "没有", "none", "no limit", "any"})
}

// upperEnd is the upper end of a range "2-3", or s.
func upperEnd(s string) string {
	if _, hi, ok := strings.Cut(s, "-"); ok {
		return strings.TrimSpace(hi)
	}
	return s
}
