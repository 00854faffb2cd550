package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// choice is an option to offer: the intent it stands for and the template
// of its label.
type choice struct {
	intent intent
	label  string
}

// input is a text message as the engine reads it.
type input struct {
	text   string // as sent, trimmed: what the matcher reads
	intent intent // the choice or keyword it is; intentNone when neither
	args   string // what follows a search command ("保洁 河西"), or a fair's words after "报名"
	id     int64  // the posting or fair a choice value names ("fair:register:12")
}

// offer renders choices in the user's language.
func (t *turn) offer(choices []choice) []gigbot.Choice {
	out := make([]gigbot.Choice, 0, len(choices))
	for _, c := range choices {
		out = append(out, gigbot.Choice{Label: t.render(c.label, nil), Value: string(c.intent)})
	}
	return out
}

// understand reads text as one of the choices offered last turn (by
// number, label or value), else as a keyword, else as free text.
func (t *turn) understand(text string) input {
	in := input{text: text}
	f := fold(text)
	if _, ok := t.conv.Data[draftListed]; ok && t.conv.Step == "" {
		t.draft(draftListed, &t.listed)
		delete(t.conv.Data, draftListed)
		if n := listPosition(f); n > 0 && n <= len(t.listed) {
			// After a search, "1", "第一个" pick from it, not the menu.
			in.intent, in.id = intentShowListed, t.listed[n-1]
			return in
		}
	}
	offered := t.conv.Choices
	if len(offered) == 0 && t.conv.Step == "" && t.onboarded() {
		// Menu numbers work at rest even when the last reply showed no
		// menu (after search results, say): people remember "4 找工作".
		offered = t.offer(t.menuChoices())
	}
	if v, ok := pick(f, offered); ok {
		if i, id, ok := actionValue(v); ok {
			in.intent, in.id = i, id
		} else {
			in.intent = intent(v)
		}
		return in
	}
	if i, id, ok := actionValue(f); ok {
		in.intent, in.id = i, id
		return in
	}
	if i, ok := keywords[f]; ok {
		in.intent = i
		return in
	}
	if c, ok := command(text); ok {
		return c
	}
	for _, p := range searchPrefixes {
		if rest, ok := strings.CutPrefix(f, p); ok {
			in.intent = intentSearch
			in.args = strings.TrimFunc(rest, isFiller)
			return in
		}
	}
	// "取消报名 河西招聘会": withdrawing from the fair those words name.
	if rest, ok := strings.CutPrefix(f, "取消报名"); ok && rest != "" && utf8.RuneCountInString(f) <= phraseMaxRunes*2 {
		in.intent = intentFairLeave
		in.args = strings.TrimFunc(rest, isFiller)
		return in
	}
	// "报名 河西招聘会": registering for the fair those words name.
	for _, p := range []string{"我要报名", "报名参加", "报名"} {
		if rest, ok := strings.CutPrefix(f, p); ok && rest != "" && utf8.RuneCountInString(f) <= phraseMaxRunes*2 {
			in.intent = intentFairJoin
			in.args = strings.TrimFunc(rest, isFiller)
			return in
		}
	}
	in.intent = phraseIntent(f)
	return in
}

// actionValue reads a choice value that names a posting or a fair.
func actionValue(f string) (intent, int64, bool) {
	for prefix, in := range map[string]intent{valueFairJoin: intentFairJoin, valueClosePosting: intentClose,
		valueReportPosting: intentReport, valueApprove: intentApprove, valueReject: intentReject} {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			id, err := strconv.ParseInt(rest, 10, 64)
			if err != nil || id <= 0 {
				return intentNone, 0, false
			}
			return in, id, true
		}
	}
	return intentNone, 0, false
}

// phraseIntent finds a command said in a short sentence with words around
// it: "我想先找工作", "还是招人吧", "算了，我要招人" (the last clause
// decides: it is what the person settled on). Only the commands that
// switch what the user is doing are read this way, so an answer such as
// "保洁，不限" is never taken for one.
func phraseIntent(f string) intent {
	if f == "" || utf8.RuneCountInString(f) > phraseMaxRunes {
		return intentNone
	}
	for _, stem := range closeStems {
		if strings.Contains(f, stem) {
			return intentClose
		}
	}
	for _, stem := range fairStems {
		if !strings.Contains(f, stem) || strings.Contains(f, "发布") {
			continue
		}
		if strings.Contains(f, "报名") || strings.Contains(f, "参加") {
			return intentFairJoin
		}
		return intentFairList
	}
	clauses := strings.FieldsFunc(f, isFiller)
	if len(clauses) == 0 {
		return intentNone
	}
	last := clauses[len(clauses)-1]
	for _, c := range []string{last, trimFillers(last)} {
		if i, ok := keywords[c]; ok && switching[i] {
			return i
		}
		for _, p := range searchPrefixes {
			if c == p {
				return intentSearch
			}
		}
	}
	return intentNone
}

// trimFillers takes the filler words off both ends of a clause.
func trimFillers(c string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range leadFillers {
			if rest, ok := strings.CutPrefix(c, w); ok && rest != "" {
				c, changed = rest, true
				break
			}
		}
		for _, w := range tailFillers {
			if rest, ok := strings.CutSuffix(c, w); ok && rest != "" {
				c, changed = rest, true
				break
			}
		}
	}
	return c
}

// pick finds the choice that folded text f names: its number (1, １, 一,
// 第一个), its label or its value.
func pick(f string, offered []gigbot.Choice) (string, bool) {
	if len(offered) == 0 || f == "" {
		return "", false
	}
	if n, ok := number(f); ok {
		if n >= 1 && n <= len(offered) {
			return offered[n-1].Value, true
		}
		return "", false
	}
	for _, c := range offered {
		if f == fold(c.Label) || f == fold(c.Value) {
			return c.Value, true
		}
	}
	return "", false
}

// number reads a menu number: "3", "３" (already folded), "三", "第三个".
func number(f string) (int, bool) {
	f = strings.TrimPrefix(f, "第")
	f = strings.TrimRight(f, "个项条号")
	if n, err := strconv.Atoi(f); err == nil {
		return n, true
	}
	n, ok := chineseNumbers[f]
	return n, ok
}

// fold puts text in the form keywords and labels are compared in:
// full-width letters and digits made half-width, lower case, without the
// spaces, punctuation and emoji people add around a word ("好的！", "１",
// "/start", "“确认”").
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000': // ideographic space
			r = ' '
		case r >= '\uFF01' && r <= '\uFF5E': // full-width ASCII
			r -= 0xFEE0
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimFunc(b.String(), isFiller)
}

// isFiller reports the runes that never change what a short answer means.
// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func isFiller(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}
