package main

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/faketelegram"
	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/store"
)

// End-to-end tests of the channel rules (issue 6): the real binary against
// the fake platforms, which enforce the rules themselves.

const staffWX = "o_staff_hexi"

// sayAt sends text from a WeChat user as if written at at.
func (d *deployment) sayAt(openID, text string, at time.Time) string {
	d.t.Helper()
	status, reply := d.postWeChat(fakewechat.TextXML(wxAccount, openID, text, d.msgID.Add(1), at.Unix()))
	if status != http.StatusOK {
		d.t.Fatalf("WeChat callback %q: HTTP %d", text, status)
	}
	return reply
}

// onboardWeChatAt onboards a WeChat worker whose messages were written at at.
func onboardWeChatAt(t *testing.T, d *deployment, openID string, at time.Time) {
	t.Helper()
	mustContain(t, "first contact", d.sayAt(openID, "你好", at), "会干什么活")
	d.sayAt(openID, "我会打扫卫生", at)
	d.sayAt(openID, "河西区", at)
	d.sayAt(openID, "5公里", at)
	d.sayAt(openID, "跳过", at)
	mustContain(t, "confirm", d.sayAt(openID, "确认", at), "登记好了")
}

// announceFair has staff announce a 河西区 fair ten days from now.
func announceFair(t *testing.T, d *deployment, title string) {
	t.Helper()
	day := time.Now().AddDate(0, 0, 10)
	d.say(staffWX, "发布招聘会")
	d.say(staffWX, title)
	d.say(staffWX, fmt.Sprintf("%d月%d日上午9点", day.Month(), day.Day()))
	d.say(staffWX, "河西区人力资源市场")
	mustContain(t, "fair preview", d.say(staffWX, "河西"), title)
	d.say(staffWX, "1")
}

// openStore reads the deployment's store beside the running process.
func (d *deployment) openStore() *store.DB {
	d.t.Helper()
	db, err := store.Open(context.Background(), d.dataDir, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	d.t.Cleanup(func() { db.Close() })
	return db
}

// waitPending waits until u has a pending notice whose last error is cause.
func (d *deployment) waitPending(db *store.DB, u gigbot.UserRef, cause string) gigbot.Notice {
	d.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		ns, err := db.PendingFor(context.Background(), u)
		if err != nil {
			d.t.Fatal(err)
		}
		for _, n := range ns {
			if n.LastError == cause {
				return n
			}
		}
		time.Sleep(100 * time.Millisecond) // the drain runs in another process: poll its store
	}
	d.t.Fatalf("no pending notice for %s held with cause %q\n%s", u.Hash(), cause, d.logs)
	return gigbot.Notice{}
}

func (d *deployment) waitUnsubscribed(db *store.DB, u gigbot.UserRef) {
	d.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		w, err := db.Worker(context.Background(), u)
		if err == nil && w.Unsubscribed {
			return
		}
		time.Sleep(100 * time.Millisecond) // as above
	}
	d.t.Fatalf("worker %s not marked unsubscribed\n%s", u.Hash(), d.logs)
}

func wxUser(id string) gigbot.UserRef { return gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: id} }

// Outside the 48-hour window a posting goes as the configured template
// message (the fake refuses customer messages there with 45015), a fair
// configured to wait waits, and goes as a customer message once the worker
// writes again.
func TestWeChatWindowTemplateOrWait(t *testing.T) {
	d := newDeployment(t, "staff:\n  wechat: ["+staffWX+"]\n")
	d.wechatExtra = `  window:
    posting: template
    fair: wait
  templates:
    posting:
      id: TPL_NEW_GIG
      fields:
        first: title
        keyword1: pay
        keyword2: place
        remark: remark
`
	d.start()

	old := time.Now().Add(-49 * time.Hour)
	onboardWeChatAt(t, d, workerWX, old)
	publish(t, d, firstJob)

	got := d.waitWeChat(workerWX, 1)
	if got[0].MsgType != "template" || got[0].TemplateID != "TPL_NEW_GIG" {
		t.Fatalf("push outside the window: %+v, want template TPL_NEW_GIG", got[0])
	}
	mustContain(t, "first", got[0].Data["first"], "有一份新活")
	mustContain(t, "pay", got[0].Data["keyword1"], "150元/天")
	mustContain(t, "place", got[0].Data["keyword2"], "河西区")

	announceFair(t, d, "河西区冬季招聘会")
	db := d.openStore()
	d.waitPending(db, wxUser(workerWX), "unreachable")
	if n := len(d.wx.Sent()); n != 1 {
		t.Fatalf("fair sent outside the window: %+v", d.wx.Sent())
	}

	// The worker writes: the window opens and the fair goes at once.
	d.say(workerWX, "我的资料")
	got = d.waitWeChat(workerWX, 2)
	if got[1].MsgType != "text" {
		t.Fatalf("fair after the user wrote: %+v, want a customer message", got[1])
	}
	mustContain(t, "fair", got[1].Content, "河西区冬季招聘会")
}

// A callback retried after a restart is still handled once: the claimed
// keys are in the store.
func TestWeChatDedupeAcrossRestart(t *testing.T) {
	d := newDeployment(t, "")
	d.start()
	msg := d.wechatText(workerWX, "你好")
	if _, reply := d.postWeChat(msg); !strings.Contains(reply, "会干什么活") {
		t.Fatalf("first answer %q", reply)
	}
	click := fakewechat.EventXML(wxAccount, workerWX, "CLICK", "jobs", time.Now().Unix())
	d.postWeChat(click)
	d.stop()
	d.start()
	for _, body := range [][]byte{msg, click} {
		if status, reply := d.postWeChat(body); status != http.StatusOK || (reply != "" && reply != "success") {
			t.Fatalf("retry after restart: %d %q, want it dropped", status, reply)
		}
	}
}

// Message kinds: location (message and LOCATION event), voice recognition,
// image declined, menu CLICK; and `gigbot wechat menu` creating the menu
// with the token the server saved in the store.
func TestWeChatMessageKindsAndMenu(t *testing.T) {
	d := newDeployment(t, "")
	d.start()
	now := time.Now().Unix()
	d.say(workerWX, "你好")
	d.say(workerWX, "我会打扫卫生")
	_, r := d.postWeChat(fakewechat.LocationXML(wxAccount, workerWX, 39.1042, 117.2076, "友谊路", d.msgID.Add(1), now))
	mustContain(t, "location answers the place question", r, "河西区")
	d.say(workerWX, "5公里")
	d.say(workerWX, "跳过")
	mustContain(t, "confirm", d.say(workerWX, "确认"), "登记好了")

	_, r = d.postWeChat(fakewechat.VoiceXML(wxAccount, workerWX, "我的资料", d.msgID.Add(1), now))
	mustContain(t, "voice recognition read as text", r, "保洁", "河西区")
	_, r = d.postWeChat(fakewechat.ImageXML(wxAccount, workerWX, "http://img/x.jpg", d.msgID.Add(1), now))
	mustContain(t, "image declined", r, "看不懂图片")
	_, r = d.postWeChat(fakewechat.EventXML(wxAccount, workerWX, "CLICK", "profile", now))
	mustContain(t, "menu click", r, "保洁", "河西区")
	status, _ := d.postWeChat(fakewechat.LocationEventXML(wxAccount, workerWX, 39.10, 117.20, now+1))
	if status != http.StatusOK {
		t.Fatalf("LOCATION event: HTTP %d", status)
	}

	// The server fetches a token for the push and keeps it in the store.
	publish(t, d, firstJob)
	d.waitWeChat(workerWX, 1)
	before := d.wx.TokenRequests()
	cmd := exec.Command(binary, "wechat", "menu", "--config", d.cfgPath)
	cmd.Env = d.proc.Env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gigbot wechat menu: %v\n%s", err, out)
	}
	m := d.wx.Menu()
	if len(m) != 3 || m[0].Name != "找工作" || m[0].Type != "click" || m[1].Key != "profile" || m[2].Name != "招聘会" {
		t.Fatalf("menu = %+v", m)
	}
	if before != 1 || d.wx.TokenRequests() != before {
		t.Fatalf("the menu command fetched its own token (%d → %d): the store's should be shared", before, d.wx.TokenRequests())
	}
}

// Send errors: 40001 refreshes the token once and sends; another errcode
// is logged with its code and the notice kept for a retry; 43004 and an
// unsubscribe event stop pushes; 45047 (per user) waits; 45009 (the
// account's quota) holds the notice, kept, for an hour.
func TestWeChatSendErrors(t *testing.T) {
	d := newDeployment(t, "")
	d.start()
	onboardWeChat(t, d, workerWX)
	db := d.openStore()
	u := wxUser(workerWX)

	d.wx.FailNext(1, 40001)
	publish(t, d, firstJob)
	got := d.waitWeChat(workerWX, 1)
	mustContain(t, "push after a token refresh", got[0].Content, "150")
	if n := d.wx.TokenRequests(); n != 2 {
		t.Fatalf("%d token requests, want 2 (one refresh after 40001)", n)
	}

	d.wx.FailNext(1, 40003)
	publish(t, d, secondJob)
	n := d.waitPending(db, u, "send_failed")
	if n.Attempts != 1 {
		t.Fatalf("failed notice: %+v", n)
	}
	// The binary's log reaches us through a pipe, after the store write
	// the wait above saw.
	waitUntil(t, "errcode 40003 logged", func() bool { return strings.Contains(d.logs.String(), "errcode 40003") })

	d.wx.FailNext(1, 45047)
	publish(t, d, "招聘保洁1名，河西区，日结170元，电话13800000004")
	d.waitPending(db, u, "unreachable")

	d.wx.FailNext(1, 43004)
	publish(t, d, "招聘保洁1名，河西区，日结190元，电话13800000005")
	d.waitUnsubscribed(db, u)

	// A second worker unfollows: they get no more notices at all.
	const other = "o_worker_hexi_two"
	onboardWeChat(t, d, other)
	d.postWeChat(fakewechat.EventXML(wxAccount, other, "unsubscribe", "", time.Now().Unix()))
	d.waitUnsubscribed(db, wxUser(other))
	publish(t, d, "招聘保洁1名，河西区，日结210元，电话13800000006")
	for _, who := range []string{workerWX, other} {
		ns, err := db.PendingFor(context.Background(), wxUser(who))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if strings.Contains(n.Reply.Text, "210") {
				t.Fatalf("notice queued for a worker who left: %+v", n)
			}
		}
	}

	// The account's daily quota: held for an hour, not dropped.
	const third = "o_worker_hexi_three"
	onboardWeChat(t, d, third)
	d.wx.FailNext(1, 45009)
	publish(t, d, "招聘保洁1名，河西区，日结230元，电话13800000007")
	n = d.waitPending(db, wxUser(third), "rate_limited")
	if n.DueAt.Before(time.Now().Add(30 * time.Minute)) {
		t.Fatalf("45009 held only until %v", n.DueAt)
	}
}

// Telegram: update_id dedupe across a restart, 429 waited out, 403 marks
// the worker inactive, and an English-speaking user is answered and
// pushed to in English.
func TestTelegramRulesEndToEnd(t *testing.T) {
	d := newDeployment(t, "")
	d.start()
	const en = int64(900002)
	say := func(text string) string {
		before := len(d.tg.SentTo(en))
		d.tg.PushUpdate(faketelegram.TextUpdate(d.updID.Add(1), en, text, "en-US"))
		got := d.tg.WaitSent(waitTimeout, en, before+1)
		if len(got) <= before {
			t.Fatalf("no answer to %q\n%s", text, d.logs)
		}
		return got[before].Text
	}
	mustContain(t, "english welcome", say("/start"), "Hello")
	say("我会打扫卫生")
	say("河西区")
	say("5公里")
	say("跳过")
	mustContain(t, "english confirm", say("确认"), "signed up")

	// The same update_id after a restart is not handled again.
	dup := faketelegram.TextUpdate(d.updID.Add(1), en, "profile", "en-US")
	answered := len(d.tg.SentTo(en)) + 1
	d.tg.PushUpdate(dup)
	d.tg.WaitSent(waitTimeout, en, answered)
	d.stop()
	d.start()
	d.tg.PushUpdate(dup)
	say("help") // handled after the retried update: one user's updates are handled in order
	if n := len(d.tg.SentTo(en)); n != answered+1 {
		t.Fatalf("%d messages after the retried update and one new one, want %d", n, answered+1)
	}

	// 429 on the push: held for retry_after, then delivered, in English.
	d.tg.RateLimitNext(1, 1)
	before := len(d.tg.SentTo(en))
	publish(t, d, firstJob)
	got := d.tg.WaitSent(waitTimeout, en, before+1)
	if len(got) <= before {
		t.Fatalf("push not delivered after 429\n%s", d.logs)
	}
	mustContain(t, "english push", got[before].Text, "[New gig]", "150")

	// 403: the worker blocked the bot and gets nothing more.
	d.tg.Block(en)
	publish(t, d, secondJob)
	db := d.openStore()
	d.waitUnsubscribed(db, gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "900002"})
	d.tg.Unblock(en)
	publish(t, d, "招聘保洁1名，河西区，日结170元，电话13800000004")
	ns, err := db.PendingFor(context.Background(), gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "900002"})
	if err != nil || len(ns) != 0 {
		t.Fatalf("notices queued after the block: %+v %v", ns, err)
	}
	if n := len(d.tg.SentTo(en)); n != before+1 {
		t.Fatalf("%d messages, want %d: pushed after the block", n, before+1)
	}
}
