package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commandWords start the commands that take an argument: a posting id
// ("通过 12", "举报 12"), an id and a reason ("拒绝 12 收押金"), or an
// employer's reference or phone ("拉黑 13800000000", "认证 12").
var commandWords = []struct {
	word string
	in   intent
}{
	{"通过", intentApprove}, {"approve", intentApprove},
	{"拒绝", intentReject}, {"reject", intentReject},
	{"拉黑", intentBlacklist}, {"blacklist", intentBlacklist},
	{"认证", intentVerify}, {"verify", intentVerify},
	{"举报", intentReport}, {"report", intentReport},
}

// reportMaxRunes bounds "举报…" read as a report: "举报这条招工" is one, a
// long complaint that starts with the word is read as text.
const reportMaxRunes = 16

// command reads text as a command with an argument. The word must stand
// alone or be followed by a space, a digit or "#", so "通过中介找活" or
// "认证过的老板" stays text. For 举报 any short rest is allowed: it names
// no id, and means the posting pushed last.
func command(text string) (input, bool) {
	s := foldWidth(strings.TrimSpace(text))
	lower := strings.ToLower(s)
	for _, c := range commandWords {
		if !strings.HasPrefix(lower, c.word) {
			continue
		}
		rest := s[len(c.word):]
		r, _ := utf8.DecodeRuneInString(rest)
		argued := rest == "" || unicode.IsSpace(r) || unicode.IsDigit(r) || r == '#' || r == ':'
		if !argued && !(c.in == intentReport && utf8.RuneCountInString(s) <= reportMaxRunes) {
			return input{}, false
		}
		in := input{text: text, intent: c.in}
		rest = strings.TrimFunc(rest, isFiller)
		switch c.in {
		case intentApprove, intentReject, intentReport:
			in.id, in.args = leadingID(rest)
		default:
			in.args = rest
		}
		return in, true
	}
	return input{}, false
}

// leadingID reads the posting id at the start of s ("12 收押金", "#12")
// and returns it with what follows, trimmed.
func leadingID(s string) (int64, string) {
	s = strings.TrimLeft(s, "#")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 || end > 12 {
		return 0, strings.TrimFunc(s, isFiller)
	}
	id, err := strconv.ParseInt(s[:end], 10, 64)
	if err != nil || id <= 0 {
		return 0, strings.TrimFunc(s[end:], isFiller)
	}
	return id, strings.TrimFunc(s[end:], isFiller)
}

// foldWidth makes full-width letters, digits, spaces, "#" and ":"
// half-width, keeping case and other punctuation, so a typed reason keeps
// its words.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r == '＃', r == '：':
			return r - 0xFEE0
		}
		return r
	}, s)
}
