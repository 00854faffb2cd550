package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// Publish opens a posting and queues a notice of it for every active
// worker it fits, in each worker's language, due now; the push scheduler
// delivers them within its rules (quiet hours, daily cap). p.Employer
// should be set; Publish sets the status, the expiry when there is none,
// and the ID. It returns how many notices were queued. The demo seeds its
// postings through it too. A posting with an ID is one stored already,
// held for review: it is opened, and workers it was pushed to before it
// was held do not get it again.
func (e *Engine) Publish(ctx context.Context, p *gigbot.Posting) (queued int, err error) {
	now := e.clock.Now()
	p.Status = gigbot.PostingOpen
	if p.ExpiresAt.IsZero() {
		p.ExpiresAt = expiry(*p, now, e.loc)
	}
	if p.ID != 0 {
		if err := e.store.SetPostingStatus(ctx, p.ID, gigbot.PostingOpen); err != nil {
			return 0, fmt.Errorf("publish posting %d: %w", p.ID, err)
		}
	} else if err := e.store.CreatePosting(ctx, p); err != nil {
		return 0, fmt.Errorf("publish posting: %w", err)
	}
	if err := e.index.Put(ctx, *p); err != nil {
		// The posting is stored and the index is rebuilt from the store,
		// so a failed Put costs only search until then. Failing the
		// publish instead would leave an open posting without its pushes
		// and make the employer post it twice.
		e.log.Error("index posting", slog.Int64("posting", p.ID), slog.String("error", err.Error()))
	}
	if e.workers != nil {
		if queued, err = e.queuePosting(ctx, *p, now); err != nil {
			return 0, fmt.Errorf("publish posting %d: %w", p.ID, err)
		}
		return queued, nil
	}
	proto := gigbot.Notice{Kind: gigbot.NoticePosting, PostingID: p.ID}
	queued, err = e.broadcast(ctx, proto,
		func(lang string) (gigbot.Reply, error) { return e.postingNotice(*p, lang) },
		func(w gigbot.Worker) bool { return w.User != p.Employer && matcher.Fits(*p, w.Profile) })
	if err != nil {
		return 0, fmt.Errorf("publish posting %d: %w", p.ID, err)
	}
	return queued, nil
}

// AnnounceFair queues a notice of a job fair for every active worker in
// its district, or for all of them when it has none. A fair without an ID
// is saved first. It returns how many notices were queued.
func (e *Engine) AnnounceFair(ctx context.Context, f *gigbot.Fair) (queued int, err error) {
	if f.ID == 0 {
		if err := e.store.CreateFair(ctx, f); err != nil {
			return 0, fmt.Errorf("announce fair: %w", err)
		}
	}
	proto := gigbot.Notice{Kind: gigbot.NoticeFair, FairID: f.ID}
	queued, err = e.broadcast(ctx, proto,
		func(lang string) (gigbot.Reply, error) { return e.fairNotice(*f, lang) },
		// A city-wide fair goes to all; a district's to its workers and to
		// those who said anywhere in the city will do.
		func(w gigbot.Worker) bool {
			return f.District == "" || w.Profile.District == f.District || w.Profile.District == "" && w.Profile.Street == ""
		})
	if err != nil {
		return 0, fmt.Errorf("announce fair %d: %w", f.ID, err)
	}
	return queued, nil
}

// postingNotice is the notice of a posting, in lang, with a button to
// report it ("举报") that names the posting; its text says how to report
// it by words, for channels without buttons.
func (e *Engine) postingNotice(p gigbot.Posting, lang string) (gigbot.Reply, error) {
	text, err := e.tmpl.Render(lang, "notice.posting", e.postingView(p, lang))
	if err != nil {
		return gigbot.Reply{}, err
	}
	label, err := e.tmpl.Render(lang, "label.report", nil)
	if err != nil {
		return gigbot.Reply{}, err
	}
	value := valueReportPosting + strconv.FormatInt(p.ID, 10)
	return gigbot.Reply{Text: text, Choices: []gigbot.Choice{{Label: label, Value: value}}}, nil
}

// fairNotice is the announcement of a fair, in lang, with a button to
// register ("报名") that names the fair, since it may be pressed long
// after the chat has moved on.
func (e *Engine) fairNotice(f gigbot.Fair, lang string) (gigbot.Reply, error) {
	text, err := e.tmpl.Render(lang, "notice.fair", e.fairView(f))
	if err != nil {
		return gigbot.Reply{}, err
	}
	label, err := e.tmpl.Render(lang, "label.fair_join", nil)
	if err != nil {
		return gigbot.Reply{}, err
	}
	return gigbot.Reply{Text: text, Choices: []gigbot.Choice{{Label: label, Value: fairJoinValue(f.ID)}}}, nil
}

// broadcast queues, in one batch, a copy of proto for every active worker
// for whom wants is true, with the reply in the worker's language
// (rendered once per language).
func (e *Engine) broadcast(ctx context.Context, proto gigbot.Notice,
	reply func(lang string) (gigbot.Reply, error), wants func(gigbot.Worker) bool) (int, error) {
	now := e.clock.Now()
	replies := map[string]gigbot.Reply{}
	var notices []gigbot.Notice
	err := e.store.ActiveWorkers(ctx, func(w gigbot.Worker) error {
		if !wants(w) {
			return nil
		}
		lang := e.tmpl.Lang(w.Lang)
		r, ok := replies[lang]
		if !ok {
			var err error
			if r, err = reply(lang); err != nil {
				return err
			}
			replies[lang] = r
		}
		n := proto
		n.To, n.Reply, n.Status, n.DueAt = w.User, r, gigbot.NoticePending, now
		notices = append(notices, n)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("match workers: %w", err)
	}
	if len(notices) == 0 {
		return 0, nil
	}
	queued, err := e.store.Enqueue(ctx, notices)
	if err != nil {
		return 0, fmt.Errorf("queue notices: %w", err)
	}
	return queued, nil
}
