package bot

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

// exchange is one message of a dialog script and what must follow it.
type exchange struct {
	send    string          // a text message, when msg is not set
	msg     *gigbot.Message // any other message; User is filled in
	step    string          // the conversation's step afterwards
	says    []string        // templates (no data) the reply must include
	has     []string        // text the reply must include
	hasNot  []string        // text the reply must not include
	choices []intent        // the choices offered, when not nil
}

// play runs a script for one user.
func (h *harness) play(id string, script []exchange) {
	h.t.Helper()
	for i, x := range script {
		m := gigbot.Message{User: userRef(id), Kind: gigbot.MessageText, Text: x.send}
		if x.msg != nil {
			m = *x.msg
			m.User = userRef(id)
		}
		r := h.one(m)
		where := func() string { return strings.Join([]string{string(m.Kind), m.Text}, " ") }
		if got := h.step(id); got != x.step {
			h.t.Errorf("#%d %s: step %q, want %q; reply:\n%s", i, where(), got, x.step, r.Text)
		}
		for _, name := range x.says {
			if want := h.text(name, nil); !strings.Contains(r.Text, want) {
				h.t.Errorf("#%d %s: reply lacks %s %q:\n%s", i, where(), name, want, r.Text)
			}
		}
		for _, s := range x.has {
			if !strings.Contains(r.Text, s) {
				h.t.Errorf("#%d %s: reply lacks %q:\n%s", i, where(), s, r.Text)
			}
		}
		for _, s := range x.hasNot {
			if strings.Contains(r.Text, s) {
				h.t.Errorf("#%d %s: reply shows %q:\n%s", i, where(), s, r.Text)
			}
		}
		if x.choices != nil {
			var got []intent
			for _, c := range r.Choices {
				got = append(got, intent(c.Value))
			}
			if !slices.Equal(got, x.choices) {
				h.t.Errorf("#%d %s: choices %v, want %v", i, where(), got, x.choices)
			}
		}
	}
}

// A point on 友谊路 in 河西区, shared as a location message.
var youyiRoad = gigbot.Point{Lat: 39.0767, Lon: 117.1983}

func TestWorkerOnboarding(t *testing.T) {
	image := &gigbot.Message{Kind: gigbot.MessageImage}
	emptyVoice := &gigbot.Message{Kind: gigbot.MessageVoice}
	location := &gigbot.Message{Kind: gigbot.MessageLocation, Point: youyiRoad}
	confirm := []intent{intentYes, intentEdit}

	tests := []struct {
		name    string
		script  []exchange
		profile *gigbot.Profile // saved at the end, when set
	}{{
		name: "free text all the way",
		script: []exchange{
			{send: "你好", step: stepSkills, says: []string{"worker.welcome"}, has: []string{"你会干什么活"}},
			{send: "我会电焊，也能干力工", step: stepPlace, has: []string{"电焊工、力工", "你住哪个区"}},
			{send: "河西区", step: stepRadius, has: []string{"河西区", "多远"}},
			{send: "3公里", step: stepPay, has: []string{"一天最少"}},
			{send: "200", step: stepConfirm, has: []string{"会干的活：电焊工、力工", "位置：河西区", "3公里以内", "每天200元以上"}, choices: confirm},
			{send: "确认", step: "", says: []string{"worker.menu"}, has: []string{"登记好了"},
				choices: []intent{intentProfile, intentEditProfile, intentPause, intentSearch, intentUnsubscribe, intentHelp, intentDelivery}},
		},
		profile: &gigbot.Profile{Skills: []string{"welder", "labourer"}, District: "河西区", RadiusKm: 3, MinPay: 200},
	}, {
		name: "first message answers two questions",
		script: []exchange{
			{send: "我会开叉车，住在河东区", step: stepRadius, says: []string{"worker.welcome"}, has: []string{"河东区", "多远"}},
			{send: "三公里", step: stepPay},
			{send: "两百", step: stepConfirm, has: []string{"3公里以内", "每天200元以上"}},
		},
	}, {
		name: "no limit and skip",
		script: []exchange{
			{send: "保洁", step: stepPlace, says: []string{"worker.welcome"}},
			{send: "南开", step: stepRadius},
			{send: "不限", step: stepPay},
			{send: "跳过", step: stepConfirm, has: []string{"距离：不限", "工钱：不限"}},
			{send: "好的", step: ""},
		},
		profile: &gigbot.Profile{Skills: []string{"cleaner"}, District: "南开区", RadiusKm: cityWideKm},
	}, {
		name: "location at the skills step, then the place question is skipped",
		script: []exchange{
			{send: "在吗", step: stepSkills},
			{msg: location, step: stepSkills, has: []string{"河西区", "你会干什么活"}, hasNot: []string{"39.07", "117.19"}},
			{send: "打扫卫生", step: stepRadius},
		},
	}, {
		name: "location or district at a later step replaces the place",
		script: []exchange{
			{send: "力工", step: stepPlace},
			{send: "南开区", step: stepRadius},
			{msg: location, step: stepRadius, has: []string{"河西区", "多远"}},
			{send: "5公里", step: stepPay},
			{send: "不对，是河东区", step: stepPay, has: []string{"河东区", "一天最少"}},
			{send: "跳过", step: stepConfirm, has: []string{"位置：河东区"}},
		},
	}, {
		name: "unexpected replies get the question again",
		script: []exchange{
			{send: "嗯", step: stepSkills},
			{send: "嗯嗯啊啊", step: stepSkills, says: []string{"worker.skills_unknown"}},
			{msg: image, step: stepSkills, says: []string{"common.image"}, has: []string{"你会干什么活"}},
			{send: "保洁", step: stepPlace},
			{send: "火星", step: stepPlace, says: []string{"worker.place_unknown"}},
			{msg: emptyVoice, step: stepPlace, says: []string{"common.voice_empty"}, has: []string{"你住哪个区"}},
			{send: "河西", step: stepRadius},
			{send: "很远很远", step: stepRadius, says: []string{"worker.radius_unknown"}},
			{send: "10公里", step: stepPay},
			{send: "不好说", step: stepPay, says: []string{"worker.pay_unknown"}},
			{send: "150", step: stepConfirm},
			{send: "这是什么", step: stepConfirm, has: []string{"请核对你的资料"}, choices: confirm},
			{send: "7", step: stepConfirm, has: []string{"请核对你的资料"}, choices: confirm},
		},
	}, {
		name: "voice is read as its recognised text",
		script: []exchange{
			{msg: &gigbot.Message{Kind: gigbot.MessageVoice, Text: "我会电焊。"}, step: stepPlace, says: []string{"worker.welcome"}, has: []string{"电焊"}},
		},
	}, {
		name: "cancel leaves the dialog without saving",
		script: []exchange{
			{send: "保洁", step: stepPlace},
			{send: "取消", step: "", says: []string{"common.cancelled"}},
		},
	}, {
		name: "changing at the summary keeps the answers as defaults",
		script: []exchange{
			{send: "保洁", step: stepPlace},
			{send: "河西区", step: stepRadius},
			{send: "5公里", step: stepPay},
			{send: "100", step: stepConfirm},
			{send: "修改", step: stepSkills, has: []string{"现在登记的是：保洁"}},
			{send: "不变", step: stepPlace, has: []string{"现在登记的是：河西区"}},
			{send: "不变", step: stepRadius, has: []string{"现在是：5公里以内"}},
			{send: "8公里", step: stepPay, has: []string{"现在是：每天100元以上"}},
			{send: "不变", step: stepConfirm, has: []string{"8公里以内", "每天100元以上"}},
			{send: "1", step: ""},
		},
		profile: &gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区", RadiusKm: 8, MinPay: 100},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.play("w", tt.script)
			if tt.profile == nil {
				if h.conv("w").Step == "" && h.worker("w") != nil {
					t.Errorf("worker saved without confirming: %+v", h.worker("w"))
				}
				return
			}
			w := h.worker("w")
			if w == nil || !w.Onboarded || !w.Active() {
				t.Fatalf("worker = %+v, want onboarded and active", w)
			}
			got := w.Profile
			got.Point, got.Street = gigbot.Point{}, ""
			if !slices.Equal(got.Skills, tt.profile.Skills) || got.District != tt.profile.District ||
				got.RadiusKm != tt.profile.RadiusKm || got.MinPay != tt.profile.MinPay {
				t.Errorf("profile = %+v, want %+v", got, *tt.profile)
			}
			if w.Profile.Point.IsZero() {
				t.Error("profile has no point: distance matching cannot work")
			}
		})
	}
}

func TestConfirmAnswers(t *testing.T) {
	for _, answer := range []string{"1", "１", "一", "第一个", "yes", "确认", "对", "好的", "是", "确认！", " 是的 "} {
		t.Run("yes "+answer, func(t *testing.T) {
			h := newHarness(t)
			h.play("w", []exchange{{send: "保洁 河西", step: stepRadius}, {send: "5公里", step: stepPay}, {send: "跳过", step: stepConfirm}})
			h.send("w", answer)
			if w := h.worker("w"); w == nil || !w.Onboarded {
				t.Errorf("%q did not confirm: %+v", answer, w)
			}
		})
	}
	for _, answer := range []string{"2", "２", "二", "edit", "修改", "不对", "重来"} {
		t.Run("change "+answer, func(t *testing.T) {
			h := newHarness(t)
			h.play("w", []exchange{{send: "保洁 河西", step: stepRadius}, {send: "5公里", step: stepPay}, {send: "跳过", step: stepConfirm}})
			h.send("w", answer)
			if got := h.step("w"); got != stepSkills || h.worker("w") != nil {
				t.Errorf("%q: step %q, worker %+v; want back at the skills question, nothing saved", answer, got, h.worker("w"))
			}
		})
	}
}

func TestWorkerAtRest(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "我会电焊，也能干力工", "河西区", "3公里", "200")
	image := &gigbot.Message{Kind: gigbot.MessageImage}
	h.play("w", []exchange{
		{send: "我的资料", has: []string{"电焊工、力工", "河西区", "推送：开着"}},
		{send: "1", has: []string{"你的资料"}},
		{send: "暂停", says: []string{"worker.paused"}},
		{send: "3", says: []string{"worker.resumed"}}, // the menu's third item is now "恢复推送"
		{send: "pause", says: []string{"worker.paused"}},
		{send: "恢复", says: []string{"worker.resumed"}},
		{send: "退订", says: []string{"worker.unsubscribed"}},
		{send: "我的资料", has: []string{"推送：已退订"}, choices: []intent{intentProfile, intentEditProfile, intentResume, intentSearch, intentUnsubscribe, intentHelp, intentDelivery}},
		{send: "恢复推送", says: []string{"worker.resumed"}},
		{send: "帮助", has: []string{"找工作", "暂停"}},
		{send: "菜单", says: []string{"worker.menu"}},
		{send: "六", has: []string{"我能帮你"}},
		{send: "谢谢", says: []string{"worker.ack"}},
		{send: "今天天气不错", says: []string{"worker.not_understood", "worker.menu"}},
		{msg: image, says: []string{"common.image", "worker.menu"}},
		{send: "取消", has: []string{"好的，已取消。"}, says: []string{"worker.menu"}},
		{send: "修改资料", step: stepSkills, has: []string{"现在登记的是：电焊工、力工"}},
		{send: "cancel", step: ""},
	})
	if w := h.worker("w"); !w.Active() {
		t.Errorf("worker = %+v, want active", w)
	}

	// Unfollowing needs no answer; following again turns pushes back on.
	if replies := h.handle(gigbot.Message{User: userRef("w"), Kind: gigbot.MessageUnsubscribe}); len(replies) != 0 {
		t.Errorf("unsubscribe event answered: %v", replies)
	}
	if w := h.worker("w"); !w.Unsubscribed || w.Active() {
		t.Errorf("after unsubscribe event: %+v", w)
	}
	h.play("w", []exchange{{msg: &gigbot.Message{Kind: gigbot.MessageSubscribe}, says: []string{"worker.resumed", "worker.menu"}}})
	if w := h.worker("w"); !w.Active() {
		t.Errorf("after subscribe event: %+v", w)
	}

	// A shared location at rest moves the worker.
	h.play("w", []exchange{{msg: &gigbot.Message{Kind: gigbot.MessageLocation, Point: gigbot.Point{Lat: 39.13, Lon: 117.15}}, has: []string{"南开区"}}})
	if w := h.worker("w"); w.Profile.District != "南开区" {
		t.Errorf("after location: %+v", w.Profile)
	}
	// No such place on Earth: said so, and the profile kept.
	for _, bad := range []gigbot.Point{{Lat: 200, Lon: 300}, {Lat: math.NaN(), Lon: 117}} {
		h.play("w", []exchange{{msg: &gigbot.Message{Kind: gigbot.MessageLocation, Point: bad}, says: []string{"common.location_invalid"}}})
	}
	if w := h.worker("w"); w.Profile.District != "南开区" {
		t.Errorf("after a bad location: %+v", w.Profile)
	}
}

func TestNewcomers(t *testing.T) {
	h := newHarness(t)
	// A subscribe event greets and starts signing up.
	h.play("a", []exchange{{msg: &gigbot.Message{Kind: gigbot.MessageSubscribe}, step: stepSkills, says: []string{"worker.welcome"}}})
	// A location first starts signing up with the place known.
	h.play("b", []exchange{
		{msg: &gigbot.Message{Kind: gigbot.MessageLocation, Point: youyiRoad}, step: stepSkills, says: []string{"worker.welcome"}, has: []string{"河西区"}},
		{send: "力工", step: stepRadius},
	})
	// Commands that need a profile ask for one.
	h.play("c", []exchange{
		{send: "帮助", step: "", has: []string{"登记"}},
		{send: "我的资料", step: stepSkills, says: []string{"worker.welcome"}},
		{send: "取消", step: ""},
		{send: "我的资料", step: stepSkills, says: []string{"worker.need_onboarding"}},
	})
	// An unsubscribe event from a stranger changes nothing and says nothing.
	if replies := h.handle(gigbot.Message{User: userRef("d"), Kind: gigbot.MessageUnsubscribe}); len(replies) != 0 || h.worker("d") != nil {
		t.Errorf("stranger's unsubscribe: replies %v, worker %+v", replies, h.worker("d"))
	}
}

func TestEnglish(t *testing.T) {
	h := newHarness(t)
	en := func(text string) *gigbot.Message {
		return &gigbot.Message{Kind: gigbot.MessageText, Text: text, Lang: "en-US"}
	}
	h.play("w", []exchange{
		{msg: en("hello"), step: stepSkills, has: []string{"What work can you do?"}},
		{msg: en("保洁"), step: stepPlace, has: []string{"Cleaner"}},
		{msg: en("河西区"), step: stepRadius},
		{msg: en("any"), step: stepPay},
		{msg: en("skip"), step: stepConfirm, has: []string{"Please check your profile", "any distance"}, choices: []intent{intentYes, intentEdit}},
		{msg: en("Confirm"), step: ""},
	})
	if w := h.worker("w"); w.Lang != "en" {
		t.Errorf("worker language %q, want en", w.Lang)
	}
	// All in English: the work and the place named as English speakers do.
	h.publishAs("boss", cleanerPosting)
	h.play("e", []exchange{
		{msg: en("hi"), step: stepSkills},
		{msg: en("cleaning"), step: stepPlace, has: []string{"Cleaner"}},
		{msg: en("Hexi District"), step: stepRadius, has: []string{"河西区"}},
		{msg: en("any"), step: stepPay},
		{msg: en("skip"), step: stepConfirm},
		{msg: en("yes"), step: ""},
		{msg: en("search cleaning Hexi"), has: []string{"河西保洁"}},
		{msg: en("not going"), has: []string{"You haven't registered"}},
		{msg: en("talk to a person"), has: []string{"12333"}},
	})
}
