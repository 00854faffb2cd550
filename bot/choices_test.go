package bot

import (
	"regexp"
	"testing"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"确认": "确认", " 好的！": "好的", "１": "1", "ＯＫ": "ok", "/start": "start",
		"“确认”": "确认", "好的👌": "好的", "找工作　保洁": "找工作 保洁", "Yes.": "yes", "？": "",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPick(t *testing.T) {
	offered := []gigbot.Choice{{Label: "确认发布", Value: "yes"}, {Label: "重新填写", Value: "edit"}, {Label: "取消", Value: "cancel"}}
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"1", "yes", true}, {"３", "cancel", true}, {"二", "edit", true}, {"第二个", "edit", true},
		{"确认发布", "yes", true}, {"重新填写！", "edit", true}, {"cancel", "cancel", true},
		{"4", "", false}, {"0", "", false}, {"十", "", false}, {"随便", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		got, ok := pick(fold(tt.in), offered)
		if got != tt.want || ok != tt.ok {
			t.Errorf("pick(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := pick("1", nil); ok {
		t.Error("a number picked from no choices")
	}
}

// TestKeywordsAreUnambiguous catches a word listed under two intents,
// which would make one of them silently unreachable.
func TestKeywordsAreUnambiguous(t *testing.T) {
	seen := map[string]intent{}
	for in, words := range intentWords {
		for _, w := range words {
			f := fold(w)
			if other, ok := seen[f]; ok && other != in {
				t.Errorf("%q means both %s and %s", w, other, in)
			}
			seen[f] = in
		}
	}
}

// TestHelpWordsAreUnderstood checks that every word the help text tells
// people to type (in quotes) is one the engine understands.
func TestHelpWordsAreUnderstood(t *testing.T) {
	tmpl, err := templates.Load()
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`[“"]([^”"]+)[”"]`)
	for _, lang := range []string{"zh", "en"} {
		help, err := tmpl.Render(lang, "common.help", templates.Help{Onboarded: true, Staff: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quoted.FindAllStringSubmatch(help, -1) {
			tr := &turn{}
			// A command, or a delivery setting said in words.
			if in := tr.understand(m[1]); in.intent == intentNone && !readPrefs(m[1], "").any() {
				t.Errorf("%s help says to type %q, which means nothing to the engine", lang, m[1])
			}
		}
	}
}
