package bot

import (
	"strconv"
	"strings"
	"unicode"

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
	args   string // what follows a search command ("保洁 河西")
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
	offered := t.conv.Choices
	if len(offered) == 0 && t.conv.Step == "" && t.onboarded() {
		// Menu numbers work at rest even when the last reply showed no
		// menu (after search results, say): people remember "4 找工作".
		offered = t.offer(t.menuChoices())
	}
	if v, ok := pick(f, offered); ok {
		in.intent = intent(v)
		return in
	}
	if i, ok := keywords[f]; ok {
		in.intent = i
		return in
	}
	for _, p := range searchPrefixes {
		if rest, ok := strings.CutPrefix(f, p); ok {
			in.intent = intentSearch
			in.args = strings.TrimFunc(rest, isFiller)
			return in
		}
	}
	return in
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
func isFiller(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}
