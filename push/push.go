// Package push delivers the outbox: a gocron job drains due notices every
// tick, holding pushes in quiet hours and past the daily cap, routing each
// notice to its channel's Sender, and recording the outcome so that no
// notice is lost in a crash and none is sent twice once marked sent.
package push

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"github.com/gigbot/gigbot"
)

// Store is what the pusher reads and writes.
type Store interface {
	gigbot.Outbox
	gigbot.WorkerStore
	gigbot.PostingStore
}

// Options configure a Pusher.
type Options struct {
	Store      Store
	Senders    map[gigbot.Channel]gigbot.Sender
	Clock      clockwork.Clock // nil: real time
	Location   *time.Location  // quiet hours and "today" are computed here
	QuietHours gigbot.QuietHours
	DailyCap   int           // posting notices per worker per local day; 0 = no cap
	Tick       time.Duration // how often the scheduler drains
	Logger     *slog.Logger
}

// Limits of a drain pass and of retries.
const (
	// batchSize notices are read per query; a pass continues until none are due.
	batchSize = 500
	// maxAttempts failed sends (not holds) before a notice is marked failed.
	maxAttempts = 8
	// unreachableRetry is when a user who was away is tried again; a
	// terminal user who comes back is served at once through Kick.
	unreachableRetry = time.Minute
	// noChannelRetry holds notices for a channel that is not enabled in
	// this process (an in-process `chat` runs only the terminal channel).
	noChannelRetry = time.Minute
)

// causeUnreachable marks notices held because their user was away; Wake
// releases them when the user is back.
const causeUnreachable = "unreachable"

// Pusher drains the outbox. Drains never overlap.
type Pusher struct {
	o     Options
	mu    sync.Mutex // one drain at a time
	kick  chan struct{}
	sched gocron.Scheduler
	wg    sync.WaitGroup
	stop  context.CancelFunc
}

// New returns a Pusher; call Start to run it on its schedule.
func New(o Options) *Pusher {
	if o.Clock == nil {
		o.Clock = clockwork.NewRealClock()
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Tick <= 0 {
		o.Tick = time.Minute
	}
	return &Pusher{o: o, kick: make(chan struct{}, 1)}
}

// Start runs a drain every tick (a gocron job on the injected clock) and
// whenever Kick is called, until Stop.
func (p *Pusher) Start(ctx context.Context) error {
	ctx, p.stop = context.WithCancel(ctx)
	s, err := gocron.NewScheduler(gocron.WithClock(p.o.Clock), gocron.WithLocation(p.o.Location),
		gocron.WithLogger(gocronLogger{p.o.Logger}))
	if err != nil {
		return err
	}
	_, err = s.NewJob(gocron.DurationJob(p.o.Tick), gocron.NewTask(func() { p.drainLogged(ctx) }),
		gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithName("push-drain"))
	if err != nil {
		return err
	}
	p.sched = s
	s.Start()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-p.kick:
				p.drainLogged(ctx)
			}
		}
	}()
	return nil
}

// Stop ends the schedule and waits for a running drain to finish.
func (p *Pusher) Stop() error {
	if p.stop == nil {
		return nil
	}
	p.stop()
	err := p.sched.Shutdown()
	p.wg.Wait()
	return err
}

// Kick asks for a drain soon, without waiting for the next tick: after a
// posting is published, or when a user who was away comes back. Kicks
// during a drain coalesce into one more drain.
func (p *Pusher) Kick() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// Wake releases the notices held because u was away and asks for a drain:
// a terminal user who comes back gets what waited for them at once.
func (p *Pusher) Wake(ctx context.Context, u gigbot.UserRef) error {
	pending, err := p.o.Store.PendingFor(ctx, u)
	if err != nil {
		return err
	}
	now := p.o.Clock.Now()
	for _, n := range pending {
		if n.LastError == causeUnreachable && n.DueAt.After(now) {
			if err := p.o.Store.Hold(ctx, n.ID, now, "reconnected"); err != nil {
				return err
			}
		}
	}
	p.Kick()
	return nil
}

func (p *Pusher) drainLogged(ctx context.Context) {
	if _, err := p.Drain(ctx); err != nil && ctx.Err() == nil {
		p.o.Logger.Error("push drain failed", slog.String("error", err.Error()))
	}
}

// Drain delivers every notice that is due now and returns how many were
// sent. Notices that must wait are postponed, not dropped.
func (p *Pusher) Drain(ctx context.Context) (sent int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pass := &pass{Pusher: p, now: p.o.Clock.Now().In(p.o.Location), sentToday: map[string]int{}}
	for {
		due, err := p.o.Store.DueNotices(ctx, pass.now, batchSize)
		if err != nil {
			return sent, err
		}
		for _, n := range due {
			if ctx.Err() != nil {
				return sent, ctx.Err()
			}
			ok, err := pass.deliver(ctx, n)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(due) < batchSize {
			return sent, nil
		}
	}
}

// gocronLogger routes gocron's own messages into slog at debug level.
type gocronLogger struct{ l *slog.Logger }

func (g gocronLogger) Debug(msg string, args ...any) { g.l.Debug(msg, args...) }
func (g gocronLogger) Info(msg string, args ...any)  { g.l.Debug(msg, args...) }
func (g gocronLogger) Warn(msg string, args ...any)  { g.l.Warn(msg, args...) }
func (g gocronLogger) Error(msg string, args ...any) { g.l.Error(msg, args...) }

var errNoSender = errors.New("channel not enabled")
