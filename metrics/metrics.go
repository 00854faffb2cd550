// Package metrics is what gigbot tells Prometheus: callbacks by channel and
// outcome, reply latency, notices queued, sent and failed by channel, the
// queue's depth, match time, the index's size and who leads the schedules.
// The registry is passed in (no package-level collectors), so tests and
// several apps in one process each have their own.
package metrics

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcomes of a callback, from the HTTP status gigbot answered with.
const (
	OutcomeOK        = "ok"        // 2xx: handled (a retry that was dropped included)
	OutcomeForbidden = "forbidden" // 403: bad signature or secret
	OutcomeRejected  = "rejected"  // other 4xx: malformed
	OutcomeError     = "error"     // 5xx
)

// Metrics are gigbot's collectors, registered on one registry.
type Metrics struct {
	callbacks       *prometheus.CounterVec
	callbackSeconds *prometheus.HistogramVec
	duplicates      *prometheus.CounterVec
	replySeconds    *prometheus.HistogramVec
	notices         *prometheus.CounterVec
	matchSeconds    prometheus.Histogram
	leader          prometheus.Gauge
	gatherer        prometheus.Gatherer
}

// Sources are read at each scrape; a nil one is not exported.
type Sources struct {
	// QueueDepth counts the pending notices (the store's QueueDepth).
	QueueDepth func(context.Context) (int, error)
	// IndexSize counts the postings in this replica's index.
	IndexSize func() (uint64, error)
}

// latencyBuckets cover a chat reply: WeChat's budget is 5 s.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 4.5, 10}

// New creates the collectors and registers them, with the Go runtime's
// and the process's, on reg.
func New(reg *prometheus.Registry, src Sources) *Metrics {
	m := &Metrics{
		callbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gigbot_callbacks_total",
			Help: "Platform callbacks (WeChat messages and events, Telegram webhook updates) by channel and outcome.",
		}, []string{"channel", "outcome"}),
		callbackSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gigbot_callback_seconds", Help: "Time to answer a platform callback, by channel.",
			Buckets: latencyBuckets,
		}, []string{"channel"}),
		duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gigbot_callback_duplicates_total",
			Help: "Retried callbacks dropped because their dedupe key was claimed already (on any replica).",
		}, []string{"channel"}),
		replySeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gigbot_reply_seconds", Help: "Time the dialog engine took to reply to one message, by channel.",
			Buckets: latencyBuckets,
		}, []string{"channel"}),
		notices: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gigbot_notices_total",
			Help: "Notices by channel and event: queued (written to the outbox), sent, failed (given up), postponed (a failed try).",
		}, []string{"channel", "event"}),
		matchSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "gigbot_match_seconds", Help: "Time to match a posting or fair against the active workers.",
			Buckets: prometheus.ExponentialBuckets(.001, 4, 9),
		}),
		leader: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gigbot_leader", Help: "1 while this replica runs the schedules (push drain, digests, expiry, reminders).",
		}),
		gatherer: reg,
	}
	reg.MustRegister(m.callbacks, m.callbackSeconds, m.duplicates, m.replySeconds, m.notices, m.matchSeconds, m.leader,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if src.QueueDepth != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gigbot_queue_depth", Help: "Pending notices in the outbox, due or not (shared by all replicas).",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			n, err := src.QueueDepth(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	if src.IndexSize != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gigbot_index_postings", Help: "Open postings in this replica's search index.",
		}, func() float64 {
			n, err := src.IndexSize()
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{})
}

// Callbacks wraps a channel's callback handler to count its callbacks by
// outcome and time them.
func (m *Metrics) Callbacks(channel string, next http.Handler) http.Handler {
	seconds := m.callbackSeconds.WithLabelValues(channel)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		seconds.Observe(time.Since(start).Seconds())
		m.callbacks.WithLabelValues(channel, outcome(sw.status)).Inc()
	})
}

func outcome(status int) string {
	switch {
	case status == http.StatusForbidden || status == http.StatusUnauthorized:
		return OutcomeForbidden
	case status >= 500:
		return OutcomeError
	case status >= 400:
		return OutcomeRejected
	}
	return OutcomeOK
}

// Duplicate counts a retried callback dropped on channel.
func (m *Metrics) Duplicate(channel string) { m.duplicates.WithLabelValues(channel).Inc() }

// Reply records how long the engine took to reply on channel.
func (m *Metrics) Reply(channel string, d time.Duration) {
	m.replySeconds.WithLabelValues(channel).Observe(d.Seconds())
}

// Notice counts n notices of event ("queued", "sent", "failed",
// "postponed") on channel.
func (m *Metrics) Notice(channel, event string, n int) {
	m.notices.WithLabelValues(channel, event).Add(float64(n))
}

// Match records one matching of a posting or fair against the workers.
func (m *Metrics) Match(d time.Duration) { m.matchSeconds.Observe(d.Seconds()) }

// Leading records whether this replica leads.
func (m *Metrics) Leading(v bool) {
	if v {
		m.leader.Set(1)
	} else {
		m.leader.Set(0)
	}
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
