package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/internal/faketelegram"
	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/internal/logbuf"
)

// binary is the gigbot built once for the end-to-end tests, which drive it
// as an operator would: a config file, `gigbot serve`, HTTP callbacks.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gigbot-e2e-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "gigbot")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build gigbot:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Credentials of the fake platforms.
const (
	wxAppID     = "wx0123456789abcdef"
	wxSecret    = "test-app-secret"
	wxToken     = "test-token"
	wxAccount   = "gh_gigbot"
	tgToken     = "123456:TEST-token"
	tgSecret    = "webhook-secret_1"
	waitTimeout = 20 * time.Second
)

// deployment is one data dir and its config, against fake platforms; the
// bot process on it can be started, killed and started again.
type deployment struct {
	t           *testing.T
	dataDir     string
	addr        string
	wx          *fakewechat.Server
	tg          *faketelegram.Server
	extra       string // more YAML appended to the config
	wechatExtra string // more YAML inside the wechat: section, indented by two
	aesKey      string // set: WeChat safe mode
	webhook     bool   // Telegram in webhook mode instead of polling

	cfgPath string
	proc    *exec.Cmd
	logs    *logbuf.Buffer
	exitc   chan error
	msgID   atomic.Int64
	updID   atomic.Int64
}

func newDeployment(t *testing.T, extra string) *deployment {
	d := &deployment{
		t: t, dataDir: t.TempDir(), addr: freeAddr(t), extra: extra,
		wx: fakewechat.New(t, wxAppID, wxSecret), tg: faketelegram.New(t, tgToken),
	}
	d.msgID.Store(time.Now().UnixNano() / 1000)
	t.Cleanup(d.stop)
	return d
}

func (d *deployment) config() string {
	mode := "polling"
	if d.webhook {
		mode = "webhook"
	}
	cfg := fmt.Sprintf(`timezone: Asia/Shanghai
data_dir: %s
http:
  listen: %s
wechat:
  enabled: true
  app_id: %s
  token: %s
  encoding_aes_key: "%s"
  api_base: %s
%stelegram:
  enabled: true
  api_base: %s
  mode: %s
  webhook_secret: "%s"
push:
  tick: 1s
  quiet_hours: ""
  daily_cap: 5
`, d.dataDir, d.addr, wxAppID, wxToken, d.aesKey, d.wx.URL(), d.wechatExtra, d.tg.URL(), mode, tgSecret)
	return cfg + d.extra
}

// start runs `gigbot serve` and waits until /healthz answers.
func (d *deployment) start() {
	d.t.Helper()
	path := filepath.Join(d.t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(d.config()), 0o600); err != nil {
		d.t.Fatal(err)
	}
	d.cfgPath = path
	d.logs = &logbuf.Buffer{}
	d.proc = exec.Command(binary, "serve", "--config", path)
	// Secrets come from the environment, as in production.
	d.proc.Env = append(os.Environ(), "GIGBOT_WECHAT_APP_SECRET="+wxSecret, "GIGBOT_TELEGRAM_TOKEN="+tgToken)
	d.proc.Stdout, d.proc.Stderr = d.logs, d.logs
	if err := d.proc.Start(); err != nil {
		d.t.Fatal(err)
	}
	d.exitc = make(chan error, 1)
	go func(p *exec.Cmd, c chan error) { c <- p.Wait() }(d.proc, d.exitc)
	deadline := time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-d.exitc:
			d.t.Fatalf("gigbot serve exited: %v\n%s", err, d.logs)
		default:
		}
		resp, err := http.Get("http://" + d.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond) // waiting for a process to bind: no event to wait on
	}
	d.t.Fatalf("gigbot serve not healthy after %v\n%s", waitTimeout, d.logs)
}

// stop sends SIGTERM and waits for a clean exit.
func (d *deployment) stop() {
	if d.proc == nil {
		return
	}
	_ = d.proc.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-d.exitc:
		if err != nil {
			d.t.Errorf("gigbot serve did not stop cleanly: %v\n%s", err, d.logs)
		}
	case <-time.After(waitTimeout):
		_ = d.proc.Process.Kill()
		d.t.Errorf("gigbot serve did not stop on SIGTERM\n%s", d.logs)
	}
	d.proc = nil
}

// kill stops the process the hard way, as a crash would.
func (d *deployment) kill() {
	_ = d.proc.Process.Kill()
	<-d.exitc
	d.proc = nil
}

func (d *deployment) wechatURL() string { return "http://" + d.addr + "/wechat" }

// postWeChat sends one callback body as WeChat would and returns the
// status and the passive reply's text ("success" or empty for none).
func (d *deployment) postWeChat(xmlBody []byte) (int, string) {
	d.t.Helper()
	d.wx.Observe(xmlBody) // the platform knows what its users do (48-hour window, unfollows)
	query := fakewechat.SignedQuery(wxToken)
	body := xmlBody
	if d.aesKey != "" {
		var err error
		body, query, err = fakewechat.Encrypt(d.aesKey, wxAppID, wxToken, xmlBody)
		if err != nil {
			d.t.Fatal(err)
		}
	}
	resp, err := http.Post(d.wechatURL()+"?"+query.Encode(), "text/xml", bytes.NewReader(body))
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	text := strings.TrimSpace(string(raw))
	if resp.StatusCode != http.StatusOK || text == "" || text == "success" {
		return resp.StatusCode, text
	}
	if d.aesKey != "" {
		if raw, err = fakewechat.DecryptReply(d.aesKey, wxAppID, wxToken, raw); err != nil {
			d.t.Fatalf("decrypt reply: %v", err)
		}
	}
	reply, err := fakewechat.ParseReply(raw)
	if err != nil {
		d.t.Fatalf("reply is not WeChat XML: %v: %s", err, raw)
	}
	return resp.StatusCode, reply.Content
}

// wechatText builds a text message from openID with a fresh MsgId.
func (d *deployment) wechatText(openID, text string) []byte {
	return fakewechat.TextXML(wxAccount, openID, text, d.msgID.Add(1), time.Now().Unix())
}

// say sends text from a WeChat user and returns the bot's passive reply.
func (d *deployment) say(openID, text string) string {
	d.t.Helper()
	status, reply := d.postWeChat(d.wechatText(openID, text))
	if status != http.StatusOK {
		d.t.Fatalf("WeChat callback %q: HTTP %d", text, status)
	}
	return reply
}

// tgSay sends text from a Telegram user and returns the bot's answer.
func (d *deployment) tgSay(userID int64, text string) string {
	d.t.Helper()
	before := len(d.tg.SentTo(userID))
	d.tg.PushUpdate(faketelegram.TextUpdate(d.updID.Add(1), userID, text, "zh-hans"))
	got := d.tg.WaitSent(waitTimeout, userID, before+1)
	if len(got) <= before {
		d.t.Fatalf("no Telegram answer to %q\n%s", text, d.logs)
	}
	return got[before].Text
}

func (d *deployment) waitWeChat(openID string, n int) []fakewechat.SentMessage {
	d.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	got, err := d.wx.WaitSent(ctx, n, openID)
	if err != nil {
		d.t.Fatalf("waiting for %d WeChat messages: %v (got %d)\n%s", n, err, len(got), d.logs)
	}
	return got
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s: %q does not contain %q", what, got, w)
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// seedAudience writes n onboarded Telegram workers (保洁, 河西区) straight
// to db, chats numbered from the first id it returns: a broadcast's
// audience, counted with pushesPerChat.
func seedAudience(t *testing.T, db gigbot.Store, n int) (first int64) {
	t.Helper()
	first = 7_000_000
	for i := range int64(n) {
		w := gigbot.Worker{
			User:      gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.FormatInt(first+i, 10)},
			Profile:   gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区"},
			Onboarded: true,
		}
		if err := db.SaveWorker(context.Background(), &w); err != nil {
			t.Fatal(err)
		}
	}
	return first
}

// pushesPerChat counts, for each of the n Telegram chats from first on, the
// messages it received that contain marker: a broadcast's audience.
func pushesPerChat(tg *faketelegram.Server, first int64, n int, marker string) map[int64]int {
	got := map[int64]int{}
	for _, m := range tg.Sent() {
		if m.ChatID >= first && m.ChatID < first+int64(n) && strings.Contains(m.Text, marker) {
			got[m.ChatID]++
		}
	}
	return got
}

// total is how many messages a pushesPerChat count holds.
func total(got map[int64]int) (n int) {
	for _, k := range got {
		n += k
	}
	return n
}
