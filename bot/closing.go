package bot

import (
	"fmt"
	"log/slog"
	"strconv"

	"github.com/gigbot/gigbot"
)

// Closing a posting: an employer says "招满了" (or "不招了", "关闭招聘").
// With one posting open it is closed at once; with several they pick one
// from a list. A closed posting is no longer pushed nor found.

// closeListLimit is how many open postings the list offers: a phone
// screen's worth; older ones expire on their own.
const closeListLimit = 8

// action answers the commands that name a posting or a fair, typed or
// pressed as a button: closing a posting, registering for a fair,
// counting registrations.
func (t *turn) action(in input) error {
	switch in.intent {
	case intentClose:
		return t.closePosting(in.id)
	case intentFairJoin:
		return t.joinFair(in.id, in.args)
	case intentFairLeave:
		return t.leaveFair(in.args)
	case intentFairCounts:
		return t.fairCounts()
	}
	return t.reprompt()
}

// closable lists the employer's postings that are open or waiting for
// review, newest first.
func (t *turn) closable() ([]gigbot.Posting, error) {
	var out []gigbot.Posting
	err := t.e.store.PostingsBy(t.ctx, t.msg.User, func(p gigbot.Posting) error {
		if p.Open(t.now) || p.Status == gigbot.PostingReview {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list postings to close: %w", err)
	}
	return out, nil
}

// closePosting closes the posting id of this employer, or, with id 0,
// their only open posting, or asks which one.
func (t *turn) closePosting(id int64) error {
	open, err := t.closable()
	if err != nil {
		return err
	}
	if id != 0 {
		for _, p := range open {
			if p.ID == id {
				return t.closeOne(p)
			}
		}
		// Not theirs, or closed or expired meanwhile: nothing to do.
		t.say("employer.close_gone", nil)
		return nil
	}
	switch len(open) {
	case 0:
		t.say("employer.close_none", nil)
		return nil
	case 1:
		return t.closeOne(open[0])
	}
	if len(open) > closeListLimit {
		open = open[:closeListLimit]
	}
	choices := make([]gigbot.Choice, 0, len(open)+1)
	for _, p := range open {
		v := t.e.postingView(p, t.lang)
		choices = append(choices, gigbot.Choice{Label: t.render("label.close_posting", v),
			Value: valueClosePosting + strconv.FormatInt(p.ID, 10)})
	}
	t.say("employer.close_pick", len(open))
	t.choices = append(choices, t.offer([]choice{{intentCancel, "label.cancel"}})...)
	return nil
}

// closeOne closes p and takes it out of search.
func (t *turn) closeOne(p gigbot.Posting) error {
	if err := t.e.store.SetPostingStatus(t.ctx, p.ID, gigbot.PostingClosed); err != nil {
		return fmt.Errorf("close posting %d: %w", p.ID, err)
	}
	p.Status = gigbot.PostingClosed
	// Putting a closed posting deletes it from the index. Should that
	// fail, search still drops it: results are checked against the store.
	if err := t.e.index.Put(t.ctx, p); err != nil {
		t.e.log.Error("unindex closed posting", slog.Int64("posting", p.ID), slog.String("error", err.Error()))
	}
	t.conv.Role = gigbot.RoleEmployer
	t.say("employer.closed", t.e.postingView(p, t.lang))
	return nil
}
