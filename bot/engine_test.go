package bot

import (
	"context"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

// TestOneUserAtATime sends many menu toggles of one worker at once. Each
// turn must see the one before it: the pause item turns into resume and
// back, so the answers alternate exactly and the worker ends where they
// started. Without the per-user lock two turns read the same state and
// the counts drift.
func TestOneUserAtATime(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "3公里", "跳过")
	h.onboard("other", "力工", "南开区", "3公里", "跳过")
	paused, resumed := h.text("worker.paused", nil), h.text("worker.resumed", nil)

	const n = 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			replies, err := h.e.Handle(h.ctx, gigbot.Message{User: userRef("w"), Kind: gigbot.MessageText, Text: "3"})
			if err != nil || len(replies) != 1 {
				t.Errorf("Handle: %v, %v", replies, err)
				return
			}
			mu.Lock()
			counts[replies[0].Text]++
			mu.Unlock()
		}()
		go func() { // another user meanwhile is not held up by w's lock
			defer wg.Done()
			text := []string{"我的资料", "找工作"}[i%2]
			if _, err := h.e.Handle(h.ctx, gigbot.Message{User: userRef("other"), Kind: gigbot.MessageText, Text: text}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if counts[paused] != n/2 || counts[resumed] != n/2 || len(counts) != 2 {
		t.Errorf("answers %v, want %d paused and %d resumed", counts, n/2, n/2)
	}
	if w := h.worker("w"); !w.Active() {
		t.Errorf("worker = %+v, want active after an even number of toggles", w)
	}
	if len(h.e.locks.locks) != 0 {
		t.Errorf("%d user locks left behind", len(h.e.locks.locks))
	}
}

func TestLockWaitEndsWithContext(t *testing.T) {
	var l userLocks
	unlock, err := l.lock(context.Background(), "u")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := l.lock(ctx, "u"); err == nil {
		t.Fatal("second lock of a held user succeeded")
	}
	unlock()
	if len(l.locks) != 0 {
		t.Errorf("locks left: %v", l.locks)
	}
}

// TestStoreFailure closes the store under the engine: the user is told
// to try later, the error is logged once, and no personal data reaches
// the log.
func TestStoreFailure(t *testing.T) {
	h := newHarness(t)
	h.onboard("w", "保洁", "河西区", "3公里", "跳过")
	h.db.Close()
	const text = "招聘保洁2名 电话13812345678"
	replies, err := h.e.Handle(h.ctx, gigbot.Message{User: userRef("w"), Kind: gigbot.MessageText, Text: text})
	if err != nil {
		t.Fatalf("Handle returned %v; want the busy reply and nil", err)
	}
	if len(replies) != 1 || replies[0].Text != h.text("common.busy", nil) {
		t.Errorf("replies = %+v, want the busy reply", replies)
	}
	logs := h.logs.String()
	if strings.Count(logs, "handle message") != 1 {
		t.Errorf("want the failure logged once:\n%s", logs)
	}
	for _, secret := range []string{text, "13812345678", userRef("w").Key()} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q:\n%s", secret, logs)
		}
	}
}

// TestImports keeps the engine free of SDKs and storage: it must run on
// any channel and any store.
func TestImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	allowed := map[string]bool{
		"github.com/gigbot/gigbot":           true,
		"github.com/gigbot/gigbot/bot":       true,
		"github.com/gigbot/gigbot/matcher":   true,
		"github.com/gigbot/gigbot/quota":     true, // pure: per-worker counts
		"github.com/gigbot/gigbot/templates": true,
	}
	for _, pkg := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(pkg, "/")
		if strings.Contains(first, ".") && !allowed[pkg] {
			t.Errorf("bot depends on %s", pkg)
		}
	}
}

// FuzzHandle sends random messages through the whole engine: it never
// panics, never fails, and always answers a message that has text.
func FuzzHandle(f *testing.F) {
	h := newHarness(f)
	for _, s := range []string{"", "你好", "我会电焊，也能干力工", "河西区", "3公里", "200", "确认", "1", "１",
		"取消", "找工作 保洁 河西", "发布招聘", cleanerPosting, "发布招聘会", "招聘会", "不对，是河东区",
		"修改资料", "暂停", "恢复", "退订", "帮助", "菜单", "\x00", "\xff\xfe", "第", "十一", strings.Repeat("招", 500),
		"招满了", "报名", "报名 河西", "报名人数", "fair:register:1", "posting:close:1", "fair:register:99999999999999999999",
		"推送设置", "每天晚上8点发一次", "晚上10点到早上6点别发", "一天最多3条", "随时都行", "不是电焊，是力工",
		"改成十公里", "重新来", "我想先找工作", "算了，我要招人", "一百五", "25点到99点别发",
		"举报", "举报 1", "posting:report:1", "待审核", "通过 1", "拒绝 1 收押金", "review:reject:1", "review:approve:1",
		"拉黑 13812345678", "拉黑 1", "认证 1", "删除我的信息", "确认删除"} {
		f.Add(s, uint8(0), uint8(0))
	}
	kinds := []gigbot.MessageKind{gigbot.MessageText, gigbot.MessageVoice, gigbot.MessageClick,
		gigbot.MessageLocation, gigbot.MessageImage, gigbot.MessageSubscribe, gigbot.MessageUnsubscribe}
	users := []string{"a", "b", staffID}
	f.Fuzz(func(t *testing.T, text string, kind, user uint8) {
		m := gigbot.Message{
			User: userRef(users[int(user)%len(users)]),
			Kind: kinds[int(kind)%len(kinds)],
			Text: text,
			// Somewhere in and around Tianjin, from the text's length.
			Point: gigbot.Point{Lat: 38.5 + float64(len(text)%20)/10, Lon: 116.7 + float64(len(text)%15)/10},
		}
		replies, err := h.e.Handle(context.Background(), m)
		if err != nil {
			t.Fatalf("Handle(%s %q): %v", m.Kind, text, err)
		}
		if m.Kind == gigbot.MessageUnsubscribe {
			return
		}
		if len(replies) == 0 || strings.TrimSpace(replies[0].Text) == "" {
			t.Fatalf("Handle(%s %q): no answer", m.Kind, text)
		}
		if !utf8.ValidString(replies[0].Text) {
			t.Fatalf("Handle(%s %q): reply is not UTF-8", m.Kind, text)
		}
	})
}
