package push

import (
	"context"
	"fmt"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// digest handles a due posting notice of a worker who chose a daily
// digest. A notice not yet kept for a digest is held until the worker's
// next digest time. A notice kept for it means the digest is due: every
// pending posting notice of the worker that is due is gathered, the
// closed and expired ones dropped, as many as the daily cap leaves sent
// together as one message and marked sent each, and the rest kept for the
// next digest. A crash between the send and the marks sends that one
// digest again, as for any notice in flight.
func (p *pass) digest(ctx context.Context, n gigbot.Notice, w *gigbot.Worker, pr prefs) (int, error) {
	st := p.o.Store
	next := p.nextDigest(pr.digestAt)
	if n.LastError != causeDigest {
		return 0, st.Hold(ctx, n.ID, next, causeDigest)
	}
	pending, err := st.HeldFor(ctx, n.To)
	if err != nil {
		return 0, err
	}
	var items []gigbot.Notice
	var views []templates.Posting
	lang := p.o.Templates.Lang(w.Lang)
	for _, m := range pending {
		if m.Kind != gigbot.NoticePosting || m.DueAt.After(p.now) || p.settled[m.ID] {
			continue
		}
		p.settled[m.ID] = true
		posting, err := st.Posting(ctx, m.PostingID)
		if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
			if err := st.MarkFailed(ctx, m.ID, "posting_gone"); err != nil {
				return 0, err
			}
			p.observe(m.To.Channel, "failed")
			continue
		} else if err != nil {
			return 0, err
		}
		if !posting.Open(p.now) {
			if err := st.MarkFailed(ctx, m.ID, "posting_closed"); err != nil {
				return 0, err
			}
			p.observe(m.To.Channel, "failed")
			continue
		}
		items = append(items, m)
		views = append(views, p.postingView(*posting))
	}
	if len(items) == 0 {
		return 0, nil
	}
	if pr.quiet.Contains(p.now) {
		// A digest time inside the quiet hours: the digest waits for
		// their end, still one message.
		return 0, p.holdAll(ctx, items, pr.quiet.EndAfter(p.now))
	}
	if pr.cap > 0 {
		count, err := p.countToday(ctx, n.To)
		if err != nil {
			return 0, err
		}
		room := max(pr.cap-count, 0)
		if room < len(items) {
			if err := p.holdAll(ctx, items[room:], next); err != nil {
				return 0, err
			}
			items, views = items[:room], views[:room]
		}
		if len(items) == 0 {
			return 0, nil
		}
	}
	text, err := p.o.Templates.Render(lang, "notice.digest", views)
	if err != nil {
		return 0, fmt.Errorf("render digest: %w", err)
	}
	return p.sendAndSettle(ctx, n.To, gigbot.Reply{Text: text}, items, causeDigest)
}

func (p *pass) holdAll(ctx context.Context, ns []gigbot.Notice, at time.Time) error {
	for _, n := range ns {
		if err := p.o.Store.Hold(ctx, n.ID, at, causeDigest); err != nil {
			return err
		}
	}
	return nil
}

// nextDigest is the first digest time after now.
func (p *pass) nextDigest(at time.Duration) time.Time {
	y, m, d := p.now.Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, p.now.Location()).Add(at)
	if !t.After(p.now) {
		t = time.Date(y, m, d+1, 0, 0, 0, 0, p.now.Location()).Add(at)
	}
	return t
}

// postingView is what a digest line shows of a posting, times in the
// service's zone.
func (p *Pusher) postingView(po gigbot.Posting) templates.Posting {
	v := templates.Posting{
		Title: po.Title, District: po.Place.District, Street: po.Place.Street,
		Headcount: po.Headcount, Pay: po.Pay, Phone: po.Phone, Text: po.Text,
	}
	if !po.Start.IsZero() {
		v.Start = po.Start.In(p.o.Location)
	}
	return v
}
