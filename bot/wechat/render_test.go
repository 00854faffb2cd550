package wechat

import (
	"testing"

	"github.com/gigbot/gigbot"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		in   gigbot.Reply
		want string
	}{
		{"text only", gigbot.Reply{Text: "hello"}, "hello"},
		{"choices under text", gigbot.Reply{Text: "ok?", Choices: []gigbot.Choice{{Label: "确认", Value: "yes"}, {Label: "修改", Value: "edit"}}},
			"ok?\n1. 确认\n2. 修改"},
		{"choices only", gigbot.Reply{Choices: []gigbot.Choice{{Label: "a"}}}, "1. a"},
		{"label falls back to value", gigbot.Reply{Text: "t", Choices: []gigbot.Choice{{Value: "v"}}}, "t\n1. v"},
		{"empty", gigbot.Reply{}, ""},
	}
	for _, tt := range tests {
		if got := Render(tt.in); got != tt.want {
			t.Errorf("%s: Render = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := renderAll([]gigbot.Reply{{Text: "a"}, {}, {Text: "b"}}); got != "a\n\nb" {
		t.Errorf("renderAll = %q", got)
	}
}
