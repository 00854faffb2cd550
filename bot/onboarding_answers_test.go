package bot

import (
	"slices"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

// TestCommonSkills checks the skills offered to pick from against the
// taxonomy: each exists, and its Chinese name, which a pick stands for,
// reads back as that skill.
func TestCommonSkills(t *testing.T) {
	h := newHarness(t)
	for _, code := range append([]string{skillLabourer}, commonSkills...) {
		if _, ok := h.m.Skill(code); !ok {
			t.Errorf("skill %q is not in the taxonomy", code)
			continue
		}
		name := h.m.SkillName(code, "zh")
		if got := h.m.Skills(name); !slices.Equal(got, []string{code}) {
			t.Errorf("%s: its name %q reads as %v", code, name, got)
		}
	}
}

// TestSkillsNeverStuck: a vague answer is general labour, said so; two
// answers that name no work offer the common skills, in the user's
// language, and a pick (its number, or the value Telegram sends back)
// answers the question.
func TestSkillsNeverStuck(t *testing.T) {
	h := newHarness(t)
	h.send("w", "你好")
	r := h.send("w", "啥都能干")
	if want := h.text("worker.skills_general", []string{"力工"}); !strings.Contains(r.Text, strings.TrimSpace(want)) {
		t.Errorf("vague skills: reply does not say so:\n%s", r.Text)
	}

	h.send("n", "你好")
	if r := h.send("n", "不知道"); len(r.Choices) != 0 {
		t.Errorf("first miss: choices %v, want none yet", r.Choices)
	}
	r = h.send("n", "说不好")
	if len(r.Choices) != len(commonSkills) || r.Choices[0].Label != "力工" {
		t.Fatalf("second miss: choices %v, want the common skills", r.Choices)
	}
	h.send("n", r.Choices[1].Value) // a Telegram button sends its value
	if got := h.step("n"); got != stepPlace {
		t.Errorf("after a pick: step %q, want the place", got)
	}

	en := func(text string) gigbot.Reply {
		return h.one(gigbot.Message{User: userRef("e"), Kind: gigbot.MessageText, Text: text, Lang: "en"})
	}
	en("hello")
	en("dunno")
	r = en("no idea")
	if len(r.Choices) == 0 || r.Choices[0].Label != "General labourer" {
		t.Errorf("English choices %v, want English skill names", r.Choices)
	}
}

// TestFirstMessageIsNotVagueSkills: a newcomer's first words ("我想打零工")
// say what they came for, not which work they do: the question is asked.
func TestFirstMessageIsNotVagueSkills(t *testing.T) {
	h := newHarness(t)
	h.send("w", "我想打零工")
	o := &onboarding{}
	(&turn{conv: h.conv("w"), e: h.e}).draft(draftOnboarding, o)
	if h.step("w") != stepSkills || len(o.Profile.Skills) != 0 {
		t.Errorf("step %q, skills %v; want the skills question, no skill", h.step("w"), o.Profile.Skills)
	}
}

// TestAnswersSaidBack: what was read from words without figures, and pay
// converted from another unit, is said back so it can be changed.
func TestAnswersSaidBack(t *testing.T) {
	tests := []struct{ answers, has string }{
		{"保洁 | 河西 | 近点就行", "3公里以内"},
		{"保洁 | 河西 | 本区", "本区以内"},
		{"保洁 | 河西 | 5公里 | 月薪5000以上", "每天227元以上"},
		{"保洁 | 河西 | 5公里 | 月薪5000以上", "5000元/月"},
		{"保洁 | 河西 | 5公里 | 小时工20", "20元/小时"},
		{"保洁 河西 5公里 200", "每天200元以上"},
	}
	for _, tt := range tests {
		h := newHarness(t)
		h.send("w", "你好")
		var last string
		for _, a := range strings.Split(tt.answers, " | ") {
			last = h.send("w", a).Text
		}
		if !strings.Contains(last, tt.has) {
			t.Errorf("%s: reply lacks %q:\n%s", tt.answers, tt.has, last)
		}
	}
}

func TestSaysYes(t *testing.T) {
	for text, want := range map[string]bool{
		"好嘞": true, "得嘞！": true, "嗯嗯": true, "👍": true, "👌🏻": true, "没毛病": true, "好的谢谢": true,
		"好的，谢谢！": true, "OK的": true, "确认": true,
		"谢谢": false, "。。。": false, "": false, "好的，改成10公里": false, "河西": false, "🙏": false,
	} {
		if got := saysYes(text); got != want {
			t.Errorf("saysYes(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestWrongField(t *testing.T) {
	for text, want := range map[string]string{
		"地方不对": stepPlace, "距离不对": stepRadius, "钱不对": stepPay, "活不对": stepSkills,
		"工资错了": stepPay, "干活的地方不对": stepPlace, "区不对": stepPlace, "place is wrong": stepPlace,
		"不对": "", "地方": "", "钱改成300": "",
	} {
		if got, _ := wrongField(text); got != want {
			t.Errorf("wrongField(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestLastFigure(t *testing.T) {
	for text, want := range map[string]string{
		"保洁 河西 5公里 200": "200", "保洁，河西，两百": "两百", "保洁 河西 200以上": "200以上",
		"保洁 友谊路200号": "", "保洁 河西 5公里": "", "": "",
	} {
		if got := lastFigure(text); got != want {
			t.Errorf("lastFigure(%q) = %q, want %q", text, got, want)
		}
	}
}
