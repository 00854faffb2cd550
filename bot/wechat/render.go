package wechat

import (
	"strconv"
	"strings"

	"github.com/gigbot/gigbot"
)

// Render is a reply as WeChat text: the text, then one numbered line per
// choice ("1. label"). WeChat has no buttons in a chat, so the user
// answers with the number and the engine maps it back to the choice.
func Render(r gigbot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Text)
	for i, ch := range r.Choices {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		label := ch.Label
		if label == "" {
			label = ch.Value
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(label)
	}
	return b.String()
}

// renderAll joins the replies of one turn into one text, a blank line
// between them.
func renderAll(rs []gigbot.Reply) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		if s := Render(r); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}
