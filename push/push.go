// Package push delivers the outbox: a gocron job drains due notices every
// tick, holding pushes in each worker's quiet hours and past their daily
// cap, gathering a digest worker's postings into one message a day,
// pacing each channel (and backing the whole channel off when the platform
// says so), routing each notice to its channel's Sender, and recording the
// outcome so that no notice is lost in a crash and none is sent twice once
// marked sent. Its other jobs close expired postings and queue the
// reminders of upcoming fairs (one-time jobs rebuilt from the store).
package push

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Store is what the pusher reads and writes.
type Store interface {
	gigbot.Outbox
	gigbot.WorkerStore
	gigbot.PostingStore
	gigbot.FairStore
	gigbot.FairRegistry
	// ExpirePostings closes the open postings past their end and returns
	// their ids.
	ExpirePostings(ctx context.Context, now time.Time) ([]int64, error)
	// ClaimDue claims up to limit due notices no live claim holds, for
	// owner until now+lease; settling a notice ends its claim.
	ClaimDue(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]gigbot.Notice, error)
	// ReleaseClaims ends owner's claims on pending notices.
	ReleaseClaims(ctx context.Context, owner string) (int, error)
}

// Unindexer takes a posting out of search; gigbot.Index is one.
type Unindexer interface {
	Delete(ctx context.Context, id int64) error
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

	// Templates render the digest and the fair reminders; nil turns both
	// off (digest workers then get their postings one by one).
	Templates *templates.Set
	// DigestAt is the default time of day (from local midnight) of the
	// daily digest, for workers who chose one without a time.
	DigestAt time.Duration
	// Reminders are sent to the workers registered for each upcoming fair.
	Reminders []Reminder
	// Rates caps pushes per second per channel; a channel not listed, or
	// 0, has no cap. Keep it below the platform's limit when chat replies
	// use the same API (Telegram), so replies stay fast during a broadcast.
	Rates map[gigbot.Channel]float64
	// Index, when set, loses the postings the expiry job closes.
	Index Unindexer

	// Elector, when set, lets the schedules (drain, expiry, fair
	// reminders) and kicked drains run only while it says this process
	// leads (gocron's distributed elector); replicas sharing one store
	// pass the store's. Nil: this process always runs them.
	Elector gocron.Elector
	// Owner names this process on the notices it claims (a replica's
	// name); "" means "gigbot".
	Owner string
	// Lease is how long a claim on a notice lasts before another drain
	// may take the notice again: longer than a claimed batch takes to
	// send at the channel's rate. 0: DefaultLease.
	Lease time.Duration
	// OnSettle, when set, is told the outcome of every notice settled:
	// "sent", "failed", "postponed" or "held", by channel (metrics).
	OnSettle func(ch gigbot.Channel, outcome string)
}

// Elector is gocron's distributed elector: IsLeader returns nil while this
// process leads.
type Elector = gocron.Elector

// DefaultLease is how long a notice's claim lasts by default: a batch of
// claimBatch notices takes 5 s at the default 20 pushes/s.
const DefaultLease = 2 * time.Minute

// Reminder is one reminder of a fair: DaysBefore days before its date, at
// At from local midnight, with the template Template (data:
// templates.Fair).
type Reminder struct {
	DaysBefore int
	At         time.Duration
	Template   string
}

// Limits of a drain pass and of retries.
const (
	// claimBatch notices are claimed per query; a pass continues until
	// none are due. Small, so that a batch is sent well within its lease.
	claimBatch = 100
	// maxAttempts failed sends (not holds) before a notice is marked failed.
	maxAttempts = 8
	// unreachableRetry is when a user who was away is tried again; a
	// terminal user who comes back is served at once through Kick.
	unreachableRetry = time.Minute
	// noChannelRetry holds notices for a channel that is not enabled in
	// this process (an in-process `chat` runs only the terminal channel).
	noChannelRetry = time.Minute
	// expiryEvery is how often postings past their end are closed. Pushes
	// never wait for it: the drain checks each posting's end itself.
	expiryEvery = 5 * time.Minute
	// reminderGrace is how late a missed fair reminder (the process was
	// down at its time) is still sent at start-up.
	reminderGrace = 3 * time.Hour
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
	ctx   context.Context // the running schedule's, for jobs added later

	rates map[gigbot.Channel]*bucket // fixed after New; each locks itself

	fairMu sync.Mutex
	fairs  map[int64]scheduledFair // fairs whose reminders are scheduled
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
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Owner == "" {
		o.Owner = "gigbot"
	}
	p := &Pusher{o: o, kick: make(chan struct{}, 1), rates: map[gigbot.Channel]*bucket{},
		fairs: map[int64]scheduledFair{}}
	for _, ch := range []gigbot.Channel{gigbot.ChannelWeChat, gigbot.ChannelTelegram, gigbot.ChannelTerminal} {
		p.rates[ch] = newBucket(o.Rates[ch])
	}
	for ch, r := range o.Rates {
		p.rates[ch] = newBucket(r)
	}
	return p
}

// Start runs a drain every tick (a gocron job on the injected clock) and
// whenever Kick is called, until Stop.
func (p *Pusher) Start(ctx context.Context) error {
	ctx, p.stop = context.WithCancel(ctx)
	// Claims already under this owner's name were left by a run that
	// died (a replica's name is unique while it lives): take them back.
	if n, err := p.o.Store.ReleaseClaims(ctx, p.o.Owner); err != nil {
		return fmt.Errorf("release claims left by an earlier run: %w", err)
	} else if n > 0 {
		p.o.Logger.Info("push claims released from an earlier run", slog.Int("notices", n))
	}
	opts := []gocron.SchedulerOption{gocron.WithClock(p.o.Clock), gocron.WithLocation(p.o.Location),
		gocron.WithLogger(gocronLogger{p.o.Logger})}
	if p.o.Elector != nil {
		opts = append(opts, gocron.WithDistributedElector(p.o.Elector))
	}
	s, err := gocron.NewScheduler(opts...)
	if err != nil {
		return err
	}
	_, err = s.NewJob(gocron.DurationJob(p.o.Tick), gocron.NewTask(func() { p.drainLogged(ctx) }),
		gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithName("push-drain"))
	if err != nil {
		return err
	}
	_, err = s.NewJob(gocron.DurationJob(expiryEvery), gocron.NewTask(func() { p.expireLogged(ctx) }),
		gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithName("posting-expiry"))
	if err != nil {
		return err
	}
	// Fairs announced by any process (a `chat` on the same data dir too)
	// get their reminders within a tick, without a hook into the dialog.
	_, err = s.NewJob(gocron.DurationJob(p.o.Tick), gocron.NewTask(func() { p.syncFairsLogged(ctx) }),
		gocron.WithSingletonMode(gocron.LimitModeReschedule), gocron.WithName("fair-reminders"))
	if err != nil {
		return err
	}
	p.fairMu.Lock()
	p.sched, p.ctx = s, ctx
	p.fairMu.Unlock()
	// Reminder jobs live in memory: rebuild them from the store now.
	p.syncFairsLogged(ctx)
	s.Start()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-p.kick:
				// A follower leaves it to the leader's next tick:
				// the pushes of all replicas share one pace.
				if p.leads(ctx) {
					p.drainLogged(ctx)
				}
			}
		}
	}()
	return nil
}

// Stop ends the schedule, waits for a running drain to finish, and
// releases the claims on notices this process took but did not settle, so
// that another replica sends them now rather than after the lease.
func (p *Pusher) Stop() error {
	if p.stop == nil {
		return nil
	}
	p.stop()
	err := p.sched.Shutdown()
	p.wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if n, rerr := p.o.Store.ReleaseClaims(ctx, p.o.Owner); rerr != nil {
		err = errors.Join(err, rerr)
	} else if n > 0 {
		p.o.Logger.Info("push claims released", slog.Int("notices", n))
	}
	return err
}

// leads reports whether this process runs the schedules now.
func (p *Pusher) leads(ctx context.Context) bool {
	return p.o.Elector == nil || p.o.Elector.IsLeader(ctx) == nil
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
	pending, err := p.o.Store.HeldFor(ctx, u)
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
// marked sent (each posting of a digest counts). Notices that must wait
// are held, not dropped.
func (p *Pusher) Drain(ctx context.Context) (sent int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pass := &pass{Pusher: p, sentToday: map[string]int{}, settled: map[int64]bool{}}
	for {
		pass.now = p.o.Clock.Now().In(p.o.Location)
		due, err := p.o.Store.ClaimDue(ctx, p.o.Owner, pass.now, p.o.Lease, claimBatch)
		if err != nil {
			return sent, err
		}
		for _, n := range due {
			if ctx.Err() != nil {
				return sent, ctx.Err()
			}
			if pass.settled[n.ID] {
				continue // went out in a digest earlier in this pass
			}
			k, err := pass.deliver(ctx, n)
			if err != nil {
				return sent, err
			}
			sent += k
		}
		if len(due) < claimBatch {
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
