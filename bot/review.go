package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Staff review of held postings: a notice reaches every member of staff
// when a posting is held (by screening, by the employer's record, or by
// workers' reports); staff list them ("待审核"), approve ("通过 12"),
// which publishes the posting, or refuse ("拒绝 12 原因"), which tells
// the employer why.

// reviewListLimit is how many held postings the list shows, oldest first:
// a phone screen's worth, each with its two buttons.
const reviewListLimit = 5

// reviewList shows staff the postings held for review.
func (t *turn) reviewList() error {
	ps, err := t.e.safety.PostingsInReview(t.ctx, reviewListLimit)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		t.say("staff.review_none", nil)
		return nil
	}
	views := make([]templates.Review, 0, len(ps))
	var choices []gigbot.Choice
	for _, p := range ps {
		v, err := t.e.reviewView(t.ctx, p, t.lang)
		if err != nil {
			return err
		}
		views = append(views, v)
		cs, err := t.e.reviewChoices(p.ID, t.lang)
		if err != nil {
			return err
		}
		choices = append(choices, cs...)
	}
	t.say("staff.review_list", views)
	t.choices = choices
	return nil
}

// heldPosting reads posting id for a decision; nil, with staff told why,
// when there is nothing to decide.
func (t *turn) heldPosting(id int64, also gigbot.PostingStatus) (*gigbot.Posting, error) {
	if id == 0 {
		t.say("staff.need_id", nil)
		return nil, t.reviewList()
	}
	p, err := t.e.store.Posting(t.ctx, id)
	switch {
	case gigbot.ErrorCode(err) == gigbot.ENOTFOUND:
	case err != nil:
		return nil, fmt.Errorf("review posting %d: %w", id, err)
	case p.Status == gigbot.PostingReview || p.Status == also && also != "":
		return p, nil
	}
	t.say("staff.review_gone", id)
	return nil, nil
}

// approve publishes a held posting and tells its employer.
func (t *turn) approve(id int64) error {
	p, err := t.heldPosting(id, "")
	if p == nil || err != nil {
		return err
	}
	if err := t.audit(gigbot.AuditApprove, postingTarget(p.ID)); err != nil {
		return err
	}
	if !p.ExpiresAt.IsZero() && !t.now.Before(p.ExpiresAt) {
		// It waited past its end: publishing it now would push a stale gig.
		if err := t.e.store.SetPostingStatus(t.ctx, p.ID, gigbot.PostingClosed); err != nil {
			return fmt.Errorf("close expired posting %d: %w", p.ID, err)
		}
		t.say("staff.review_expired", templates.Decision{ID: p.ID, Title: p.Title})
		return nil
	}
	queued, err := t.e.Publish(t.ctx, p)
	if err != nil {
		return err
	}
	d := templates.Decision{ID: p.ID, Title: p.Title, Queued: queued}
	if err := t.e.tell(t.ctx, p.Employer, "employer.approved", d); err != nil {
		return err
	}
	t.say("staff.approved", d)
	return nil
}

// reject refuses a held (or open) posting with a reason, asking for the
// reason when none was given.
func (t *turn) reject(id int64, reason string) (began bool, err error) {
	p, err := t.heldPosting(id, gigbot.PostingOpen)
	if p == nil || err != nil {
		return false, err
	}
	if reason == "" {
		t.begin(gigbot.RoleStaff, stepReviewReason)
		t.conv.Data[draftReviewPosting] = strconv.FormatInt(p.ID, 10)
		t.ask("staff.ask_reason", templates.Decision{ID: p.ID, Title: p.Title}, choice{intentCancel, "label.cancel"})
		return true, nil
	}
	return false, t.refuse(*p, reason)
}

// reasonAnswer takes the reason staff typed for refusing a posting.
func (t *turn) reasonAnswer(in input) error {
	id, _ := strconv.ParseInt(t.conv.Data[draftReviewPosting], 10, 64)
	t.leave()
	if !t.staff() {
		t.say("staff.review_only", nil)
		return nil
	}
	_, err := t.reject(id, in.text)
	return err
}

// reasonReprompt asks for the reason again.
func (t *turn) reasonReprompt() error {
	id, _ := strconv.ParseInt(t.conv.Data[draftReviewPosting], 10, 64)
	t.ask("staff.ask_reason", templates.Decision{ID: id}, choice{intentCancel, "label.cancel"})
	return nil
}

// refuse rejects p, takes it out of search and tells the employer why.
func (t *turn) refuse(p gigbot.Posting, reason string) error {
	if err := t.audit(gigbot.AuditReject, postingTarget(p.ID)); err != nil {
		return err
	}
	if err := t.e.store.SetPostingStatus(t.ctx, p.ID, gigbot.PostingRejected); err != nil {
		return fmt.Errorf("reject posting %d: %w", p.ID, err)
	}
	p.Status = gigbot.PostingRejected
	t.e.unindex(t.ctx, p)
	d := templates.Decision{ID: p.ID, Title: p.Title, Reason: reason}
	if err := t.e.tell(t.ctx, p.Employer, "employer.review_rejected", d); err != nil {
		return err
	}
	t.say("staff.rejected", d)
	return nil
}

// alertStaff queues, for every member of staff, the notice name about a
// held posting, with buttons to approve or refuse it.
func (e *Engine) alertStaff(ctx context.Context, p gigbot.Posting, name string) error {
	staff := e.staffUsers()
	if len(staff) == 0 {
		return nil
	}
	now := e.clock.Now()
	replies := map[string]gigbot.Reply{}
	notices := make([]gigbot.Notice, 0, len(staff))
	for _, u := range staff {
		lang, err := e.langOf(ctx, u)
		if err != nil {
			return err
		}
		r, ok := replies[lang]
		if !ok {
			v, err := e.reviewView(ctx, p, lang)
			if err != nil {
				return err
			}
			if r.Text, err = e.tmpl.Render(lang, name, v); err != nil {
				return err
			}
			if r.Choices, err = e.reviewChoices(p.ID, lang); err != nil {
				return err
			}
			replies[lang] = r
		}
		notices = append(notices, gigbot.Notice{To: u, Kind: gigbot.NoticeMessage, Reply: r,
			Status: gigbot.NoticePending, DueAt: now})
	}
	if _, err := e.store.Enqueue(ctx, notices); err != nil {
		return fmt.Errorf("alert staff of posting %d: %w", p.ID, err)
	}
	e.log.Info("staff alerted", slog.Int64("posting", p.ID), slog.String("alert", name), slog.Int("staff", len(notices)))
	return nil
}

// reviewChoices are the buttons deciding on posting id.
func (e *Engine) reviewChoices(id int64, lang string) ([]gigbot.Choice, error) {
	d := templates.Decision{ID: id}
	approve, err := e.tmpl.Render(lang, "label.approve", d)
	if err != nil {
		return nil, err
	}
	reject, err := e.tmpl.Render(lang, "label.reject", d)
	if err != nil {
		return nil, err
	}
	n := strconv.FormatInt(id, 10)
	return []gigbot.Choice{{Label: approve, Value: valueApprove + n}, {Label: reject, Value: valueReject + n}}, nil
}

// reviewView is p as staff review it.
func (e *Engine) reviewView(ctx context.Context, p gigbot.Posting, lang string) (templates.Review, error) {
	v := templates.Review{ID: p.ID, Posting: e.postingView(p, lang)}
	for _, code := range p.Screening.Reasons {
		name := "employer.reason." + code
		if !e.tmpl.Has(name) {
			name = "employer.reason.other"
		}
		s, err := e.tmpl.Render(lang, name, nil)
		if err != nil {
			return v, err
		}
		v.Reasons = append(v.Reasons, s)
	}
	n, err := e.safety.PostingReports(ctx, p.ID)
	if err != nil {
		return v, err
	}
	v.Reports = n
	if !p.Employer.IsZero() {
		r, err := e.safety.EmployerRecord(ctx, p.Employer)
		if err != nil {
			return v, err
		}
		v.Employer = templates.Employer{Ref: p.Employer.Hash(), Verified: r.Verified, Postings: r.Postings,
			Rejections: r.Rejections, Reports: r.Reports, Credit: r.Credit()}
	}
	return v, nil
}
