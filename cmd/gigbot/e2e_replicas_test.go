package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gigbot/gigbot/internal/faketelegram"
	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/store"
	"github.com/gigbot/gigbot/store/storetest"
)

// replicaAudience is how many Telegram workers the broadcast reaches.
const replicaAudience = 2000

// cluster is several `gigbot serve` replicas on one PostgreSQL database
// and one pair of fake platforms, behind a round-robin "load balancer"
// (the test picks the next replica for every request).
type cluster struct {
	t        *testing.T
	replicas []*deployment
	next     atomic.Int64
	msgID    atomic.Int64
	updID    atomic.Int64
}

func newCluster(t *testing.T, dsn string, n int) *cluster {
	wx, tg := fakewechat.New(t, wxAppID, wxSecret), faketelegram.New(t, tgToken)
	c := &cluster{t: t}
	c.msgID.Store(time.Now().UnixNano() / 1000)
	c.updID.Store(1000)
	for range n {
		d := &deployment{t: t, dataDir: t.TempDir(), addr: freeAddr(t), wx: wx, tg: tg, webhook: true,
			// Paced so that the kill lands mid-broadcast: 2,000 pushes take ~10 s.
			extra: "  rate:\n    telegram: 200\n  claim_lease: 3s\nstore:\n  driver: postgres\n  dsn: " + dsn + "\n"}
		t.Cleanup(d.stop)
		c.replicas = append(c.replicas, d)
	}
	return c
}

// live are the replicas running.
func (c *cluster) live() []*deployment {
	var ds []*deployment
	for _, d := range c.replicas {
		if d.proc != nil {
			ds = append(ds, d)
		}
	}
	return ds
}

// pick is the next live replica, round robin.
func (c *cluster) pick() *deployment {
	ds := c.live()
	return ds[int(c.next.Add(1))%len(ds)]
}

// say sends a WeChat text through the next replica.
func (c *cluster) say(openID, text string) string {
	c.t.Helper()
	d := c.pick()
	status, reply := d.postWeChat(fakewechat.TextXML(wxAccount, openID, text, c.msgID.Add(1), time.Now().Unix()))
	if status != http.StatusOK {
		c.t.Fatalf("WeChat callback %q on %s: HTTP %d\n%s", text, d.addr, status, d.logs)
	}
	return reply
}

// tgSay posts a Telegram update to the next replica's webhook and returns
// the bot's answer.
func (c *cluster) tgSay(userID int64, text string) string {
	c.t.Helper()
	tg := c.replicas[0].tg
	before := len(tg.SentTo(userID))
	c.postUpdate(c.pick(), c.updID.Add(1), userID, text)
	got := tg.WaitSent(waitTimeout, userID, before+1)
	if len(got) <= before {
		c.t.Fatalf("no Telegram answer to %q", text)
	}
	return got[before].Text
}

func (c *cluster) postUpdate(d *deployment, id, userID int64, text string) {
	c.t.Helper()
	body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},`+
		`"from":{"id":%d,"is_bot":false,"first_name":"A","language_code":"zh-hans"},"text":%q}}`,
		id, id, time.Now().Unix(), userID, userID, text)
	req, _ := http.NewRequest(http.MethodPost, "http://"+d.addr+"/telegram", bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tgSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("webhook on %s: HTTP %d", d.addr, resp.StatusCode)
	}
}

// get fetches path from d.
func get(t *testing.T, d *deployment, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + d.addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// leader is the replica whose /metrics says it runs the schedules; nil
// when none does (yet).
func (c *cluster) leader() *deployment {
	for _, d := range c.live() {
		if _, m := get(c.t, d, "/metrics"); strings.Contains(m, "\ngigbot_leader 1") {
			return d
		}
	}
	return nil
}

// Three replicas on one PostgreSQL: callbacks round robin (a retry on
// another replica is still handled once), dialogs that hop between
// replicas, a posting published on one replica and searchable on all, and
// the leader killed with SIGKILL mid-broadcast: another replica takes the
// schedules over, every worker gets the posting, and only the notice in
// flight at the kill may arrive twice.
func TestReplicasShareTheWorkAndSurviveTheLeader(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three replicas and a 2,000-worker broadcast")
	}
	dsn := storetest.FreshPostgres(t)
	ctx := context.Background()
	c := newCluster(t, dsn, 3)
	for _, d := range c.replicas {
		d.start()
	}
	for _, d := range c.replicas {
		waitUntil(t, "replica ready", func() bool { code, _ := get(t, d, "/readyz"); return code == http.StatusOK })
	}

	// The audience, written straight to the shared store.
	db, err := store.OpenPostgres(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := seedAudience(t, db, replicaAudience)
	db.Close()

	// Dialogs hop replicas at every message.
	mustContain(t, "first contact", c.say(workerWX, "你好"), "会干什么活")
	mustContain(t, "skills", c.say(workerWX, "我会打扫卫生"), "保洁")
	c.say(workerWX, "河西区")
	c.say(workerWX, "5公里")
	mustContain(t, "summary", c.say(workerWX, "跳过"), "保洁", "河西区")
	mustContain(t, "confirm", c.say(workerWX, "确认"), "登记好了")
	mustContain(t, "telegram start", c.tgSay(workerTG, "/start"), "会干什么活")
	mustContain(t, "telegram skills", c.tgSay(workerTG, "我会电焊"), "电焊")

	// A retried callback lands on another replica: answered, not handled.
	msg := fakewechat.TextXML(wxAccount, workerWX, "我的资料", c.msgID.Add(1), time.Now().Unix())
	if status, reply := c.replicas[0].postWeChat(msg); status != http.StatusOK || !strings.Contains(reply, "保洁") {
		t.Fatalf("profile: %d %q", status, reply)
	}
	if status, again := c.replicas[1].postWeChat(msg); status != http.StatusOK || (again != "" && again != "success") {
		t.Fatalf("retry on another replica handled again: %d %q", status, again)
	}
	upd := c.updID.Add(1)
	before := len(c.replicas[0].tg.SentTo(workerTG))
	c.postUpdate(c.replicas[1], upd, workerTG, "蓟州区")
	c.replicas[0].tg.WaitSent(waitTimeout, workerTG, before+1)
	c.postUpdate(c.replicas[2], upd, workerTG, "蓟州区")

	// The broadcast: published through the round robin.
	mustContain(t, "preview", c.say(employerWX, firstJob), "保洁", "河西区")
	c.say(employerWX, "1")
	tg := c.replicas[0].tg
	received := func() map[int64]int { return pushesPerChat(tg, first, replicaAudience, "150") }
	waitUntil(t, "first pushes of the broadcast", func() bool { return total(received()) >= replicaAudience/5 })
	leader := c.leader()
	if leader == nil {
		t.Fatal("no replica leads")
	}
	// The figures of all replicas, as Prometheus would scrape them, before
	// the kill takes one replica's counters with it.
	var m string
	for _, d := range c.replicas {
		_, one := get(t, d, "/metrics")
		m += one
	}
	leader.kill()
	atKill := total(received())
	if atKill >= replicaAudience {
		t.Fatalf("the broadcast finished (%d) before the kill: pace it slower", atKill)
	}
	t.Logf("killed the leader %s after %d of %d pushes", leader.addr, atKill, replicaAudience)

	// Another replica takes the schedules over and finishes the broadcast.
	waitUntil(t, "a new leader", func() bool { return c.leader() != nil })
	deadline := time.Now().Add(2 * time.Minute)
	for len(received()) < replicaAudience {
		if time.Now().After(deadline) {
			t.Fatalf("after the kill %d of %d workers got the posting", len(received()), replicaAudience)
		}
		time.Sleep(100 * time.Millisecond) // separate processes: nothing to wait on
	}
	got := received()
	dups := total(got) - len(got)
	t.Logf("delivered to %d workers, %d duplicates; new leader %s", len(got), dups, c.leader().addr)
	if dups > 1 {
		t.Fatalf("%d duplicates; at most the one notice in flight at the kill may repeat", dups)
	}
	mustContain(t, "push to the WeChat worker", c.replicas[0].waitWeChat(workerWX, 1)[0].Content, "保洁", "150")

	// The dialog goes on across the survivors; the killed replica comes
	// back with its index rebuilt; every replica's search answers alike.
	mustContain(t, "profile after the kill", c.say(workerWX, "我的资料"), "保洁", "河西区")
	leader.start()
	waitUntil(t, "restarted replica ready", func() bool { code, _ := get(t, leader, "/readyz"); return code == http.StatusOK })
	var answers []string
	for _, d := range c.replicas {
		_, reply := d.postWeChat(fakewechat.TextXML(wxAccount, workerWX, "找工作", c.msgID.Add(1), time.Now().Unix()))
		answers = append(answers, reply)
		if _, m := get(t, d, "/metrics"); !strings.Contains(m, "gigbot_index_postings 1") {
			t.Errorf("replica %s index: %s", d.addr, grepLines(m, "gigbot_index_postings"))
		}
	}
	mustContain(t, "search", answers[0], "保洁")
	for i, a := range answers[1:] {
		if a != answers[0] {
			t.Errorf("replica %d answers the search %q, replica 0 %q", i+1, a, answers[0])
		}
	}
	for _, want := range []string{`gigbot_callbacks_total{channel="wechat",outcome="ok"}`,
		`gigbot_callback_duplicates_total{channel="wechat"}`, `gigbot_callback_duplicates_total{channel="telegram"}`,
		`gigbot_notices_total{channel="telegram",event="queued"}`, `gigbot_notices_total{channel="telegram",event="sent"}`,
		`gigbot_queue_depth`, `gigbot_reply_seconds_bucket`, `gigbot_match_seconds_count`} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestReplicaThroughput is the README's "callbacks/s with 1 and 3
// replicas": GIGBOT_LOAD_REPLICAS (default 1 and 3) `gigbot serve`
// processes on one PostgreSQL, WeChat text callbacks from 1,000 users
// sent round robin by 32 concurrent clients (closed loop) for 10 s.
//
//	GIGBOT_LOAD=1 GIGBOT_TEST_PG_DSN=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	  go test ./cmd/gigbot -run TestReplicaThroughput -v -timeout 10m
func TestReplicaThroughput(t *testing.T) {
	if os.Getenv("GIGBOT_LOAD") == "" {
		t.Skip("set GIGBOT_LOAD=1 to run the replica throughput test")
	}
	for _, n := range []int{1, 3} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			c := newCluster(t, storetest.FreshPostgres(t), n)
			for _, d := range c.replicas {
				d.start()
			}
			const clients, users = 32, 1000
			seconds := envInt("GIGBOT_LOAD_SECONDS", 10)
			stop := time.Now().Add(time.Duration(seconds) * time.Second)
			var done, failed atomic.Int64
			var lat []time.Duration
			var mu sync.Mutex
			var wg sync.WaitGroup
			for k := range clients {
				wg.Go(func() {
					var mine []time.Duration
					for i := k; time.Now().Before(stop); i += clients {
						d := c.replicas[i%n]
						body := fakewechat.TextXML(wxAccount, fmt.Sprintf("o_load_%04d", i%users), "你好",
							c.msgID.Add(1), time.Now().Unix())
						began := time.Now()
						resp, err := http.Post(d.wechatURL()+"?"+fakewechat.SignedQuery(wxToken).Encode(), "text/xml",
							bytes.NewReader(body))
						if err != nil {
							failed.Add(1)
							continue
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							failed.Add(1)
							continue
						}
						mine = append(mine, time.Since(began))
						done.Add(1)
					}
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
				})
			}
			wg.Wait()
			slices.Sort(lat)
			pct := func(p float64) time.Duration {
				if len(lat) == 0 {
					return 0
				}
				return lat[int(p*float64(len(lat)-1))]
			}
			t.Logf("%d replica(s): %.0f callbacks/s, p50 %v, p99 %v, %d failed",
				n, float64(done.Load())/float64(seconds), pct(.5), pct(.99), failed.Load())
		})
	}
}
