package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// A posting as employers write them: cleaners on 友谊路 in 河西区.
const cleanerPosting = "招聘保洁2名，河西区友谊路，日结150，明天早上8点，电话13812345678"

// workers signs up the workers the matching tests push to: one who fits
// cleanerPosting, one with other skills far away, one who fits but reads
// English, and one who fits but paused.
func (h *harness) workers() {
	h.t.Helper()
	h.onboard("near", "保洁", "河西区", "10公里", "100")
	h.onboard("far", "我会电焊", "蓟州区", "3公里", "跳过")
	h.onboard("paused", "保洁", "河西区", "10公里", "跳过")
	h.send("paused", "暂停")
	h.handle(gigbot.Message{User: userRef("english"), Kind: gigbot.MessageText, Text: "hi", Lang: "en"})
	for _, a := range []string{"cleaning 保洁", "河西区", "10km", "skip", "confirm"} {
		h.handle(gigbot.Message{User: userRef("english"), Kind: gigbot.MessageText, Text: a, Lang: "en"})
	}
	if w := h.worker("english"); w == nil || !w.Active() {
		h.t.Fatalf("english worker not signed up: %+v", w)
	}
}

func TestPostingReachesMatchingWorkers(t *testing.T) {
	h := newHarness(t)
	h.workers()
	preview := []intent{intentYes, intentEdit, intentCancel}
	h.play("boss", []exchange{
		{send: cleanerPosting, step: stepPostingConfirm, choices: preview,
			has: []string{"工种：保洁", "地点：河西区 友谊路街道", "人数：2人", "150元/天", "11月26日 周四 08:00", "电话：13812345678", "原文：" + cleanerPosting}},
		{send: "确认发布", step: "", has: []string{h.text("employer.published", 2)}},
	})
	if c := h.conv("boss"); c.Role != gigbot.RoleEmployer {
		t.Errorf("role %q, want employer", c.Role)
	}

	near := h.dueFor("near")
	if len(near) != 1 || near[0].Kind != gigbot.NoticePosting || near[0].PostingID == 0 {
		t.Fatalf("near worker's notices: %+v", near)
	}
	for _, s := range []string{"保洁", "150元/天", "河西区", "11月26日 周四 08:00", "13812345678", "2人"} {
		if !strings.Contains(near[0].Reply.Text, s) {
			t.Errorf("notice lacks %q:\n%s", s, near[0].Reply.Text)
		}
	}
	if en := h.dueFor("english"); len(en) != 1 || !strings.Contains(en[0].Reply.Text, "[New gig]") {
		t.Errorf("english worker's notices: %+v", en)
	}
	for _, id := range []string{"far", "paused", "boss"} {
		if ns := h.dueFor(id); len(ns) != 0 {
			t.Errorf("%s got %d notices", id, len(ns))
		}
	}

	// The posting is stored open and can be searched.
	p, err := h.db.Posting(h.ctx, near[0].PostingID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != gigbot.PostingOpen || p.Employer != userRef("boss") || !p.Open(h.clock.Now()) {
		t.Errorf("posting = %+v", p)
	}
	h.play("near", []exchange{{send: "找工作", has: []string{"找到这些活", "150元/天", "13812345678"}}})
	h.play("far", []exchange{{send: "找工作", says: []string{"worker.search_none"}}})
	h.play("far", []exchange{{send: "找工作 保洁 河西", has: []string{"找到这些活"}}})
	h.play("far", []exchange{{send: "保洁 河西区", has: []string{"找到这些活"}}})
}

func TestPostingDialog(t *testing.T) {
	h := newHarness(t)
	h.play("boss", []exchange{
		{send: "发布招聘", step: stepPostingText, says: []string{"employer.ask_text"}},
		{send: "你好", step: stepPostingText, says: []string{"employer.text_unclear"}},
		{send: "招力工3名 西青张家窝 一天260 电话13812345678", step: stepPostingConfirm, has: []string{"工种：力工", "260元/天"}},
		{send: "重新填写", step: stepPostingText, says: []string{"employer.ask_text"}},
		{send: "招力工3名 西青张家窝 一天260 电话13812345678", step: stepPostingConfirm},
		// A corrected posting instead of an answer replaces the draft.
		{send: "招力工3名 西青张家窝 一天280 电话13812345678", step: stepPostingConfirm, has: []string{"280元/天"}},
		{send: "什么意思", step: stepPostingConfirm, has: []string{"280元/天"}},
		{send: "2", step: stepPostingText},
		{send: "取消", step: "", says: []string{"common.cancelled"}},
		{send: "谢谢", step: "", says: []string{"employer.hint"}},
		{send: "招保洁 河西 150一天 电话13812345678", step: stepPostingConfirm},
		{send: "1", step: ""},
	})
}

func TestPostingInTheMiddleOfSigningUp(t *testing.T) {
	h := newHarness(t)
	h.play("boss", []exchange{
		{msg: &gigbot.Message{Kind: gigbot.MessageSubscribe}, step: stepSkills},
		// A worker's answer that mentions pay is still an answer...
		{send: "我会电焊", step: stepPlace},
		// ...but a pasted posting with a phone number is a posting.
		{send: "急招力工3名 西青张家窝 一天260 明早7点 电话13812345678", step: stepPostingConfirm, has: []string{"工种：力工"}},
	})
}

func TestScreenedPostings(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		status gigbot.PostingStatus
		says   string
		has    string
	}{
		{"deposit is refused", "招聘保洁2名，河西区友谊路，日结150，电话13812345678，需交押金200",
			gigbot.PostingRejected, "employer.reason.charges_fee", "不能发布"},
		{"discrimination goes to review", "招聘保洁2名，只招女，河西区友谊路，日结150，电话13812345678",
			gigbot.PostingReview, "employer.review", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.onboard("near", "保洁", "河西区", "10公里", "跳过")
			h.play("boss", []exchange{
				{send: tt.text, step: stepPostingConfirm},
				{send: "确认", step: "", says: []string{tt.says}, has: []string{tt.has}},
			})
			if ns := h.dueFor("near"); len(ns) != 0 {
				t.Errorf("a %s posting was pushed: %+v", tt.status, ns)
			}
			var got []gigbot.Posting
			h.db.Postings(h.ctx, func(p gigbot.Posting) error { got = append(got, p); return nil })
			if len(got) != 1 || got[0].Status != tt.status || got[0].Employer != userRef("boss") {
				t.Errorf("stored postings: %+v, want one %s", got, tt.status)
			}
			if ids, _ := h.idx.Search(h.ctx, gigbot.SearchQuery{Skills: []string{"cleaner"}, OpenAt: h.clock.Now()}); len(ids) != 0 {
				t.Errorf("a %s posting is searchable: %v", tt.status, ids)
			}
		})
	}
}

func TestPublishWithoutIndex(t *testing.T) {
	h := newHarness(t)
	h.onboard("near", "保洁", "河西区", "10公里", "跳过")
	h.idx.Close() // search is down; pushes must still go out
	p := h.m.ParsePosting(cleanerPosting, h.clock.Now(), shanghai)
	queued, err := h.e.Publish(context.Background(), &p)
	if err != nil || queued != 1 {
		t.Fatalf("Publish = %d, %v; want 1 notice queued", queued, err)
	}
	if p.ID == 0 || p.Status != gigbot.PostingOpen || !p.ExpiresAt.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, shanghai)) {
		t.Errorf("posting = %+v", p)
	}
	if !strings.Contains(h.logs.String(), "index posting") {
		t.Errorf("index failure not logged:\n%s", h.logs.String())
	}
	// Publishing the same posting's notices twice never doubles them.
	if ns := h.dueFor("near"); len(ns) != 1 {
		t.Errorf("near worker has %d notices", len(ns))
	}
}

// TestPostingWithoutPhone: a posting nobody could call is not published
// until the employer gives a number, which is added to it.
func TestPostingWithoutPhone(t *testing.T) {
	h := newHarness(t)
	h.play("boss", []exchange{
		{send: "我想招人，怎么发布", step: stepPostingText, says: []string{"employer.ask_text"}},
		{send: "河西 保洁 2名 日结150", step: stepPostingConfirm, has: []string{"电话：未写明"}},
		{send: "确认发布", step: stepPostingConfirm, says: []string{"employer.need_phone"}},
		{send: "022-24351234", step: stepPostingConfirm, has: []string{"电话：02224351234", "日结150"}},
		{send: "确认发布", step: ""},
	})
	if ps := h.postingsOf("boss"); len(ps) != 1 || ps[0].Phone != "02224351234" || ps[0].Headcount != 2 {
		t.Fatalf("postings = %+v, want one with the phone added", ps)
	}
	// Postings said without 招, and workers' own words, go where they belong.
	h.play("boss2", []exchange{{send: "来几个力工 明天 东丽 260 13752001234", step: stepPostingConfirm}})
	h.play("w", []exchange{{send: "我们3个人 瓦工 找活 一天400 西青 13502228888", step: stepRadius}})
}
