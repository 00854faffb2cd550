package bot

import (
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

func TestStaffAnnouncesFairToDistrict(t *testing.T) {
	h := newHarness(t)
	h.onboard("hexi", "保洁", "河西区", "3公里", "跳过")
	h.onboard("nankai", "力工", "南开区", "3公里", "跳过")
	h.play(staffID, []exchange{
		{send: "发布招聘会", step: stepFairTitle, says: []string{"staff.ask_title"}},
		{send: "河西区冬季招聘会", step: stepFairWhen, says: []string{"staff.ask_when"}},
		{send: "明天", step: stepFairWhen, says: []string{"staff.when_unknown"}},
		{send: "今天早上8点", step: stepFairWhen, says: []string{"staff.when_past"}},
		{send: "11月28日上午9点", step: stepFairVenue, says: []string{"staff.ask_venue"}},
		{msg: &gigbot.Message{Kind: gigbot.MessageImage}, step: stepFairVenue, says: []string{"common.image", "staff.ask_venue"}},
		{send: "河西区人力资源市场", step: stepFairDistrict, says: []string{"staff.ask_district"}},
		{send: "火星", step: stepFairDistrict, says: []string{"staff.district_unknown"}},
		{send: "河西", step: stepFairConfirm, choices: []intent{intentYes, intentCancel},
			has: []string{"河西区冬季招聘会", "11月28日 周六 09:00", "河西区人力资源市场", "推送给：河西区的工友"}},
		{send: "什么", step: stepFairConfirm, has: []string{"请核对招聘会信息"}},
		{send: "1", step: "", has: []string{h.text("staff.announced", 1)}},
	})
	ns := h.dueFor("hexi")
	if len(ns) != 1 || ns[0].Kind != gigbot.NoticeFair || ns[0].FairID == 0 {
		t.Fatalf("hexi worker's notices: %+v", ns)
	}
	for _, s := range []string{"河西区冬季招聘会", "11月28日 周六 09:00", "河西区人力资源市场"} {
		if !strings.Contains(ns[0].Reply.Text, s) {
			t.Errorf("notice lacks %q:\n%s", s, ns[0].Reply.Text)
		}
	}
	if ns := h.dueFor("nankai"); len(ns) != 0 {
		t.Errorf("nankai worker got the 河西 fair: %+v", ns)
	}
	f, err := h.db.Fair(h.ctx, ns[0].FairID)
	if err != nil {
		t.Fatal(err)
	}
	if f.CreatedBy != userRef(staffID) || f.District != "河西区" {
		t.Errorf("fair = %+v", f)
	}

	// Everyone sees it listed; the whole city hears of the next one.
	h.play("nankai", []exchange{{send: "招聘会", has: []string{"近期招聘会", "河西区冬季招聘会"}}})
	h.play(staffID, []exchange{
		{send: "招聘会", step: stepFairTitle},
		{send: "全市春风行动招聘会", step: stepFairWhen},
		{send: "12月1日 9:00", step: stepFairVenue},
		{send: "天津市人才市场", step: stepFairDistrict},
		{send: "全市", step: stepFairConfirm, has: []string{"推送给：全市的工友"}},
		{send: "确认", step: "", has: []string{h.text("staff.announced", 2)}},
	})
}

func TestOnlyStaffAnnounceFairs(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "3公里", "跳过")
	h.play("w", []exchange{
		{send: "发布招聘会", step: "", says: []string{"staff.only"}},
		{send: "announce_fair", step: "", says: []string{"staff.only"}},
		{send: "招聘会", step: "", says: []string{"worker.fairs_none"}},
	})
	// A dialog state left from staff days is refused too.
	c := h.conv("w")
	c.Step = stepFairConfirm
	c.Data = map[string]string{draftFair: `{"Title":"x"}`}
	if err := h.db.SaveConversation(h.ctx, c); err != nil {
		t.Fatal(err)
	}
	h.play("w", []exchange{{send: "确认", step: "", says: []string{"staff.only"}}})
	if ns := h.due(); len(ns) != 0 {
		t.Errorf("a non-staff announcement was queued: %+v", ns)
	}
}
