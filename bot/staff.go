package bot

import (
	"strconv"
	"time"

	"github.com/gigbot/gigbot"
)

// Announcing a job fair, for staff of the employment service: title,
// date and time, venue, the district whose workers hear of it, a preview,
// then the broadcast.
const (
	groupFair        = "fair"
	stepFairTitle    = "fair.title"
	stepFairWhen     = "fair.when"
	stepFairVenue    = "fair.venue"
	stepFairDistrict = "fair.district"
	stepFairConfirm  = "fair.confirm"

	draftFair = "fair"
)

// staff reports whether the user may announce fairs. It is asked at every
// step, so a revoked member of staff cannot finish an announcement.
func (t *turn) staff() bool { return t.e.isStaff(t.msg.User) }

// startFair begins an announcement, for staff only.
func (t *turn) startFair() error {
	if !t.staff() {
		t.say("staff.only", nil)
		return nil
	}
	t.begin(gigbot.RoleStaff, stepFairTitle)
	return t.askFair(&gigbot.Fair{})
}

// fairAnswer takes the answer to the current question.
func (t *turn) fairAnswer(in input) error {
	if !t.staff() {
		t.leave()
		t.say("staff.only", nil)
		return nil
	}
	f := &gigbot.Fair{}
	if !t.draft(draftFair, f) || in.intent == intentRestart {
		return t.startFair()
	}
	if in.intent == intentFairCounts {
		t.leave()
		return t.fairCounts()
	}
	switch t.conv.Step {
	case stepFairTitle:
		f.Title = in.text
		t.conv.Step = stepFairWhen
	case stepFairWhen:
		// The posting parser reads dates as people write them
		// ("11月28日上午9点", "下周六9点").
		at := t.e.match.ParsePosting(in.text, t.now, t.e.loc).Start
		switch {
		case at.IsZero() || isMidnight(at.In(t.e.loc)):
			// The parser gives a date without an hour ("明天") as
			// midnight; no fair opens then, so the hour is asked for.
			t.ask("staff.when_unknown", nil)
			return nil
		case !at.After(t.now):
			t.ask("staff.when_past", nil)
			return nil
		}
		f.At = at
		t.conv.Step = stepFairVenue
	case stepFairVenue:
		f.Venue = in.text
		t.conv.Step = stepFairDistrict
	case stepFairDistrict:
		place, ok := t.e.match.Place(in.text)
		switch {
		case in.intent == intentAny:
			f.District = ""
		case ok && place.District != "":
			f.District = place.District
		default:
			t.ask("staff.district_unknown", nil)
			return nil
		}
		t.conv.Step = stepFairConfirm
	case stepFairConfirm:
		switch in.intent {
		case intentYes:
			return t.announce(f)
		case intentEdit:
			t.conv.Step = stepFairTitle
		}
	}
	return t.askFair(f)
}

// fairReprompt asks the current question again.
func (t *turn) fairReprompt() error {
	f := &gigbot.Fair{}
	if !t.staff() || !t.draft(draftFair, f) {
		return t.startFair()
	}
	return t.askFair(f)
}

// askFair keeps the draft and asks the current question.
func (t *turn) askFair(f *gigbot.Fair) error {
	if err := t.keep(draftFair, f); err != nil {
		return err
	}
	switch t.conv.Step {
	case stepFairWhen:
		t.ask("staff.ask_when", nil)
	case stepFairVenue:
		t.ask("staff.ask_venue", nil)
	case stepFairDistrict:
		t.ask("staff.ask_district", nil)
	case stepFairConfirm:
		t.ask("staff.preview", t.e.fairView(*f), choice{intentYes, "label.yes"}, choice{intentCancel, "label.cancel"})
	default:
		t.conv.Step = stepFairTitle
		t.ask("staff.ask_title", nil)
	}
	return nil
}

// announce saves the fair and queues its notice for the workers it is
// for.
func (t *turn) announce(f *gigbot.Fair) error {
	f.CreatedBy = t.msg.User
	queued, err := t.e.AnnounceFair(t.ctx, f)
	if err != nil {
		return err
	}
	if t.e.safety != nil {
		if err := t.audit(gigbot.AuditFair, "fair:"+strconv.FormatInt(f.ID, 10)); err != nil {
			return err
		}
	}
	t.leave()
	t.say("staff.announced", queued)
	return nil
}

func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0
}
