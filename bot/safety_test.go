package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// reviewPosting is held by screening (a gender requirement): it waits
// for staff.
const reviewPosting = "招聘保洁2名，只招女，河西区友谊路，日结150，电话13812345678"

// feePosting is refused by screening (a deposit).
const feePosting = "招聘保洁2名，河西区友谊路，日结150，电话13812345678，需交押金200"

// audits returns the audit log, oldest first, as "action target".
func (h *harness) audits() []string {
	h.t.Helper()
	es, err := h.db.AuditLog(h.ctx, 100)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		if e.Actor != userRef(staffID).Hash() && e.Actor != userRef(staff2ID).Hash() {
			h.t.Errorf("audit entry by %q, not a staff hash", e.Actor)
		}
		if e.At.IsZero() {
			h.t.Errorf("audit entry without time: %+v", e)
		}
		out = append(out, string(e.Action)+" "+e.Target)
	}
	return out
}

// posting reads a posting back.
func (h *harness) posting(id int64) *gigbot.Posting {
	h.t.Helper()
	p, err := h.db.Posting(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// messagesTo returns the texts of the pending messages (not pushes of
// postings or fairs) queued for id.
func (h *harness) messagesTo(id string) []gigbot.Notice {
	var out []gigbot.Notice
	for _, n := range h.dueFor(id) {
		if n.Kind == gigbot.NoticeMessage {
			out = append(out, n)
		}
	}
	return out
}

// sendAll marks every due notice sent, as the push job would.
func (h *harness) sendAll() {
	h.t.Helper()
	for _, n := range h.due() {
		if err := h.db.MarkSent(h.ctx, n.ID, h.clock.Now()); err != nil {
			h.t.Fatal(err)
		}
	}
}

func TestHeldPostingReachesStaffAndIsApproved(t *testing.T) {
	h := newHarness(t)
	h.onboard("near", "保洁", "河西区", "10公里", "跳过")
	h.publishAs("boss", reviewPosting)
	p := h.postingsOf("boss")[0]
	if p.Status != gigbot.PostingReview || p.ExpiresAt.IsZero() {
		t.Fatalf("held posting = %+v", p)
	}
	// Every member of staff gets the alert, with buttons naming it.
	for _, s := range []string{staffID, staff2ID} {
		ms := h.messagesTo(s)
		if len(ms) != 1 || !strings.Contains(ms[0].Reply.Text, "【待审核】") || !strings.Contains(ms[0].Reply.Text, "只招女") {
			t.Fatalf("%s's alerts: %+v", s, ms)
		}
		if cs := ms[0].Reply.Choices; len(cs) != 2 || cs[0].Value != "review:approve:1" || cs[1].Value != "review:reject:1" {
			t.Errorf("alert choices %+v", cs)
		}
	}
	if ns := h.dueFor("near"); len(ns) != 0 {
		t.Fatalf("held posting pushed: %+v", ns)
	}
	h.play("near", []exchange{{send: "通过 1", says: []string{"staff.review_only"}}})
	h.play(staffID, []exchange{
		{send: "待审核", has: []string{"待审核的招工信息", "#1", "只招女", "未认证"},
			choices: []intent{"review:approve:1", "review:reject:1"}},
		{send: "通过", says: []string{"staff.need_id"}, has: []string{"#1"}},
		{send: "1", has: []string{h.text("staff.approved", templates.Decision{ID: 1, Queued: 1})}},
		{send: "通过 1", has: []string{h.text("staff.review_gone", int64(1))}},
		{send: "待审核", says: []string{"staff.review_none"}},
	})
	if got := h.posting(p.ID); got.Status != gigbot.PostingOpen {
		t.Errorf("approved posting status %s", got.Status)
	}
	if n := h.searchable("cleaner"); n != 1 {
		t.Errorf("approved posting found %d times", n)
	}
	if ns := h.dueFor("near"); len(ns) != 1 || ns[0].PostingID != p.ID {
		t.Errorf("approved posting not pushed: %+v", ns)
	}
	// The employer is told, with a count and nothing about the workers.
	ms := h.messagesTo("boss")
	if len(ms) != 1 || !strings.Contains(ms[0].Reply.Text, "审核通过") || !strings.Contains(ms[0].Reply.Text, "1 位工友") {
		t.Fatalf("employer's messages: %+v", ms)
	}
	if w := h.worker("near"); strings.Contains(ms[0].Reply.Text, "near") || strings.Contains(ms[0].Reply.Text, w.Profile.District) {
		t.Errorf("employer sees a worker: %q", ms[0].Reply.Text)
	}
	if got := h.audits(); strings.Join(got, ";") != "approve posting:1" {
		t.Errorf("audit log %v", got)
	}
}

func TestStaffRefuseWithReason(t *testing.T) {
	h := newHarness(t)
	h.publishAs("boss", reviewPosting)
	h.publishAs("boss2", strings.Replace(reviewPosting, "保洁2名", "保洁3名", 1))
	h.play(staffID, []exchange{
		// The button asks for the reason; the reason is taken whole,
		// even when it starts with a command word.
		{send: "review:reject:1", step: stepReviewReason, has: []string{"#1"}},
		{send: "举报的人说要收押金", step: "", has: []string{h.text("staff.rejected", templates.Decision{ID: 1})}},
		// Typed with its reason, it is done at once.
		{send: "拒绝 #2 限制性别", step: "", has: []string{h.text("staff.rejected", templates.Decision{ID: 2})}},
		{send: "拒绝 2 再拒一次", has: []string{h.text("staff.review_gone", int64(2))}},
	})
	for id, reason := range map[string]string{"boss": "举报的人说要收押金", "boss2": "限制性别"} {
		ms := h.messagesTo(id)
		if len(ms) != 1 || !strings.Contains(ms[0].Reply.Text, "没有通过审核") || !strings.Contains(ms[0].Reply.Text, reason) {
			t.Errorf("%s told %+v", id, ms)
		}
	}
	if p := h.posting(1); p.Status != gigbot.PostingRejected {
		t.Errorf("refused posting %s", p.Status)
	}
	if got := strings.Join(h.audits(), ";"); got != "reject posting:1;reject posting:2" {
		t.Errorf("audit log %s", got)
	}
	// A rejection goes on the record: the next posting, clean as it is,
	// waits for review.
	h.publishAs("boss", cleanerPosting)
	p := h.postingsOf("boss")[0]
	if p.Status != gigbot.PostingReview || !strings.Contains(strings.Join(p.Screening.Reasons, ","), gigbot.ReasonEmployerRecord) {
		t.Fatalf("posting after a rejection: %+v", p)
	}
	// Verified, the employer publishes again.
	h.play(staffID, []exchange{{send: "认证 1", has: []string{h.text("staff.verified", templates.Employer{Ref: userRef("boss").Hash()})}}})
	h.publishAs("boss", strings.Replace(cleanerPosting, "150", "160", 1))
	if p := h.postingsOf("boss")[0]; p.Status != gigbot.PostingOpen {
		t.Errorf("verified employer's posting: %s %v", p.Status, p.Screening.Reasons)
	}
	rec, err := h.db.EmployerRecord(h.ctx, userRef("boss"))
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Verified || rec.Postings != 3 || rec.Rejections != 1 || rec.NeedsReview() {
		t.Errorf("record %+v", rec)
	}
}

func TestReportsHoldPosting(t *testing.T) {
	h := newHarness(t)
	for _, id := range []string{"w1", "w2", "w3", "w4"} {
		h.onboard(id, "保洁", "河西区", "10公里", "跳过")
	}
	h.publishAs("boss", cleanerPosting)
	ns := h.dueFor("w1")
	if len(ns) != 1 || len(ns[0].Reply.Choices) != 1 || ns[0].Reply.Choices[0].Value != "posting:report:1" ||
		!strings.Contains(ns[0].Reply.Text, "举报 1") {
		t.Fatalf("push without a report button: %+v", ns)
	}
	h.play("w1", []exchange{{send: "举报", says: []string{"worker.report_which"}}}) // nothing sent yet
	h.sendAll()
	h.play("w1", []exchange{
		{send: "举报", has: []string{"收到你的举报"}},
		{send: "举报 1", says: []string{"worker.report_already"}},
		{send: "举报 99", says: []string{"worker.report_gone"}},
	})
	h.play("boss", []exchange{{send: "举报 1", says: []string{"worker.report_gone"}}}) // not one's own
	// A report in the middle of a dialog is answered, then the question
	// asked again.
	h.play("w2", []exchange{
		{send: "修改资料", step: stepSkills},
		{send: "posting:report:1", step: stepSkills, has: []string{"收到你的举报"}},
		{send: "取消", step: ""},
	})
	if p := h.posting(1); p.Status != gigbot.PostingOpen {
		t.Fatalf("held after 2 reports: %s", p.Status)
	}
	h.play("w3", []exchange{{send: "举报 #1", has: []string{"收到你的举报"}}})
	if p := h.posting(1); p.Status != gigbot.PostingReview {
		t.Fatalf("after %d reports: %s", gigbot.ReportThreshold, p.Status)
	}
	if n := h.searchable("cleaner"); n != 0 {
		t.Errorf("held posting still found")
	}
	h.play("w4", []exchange{{send: "找工作", says: []string{"worker.search_none"}}})
	for _, s := range []string{staffID, staff2ID} {
		ms := h.messagesTo(s)
		if len(ms) != 1 || !strings.Contains(ms[0].Reply.Text, "被 3 位工友举报") {
			t.Errorf("%s alerts %+v", s, ms)
		}
	}
	rec, _ := h.db.EmployerRecord(h.ctx, userRef("boss"))
	if rec.Reports != 3 || !rec.NeedsReview() {
		t.Errorf("record %+v", rec)
	}
	// Staff find it fine: it is open again, and one more report does not
	// hold it again.
	h.play(staffID, []exchange{{send: "通过 1", has: []string{"已通过 #1"}}})
	h.play("w4", []exchange{{send: "举报 1", has: []string{"收到你的举报"}}})
	if p := h.posting(1); p.Status != gigbot.PostingOpen {
		t.Errorf("re-held after one more report: %s", p.Status)
	}
	if strings.Contains(h.logs.String(), "w1") {
		t.Errorf("logs name a reporter:\n%s", h.logs)
	}
}

func TestBlacklistByPhoneAndAccount(t *testing.T) {
	h := newHarness(t)
	h.onboard("near", "保洁", "河西区", "10公里", "跳过")
	h.publishAs("boss", cleanerPosting) // phone 13812345678
	h.publishAs("boss", "招聘力工3名，西青张家窝，一天260，电话13900000001")
	h.publishAs("other", "招聘保洁1名，河东区，日结160，电话13700000002")
	h.play(staffID, []exchange{
		{send: "拉黑 火星", says: []string{"staff.ref_unknown"}},
		{send: "拉黑 138-1234-5678", has: []string{h.text("staff.blacklisted", templates.Blacklisted{Employers: 1, Phones: 2, Closed: 2})}},
	})
	for _, p := range h.postingsOf("boss") {
		if p.Status != gigbot.PostingClosed {
			t.Errorf("blacklisted employer's posting %d is %s", p.ID, p.Status)
		}
	}
	if p := h.postingsOf("other")[0]; p.Status != gigbot.PostingOpen {
		t.Errorf("another employer's posting is %s", p.Status)
	}
	// Blocked by account, and by either phone from any account.
	h.publishAs("boss", "招聘保洁1名，河西区，日结170，电话13600000003")
	h.play("boss", []exchange{{send: "好", says: []string{"employer.hint"}}})
	h.publishAs("newcomer", "招聘力工2名，西青，一天250，电话13900000001")
	for _, id := range []string{"boss", "newcomer"} {
		if p := h.postingsOf(id)[0]; p.Status != gigbot.PostingRejected || !strings.Contains(strings.Join(p.Screening.Reasons, ","), gigbot.ReasonBlacklisted) {
			t.Errorf("%s's posting after the blacklist: %s %v", id, p.Status, p.Screening.Reasons)
		}
	}
	// By a posting's number, the employer and their phone.
	h.play(staffID, []exchange{{send: "拉黑 3", has: []string{h.text("staff.blacklisted", templates.Blacklisted{Employers: 1, Phones: 1, Closed: 1})}}})
	want := "blacklist employer:" + userRef("boss").Hash() + ";blacklist phone:138****5678;blacklist phone:139****0001;" +
		"blacklist employer:" + userRef("other").Hash() + ";blacklist phone:137****0002"
	if got := strings.Join(h.audits(), ";"); got != want {
		t.Errorf("audit log\n got %s\nwant %s", got, want)
	}
	if strings.Contains(h.logs.String(), "13812345678") {
		t.Error("logs carry a blocked phone")
	}
}

func TestBlockedEmployerIsTold(t *testing.T) {
	h := newHarness(t)
	h.publishAs("boss", cleanerPosting)
	h.play(staffID, []exchange{{send: "拉黑 1"}})
	h.send("boss", cleanerPosting)
	h.play("boss", []exchange{{send: "确认发布", says: []string{"employer.blocked"}}})
}

func TestStaffCommandsRefusedForOthers(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "10公里", "跳过")
	h.publishAs("boss", reviewPosting)
	for _, cmd := range []string{"待审核", "review", "通过 1", "approve 1", "review:approve:1", "拒绝 1 收费",
		"review:reject:1", "拉黑 1", "拉黑 13812345678", "blacklist 1", "认证 1", "verify 1"} {
		for _, id := range []string{"w", "boss", "stranger"} {
			h.play(id, []exchange{{send: cmd, says: []string{"staff.review_only"}}})
		}
	}
	h.play("w", []exchange{{send: "发布招聘会", says: []string{"staff.only"}}})
	if p := h.posting(1); p.Status != gigbot.PostingReview {
		t.Errorf("posting is %s", p.Status)
	}
	if got := h.audits(); len(got) != 0 {
		t.Errorf("audit log %v", got)
	}
	if rec, _ := h.db.EmployerRecord(h.ctx, userRef("boss")); rec.Verified || rec.Blacklisted {
		t.Errorf("record changed: %+v", rec)
	}
	// In the middle of a dialog the refusal comes before the question.
	h.play("w", []exchange{{send: "修改资料", step: stepSkills}, {send: "通过 1", step: stepSkills, says: []string{"staff.review_only"}}})
}

func TestFairBroadcastIsAudited(t *testing.T) {
	h := newHarness(t)
	for _, s := range []string{"发布招聘会", "河西区冬季招聘会", "11月28日上午9点", "河西区人力资源市场", "全市", "确认"} {
		h.send(staffID, s)
	}
	if got := strings.Join(h.audits(), ";"); got != "fair_broadcast fair:1" {
		t.Errorf("audit log %s", got)
	}
}

func TestDeleteMyData(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "10公里", "跳过")
	u := userRef("w")
	f := &gigbot.Fair{Title: "河西招聘会", At: testStart.Add(72 * time.Hour)}
	if err := h.db.CreateFair(h.ctx, f); err != nil {
		t.Fatal(err)
	}
	h.send("w", "报名")
	if err := h.db.RecordInteraction(h.ctx, u, h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.publishAs("boss", cleanerPosting)
	if len(h.dueFor("w")) != 1 {
		t.Fatal("no push to delete")
	}
	h.play("w", []exchange{
		{send: "删除我的信息", step: stepForgetConfirm, says: []string{"worker.forget_confirm"}, choices: []intent{intentYes, intentCancel}},
		{send: "取消", step: "", has: []string{"好的，已取消"}},
		{send: "删除我的信息", step: stepForgetConfirm},
		{send: "不删了", step: "", says: []string{"worker.forget_kept"}},
	})
	if h.worker("w") == nil {
		t.Fatal("deleted without confirmation")
	}
	h.send("w", "修改资料")
	r := h.send("w", "删除我的信息")
	if !strings.Contains(r.Text, h.text("worker.forget_confirm", nil)) {
		t.Fatalf("mid-dialog deletion: %q", r.Text)
	}
	h.play("w", []exchange{{send: "确认删除", step: "", says: []string{"worker.forgotten"}}})

	if w := h.worker("w"); w != nil {
		t.Errorf("worker kept: %+v", w)
	}
	if c := h.conv("w"); c.Step != "" || c.Role != "" || c.Lang != "" || !c.UpdatedAt.IsZero() {
		t.Errorf("conversation kept: %+v", c)
	}
	if ns, _ := h.db.PendingFor(h.ctx, u); len(ns) != 0 {
		t.Errorf("notices kept: %+v", ns)
	}
	if n, _ := h.db.FairRegistrations(h.ctx, f.ID); n != 0 {
		t.Errorf("%d registrations kept", n)
	}
	if at, _ := h.db.LastInteraction(h.ctx, u); !at.IsZero() {
		t.Errorf("interaction kept: %v", at)
	}
	// No more pushes: a new posting reaches nobody.
	h.publishAs("boss2", strings.Replace(cleanerPosting, "150", "170", 1))
	if ns := h.dueFor("w"); len(ns) != 0 {
		t.Errorf("pushed after deletion: %+v", ns)
	}
	// Writing again starts over as a newcomer.
	h.play("w", []exchange{{send: "你好", step: stepSkills}})
}

func TestMessageLimit(t *testing.T) {
	h := newHarnessWith(t, func(*Options) {})
	limited := h.text("common.rate_limited", nil)
	for i := range DefaultMessagesPerMinute {
		if r := h.send("w", "帮助"); strings.Contains(r.Text, limited) {
			t.Fatalf("message %d limited", i+1)
		}
	}
	if r := h.send("w", "帮助"); r.Text != limited {
		t.Fatalf("over the limit: %q", r.Text)
	}
	// Follow and unfollow events are never limited, nor are staff.
	if rs := h.handle(gigbot.Message{User: userRef("w"), Kind: gigbot.MessageSubscribe}); len(rs) == 0 || strings.Contains(rs[0].Text, limited) {
		t.Errorf("subscribe limited: %+v", rs)
	}
	for range DefaultMessagesPerMinute + 5 {
		if r := h.send(staffID, "帮助"); strings.Contains(r.Text, limited) {
			t.Fatal("staff limited")
		}
	}
	// The bucket refills at the limit per minute.
	h.clock.Advance(time.Minute / DefaultMessagesPerMinute)
	if r := h.send("w", "帮助"); strings.Contains(r.Text, limited) {
		t.Errorf("refilled bucket: %q", r.Text)
	}
	if r := h.send("w", "帮助"); r.Text != limited {
		t.Errorf("after the refill: %q", r.Text)
	}
	if n := strings.Count(h.logs.String(), "message rate limited"); n != 2 {
		t.Errorf("logged %d times, want once per run of refusals", n)
	}
}

func TestPostingLimit(t *testing.T) {
	h := newHarnessWith(t, func(o *Options) { o.MessagesPerMinute, o.PostingsPerDay = -1, 2 })
	h.publishAs("boss", cleanerPosting)
	h.publishAs("boss", feePosting) // refused postings count too
	h.send("boss", cleanerPosting)
	h.play("boss", []exchange{{send: "确认发布", step: "", has: []string{h.text("employer.posting_limit", 2)}}})
	if n := len(h.postingsOf("boss")); n != 2 {
		t.Errorf("%d postings stored", n)
	}
	h.clock.Advance(14 * time.Hour) // past midnight in Tianjin
	h.publishAs("boss", cleanerPosting)
	if n := len(h.postingsOf("boss")); n != 3 {
		t.Errorf("next day: %d postings stored", n)
	}
}

func TestCommandWords(t *testing.T) {
	tests := []struct {
		text   string
		intent intent
		id     int64
		args   string
	}{
		{"通过 12", intentApprove, 12, ""},
		{"通过12", intentApprove, 12, ""},
		{"通过 #１２", intentApprove, 12, ""},
		{"拒绝 12 收押金，不行", intentReject, 12, "收押金，不行"},
		{"拒绝：12 Asks For A Fee", intentReject, 12, "Asks For A Fee"},
		{"Reject 3 fee", intentReject, 3, "fee"},
		{"拉黑 138 1234 5678", intentBlacklist, 0, "138 1234 5678"},
		{"认证 3f2a9c1b0d4e", intentVerify, 0, "3f2a9c1b0d4e"},
		{"举报这条招工", intentReport, 0, "这条招工"},
		{"举报 7", intentReport, 7, ""},
		{"举报99999999999999999999", intentReport, 0, "99999999999999999999"},
		{"通过中介找活靠谱吗", intentNone, 0, ""},
		{"认证过的老板招保洁", intentNone, 0, ""},
		{"举报电话是多少啊我想问一下这个招工到底是不是真的", intentNone, 0, ""},
	}
	for _, tt := range tests {
		in, ok := command(tt.text)
		if !ok {
			in.intent = intentNone
		}
		if in.intent != tt.intent || in.id != tt.id || in.args != tt.args {
			t.Errorf("command(%q) = %q %d %q, want %q %d %q", tt.text, in.intent, in.id, in.args, tt.intent, tt.id, tt.args)
		}
	}
}

func TestEmployerCredit(t *testing.T) {
	tests := []struct {
		name   string
		rec    gigbot.EmployerRecord
		review bool
	}{
		{"newcomer publishes", gigbot.EmployerRecord{}, false},
		{"clean history", gigbot.EmployerRecord{Postings: 30}, false},
		{"unverified with a rejection", gigbot.EmployerRecord{Postings: 5, Rejections: 1}, true},
		{"unverified with a report", gigbot.EmployerRecord{Postings: 5, Reports: 1}, true},
		{"verified with a rejection", gigbot.EmployerRecord{Verified: true, Postings: 5, Rejections: 1}, false},
		{"verified but often rejected", gigbot.EmployerRecord{Verified: true, Postings: 4, Rejections: 3}, true},
		{"verified, often reported", gigbot.EmployerRecord{Verified: true, Postings: 2, Reports: 8}, true},
	}
	for _, tt := range tests {
		if got := tt.rec.NeedsReview(); got != tt.review {
			t.Errorf("%s: NeedsReview() = %v (credit %d), want %v", tt.name, got, tt.rec.Credit(), tt.review)
		}
	}
}
