// Package bot is gigbot's dialog engine, one for every channel: it reads a
// user's message, moves their conversation one step, and answers with
// replies that each channel adapter renders its own way. Workers sign up
// and search, employers post gigs, staff announce job fairs; what should
// reach other people later (pushes) is queued in the store's outbox.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/quota"
	"github.com/gigbot/gigbot/templates"
)

// defaultZone is the zone of a Tianjin service when Options.Location is
// nil; the fixed offset stands in when the machine has no tzdata.
const defaultZone = "Asia/Shanghai"

// Options are the engine's dependencies. Store, Index, Matcher and
// Templates are required; the rest have defaults.
type Options struct {
	Store     gigbot.Store
	Index     gigbot.Index
	Matcher   *matcher.Matcher
	Templates *templates.Set
	Clock     gigbot.Clock              // nil: the real time
	Location  *time.Location            // where dates are read and shown; nil: Asia/Shanghai
	IsStaff   func(gigbot.UserRef) bool // nil: nobody is staff
	Logger    *slog.Logger              // nil: discard
	// DailyCap is the service's daily cap of posting notices
	// (push.daily_cap); it bounds the backfill of a worker who set no
	// cap of their own. 0: defaultBackfill.
	DailyCap int
	// QuietHours are the service's quiet hours (push.quiet_hours), for
	// telling a worker when a digest time they chose falls in them.
	QuietHours gigbot.QuietHours

	// Safety keeps reports, employers' records, the blacklist, the audit
	// log and deletes personal data. nil: Store, when it implements it.
	Safety gigbot.SafetyStore
	// StaffUsers lists the staff to alert when a posting is held for
	// review (the configured staff and connected terminal staff). nil:
	// nobody is alerted; staff still see the list ("待审核").
	StaffUsers func() []gigbot.UserRef
	// MessagesPerMinute bounds the messages one user (not staff) may send
	// in a minute. 0: DefaultMessagesPerMinute; negative: no limit.
	MessagesPerMinute int
	// PostingsPerDay bounds the postings one employer may submit in a
	// day of the service's zone. 0: DefaultPostingsPerDay; negative: no
	// limit.
	PostingsPerDay int

	// Workers is the reverse index of standing worker profiles, loaded by
	// the caller at start-up; the engine keeps it in step with the
	// workers it saves. nil: a new posting scans every active worker.
	Workers *matcher.WorkerIndex
	// WorkersAsOf is when Workers was loaded. Before matching a posting
	// the engine applies the workers written since (by other replicas, or
	// by the push side when a user blocked the bot), when the store is a
	// gigbot.WorkerFeed.
	WorkersAsOf time.Time
	// Quota counts the posting notices written to each worker today, so
	// that no more than their cap are written. nil: only sends are capped.
	Quota *quota.DailyQuota
}

// Engine is the dialog engine. It implements gigbot.Handler and is safe
// for concurrent use: messages of one user are handled one at a time,
// messages of different users in parallel.
type Engine struct {
	store    gigbot.Store
	index    gigbot.Index
	match    *matcher.Matcher
	tmpl     *templates.Set
	clock    gigbot.Clock
	loc      *time.Location
	isStaff  func(gigbot.UserRef) bool
	log      *slog.Logger
	dailyCap int
	quiet    gigbot.QuietHours
	locks    userLocks

	safety         gigbot.SafetyStore
	staffUsers     func() []gigbot.UserRef
	messages       *rateLimiter // nil: no limit
	postingsPerDay int          // <= 0: no limit

	workers *matcher.WorkerIndex // nil: scan the store
	quota   *quota.DailyQuota    // nil: no cap at write time
	feed    workerFeed
}

var _ gigbot.Handler = (*Engine)(nil)

// New returns an engine on o's dependencies.
func New(o Options) *Engine {
	e := &Engine{
		store: o.Store, index: o.Index, match: o.Matcher, tmpl: o.Templates,
		clock: o.Clock, loc: o.Location, isStaff: o.IsStaff, log: o.Logger, dailyCap: o.DailyCap, quiet: o.QuietHours,
	}
	if e.dailyCap <= 0 {
		e.dailyCap = defaultBackfill
	}
	e.safety, e.staffUsers = o.Safety, o.StaffUsers
	e.workers, e.quota = o.Workers, o.Quota
	e.feed.seen = o.WorkersAsOf
	if ss, ok := o.Store.(gigbot.SafetyStore); ok && e.safety == nil {
		e.safety = ss
	}
	if e.staffUsers == nil {
		e.staffUsers = func() []gigbot.UserRef { return nil }
	}
	e.messages = newRateLimiter(limitOr(o.MessagesPerMinute, DefaultMessagesPerMinute), time.Minute)
	e.postingsPerDay = limitOr(o.PostingsPerDay, DefaultPostingsPerDay)
	if e.clock == nil {
		e.clock = realClock{}
	}
	if e.loc == nil {
		loc, err := time.LoadLocation(defaultZone)
		if err != nil {
			loc = time.FixedZone(defaultZone, 8*60*60)
		}
		e.loc = loc
	}
	if e.isStaff == nil {
		e.isStaff = func(gigbot.UserRef) bool { return false }
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	return e
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// Handle answers one message. A failure of the store or the index is
// logged and answered with a short "busy, try again" reply, and the
// conversation stays where it was, so the user can simply repeat
// themselves; Handle then still returns nil. It returns an error only when
// ctx ends while another message of the same user is being handled, or
// when not even the busy reply can be rendered.
func (e *Engine) Handle(ctx context.Context, m gigbot.Message) ([]gigbot.Reply, error) {
	unlock, err := e.locks.lock(ctx, m.User.Key())
	if err != nil {
		return nil, fmt.Errorf("handle message: %w", err)
	}
	defer unlock()

	now := e.clock.Now()
	if e.limited(m, now) {
		return e.slowDown(m)
	}
	t := &turn{ctx: ctx, e: e, msg: m, now: now}
	if cs, ok := e.store.(conversationTx); ok {
		err = cs.WithConversation(ctx, m.User, func(c *gigbot.Conversation) error {
			if err := t.open(*c); err != nil {
				return err
			}
			if err := t.step(); err != nil {
				return err
			}
			if t.forgotten {
				return errForgotten
			}
			t.finish()
			*c = t.conv
			return nil
		})
		if errors.Is(err, errForgotten) {
			err = nil
		}
	} else {
		err = t.load()
		if err == nil {
			err = t.step()
		}
		if err == nil && !t.forgotten {
			err = t.save()
		}
	}
	if err != nil {
		return e.busy(m, t, err)
	}
	return t.replies(), nil
}

// conversationTx is a store that reads and writes a conversation in one
// transaction around a turn, so two messages of one user handled by two
// replicas never interleave.
type conversationTx interface {
	WithConversation(ctx context.Context, u gigbot.UserRef, fn func(*gigbot.Conversation) error) error
}

// errForgotten ends a turn that deleted the user's data: nothing of them
// is written back.
var errForgotten = errors.New("user data deleted")

// step runs the turn and reports the first template that failed to render.
func (t *turn) step() error {
	if err := t.run(); err != nil {
		return err
	}
	return t.err
}

// busy logs a failed turn once and tells the user to try again later.
func (e *Engine) busy(m gigbot.Message, t *turn, cause error) ([]gigbot.Reply, error) {
	e.log.Error("handle message", slog.Any("user", m.User), slog.String("kind", string(m.Kind)),
		slog.String("step", t.conv.Step), slog.String("code", gigbot.ErrorCode(cause)),
		slog.String("error", cause.Error()))
	text, err := e.tmpl.Render(t.lang, "common.busy", nil)
	if err != nil {
		return nil, fmt.Errorf("handle message: %w", errors.Join(cause, err))
	}
	return []gigbot.Reply{{Text: text}}, nil
}
