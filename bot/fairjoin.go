package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Registering for a job fair ("报名"): from the button on the fair's
// notice (its value names the fair), by words ("报名 河西招聘会"), or by
// "报名" alone, which registers for the one upcoming fair that concerns
// the worker or lists those to pick from. Staff count registrations with
// "报名人数".

// fairPickLimit is how many upcoming fairs "报名" offers to pick from.
const fairPickLimit = 5

// upcomingFairs lists the fairs still to come, soonest first.
func (t *turn) upcomingFairs(limit int) ([]gigbot.Fair, error) {
	var out []gigbot.Fair
	err := t.e.store.Fairs(t.ctx, t.now, func(f gigbot.Fair) error {
		if len(out) < limit && f.At.After(t.now) {
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list fairs: %w", err)
	}
	return out, nil
}

// joinFair registers the user for fair id, or for the fair words name, or
// asks which.
func (t *turn) joinFair(id int64, words string) error {
	if id != 0 {
		f, err := t.e.store.Fair(t.ctx, id)
		switch {
		case gigbot.ErrorCode(err) == gigbot.ENOTFOUND:
			t.say("worker.fair_gone", nil)
			return nil
		case err != nil:
			return fmt.Errorf("register for fair %d: %w", id, err)
		case !f.At.After(t.now):
			t.say("worker.fair_gone", nil)
			return nil
		}
		return t.register(*f)
	}
	fairs, err := t.upcomingFairs(100)
	if err != nil {
		return err
	}
	if words != "" {
		fairs = t.fairsNamed(fairs, words)
	} else if mine := t.fairsForMe(fairs); len(mine) > 0 {
		fairs = mine
	}
	switch len(fairs) {
	case 0:
		if words != "" {
			t.say("worker.fair_no_match", nil)
			return t.listFairs()
		}
		t.say("worker.fairs_none", nil)
		return nil
	case 1:
		return t.register(fairs[0])
	}
	if len(fairs) > fairPickLimit {
		fairs = fairs[:fairPickLimit]
	}
	views := make([]templates.Fair, 0, len(fairs))
	for _, f := range fairs {
		views = append(views, t.e.fairView(f))
	}
	t.say("worker.fair_pick", views)
	t.choices = t.fairChoices(fairs)
	return nil
}

// fairChoices are the buttons registering for each fair.
func (t *turn) fairChoices(fairs []gigbot.Fair) []gigbot.Choice {
	out := make([]gigbot.Choice, 0, len(fairs))
	for _, f := range fairs {
		out = append(out, gigbot.Choice{Label: t.render("label.fair_join_named", t.e.fairView(f)), Value: fairJoinValue(f.ID)})
	}
	return out
}

func fairJoinValue(id int64) string { return valueFairJoin + strconv.FormatInt(id, 10) }

// fairsForMe keeps the fairs announced to the worker: their district's
// and the whole city's.
func (t *turn) fairsForMe(fairs []gigbot.Fair) []gigbot.Fair {
	if t.worker == nil || t.worker.Profile.District == "" {
		return nil
	}
	var out []gigbot.Fair
	for _, f := range fairs {
		if f.District == "" || f.District == t.worker.Profile.District {
			out = append(out, f)
		}
	}
	return out
}

// fairsNamed keeps the fairs whose title, venue or district the words
// name: every word must appear ("河西 冬季"), or the district they name
// must be the fair's.
func (t *turn) fairsNamed(fairs []gigbot.Fair, words string) []gigbot.Fair {
	place, hasPlace := t.e.match.Place(words)
	var out []gigbot.Fair
	for _, f := range fairs {
		hay := fold(f.Title + " " + f.Venue + " " + f.District)
		all := true
		for _, w := range strings.FieldsFunc(fold(words), isFiller) {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "的"), "那场")
			if w != "" && !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all || hasPlace && place.District != "" && f.District == place.District {
			out = append(out, f)
		}
	}
	return out
}

// register records the user's interest in f and says so.
func (t *turn) register(f gigbot.Fair) error {
	first, err := t.e.store.RegisterForFair(t.ctx, f.ID, t.msg.User)
	if err != nil {
		return fmt.Errorf("register for fair %d: %w", f.ID, err)
	}
	if first {
		t.say("worker.fair_joined", t.e.fairView(f))
	} else {
		t.say("worker.fair_already", t.e.fairView(f))
	}
	return nil
}

// leaveFair withdraws the user from the upcoming fairs they registered
// for, or from those words name.
func (t *turn) leaveFair(words string) error {
	fairs, err := t.upcomingFairs(100)
	if err != nil {
		return err
	}
	if words != "" {
		fairs = t.fairsNamed(fairs, words)
	}
	var left []templates.Fair
	for _, f := range fairs {
		was, err := t.e.store.UnregisterFromFair(t.ctx, f.ID, t.msg.User)
		if err != nil {
			return fmt.Errorf("unregister from fair %d: %w", f.ID, err)
		}
		if was {
			left = append(left, t.e.fairView(f))
		}
	}
	if len(left) == 0 {
		t.say("worker.fair_not_joined", nil)
		return nil
	}
	t.say("worker.fair_left", left)
	return nil
}

// fairCounts shows staff the upcoming fairs with how many registered.
// Anyone else sees the fairs, to register.
func (t *turn) fairCounts() error {
	if !t.staff() {
		return t.listFairs()
	}
	fairs, err := t.upcomingFairs(fairsLimit)
	if err != nil {
		return err
	}
	if len(fairs) == 0 {
		t.say("worker.fairs_none", nil)
		return nil
	}
	views, err := t.countedFairs(fairs)
	if err != nil {
		return err
	}
	t.say("staff.fair_counts", views)
	return nil
}

// countedFairs are fairs as shown to staff, with their registrations.
func (t *turn) countedFairs(fairs []gigbot.Fair) ([]templates.Fair, error) {
	views := make([]templates.Fair, 0, len(fairs))
	for _, f := range fairs {
		n, err := t.e.store.FairRegistrations(t.ctx, f.ID)
		if err != nil {
			return nil, fmt.Errorf("count fair %d registrations: %w", f.ID, err)
		}
		v := t.e.fairView(f)
		v.Counted, v.Registered = true, n
		views = append(views, v)
	}
	return views, nil
}
