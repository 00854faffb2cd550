package bot

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

func TestReadPrefs(t *testing.T) {
	f, err := os.Open("testdata/prefs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			t.Fatalf("bad row: %q", line)
		}
		step := c[0]
		if step == "-" {
			step = ""
		}
		p := readPrefs(c[1], step)
		got := []string{"-", "-", "-", "-"}
		if p.setDelivery {
			got[0] = string(p.delivery)
			if p.digestAt != "" {
				got[1] = p.digestAt
			}
		}
		if p.setQuiet {
			got[2] = p.quiet
		}
		if p.setCap {
			got[3] = strconv.Itoa(p.cap)
		}
		if want := c[2:]; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("readPrefs(%q, %q) = %v, want %v", c[1], step, got, want)
		}
	}
}

func TestArabic(t *testing.T) {
	for in, want := range map[string]string{
		"晚上八点": "晚上8点", "十二点": "12点", "二十三": "23", "两百": "200", "一百五": "150", "一百零五": "105",
		"三千": "3000", "十": "10", "百": "百", "一二三": "123", "每天一次": "每天1次", "两三条": "2-3条", "三五个": "3-5个",
	} {
		if got := arabic(in); got != want {
			t.Errorf("arabic(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDeliverySettingsInChat(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "3公里", "跳过")
	settings := []intent{intentInstant, intentDigest, intentQuiet, intentCap, intentDone}
	h.play("w", []exchange{
		{send: "我的资料", has: []string{"推送：开着", "怎么发：有合适的活马上发", "免打扰：按默认", "每天最多：按默认"}},
		// The menu's last item, by number.
		{send: "7", step: stepPrefs, has: []string{"你的推送设置"}, choices: settings},
		{send: "2", step: stepPrefsDigest, says: []string{"worker.ask_digest_at"}},
		{send: "晚上八点", step: stepPrefs, has: []string{"每天20:00汇总发一次"}, says: []string{"worker.prefs_more"}},
		{send: "免打扰时间", step: stepPrefsQuiet},
		{send: "什么", step: stepPrefsQuiet, says: []string{"worker.prefs_unknown", "worker.ask_quiet"}},
		{send: "晚上10点到早上6点", step: stepPrefs, has: []string{"免打扰：22:00-06:00"}},
		{send: "一天最多3条", step: stepPrefs, has: []string{"每天最多：3条"}},
		{send: "好了", step: "", says: []string{"worker.menu"}},
		// At rest, plain words.
		{send: "随时都行", step: "", has: []string{"免打扰：不设，随时都发"}},
		{send: "有活马上发", step: "", has: []string{"有合适的活马上发"}},
		{send: "每天晚上7点发一次", step: "", has: []string{"每天19:00汇总发一次"}},
		{send: "每天发一次", step: "", has: []string{"每天19:00汇总发一次"}},
		{send: "推送设置", step: stepPrefs},
		// Something else altogether leaves the settings.
		{send: "我想找工作", step: ""},
	})
	w := h.worker("w")
	want := gigbot.Profile{Delivery: gigbot.DeliveryDigest, DigestAt: "19:00", QuietHours: "off", DailyCap: 3}
	if p := w.Profile; p.Delivery != want.Delivery || p.DigestAt != want.DigestAt || p.QuietHours != want.QuietHours || p.DailyCap != want.DailyCap {
		t.Errorf("profile = %+v, want the delivery settings of %+v", p, want)
	}
	// A digest asked for with no time, by a worker who never gave one,
	// asks for it.
	h.onboard("v", "力工", "南开区", "3公里", "跳过")
	h.play("v", []exchange{
		{send: "每天发一次", step: stepPrefsDigest, says: []string{"worker.ask_digest_at"}},
		{send: "早上7点", step: stepPrefs, has: []string{"每天07:00汇总发一次"}},
	})
	// Newcomers are asked to sign up first.
	h.play("n", []exchange{{send: "推送设置", step: stepSkills}})
}

// TestDeliveryWordsAsPeopleSayThem: the settings said the way workers
// type them, and a setting named without its value opens its question.
func TestDeliveryWordsAsPeopleSayThem(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "3公里", "跳过")
	h.play("w", []exchange{
		{send: "每天晚上8点推送给我", step: "", has: []string{"每天20:00汇总发一次"}},
		{send: "有新的马上告诉我", step: "", has: []string{"有合适的活马上发"}},
		{send: "晚上别发", step: stepPrefsQuiet, says: []string{"worker.ask_quiet"}},
		{send: "11点到6点", step: stepPrefs, has: []string{"免打扰：23:00-06:00"}},
		{send: "好了", step: ""},
		{send: "发太多了", step: stepPrefsCap, says: []string{"worker.ask_cap"}},
		{send: "两条", step: stepPrefs, has: []string{"每天最多：2条"}},
		{send: "好了", step: ""},
		{send: "一天最多发3个", step: "", has: []string{"每天最多：3条"}},
		{send: "我的设置", step: stepPrefs, has: []string{"你的推送设置"}},
		// A digest inside the quiet hours waits for their end: said.
		{send: "每天晚上11点发一次", step: stepPrefs, has: []string{"每天23:00汇总发一次", "23:00 在免打扰时间里", "等到 06:00"}},
		{send: "每天晚上8点发一次", step: stepPrefs, has: []string{"每天20:00汇总发一次"}, hasNot: []string{"免打扰时间里"}},
		// A stop said inside the settings is a pause, not quiet hours.
		{send: "别给我发了", step: "", says: []string{"worker.paused"}},
		{send: "继续发", step: "", says: []string{"worker.resumed"}},
		{send: "这几天别发", step: "", says: []string{"worker.paused"}},
		{send: "可以发了", step: "", says: []string{"worker.resumed"}},
	})
	if w := h.worker("w"); w.Paused || w.Profile.QuietHours != "23:00-06:00" || w.Profile.DailyCap != 3 || w.Profile.DigestAt != "20:00" {
		t.Errorf("worker = %+v, want pushes on (resumed), quiet 23:00-06:00, cap 3, digest at 20:00", w)
	}
}
