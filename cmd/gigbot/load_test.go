package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/internal/fakewechat"
)

// TestChannelLoad is the channel load test of the README ("Channel load"):
// WeChat callbacks at a steady rate from many distinct users through the
// real HTTP handler (signature check, dedupe, interaction log, the dialog
// engine, the embedded store), alone and then during a fair broadcast to
// many workers through the fake WeChat API, paced by push.rate.wechat. It
// reports latency percentiles and the broadcast's rate. It runs only when
// asked:
//
//	GIGBOT_LOAD=1 go test ./cmd/gigbot -run TestChannelLoad -v -timeout 30m
//
// GIGBOT_LOAD_RATE (callbacks/s, default 1000), GIGBOT_LOAD_USERS (10000),
// GIGBOT_LOAD_SECONDS (10), GIGBOT_LOAD_WORKERS (100000) and
// GIGBOT_LOAD_PUSH_RATE (pushes/s, default 200) change the figures.
func TestChannelLoad(t *testing.T) {
	if os.Getenv("GIGBOT_LOAD") == "" {
		t.Skip("set GIGBOT_LOAD=1 to run the channel load test")
	}
	rate, users, seconds := envInt("GIGBOT_LOAD_RATE", 1000), envInt("GIGBOT_LOAD_USERS", 10000), envInt("GIGBOT_LOAD_SECONDS", 10)
	workers, pushRate := envInt("GIGBOT_LOAD_WORKERS", 100000), envInt("GIGBOT_LOAD_PUSH_RATE", 200)

	wx := fakewechat.New(t, wxAppID, wxSecret)
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.WeChat.Enabled, cfg.WeChat.AppID, cfg.WeChat.AppSecret, cfg.WeChat.Token = true, wxAppID, wxSecret, wxToken
	cfg.WeChat.APIBase = wx.URL()
	cfg.Push.QuietHours, cfg.Push.Tick = "", time.Second
	cfg.Push.Rate.WeChat = pushRate
	ctx := t.Context()
	a, err := newApp(ctx, cfg, appOptions{logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	srv := httptest.NewServer(a.mux)
	defer srv.Close()

	// Phase 1: chat alone.
	lat := callbackLoad(t, srv.URL+"/wechat", wx, rate, users, time.Duration(seconds)*time.Second, 0)
	report(t, "chat alone", lat, rate)

	// Phase 2: the same chat load during a fair broadcast to every worker.
	seedStart := time.Now()
	fair := &gigbot.Fair{Title: "全市春季招聘会", At: time.Now().Add(7 * 24 * time.Hour), Venue: "人力资源市场"}
	if err := a.store.CreateFair(ctx, fair); err != nil {
		t.Fatal(err)
	}
	notices := make([]gigbot.Notice, 0, workers)
	for i := range workers {
		u := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "o_load_worker_" + strconv.Itoa(i)}
		w := &gigbot.Worker{User: u, Onboarded: true, Lang: "zh", Profile: gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区"}}
		if err := a.store.SaveWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
		if err := a.store.RecordInteraction(ctx, u, time.Now()); err != nil {
			t.Fatal(err)
		}
		wx.Interacted(u.ID, time.Now())
		notices = append(notices, gigbot.Notice{To: u, Kind: gigbot.NoticeFair, FairID: fair.ID,
			Reply: gigbot.Reply{Text: "【招聘会】全市春季招聘会"}, DueAt: time.Now()})
	}
	if _, err := a.store.Enqueue(ctx, notices); err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %d workers and their notices in %v", workers, time.Since(seedStart).Round(time.Millisecond))
	if err := a.pusher.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer a.pusher.Stop()
	sentBefore := len(wx.Sent())
	start := time.Now()
	lat = callbackLoad(t, srv.URL+"/wechat", wx, rate, users, time.Duration(seconds)*time.Second, 1)
	pushed := len(wx.Sent()) - sentBefore
	elapsed := time.Since(start)
	report(t, "chat during broadcast", lat, rate)
	t.Logf("broadcast: %d of %d fair notices sent in %v = %.0f/s (push.rate.wechat %d/s)",
		pushed, workers, elapsed.Round(time.Millisecond), float64(pushed)/elapsed.Seconds(), pushRate)
}

// callbackLoad posts text callbacks at rate per second for d, user i%users
// in turn, on an open loop (each request at its own time, whether or not
// earlier ones have finished, so a slow server shows in the latencies),
// and returns the latency of each.
func callbackLoad(t *testing.T, url string, wx *fakewechat.Server, rate, users int, d time.Duration, round int) []time.Duration {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2048}, Timeout: 30 * time.Second}
	n := int(d.Seconds() * float64(rate))
	lat := make([]time.Duration, n)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed int
	)
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	for i := range n {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait) // pacing the load generator itself
		}
		user := "o_load_user_" + strconv.Itoa(i%users)
		body := fakewechat.TextXML(wxAccount, user, "你好", int64(round)<<40|int64(i+1), time.Now().Unix())
		wx.Observe(body)
		q := fakewechat.SignedQuery(wxToken)
		wg.Go(func() {
			t0 := time.Now()
			resp, err := client.Post(url+"?"+q.Encode(), "text/xml", bytes.NewReader(body))
			lat[i] = time.Since(t0)
			if err != nil || resp.StatusCode != http.StatusOK {
				mu.Lock()
				failed++
				mu.Unlock()
			}
			if err == nil {
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	if failed > 0 {
		t.Errorf("%d of %d callbacks failed", failed, n)
	}
	return lat
}

func report(t *testing.T, what string, lat []time.Duration, rate int) {
	t.Helper()
	s := slices.Clone(lat)
	slices.Sort(s)
	pct := func(p float64) time.Duration { return s[min(len(s)-1, int(float64(len(s))*p))] }
	t.Logf("%s: %d callbacks at %d/s: p50 %v, p99 %v, max %v", what, len(s), rate,
		pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), s[len(s)-1].Round(time.Millisecond))
	if s[len(s)-1] > 5*time.Second {
		t.Errorf("%s: a callback took %v, over WeChat's 5 s", what, s[len(s)-1])
	}
	if p := pct(0.99); p > 100*time.Millisecond {
		t.Errorf("%s: p99 %v, over the 100 ms target", what, p)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
