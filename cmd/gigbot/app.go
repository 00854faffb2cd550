package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/bot"
	"github.com/gigbot/gigbot/bot/telegram"
	"github.com/gigbot/gigbot/bot/terminal"
	"github.com/gigbot/gigbot/bot/wechat"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/index"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/metrics"
	"github.com/gigbot/gigbot/push"
	"github.com/gigbot/gigbot/store"
	"github.com/gigbot/gigbot/templates"
)

// appOptions say how an app differs from a plain `serve`.
type appOptions struct {
	demo          bool // running on a temporary, seeded data dir
	localOnly     bool // only the terminal channel (in-process `chat`)
	clock         clockwork.Clock
	logger        *slog.Logger
	shutdownGrace time.Duration
}

// app is gigbot wired together: the only place that knows every package.
type app struct {
	cfg      config.Config
	opts     appOptions
	log      *slog.Logger
	store    *store.DB
	observed observedStore // the store as the engine and channels use it
	index    *index.Index
	follower *index.Follower // PostgreSQL: keeps the index current
	standing *standing       // the reverse index of worker profiles and their caps
	leader   *store.Leader
	metrics  *metrics.Metrics
	ready    readiness
	matcher  *matcher.Matcher
	tmpl     *templates.Set
	engine   *bot.Engine
	pusher   *push.Pusher
	hub      *terminal.Hub
	wechat   *wechat.Channel
	telegram *telegram.Channel
	mux      *http.ServeMux

	staffMu       sync.Mutex
	terminalStaff map[string]bool
}

func newApp(ctx context.Context, cfg config.Config, opts appOptions) (a *app, err error) {
	if opts.clock == nil {
		opts.clock = clockwork.NewRealClock()
	}
	if opts.logger == nil {
		opts.logger = slog.New(slog.DiscardHandler)
	}
	if opts.shutdownGrace == 0 {
		opts.shutdownGrace = 10 * time.Second
	}
	a = &app{cfg: cfg, opts: opts, log: opts.logger, mux: http.NewServeMux(), terminalStaff: map[string]bool{}}
	defer func() {
		if err != nil {
			a.close()
		}
	}()
	if a.matcher, err = matcher.Load(); err != nil {
		return nil, fmt.Errorf("load matcher data: %w", err)
	}
	if a.tmpl, err = templates.Load(); err != nil {
		return nil, fmt.Errorf("load templates: %w", err)
	}
	if a.store, err = openStore(ctx, cfg, opts.clock); err != nil {
		return nil, err
	}
	if err := a.openIndex(ctx); err != nil {
		return nil, err
	}
	a.metrics = metrics.New(prometheus.NewRegistry(), metrics.Sources{
		QueueDepth: a.store.QueueDepth, IndexSize: a.index.Count,
	})
	a.observed = observedStore{DB: a.store, m: a.metrics}
	a.leader = a.store.Leader(func(leading bool) {
		a.metrics.Leading(leading)
		a.log.Info("schedules leader", slog.Bool("leading", leading))
	})
	if a.standing, err = loadStanding(ctx, a.store, a.matcher, cfg.Location(), cfg.Push.DailyCap, opts.clock.Now()); err != nil {
		return nil, err
	}
	quiet, _ := gigbot.ParseQuietHours(cfg.Push.QuietHours) // validated with the config
	a.engine = bot.New(bot.Options{
		Store: a.observed, Index: a.index, Matcher: a.matcher, Templates: a.tmpl,
		Clock: opts.clock, Location: cfg.Location(), IsStaff: a.isStaff, Logger: a.log, DailyCap: cfg.Push.DailyCap,
		QuietHours: quiet, Safety: a.observed, StaffUsers: a.staffUsers,
		Workers: a.standing.workers, WorkersAsOf: a.standing.asOf, Quota: a.standing.quota,
	})
	senders := map[gigbot.Channel]gigbot.Sender{}
	// One process serves an embedded store: it needs no election, and the
	// claims under its fixed name at start-up are those of a previous run
	// that died, released at once instead of after the lease.
	var elector push.Elector
	owner := "embedded"
	if a.store.Driver() == "postgres" {
		elector, owner = a.leader, replicaName()
	}
	a.pusher = push.New(push.Options{
		Store: a.observed, Senders: senders, Clock: opts.clock, Location: cfg.Location(),
		QuietHours: quiet, DailyCap: cfg.Push.DailyCap, Tick: cfg.Push.Tick, Logger: a.log,
		Templates: a.tmpl, DigestAt: mustClock(cfg.Push.DigestAt), Reminders: fairReminders(cfg.Push),
		Rates: map[gigbot.Channel]float64{
			gigbot.ChannelWeChat:   float64(cfg.Push.Rate.WeChat),
			gigbot.ChannelTelegram: float64(cfg.Push.Rate.Telegram),
			gigbot.ChannelTerminal: float64(cfg.Push.Rate.Terminal),
		},
		Index:   a.index,
		Elector: elector, Owner: owner, Lease: cfg.Push.ClaimLease,
		OnSettle: func(ch gigbot.Channel, outcome string) { a.metrics.Notice(string(ch), outcome, 1) },
	})
	handler := kickingHandler{a.engine, a.pusher, a.metrics}
	a.hub = terminal.NewHub(terminal.HubOptions{
		Handler: handler, Clock: opts.clock, Logger: a.log,
		Info:      terminal.Info{Demo: opts.demo, DataDir: absPath(cfg.DataDir), Version: buildVersion()},
		OnConnect: a.wake,
		OnStaff:   a.addTerminalStaff,
	})
	a.hub.Register(a.mux)
	senders[gigbot.ChannelTerminal] = a.hub
	if cfg.WeChat.Enabled && !opts.localOnly {
		a.wechat, err = wechat.New(a.wechatOptions(), handler, a.observed)
		if err != nil {
			return nil, fmt.Errorf("wechat: %w", err)
		}
		a.mux.Handle(cfg.WeChat.Path, a.metrics.Callbacks("wechat", a.wechat))
		senders[gigbot.ChannelWeChat] = a.wechat
	}
	if cfg.Telegram.Enabled && !opts.localOnly {
		a.telegram, err = telegram.New(ctx, telegram.Options{
			Token: cfg.Telegram.Token, APIBase: cfg.Telegram.APIBase, Mode: cfg.Telegram.Mode,
			WebhookSecret: cfg.Telegram.WebhookSecret, Logger: a.log,
		}, handler, a.observed)
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		if cfg.Telegram.Mode == "webhook" {
			a.mux.Handle("POST "+cfg.Telegram.WebhookPath, a.metrics.Callbacks("telegram", a.telegram))
		}
		senders[gigbot.ChannelTelegram] = a.telegram
	}
	a.mux.HandleFunc("GET /healthz", a.healthz)
	a.mux.HandleFunc("GET /readyz", a.readyz)
	a.mux.Handle("GET /metrics", a.metrics.Handler())
	return a, nil
}

// fairReminders are the configured reminders of a fair; an empty time
// turns one off. Times were validated with the config.
func fairReminders(p config.Push) []push.Reminder {
	var rs []push.Reminder
	if p.FairReminderEve != "" {
		rs = append(rs, push.Reminder{DaysBefore: 1, At: mustClock(p.FairReminderEve), Template: "notice.fair_reminder_eve"})
	}
	if p.FairReminderDay != "" {
		rs = append(rs, push.Reminder{DaysBefore: 0, At: mustClock(p.FairReminderDay), Template: "notice.fair_reminder_day"})
	}
	return rs
}

// mustClock reads an "HH:MM" the config has validated.
func mustClock(s string) time.Duration {
	d, _ := push.ParseClock(s)
	return d
}

// kickingHandler asks the pusher for a drain after every message, so a
// published posting reaches workers now rather than at the next tick.
type kickingHandler struct {
	gigbot.Handler
	pusher  *push.Pusher
	metrics *metrics.Metrics
}

func (k kickingHandler) Handle(ctx context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
	start := time.Now()
	replies, err := k.Handler.Handle(ctx, m)
	k.metrics.Reply(string(m.User.Channel), time.Since(start))
	k.pusher.Kick()
	return replies, err
}

// wake delivers at once what waited for a terminal user who came back.
func (a *app) wake(u gigbot.UserRef) {
	if err := a.pusher.Wake(context.Background(), u); err != nil {
		a.log.Error("wake pushes", slog.Any("user", u), slog.String("error", err.Error()))
	}
}

func (a *app) isStaff(u gigbot.UserRef) bool {
	switch u.Channel {
	case gigbot.ChannelWeChat:
		return slices.Contains(a.cfg.Staff.WeChat, u.ID)
	case gigbot.ChannelTelegram:
		return slices.Contains(a.cfg.Staff.Telegram, u.ID)
	case gigbot.ChannelTerminal:
		a.staffMu.Lock()
		defer a.staffMu.Unlock()
		return a.terminalStaff[u.ID]
	}
	return false
}

func (a *app) addTerminalStaff(u gigbot.UserRef) {
	a.staffMu.Lock()
	defer a.staffMu.Unlock()
	a.terminalStaff[u.ID] = true
}

func (a *app) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		a.log.Error("health check: store", slog.String("error", err.Error()))
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	if _, err := a.index.Count(); err != nil {
		a.log.Error("health check: index", slog.String("error", err.Error()))
		http.Error(w, "index unavailable", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}

// serve runs the HTTP server on ln, the push schedule and the Telegram
// channel until ctx ends, then drains in-flight requests.
func (a *app) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.mux,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	if err := a.pusher.Start(ctx); err != nil {
		return fmt.Errorf("start push schedule: %w", err)
	}
	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	if a.follower != nil {
		wg.Go(func() { a.follower.Run(runCtx) })
	}
	a.ready.started.Store(true)
	if a.telegram != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.telegram.Run(runCtx)
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("gigbot serving", slog.String("listen", ln.Addr().String()),
		slog.Bool("wechat", a.wechat != nil), slog.Bool("telegram", a.telegram != nil))
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	shutdownCtx, done := context.WithTimeout(context.Background(), a.opts.shutdownGrace)
	defer done()
	// Push streams of terminals never end by themselves: close them after
	// the grace period rather than waiting on them.
	if serr := srv.Shutdown(shutdownCtx); serr != nil && !errors.Is(serr, context.DeadlineExceeded) {
		a.log.Warn("http shutdown", slog.String("error", serr.Error()))
	}
	srv.Close()
	cancel()
	wg.Wait()
	// After the callbacks in flight: the drain running finishes, the
	// claims left are released and the lead goes to another replica now.
	if perr := a.pusher.Stop(); perr != nil {
		a.log.Warn("push schedule stop", slog.String("error", perr.Error()))
	}
	a.leader.Resign(shutdownCtx)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func (a *app) close() {
	if a.wechat != nil {
		a.wechat.Close()
	}
	if a.index != nil {
		if err := a.index.Close(); err != nil {
			a.log.Warn("close index", slog.String("error", err.Error()))
		}
	}
	if a.store != nil {
		if err := a.store.Close(); err != nil {
			a.log.Warn("close store", slog.String("error", err.Error()))
		}
	}
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
