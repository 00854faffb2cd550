package bot

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
)

// Publish opens a posting and queues a notice of it for every active
// worker it fits, in each worker's language, due now; the push scheduler
// delivers them within its rules (quiet hours, daily cap). p.Employer
// should be set; Publish sets the status, the expiry when there is none,
// and the ID. It returns how many notices were queued. The demo seeds its
// postings through it too.
func (e *Engine) Publish(ctx context.Context, p *gigbot.Posting) (queued int, err error) {
	now := e.clock.Now()
	p.Status = gigbot.PostingOpen
	if p.ExpiresAt.IsZero() {
		p.ExpiresAt = now.Add(gigbot.DefaultPostingLifetime)
	}
	if err := e.store.CreatePosting(ctx, p); err != nil {
		return 0, fmt.Errorf("publish posting: %w", err)
	}
	if err := e.index.Put(ctx, *p); err != nil {
		// The posting is stored and the index is rebuilt from the store,
		// so a failed Put costs only search until then. Failing the
		// publish instead would leave an open posting without its pushes
		// and make the employer post it twice.
		e.log.Error("index posting", slog.Int64("posting", p.ID), slog.String("error", err.Error()))
	}
	proto := gigbot.Notice{Kind: gigbot.NoticePosting, PostingID: p.ID}
	queued, err = e.broadcast(ctx, proto, "notice.posting",
		func(lang string) any { return e.postingView(*p, lang) },
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
	queued, err = e.broadcast(ctx, proto, "notice.fair",
		func(string) any { return e.fairView(*f) },
		func(w gigbot.Worker) bool { return f.District == "" || w.Profile.District == f.District })
	if err != nil {
		return 0, fmt.Errorf("announce fair %d: %w", f.ID, err)
	}
	return queued, nil
}

// broadcast queues, in one batch, a copy of proto for every active worker
// for whom wants is true, with the text of the template name in the
// worker's language (rendered once per language).
func (e *Engine) broadcast(ctx context.Context, proto gigbot.Notice, name string,
	view func(lang string) any, wants func(gigbot.Worker) bool) (int, error) {
	now := e.clock.Now()
	texts := map[string]string{}
	var notices []gigbot.Notice
	err := e.store.ActiveWorkers(ctx, func(w gigbot.Worker) error {
		if !wants(w) {
			return nil
		}
		lang := e.tmpl.Lang(w.Lang)
		text, ok := texts[lang]
		if !ok {
			var err error
			if text, err = e.tmpl.Render(lang, name, view(lang)); err != nil {
				return err
			}
			texts[lang] = text
		}
		n := proto
		n.To, n.Reply, n.Status, n.DueAt = w.User, gigbot.Reply{Text: text}, gigbot.NoticePending, now
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
