package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/gigbot/gigbot/internal/fakewechat"
)

const (
	workerWX   = "o_worker_hexi_cleaner"
	employerWX = "o_employer_hexi"
	workerTG   = int64(900001) // a welder in 蓟州区, far from 河西区
	firstJob   = "招聘保洁2名，河西区友谊路，日结150元，明天早上8点到，电话13800000001"
	secondJob  = "急招保洁阿姨1名 河西区 一天180 电话13800000002"
)

// onboardWeChat walks a WeChat worker through onboarding in plain words.
func onboardWeChat(t *testing.T, d *deployment, openID string) {
	t.Helper()
	mustContain(t, "first contact", d.say(openID, "你好"), "会干什么活")
	mustContain(t, "skills", d.say(openID, "我会打扫卫生"), "保洁")
	d.say(openID, "河西区")
	d.say(openID, "5公里")
	mustContain(t, "summary", d.say(openID, "跳过"), "保洁", "河西区")
	mustContain(t, "confirm", d.say(openID, "确认"), "登记好了")
}

func onboardTelegram(t *testing.T, d *deployment, userID int64) {
	t.Helper()
	mustContain(t, "telegram start", d.tgSay(userID, "/start"), "会干什么活")
	mustContain(t, "telegram skills", d.tgSay(userID, "我会电焊"), "电焊")
	d.tgSay(userID, "蓟州区")
	d.tgSay(userID, "3公里")
	d.tgSay(userID, "跳过")
	mustContain(t, "telegram confirm", d.tgSay(userID, "确认"), "登记好了")
}

// publish posts a gig as an employer on WeChat and confirms it.
func publish(t *testing.T, d *deployment, text string) string {
	t.Helper()
	mustContain(t, "preview", d.say(employerWX, text), "保洁", "河西区")
	return d.say(employerWX, "1") // the first choice: publish
}

func TestWholeLoopOverWeChatAndTelegram(t *testing.T) {
	d := newDeployment(t, "")
	d.start()
	onboardWeChat(t, d, workerWX)
	onboardTelegram(t, d, workerTG)

	done := publish(t, d, firstJob)
	mustContain(t, "published", done, "1")

	pushes := d.waitWeChat(workerWX, 1)
	mustContain(t, "push to the matching worker", pushes[0].Content, "保洁", "150")
	for _, m := range d.tg.SentTo(workerTG) {
		if strings.Contains(m.Text, "150") {
			t.Fatalf("the welder far away got the cleaning job: %q", m.Text)
		}
	}

	// A retried callback (same MsgId) is answered but handled once: were it
	// handled again, the profile step would be re-run.
	msg := d.wechatText(workerWX, "我的资料")
	status, first := d.postWeChat(msg)
	if status != http.StatusOK || !strings.Contains(first, "保洁") {
		t.Fatalf("profile: %d %q", status, first)
	}
	status, again := d.postWeChat(msg)
	if status != http.StatusOK || (again != "" && again != "success") {
		t.Fatalf("retried callback handled again: %d %q", status, again)
	}

	// A bad signature is refused and changes nothing.
	bad, err := http.Post(d.wechatURL()+"?signature=deadbeef&timestamp=1&nonce=2", "text/xml",
		bytes.NewReader(d.wechatText(workerWX, "暂停")))
	if err != nil {
		t.Fatal(err)
	}
	bad.Body.Close()
	if bad.StatusCode != http.StatusForbidden {
		t.Fatalf("bad signature: HTTP %d, want 403", bad.StatusCode)
	}
	mustContain(t, "still subscribed", d.say(workerWX, "我的资料"), "开着")

	// Restart on the same data_dir: the profile is kept, the first posting
	// is never pushed again, and a new posting still reaches the worker.
	d.stop()
	d.start()
	mustContain(t, "profile after restart", d.say(workerWX, "我的资料"), "保洁", "河西区")
	publish(t, d, secondJob)
	pushes = d.waitWeChat(workerWX, 2)
	mustContain(t, "second push", pushes[1].Content, "180")
	count := 0
	for _, m := range d.wx.Sent() {
		if m.ToUser == workerWX && strings.Contains(m.Content, "150") {
			count++
		}
	}
	if count != 1 {
		t.Fatalf("first posting pushed %d times across a restart", count)
	}

	// Personal data never reaches the logs in clear.
	logs := d.logs.String()
	for _, secret := range []string{workerWX, employerWX, "13800000001", "900001", wxSecret} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs carry %q in clear", secret)
		}
	}
}

func TestSafeModeAndURLVerification(t *testing.T) {
	d := newDeployment(t, "")
	d.aesKey = fakewechat.NewEncodingAESKey()
	d.start()
	mustContain(t, "safe mode reply", d.say(workerWX, "你好"), "会干什么活")

	resp, err := http.Get(fakewechat.SignedURL(d.wechatURL(), wxToken) + "&echostr=hello123")
	if err != nil {
		t.Fatal(err)
	}
	body := new(bytes.Buffer)
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(body.String()) != "hello123" {
		t.Fatalf("URL verification: %d %q", resp.StatusCode, body)
	}
	resp, err = http.Get(d.wechatURL() + "?signature=bad&timestamp=1&nonce=2&echostr=x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("bad verification signature: HTTP %d, want 403", resp.StatusCode)
	}
}

func TestTelegramWebhookChecksSecret(t *testing.T) {
	d := newDeployment(t, "")
	d.webhook = true
	d.start()
	url := "http://" + d.addr + "/telegram"
	update := []byte(`{"update_id":77,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"from":{"id":5,"is_bot":false,"first_name":"A","language_code":"zh-hans"},"text":"你好"}}`)
	post := func(secret string) int {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(update))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, secret := range []string{"wrong", ""} {
		if code := post(secret); code != http.StatusUnauthorized && code != http.StatusForbidden {
			t.Fatalf("webhook secret %q: HTTP %d, want 401/403", secret, code)
		}
	}
	if code := post(tgSecret); code != http.StatusOK {
		t.Fatalf("right webhook secret: HTTP %d", code)
	}
	got := d.tg.WaitSent(waitTimeout, 5, 1)
	if len(got) != 1 {
		t.Fatalf("webhook update not answered\n%s", d.logs)
	}
	mustContain(t, "webhook answer", got[0].Text, "会干什么活")
	// The same update again (Telegram retries) is not handled twice.
	if code := post(tgSecret); code != http.StatusOK {
		t.Fatalf("retried update: HTTP %d", code)
	}
	d.stop() // drains in-flight work
	if n := len(d.tg.SentTo(5)); n != 1 {
		t.Fatalf("update handled %d times", n)
	}
}
