package bot

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gigbot/gigbot/matcher"
)

// How people correct an answer and add to one, in their own words.

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
	payWords = []string{"元", "块", "工钱", "工资", "日结", "一天", "每天", "一日", "/天", "薪", "钱", "yuan", "rmb", "per day", "a day"}

	distanceRe = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:公里|km|千米|里)`)
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
