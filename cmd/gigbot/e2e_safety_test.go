package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/faketelegram"
	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/store"
)

// The people of the trust-and-safety loop, each with personal data that
// must never reach a log: OpenIDs, Telegram ids, phone numbers and the
// precise points workers share.
const (
	safeWorkerWX   = "oWkr_pii_Hexi_5Fq2ZbX"
	safeStaffWX    = "oStf_pii_Center_9kLmQ"
	safeBossWX     = "oEmp_pii_Boss_3xYtRw"
	safeWorkerTG   = int64(7712345601)
	safeStaffTG    = int64(7712345602)
	safeBossTG     = int64(7712345603)
	safeBossPhone  = "13811112222"
	safeBoss2Phone = "13933334444"
	safeLat        = 39.0871234 // 河西区, 友谊路
	safeLon        = 117.2009876
	safeTGLat      = 40.0451234 // 蓟州区
	safeTGLon      = 117.4087654
)

func TestSafetyLoopKeepsPersonalDataOutOfLogs(t *testing.T) {
	d := newDeployment(t, "staff:\n  wechat: [\""+safeStaffWX+"\"]\n  telegram: [\""+strconv.FormatInt(safeStaffTG, 10)+"\"]\n")
	d.start()

	// A worker on WeChat signs up by sharing their location.
	mustContain(t, "first contact", d.say(safeWorkerWX, "你好"), "会干什么活")
	d.say(safeWorkerWX, "我会打扫卫生")
	status, _ := d.postWeChat(fakewechat.LocationXML(wxAccount, safeWorkerWX, safeLat, safeLon, "友谊路", d.msgID.Add(1), time.Now().Unix()))
	if status != http.StatusOK {
		t.Fatalf("location: HTTP %d", status)
	}
	d.say(safeWorkerWX, "5公里")
	d.say(safeWorkerWX, "跳过")
	mustContain(t, "signed up", d.say(safeWorkerWX, "确认"), "登记好了")

	// A worker on Telegram shares a location too.
	d.tgSay(safeWorkerTG, "/start")
	d.tgSay(safeWorkerTG, "我会电焊")
	before := len(d.tg.SentTo(safeWorkerTG))
	d.tg.PushUpdate(faketelegram.LocationUpdate(d.updID.Add(1), safeWorkerTG, safeTGLat, safeTGLon))
	d.tg.WaitSent(waitTimeout, safeWorkerTG, before+1)

	// Staff open their chats (WeChat lets an account write only to users
	// who wrote in the last 48 hours).
	d.say(safeStaffWX, "帮助")
	d.tgSay(safeStaffTG, "帮助")

	// An employer publishes; the worker gets the push and reports it.
	mustContain(t, "preview", d.say(safeBossWX, "招聘保洁2名，河西区友谊路，日结150元，明天早上8点到，电话"+safeBossPhone), "保洁")
	mustContain(t, "published", d.say(safeBossWX, "1"), "已发布")
	push := d.waitWeChat(safeWorkerWX, 1)
	mustContain(t, "push", push[0].Content, "150", "举报")
	// The push is marked sent just after WeChat took it; until then "举报"
	// names no push, and changes nothing, so it can be said again.
	deadline := time.Now().Add(waitTimeout)
	for r := d.say(safeWorkerWX, "举报"); !strings.Contains(r, "收到你的举报"); r = d.say(safeWorkerWX, "举报") {
		if time.Now().After(deadline) {
			t.Fatalf("report: %q", r)
		}
		time.Sleep(50 * time.Millisecond) // the outbox commit has no event to wait on
	}

	// Another employer, on Telegram, posts what screening holds: staff
	// on both channels are alerted.
	d.tgSay(safeBossTG, "招聘保洁2名，只招女，河西区友谊路，日结150，电话"+safeBoss2Phone)
	mustContain(t, "held", d.tgSay(safeBossTG, "1"), "审核")
	d.tgSay(safeBossTG, "招聘保洁1名，只招本地人，河西区，日结160，电话"+safeBoss2Phone)
	d.tgSay(safeBossTG, "1")
	alerts := d.waitWeChat(safeStaffWX, 2)
	mustContain(t, "staff alert", alerts[0].Content, "【待审核】", "只招女")
	tgAlerts := d.tg.WaitSent(waitTimeout, safeStaffTG, 3)
	if len(tgAlerts) < 3 || !strings.Contains(tgAlerts[len(tgAlerts)-1].Text, "【待审核】") {
		t.Fatalf("telegram staff alerts: %+v", tgAlerts)
	}
	held := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(alerts[0].Content)
	if held == nil {
		t.Fatalf("alert names no posting: %q", alerts[0].Content)
	}

	// The worker cannot approve; staff can, and the employer is told.
	mustContain(t, "refused", d.say(safeWorkerWX, "通过 "+held[1]), "工作人员")
	bossMsgs := len(d.tg.SentTo(safeBossTG))
	mustContain(t, "approve", d.say(safeStaffWX, "通过 "+held[1]), "已通过")
	got := d.tg.WaitSent(waitTimeout, safeBossTG, bossMsgs+1)
	if len(got) <= bossMsgs || !strings.Contains(got[bossMsgs].Text, "审核通过") {
		t.Fatalf("employer not told of the approval: %+v", got)
	}
	mustContain(t, "review list", d.say(safeStaffWX, "待审核"), "只招本地人")

	// Staff blacklist the first employer by phone: their posting goes,
	// and they cannot post again.
	mustContain(t, "blacklist", d.say(safeStaffWX, "拉黑 "+safeBossPhone), "已拉黑：1 个账号")
	d.say(safeBossWX, "招聘保洁1名，河西区，日结170元，电话"+safeBossPhone)
	mustContain(t, "blocked", d.say(safeBossWX, "1"), "限制发布")

	// The WeChat worker deletes their data, after confirming.
	mustContain(t, "forget", d.say(safeWorkerWX, "删除我的信息"), "确认删除")
	mustContain(t, "forgotten", d.say(safeWorkerWX, "确认删除"), "已经全部删除")

	d.stop()

	// The store keeps nothing of the deleted worker.
	db, err := store.Open(context.Background(), d.dataDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	u := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: safeWorkerWX}
	if _, err := db.Worker(context.Background(), u); gigbot.ErrorCode(err) != gigbot.ENOTFOUND {
		t.Errorf("deleted worker still stored: %v", err)
	}
	if c, _ := db.Conversation(context.Background(), u); !c.UpdatedAt.IsZero() {
		t.Errorf("deleted worker's conversation kept: %+v", c)
	}
	if at, _ := db.LastInteraction(context.Background(), u); !at.IsZero() {
		t.Errorf("deleted worker's interaction kept")
	}
	entries, err := db.AuditLog(context.Background(), 10)
	if err != nil || len(entries) < 3 {
		t.Errorf("audit log: %+v %v", entries, err)
	}
	db.Close()

	// Staff tools print no personal data either.
	var tools strings.Builder
	for _, sub := range []string{"list", "audit"} {
		cmd := exec.Command(binary, "review", sub, "--config", d.cfgPath)
		cmd.Env = append(os.Environ(), "GIGBOT_WECHAT_APP_SECRET="+wxSecret, "GIGBOT_TELEGRAM_TOKEN="+tgToken)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("gigbot review %s: %v\n%s", sub, err, out)
		}
		tools.Write(out)
	}
	var first struct {
		ID   int64  `json:"id"`
		Text string `json:"text"`
	}
	line, _, _ := strings.Cut(tools.String(), "\n")
	if err := json.Unmarshal([]byte(line), &first); err != nil || !strings.Contains(first.Text, "139****4444") {
		t.Errorf("review list: %q (%v)", line, err)
	}

	// Not one log line, nor the tools' output, carries personal data in
	// clear.
	logs := d.logs.String()
	if !strings.Contains(logs, "gigbot serving") {
		t.Fatalf("no logs captured:\n%s", logs)
	}
	secrets := []string{safeWorkerWX, safeStaffWX, safeBossWX, safeBossPhone, safeBoss2Phone,
		strconv.FormatInt(safeWorkerTG, 10), strconv.FormatInt(safeStaffTG, 10), strconv.FormatInt(safeBossTG, 10),
		"39.087", "117.200", "40.045", "117.408", wxSecret, tgToken}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("logs carry %q in clear", s)
		}
		if strings.Contains(tools.String(), s) {
			t.Errorf("review tools print %q", s)
		}
	}
	// Phone numbers in any spelling: 11 digits starting with 1.
	if m := regexp.MustCompile(`1[3-9]\d{9}`).FindString(logs); m != "" {
		t.Errorf("logs carry a phone-like number %s", m)
	}
}
