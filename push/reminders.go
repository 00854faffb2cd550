package push

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/go-co-op/gocron/v2"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// scheduledFair is a fair whose reminder jobs exist, and the date they
// were computed from.
type scheduledFair struct {
	at   time.Time
	jobs []gocron.Job
}

// ScheduleFair creates the reminder jobs of a fair (gocron one-time jobs
// at each Reminder's time) and, for a reminder whose time passed less than
// reminderGrace ago while the fair is still ahead, queues it at once. Each
// job queues durable notices, one per registered worker, that the drain
// delivers; queueing is idempotent, so a job run twice (or a catch-up after
// a restart) sends nothing twice. Calling it again for the same fair
// changes nothing unless its date moved. Before Start it does nothing:
// Start schedules every upcoming fair from the store. Fairs announced in
// any process are picked up within a tick anyway; calling ScheduleFair
// just after announcing only makes it immediate.
func (p *Pusher) ScheduleFair(f gigbot.Fair) error {
	if p.o.Templates == nil || len(p.o.Reminders) == 0 {
		return nil
	}
	p.fairMu.Lock()
	defer p.fairMu.Unlock()
	if p.sched == nil {
		return nil
	}
	ctx := p.ctx
	if old, ok := p.fairs[f.ID]; ok {
		if old.at.Equal(f.At) {
			return nil
		}
		for _, j := range old.jobs {
			_ = p.sched.RemoveJob(j.ID()) // already run: nothing to remove
		}
		delete(p.fairs, f.ID)
	}
	now := p.o.Clock.Now()
	if !now.Before(f.At) {
		return nil
	}
	sf := scheduledFair{at: f.At}
	var missed *Reminder
	var missedAt time.Time
	for i := range p.o.Reminders {
		r := &p.o.Reminders[i]
		at := p.reminderTime(f, *r)
		switch {
		case !at.Before(f.At):
			// The morning reminder of a fair that starts before it.
		case at.After(now):
			j, err := p.sched.NewJob(gocron.OneTimeJob(gocron.OneTimeJobStartDateTime(at)),
				gocron.NewTask(func() { p.remindLogged(ctx, f, *r, at) }),
				gocron.WithName("fair-reminder-"+strconv.FormatInt(f.ID, 10)+"-"+r.Template))
			if err != nil {
				return fmt.Errorf("schedule reminder of fair %d: %w", f.ID, err)
			}
			sf.jobs = append(sf.jobs, j)
		case now.Sub(at) < reminderGrace && (missed == nil || at.After(missedAt)):
			missed, missedAt = r, at
		}
	}
	p.fairs[f.ID] = sf
	if missed != nil {
		r, at := *missed, missedAt
		// Not under fairMu, which the caller holds: it reads the store.
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.remindLogged(ctx, f, r, at)
		}()
	}
	return nil
}

// reminderTime is r's time for fair f, in the service's zone.
func (p *Pusher) reminderTime(f gigbot.Fair, r Reminder) time.Time {
	y, m, d := f.At.In(p.o.Location).Date()
	return time.Date(y, m, d-r.DaysBefore, 0, 0, 0, 0, p.o.Location).Add(r.At)
}

// syncFairs schedules the reminders of every upcoming fair in the store.
func (p *Pusher) syncFairs(ctx context.Context) error {
	return p.o.Store.Fairs(ctx, p.o.Clock.Now(), func(f gigbot.Fair) error {
		return p.ScheduleFair(f)
	})
}

func (p *Pusher) syncFairsLogged(ctx context.Context) {
	if err := p.syncFairs(ctx); err != nil && ctx.Err() == nil {
		p.o.Logger.Error("schedule fair reminders", slog.String("error", err.Error()))
	}
}

// Remind queues reminder r of fair f, due at, for every worker registered
// for the fair, in each one's language, and asks for a drain. It returns
// how many notices were queued (none for those queued before).
func (p *Pusher) Remind(ctx context.Context, f gigbot.Fair, r Reminder, at time.Time) (int, error) {
	st := p.o.Store
	texts := map[string]string{}
	view := templates.Fair{Title: f.Title, At: f.At.In(p.o.Location), Venue: f.Venue, District: f.District}
	var ns []gigbot.Notice
	err := st.FairRegistrants(ctx, f.ID, func(u gigbot.UserRef) error {
		lang := templates.DefaultLang
		if w, err := st.Worker(ctx, u); err == nil {
			lang = p.o.Templates.Lang(w.Lang)
		} else if gigbot.ErrorCode(err) != gigbot.ENOTFOUND {
			return err
		}
		text, ok := texts[lang]
		if !ok {
			var err error
			if text, err = p.o.Templates.Render(lang, r.Template, view); err != nil {
				return err
			}
			texts[lang] = text
		}
		ns = append(ns, gigbot.Notice{To: u, Kind: gigbot.NoticeFairReminder, FairID: f.ID,
			Reply: gigbot.Reply{Text: text}, Status: gigbot.NoticePending, DueAt: at})
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("remind fair %d: %w", f.ID, err)
	}
	queued, err := st.Enqueue(ctx, ns)
	if err != nil {
		return 0, fmt.Errorf("remind fair %d: %w", f.ID, err)
	}
	p.Kick()
	return queued, nil
}

func (p *Pusher) remindLogged(ctx context.Context, f gigbot.Fair, r Reminder, at time.Time) {
	n, err := p.Remind(ctx, f, r, at)
	if err != nil {
		if ctx.Err() == nil {
			p.o.Logger.Error("fair reminder", slog.Int64("fair", f.ID), slog.String("error", err.Error()))
		}
		return
	}
	p.o.Logger.Info("fair reminder queued", slog.Int64("fair", f.ID), slog.String("reminder", r.Template),
		slog.Int("notices", n))
}
