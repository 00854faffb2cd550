package bot

import (
	"fmt"
	"slices"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Posting a gig: the employer sends the posting as they would write it
// anywhere, sees what gigbot understood, and confirms. Screening then
// publishes it, holds it for staff, or tells the employer what to fix.
const (
	groupPosting       = "post"
	stepPostingText    = "post.text"    // waiting for the posting's text
	stepPostingConfirm = "post.confirm" // preview shown

	draftPosting = "posting"
)

// startPosting asks for the posting's text.
func (t *turn) startPosting() error {
	t.begin(gigbot.RoleEmployer, stepPostingText)
	t.ask("employer.ask_text", nil)
	return nil
}

// postingAnswer takes the posting's text, or the answer to its preview.
// An employer may change their mind at any point: look for work instead
// ("我想先找工作"), close a posting ("招满了"), or start over ("重新来").
func (t *turn) postingAnswer(in input) error {
	switch in.intent {
	case intentSearch, intentRegister, intentProfile, intentEditProfile, intentFairs, intentFairList,
		intentClose, intentFairJoin, intentFairCounts, intentDelivery, intentAnnounce:
		t.leave()
		return t.idle(in)
	case intentRestart:
		return t.startPosting()
	case intentHelp:
		t.say("common.help", templates.Help{Onboarded: t.onboarded(), Staff: t.staff()})
		return t.postingReprompt()
	}
	if t.conv.Step == stepPostingText {
		return t.previewPosting(in.text)
	}
	var p gigbot.Posting
	if !t.draft(draftPosting, &p) {
		return t.startPosting()
	}
	switch in.intent {
	case intentYes:
		if p.Phone == "" {
			// Workers could not reach the employer: ask before publishing.
			t.ask("employer.need_phone", nil, choice{intentCancel, "label.cancel"})
			return nil
		}
		return t.submitPosting(&p)
	case intentEdit:
		return t.startPosting()
	}
	q := t.parsePosting(in.text)
	if p.Phone == "" && q.Phone != "" && len(q.Skills) == 0 {
		// The number asked for (or any detail with it): added to the text.
		return t.showPreview(t.parsePosting(p.Text + "\n" + in.text))
	}
	// A corrected posting sent instead of "重新填写" replaces the draft.
	if understood(q) {
		return t.showPreview(q)
	}
	return t.showPreview(p)
}

// postingReprompt asks again for the posting or for the preview's answer.
func (t *turn) postingReprompt() error {
	var p gigbot.Posting
	if t.conv.Step == stepPostingText || !t.draft(draftPosting, &p) {
		return t.startPosting()
	}
	return t.showPreview(p)
}

// previewPosting reads text as a posting and shows what was understood.
func (t *turn) previewPosting(text string) error {
	p := t.parsePosting(text)
	if !understood(p) {
		t.begin(gigbot.RoleEmployer, stepPostingText)
		t.ask("employer.text_unclear", nil)
		return nil
	}
	t.begin(gigbot.RoleEmployer, stepPostingConfirm)
	return t.showPreview(p)
}

func (t *turn) parsePosting(text string) gigbot.Posting {
	p := t.e.match.ParsePosting(text, t.now, t.e.loc)
	p.Text = text // kept whole, whatever the parser did with it
	return p
}

// understood reports whether a text said enough to be taken for a
// posting: what work, or what it pays, or whom to call.
func understood(p gigbot.Posting) bool {
	return len(p.Skills) > 0 || p.Pay.Known() || p.Phone != "" || p.Headcount > 0
}

// showPreview keeps the draft and shows it to the employer. Their own
// phone is shown back to them: it is theirs, and it is what workers will
// call.
func (t *turn) showPreview(p gigbot.Posting) error {
	t.conv.Step = stepPostingConfirm
	if err := t.keep(draftPosting, p); err != nil {
		return err
	}
	v := t.e.postingView(p, t.lang)
	// The expiry is worked out again at publishing; shown here so the
	// employer can correct the end date they gave.
	v.Until = t.e.until(expiry(p, t.now, t.e.loc))
	t.ask("employer.preview", v,
		choice{intentYes, "label.publish"}, choice{intentEdit, "label.redo"}, choice{intentCancel, "label.cancel"})
	return nil
}

// submitPosting screens a confirmed posting and publishes it, holds it
// for review, or refuses it with the reasons.
func (t *turn) submitPosting(p *gigbot.Posting) error {
	p.Employer = t.msg.User
	if over, err := t.overPostingLimit(); err != nil {
		return err
	} else if over {
		t.leave()
		t.say("employer.posting_limit", t.e.postingsPerDay)
		return nil
	}
	p.Screening = t.e.match.Screen(*p)
	blocked, err := t.vet(p)
	if err != nil {
		return err
	}
	switch p.Screening.Verdict {
	case gigbot.VerdictReject, gigbot.VerdictReview:
		// Kept either way: staff review it, and refusals count against
		// the employer's record.
		p.Status = gigbot.PostingReview
		if p.Screening.Verdict == gigbot.VerdictReject {
			p.Status = gigbot.PostingRejected
		} else {
			// Its end is set now, as when it is published, so a posting
			// approved late does not outlive what the employer wrote.
			p.ExpiresAt = expiry(*p, t.now, t.e.loc)
		}
		if err := t.e.store.CreatePosting(t.ctx, p); err != nil {
			return fmt.Errorf("keep screened posting: %w", err)
		}
		t.leave()
		switch {
		case blocked:
			t.say("employer.blocked", nil)
		case p.Status == gigbot.PostingRejected:
			t.say("employer.rejected", t.reasons(p.Screening.Reasons))
		default:
			t.say("employer.review", nil)
			return t.e.alertStaff(t.ctx, *p, "staff.review_alert")
		}
		return nil
	}
	queued, err := t.e.Publish(t.ctx, p)
	if err != nil {
		return err
	}
	t.leave()
	t.say("employer.published", queued)
	return nil
}

// reasons are screening reason codes in plain words, each said once. A
// code without words of its own reads as the general one.
func (t *turn) reasons(codes []string) []string {
	var out []string
	for _, code := range codes {
		name := "employer.reason." + code
		if !t.e.tmpl.Has(name) {
			name = "employer.reason.other"
		}
		if s := t.render(name, nil); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		out = append(out, t.render("employer.reason.other", nil))
	}
	return out
}
