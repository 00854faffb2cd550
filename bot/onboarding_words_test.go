package bot

import (
	"slices"
	"strings"
	"testing"
)

// TestFirstMessageAnyWork: a newcomer whose very first words say they do
// any work ("什么活都行") has answered the skills question, whichever way
// the message came in (at rest "什么活都行" reads as a search).
func TestFirstMessageAnyWork(t *testing.T) {
	for _, first := range []string{"啥都能干", "力气活", "什么活都行"} {
		h := newHarness(t)
		r := h.send("w", first)
		o := &onboarding{}
		(&turn{conv: h.conv("w"), e: h.e}).draft(draftOnboarding, o)
		if h.step("w") != stepPlace || !slices.Equal(o.Profile.Skills, []string{skillLabourer}) {
			t.Errorf("%s: step %q, skills %v; want the place question, 力工", first, h.step("w"), o.Profile.Skills)
		}
		if want := h.text("worker.skills_general", []string{"力工"}); !strings.Contains(r.Text, strings.TrimSpace(want)) {
			t.Errorf("%s: reply does not say so:\n%s", first, r.Text)
		}
	}
}

// TestEditLeftShowsProfile: leaving a change in words shows the saved
// profile, then the menu.
func TestEditLeftShowsProfile(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西", "5公里", "200")
	h.send("w", "修改资料")
	h.send("w", "力工")
	r := h.send("w", "不改了")
	for _, want := range []string{"你的资料", "保洁", "河西区"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("reply lacks %q:\n%s", want, r.Text)
		}
	}
	if len(r.Choices) == 0 {
		t.Errorf("no menu after leaving the change")
	}
}

// TestAnywhereShown: a profile without a place is shown as anywhere in
// the city, not as a missing place.
func TestAnywhereShown(t *testing.T) {
	h := newHarness(t)
	h.send("w", "你好")
	h.send("w", "保洁")
	h.send("w", "全市")
	r := h.send("w", "200")
	label := h.text("worker.place_anywhere_label", nil)
	if !strings.Contains(r.Text, "位置："+label) || strings.Contains(r.Text, "未写明") {
		t.Errorf("summary does not show anywhere:\n%s", r.Text)
	}
}

func TestSaysBack(t *testing.T) {
	for text, want := range map[string]bool{
		"刚才说错了": true, "回去改一下": true, "说错了": true, "上一个错了": true, "我要改一下": true, "不对不对": true,
		"刚才": false, "河西": false, "改成十公里": false, "说错了，是河东": false, "": false,
	} {
		if got := saysBack(text); got != want {
			t.Errorf("saysBack(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestSaysYesInMoreWords(t *testing.T) {
	for text, want := range map[string]bool{
		"是的没错": true, "确认无误": true, "就这样吧": true, "没啥要改的": true, "对的没问题": true, "不改了 就这样": true,
		"得了": true, "吧": false, "对吗": false, "不对": false, "是不是": false,
	} {
		if got := saysYes(text); got != want {
			t.Errorf("saysYes(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestCorrectionPointingBack(t *testing.T) {
	for text, want := range map[string]string{
		"不对 上一个说错了 是南开": "南开", "不对，是河东区": "河东区", "刚才说错了，是南开": "南开", "刚才河西": "",
	} {
		got, ok := correction(text)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("correction(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDroppedSkills(t *testing.T) {
	h := newHarness(t)
	tr := &turn{e: h.e}
	for text, want := range map[string][]string{
		"保洁不要了": {"cleaner"}, "去掉保洁": {"cleaner"}, "我是干电焊的不是保洁": {"cleaner"},
		"还会电焊": nil, "不要太远的保洁活": nil, "是不是还要电焊": nil,
	} {
		if got := tr.droppedSkills(text); !slices.Equal(got, want) {
			t.Errorf("droppedSkills(%q) = %v, want %v", text, got, want)
		}
	}
}
