package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// publishAs posts text as employer id and confirms it.
func (h *harness) publishAs(id, text string) {
	h.t.Helper()
	h.send(id, text)
	if got := h.step(id); got != stepPostingConfirm {
		h.t.Fatalf("posting %q: at step %q, want the preview", text, got)
	}
	h.send(id, "确认发布")
}

// postingsOf lists an employer's postings, newest first.
func (h *harness) postingsOf(id string) []gigbot.Posting {
	h.t.Helper()
	var out []gigbot.Posting
	if err := h.db.PostingsBy(h.ctx, userRef(id), func(p gigbot.Posting) error { out = append(out, p); return nil }); err != nil {
		h.t.Fatal(err)
	}
	return out
}

func (h *harness) searchable(skill string) int {
	h.t.Helper()
	ids, err := h.idx.Search(h.ctx, gigbot.SearchQuery{Skills: []string{skill}, OpenAt: h.clock.Now()})
	if err != nil {
		h.t.Fatal(err)
	}
	return len(ids)
}

func TestEmployerClosesPostings(t *testing.T) {
	h := newHarness(t)
	h.play("boss", []exchange{{send: "招满了", step: "", says: []string{"employer.close_none"}}})

	// One open posting closes at once.
	h.publishAs("boss", cleanerPosting)
	if n := h.searchable("cleaner"); n != 1 {
		t.Fatalf("%d cleaner postings searchable, want 1", n)
	}
	h.play("boss", []exchange{{send: "人已经招满了", step: "", has: []string{"已关闭", "不会再推送"}}})
	ps := h.postingsOf("boss")
	if len(ps) != 1 || ps[0].Status != gigbot.PostingClosed {
		t.Fatalf("postings = %+v, want one closed", ps)
	}
	if n := h.searchable("cleaner"); n != 0 {
		t.Errorf("a closed posting is still searchable")
	}

	// Several: a list to pick from, by number.
	h.publishAs("boss", "招力工3名 西青张家窝 一天260 电话13812345678")
	h.clock.Advance(time.Minute)
	h.publishAs("boss", "招电焊工1名 南开区 一天300 电话13812345678")
	r := h.send("boss", "不招了")
	if !strings.Contains(r.Text, "2 条在招") || len(r.Choices) != 3 ||
		!strings.HasPrefix(r.Choices[0].Value, valueClosePosting) || r.Choices[2].Value != string(intentCancel) {
		t.Fatalf("close list: %+v", r)
	}
	h.play("boss", []exchange{{send: "1", step: "", has: []string{"已关闭"}}})
	ps = h.postingsOf("boss")
	if ps[0].Status != gigbot.PostingClosed || ps[1].Status != gigbot.PostingOpen {
		t.Errorf("after closing the first listed: %v %v, want the newest closed", ps[0].Status, ps[1].Status)
	}
	// The button pressed again, or another employer's posting: nothing.
	h.play("boss", []exchange{{send: r.Choices[0].Value, step: "", says: []string{"employer.close_gone"}}})
	h.play("other", []exchange{{send: valueClosePosting + "2", step: "", says: []string{"employer.close_gone"}}})
	if ps := h.postingsOf("boss"); ps[1].Status != gigbot.PostingOpen {
		t.Error("another user closed boss's posting")
	}
	// The last open one closes by the words alone.
	h.play("boss", []exchange{{send: "关闭招聘", has: []string{"已关闭"}}})
	// Other ways employers say it.
	for _, words := range []string{"满了", "人招齐了", "停招", "招到人了，谢谢"} {
		h.clock.Advance(time.Minute)
		h.publishAs("boss", cleanerPosting)
		h.play("boss", []exchange{{send: words, step: "", has: []string{"已关闭"}}})
	}
	if n := h.searchable("labourer"); n != 0 {
		t.Error("closed posting searchable")
	}
}

func TestPostingExpiry(t *testing.T) {
	h := newHarness(t)
	now := h.clock.Now() // Wed 25 Nov 2026 10:00
	tests := []struct {
		name, text string
		want       time.Time
	}{
		{"default", "招聘保洁2名，河西区友谊路，日结150，电话13812345678", now.Add(gigbot.DefaultPostingLifetime)},
		{"a day's gig ends with its day", cleanerPosting, time.Date(2026, 11, 27, 0, 0, 0, 0, shanghai)},
		{"monthly pay goes on", "河西 招保安 月薪4000 明天上班 电话13812345678", now.Add(gigbot.DefaultPostingLifetime)},
		{"long work goes on", "招力工3名 西青 一天260 明天开工 长期 电话13812345678", now.Add(gigbot.DefaultPostingLifetime)},
		{"until the end of the month", "招保洁2名 河西区 日结150 招到月底 电话13812345678",
			time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)},
		{"until a date", "招保洁2名 河西区 日结150 12月3日前 电话13812345678",
			time.Date(2026, 12, 4, 0, 0, 0, 0, shanghai)},
		{"start and length", "招力工3名 西青 一天260 明天早上7点开工 干3天 电话13812345678",
			time.Date(2026, 11, 29, 7, 0, 0, 0, shanghai)},
		{"this week", "河东区大直沽 家政阿姨1名 月薪5500 本周内有效 电话15922223333",
			time.Date(2026, 11, 30, 0, 0, 0, 0, shanghai)},
		{"today only", "招服务员2名 和平区 日结180 当天有效 电话13812345678",
			time.Date(2026, 11, 26, 0, 0, 0, 0, shanghai)},
		{"days of validity", "招服务员2名 和平区 日结180 3天内有效 电话13812345678", now.AddDate(0, 0, 3)},
		{"an end date is not the start", "明天武清区杨村 搬家工3个 一人300 早上7点集合 电话18622223333 11月30日前有效",
			time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)},
		{"long work is capped", "招力工3名 西青 一天260 明天开工 干3个月 电话13812345678", now.Add(maxPostingLifetime)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := h.m.ParsePosting(tt.text, now, shanghai)
			if got := expiry(p, now, shanghai); !got.Equal(tt.want) {
				t.Errorf("expiry = %v, want %v (start %v, duration %q)", got, tt.want, p.Start, p.Duration)
			}
		})
	}
	// Publish sets it, and the preview shows it.
	h.play("boss", []exchange{{send: "招保洁2名 河西区 日结150 招到月底 电话13812345678", step: stepPostingConfirm, has: []string{"招到：11月30日 周一"}}})
	h.send("boss", "确认发布")
	if ps := h.postingsOf("boss"); !ps[0].ExpiresAt.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)) {
		t.Errorf("published ExpiresAt = %v", ps[0].ExpiresAt)
	}
}

func TestFairRegistration(t *testing.T) {
	h := newHarness(t)
	h.onboard("hexi", "保洁", "河西区", "3公里", "跳过")
	h.onboard("nankai", "力工", "南开区", "3公里", "跳过")
	h.play("nankai", []exchange{{send: "报名", says: []string{"worker.fairs_none"}}})
	for _, a := range []string{"发布招聘会", "河西区冬季招聘会", "11月28日上午9点", "河西区人力资源市场", "河西", "确认"} {
		h.send(staffID, a)
	}
	ns := h.dueFor("hexi")
	if len(ns) != 1 || len(ns[0].Reply.Choices) != 1 || ns[0].Reply.Choices[0].Value != fairJoinValue(ns[0].FairID) ||
		ns[0].Reply.Choices[0].Label != "报名" || !strings.Contains(ns[0].Reply.Text, "回复“报名”") {
		t.Fatalf("fair notice: %+v", ns)
	}
	joined := "报名成功：河西区冬季招聘会"
	// The notice's button, pressed in the middle of editing the profile:
	// answered, then the question again.
	h.play("hexi", []exchange{
		{send: "修改资料", step: stepSkills},
		{send: ns[0].Reply.Choices[0].Value, step: stepSkills, has: []string{joined, "招聘会前一天和当天早上会提醒你", "你会干什么活"}},
		{send: "取消", step: ""},
		{send: "报名", has: []string{"你已经报过名了"}},
	})
	// "报名" alone: the one fair for the worker; with words: the one named.
	h.play("nankai", []exchange{{send: "我要报名", has: []string{joined}}})
	h.play("stranger", []exchange{{send: "报名 冬季招聘会", has: []string{joined}}})
	h.play("stranger2", []exchange{{send: "报名 火星招聘会", says: []string{"worker.fair_no_match"}, has: []string{"近期招聘会"}}})
	// Asked about in a sentence: the list; asked to join in one: joined.
	h.play("asker", []exchange{
		{send: "最近有招聘会吗？", has: []string{"近期招聘会", "河西区冬季招聘会"}},
		{send: "我想报名招聘会", has: []string{joined}},
	})
	// Withdrawn, not counted; withdrawing twice says so; joining again counts.
	h.play("stranger", []exchange{
		{send: "不去了", has: []string{"已取消报名", "河西区冬季招聘会"}},
		{send: "取消报名", says: []string{"worker.fair_not_joined"}},
	})
	if n, _ := h.db.FairRegistrations(h.ctx, ns[0].FairID); n != 3 {
		t.Errorf("after one withdrew: %d registrations, want 3", n)
	}
	h.play("stranger", []exchange{{send: "报名 冬季招聘会", has: []string{joined}}})

	// Staff count them, and see the counts in the list.
	h.play(staffID, []exchange{{send: "报名人数", has: []string{"河西区冬季招聘会", "已报名：4 人"}}})
	n, err := h.db.FairRegistrations(h.ctx, ns[0].FairID)
	if err != nil || n != 4 {
		t.Errorf("registrations = %d, %v; want 4", n, err)
	}

	// A second fair: "报名" then asks which; the list registers by number.
	for _, a := range []string{"发布招聘会", "全市春风行动招聘会", "12月1日 9:00", "天津市人才市场", "全市", "确认"} {
		h.send(staffID, a)
	}
	// A worker of 南开 hears only of the city-wide one: "报名" is for it.
	h.play("nankai", []exchange{{send: "报名", has: []string{"报名成功：全市春风行动招聘会"}}})
	r := h.send("stranger", "报名")
	if len(r.Choices) != 2 || !strings.Contains(r.Text, "想报名哪一场") {
		t.Fatalf("pick a fair: %+v", r)
	}
	h.play("stranger", []exchange{{send: "2", has: []string{"报名成功：全市春风行动招聘会"}}})
	h.play("hexi", []exchange{
		{send: "招聘会", has: []string{"1. 河西区冬季招聘会", "2. 全市春风行动招聘会"}},
		{send: "二", has: []string{"报名成功：全市春风行动招聘会"}},
	})
	// A fair that is over cannot be registered for.
	h.clock.Advance(10 * 24 * time.Hour)
	h.play("hexi", []exchange{{send: fairJoinValue(ns[0].FairID), says: []string{"worker.fair_gone"}}})
}

func TestBackfill(t *testing.T) {
	h := newHarness(t)
	h.publishAs("boss", cleanerPosting)                    // 河西 友谊路, 150
	h.publishAs("boss", "招保洁1名 河西区 日结200 电话13812345678")   // 河西, 200
	h.publishAs("boss", "招保洁1名 河西区 日结180 电话13812345678")   // 河西, 180
	h.publishAs("boss", "招力工3名 西青张家窝 一天260 电话13812345678") // other work
	h.publishAs("boss", "招保洁1名 蓟州区 日结300 电话13812345678")   // too far
	h.publishAs("boss", "招保洁1名 河西区 日结100 电话13812345678")   // pays too little
	h.send("boss", "招满了")                                  // lists them
	h.send("boss", "1")                                    // closes the newest (100)
	h.e.dailyCap = 2

	h.send("w", "你好")
	for _, a := range []string{"保洁", "河西区", "5公里", "150"} {
		h.send("w", a)
	}
	h.play("w", []exchange{{send: "确认", step: "", has: []string{"登记好了！现在就有 2 个合适的活，马上发给你。"}}})
	ns := h.dueFor("w")
	if len(ns) != 2 {
		t.Fatalf("backfilled %d notices, want 2 (the cap)", len(ns))
	}
	var pays []string
	for _, n := range ns {
		if n.Kind != gigbot.NoticePosting || !strings.Contains(n.Reply.Text, "【新活】") {
			t.Errorf("notice = %+v", n)
		}
		for _, pay := range []string{"200元", "180元", "150元"} {
			if strings.Contains(n.Reply.Text, pay) {
				pays = append(pays, pay)
			}
		}
	}
	// The best-paid first, all in 河西 within the band.
	if strings.Join(pays, " ") != "200元 180元" {
		t.Errorf("backfilled %v, want the two best-paid", pays)
	}

	// Editing the profile backfills again, without repeating, within
	// the worker's own cap.
	h.send("w", "一天最多5条")
	h.send("w", "修改资料")
	h.play("w", []exchange{
		{send: "不变", step: stepPlace}, {send: "不变", step: stepRadius}, {send: "不变", step: stepPay}, {send: "不变", step: stepConfirm},
		{send: "确认", step: "", has: []string{"资料改好了！现在就有 1 个合适的活"}},
	})
	if ns := h.dueFor("w"); len(ns) != 3 {
		t.Errorf("after editing: %d notices, want 3", len(ns))
	}
}

// TestChangeOfMind switches between looking for work and hiring mid-step.
func TestChangeOfMind(t *testing.T) {
	h := newHarness(t)
	h.play("x", []exchange{
		{send: "发布招聘", step: stepPostingText},
		{send: "我想先找工作", step: stepSkills, has: []string{"你会干什么活"}},
		{send: "还是招人吧", step: stepPostingText},
		{send: "重新来", step: stepPostingText, says: []string{"employer.ask_text"}},
		{send: cleanerPosting, step: stepPostingConfirm},
		{send: "算了，我要找活", step: stepSkills},
	})
	h.onboard("w", "保洁", "河西区", "3公里", "跳过")
	h.play("w", []exchange{
		{send: "修改资料", step: stepSkills},
		{send: "我想先找工作", step: "", has: []string{"暂时没找到"}},
	})
}

// TestAnywhereWorker: a worker who will work anywhere in the city sees it
// said so, and gets every district's fair.
func TestAnywhereWorker(t *testing.T) {
	h := newHarness(t)
	h.onboard("any", "保洁", "全市", "跳过")
	h.play("any", []exchange{{send: "我的资料", has: []string{"全天津都行"}}})
	for _, a := range []string{"发布招聘会", "河西区冬季招聘会", "11月28日上午9点", "河西区人力资源市场", "河西", "确认"} {
		h.send(staffID, a)
	}
	if ns := h.dueFor("any"); len(ns) != 1 || ns[0].Kind != gigbot.NoticeFair {
		t.Errorf("fair notices for an anywhere worker: %+v", ns)
	}
}
