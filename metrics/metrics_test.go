package metrics

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func TestExposition(t *testing.T) {
	m := New(prometheus.NewRegistry(), Sources{
		QueueDepth: func(context.Context) (int, error) { return 7, nil },
		IndexSize:  func() (uint64, error) { return 3, nil },
	})
	h := m.Callbacks("wechat", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("bad") != "" {
			http.Error(w, "no", http.StatusForbidden)
		}
	}))
	for _, q := range []string{"", "", "?bad=1"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/wechat"+q, nil))
	}
	m.Duplicate("wechat")
	m.Reply("telegram", 30*time.Millisecond)
	m.Notice("wechat", "queued", 5)
	m.Notice("wechat", "sent", 4)
	m.Match(time.Millisecond)
	m.Leading(true)

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`gigbot_callbacks_total{channel="wechat",outcome="ok"} 2`,
		`gigbot_callbacks_total{channel="wechat",outcome="forbidden"} 1`,
		`gigbot_callback_seconds_count{channel="wechat"} 3`,
		`gigbot_callback_duplicates_total{channel="wechat"} 1`,
		`gigbot_reply_seconds_count{channel="telegram"} 1`,
		`gigbot_notices_total{channel="wechat",event="queued"} 5`,
		`gigbot_notices_total{channel="wechat",event="sent"} 4`,
		`gigbot_match_seconds_count 1`,
		`gigbot_queue_depth 7`,
		`gigbot_index_postings 3`,
		`gigbot_leader 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("no %s in\n%s", want, body)
		}
	}
}
