package bot

import (
	"fmt"
	"slices"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Searching now, as opposed to waiting for pushes.
const (
	// searchLimit is how many postings a search shows: a phone screen's
	// worth.
	searchLimit = 5
	// nearKm is the radius around a street or landmark named in a
	// search.
	nearKm = 5
	// fairsLimit is how many upcoming fairs the list shows.
	fairsLimit = 5
)

// search finds open postings for what text names ("保洁 河西"), filling
// in what it leaves out from the worker's profile.
func (t *turn) search(text string) error {
	var profile gigbot.Profile
	if t.onboarded() {
		profile = t.worker.Profile
	}
	return t.searchFor(text, profile)
}

// searchFor finds open postings for what text names, filling in what it
// leaves out from profile (a saved one, or one being filled in).
func (t *turn) searchFor(text string, profile gigbot.Profile) error {
	q, ok := t.e.searchQuery(text, profile, t.now)
	if !ok {
		// Nothing to search by, not even a profile: signing up asks for
		// exactly what a search needs.
		return t.startOnboarding(input{})
	}
	found, err := t.openPostings(q)
	if err != nil {
		return err
	}
	// Nothing fits all the worker's profile: rather than "nothing", show
	// what comes closest, and say why it did not fit. Each widening starts
	// from q; the first that finds something is shown.
	_, namedPlace := t.e.match.Place(text)
	namedSkills := len(t.e.match.Skills(text)) > 0
	located := q.District != "" || !q.Near.IsZero()
	belowPay, farther, otherWork := q, q, q
	belowPay.MinPay = 0
	// Nothing near the worker: the same work anywhere in the city.
	farther.District, farther.Near, farther.RadiusKm, farther.MinPay = "", gigbot.Point{}, 0, 0
	// The skills came from the profile, the words named only a place
	// ("东丽有活没"): any work there.
	otherWork.Skills, otherWork.MinPay = nil, 0
	for _, w := range []struct {
		try   bool
		query gigbot.SearchQuery
		why   templates.SearchWidened
	}{
		{q.MinPay > 0, belowPay, templates.SearchWidened{BelowPay: true, MinPay: q.MinPay}},
		{!namedPlace && located, farther, templates.SearchWidened{Farther: true}},
		{len(q.Skills) > 0 && !namedSkills && located, otherWork, templates.SearchWidened{}},
	} {
		if len(found) > 0 {
			break
		}
		if !w.try {
			continue
		}
		if found, err = t.openPostings(w.query); err != nil {
			return err
		}
		if len(found) > 0 {
			t.say("worker.search_widened", w.why)
		}
	}
	if len(found) == 0 {
		t.say("worker.search_none", t.worker != nil && !t.worker.Active())
		return nil
	}
	t.say("worker.search_results", found)
	if t.conv.Step == "" {
		// "举报 2" may mean the second one listed.
		ids := make([]int64, len(found))
		for i, p := range found {
			ids[i] = p.ID
		}
		return t.keep(draftListed, ids)
	}
	return nil
}

// draftListed keeps the ids of the postings a search listed, in order.
const draftListed = "listed"

// openPostings runs q and returns the open postings it finds.
func (t *turn) openPostings(q gigbot.SearchQuery) ([]templates.Posting, error) {
	ids, err := t.e.index.Search(t.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search postings: %w", err)
	}
	var found []templates.Posting
	for _, id := range ids {
		p, err := t.e.store.Posting(t.ctx, id)
		if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
			continue // the index runs a little behind the store
		} else if err != nil {
			return nil, fmt.Errorf("search postings: %w", err)
		}
		if p.Open(t.now) {
			found = append(found, t.e.postingView(*p, t.lang))
		}
	}
	return found, nil
}

// listedPosting reads n in "举报 n" said after a search: a posting listed
// by that number, unless n is itself the number of one listed.
func (t *turn) listedPosting(n int64) int64 {
	ids := t.listed
	if n <= 0 || slices.Contains(ids, n) || n > int64(len(ids)) {
		return n
	}
	return ids[n-1]
}

// showListed shows again the posting picked from a search's list.
func (t *turn) showListed(id int64) error {
	p, err := t.e.store.Posting(t.ctx, id)
	if gigbot.ErrorCode(err) == gigbot.ENOTFOUND || err == nil && !p.Open(t.now) {
		t.say("worker.report_gone", nil)
		return nil
	} else if err != nil {
		return fmt.Errorf("show listed posting %d: %w", id, err)
	}
	t.say("worker.listed_one", t.e.postingView(*p, t.lang))
	return nil
}

// searchQuery builds the index query for text and a worker's profile.
// ok is false when neither says anything to search by.
func (e *Engine) searchQuery(text string, profile gigbot.Profile, now time.Time) (q gigbot.SearchQuery, ok bool) {
	q = gigbot.SearchQuery{OpenAt: now, Limit: searchLimit}
	q.MinPay = profile.MinPay
	if pay, ok := e.match.Pay(text); ok && pay.Unit == gigbot.PayDay && pay.Min > 0 {
		q.MinPay = pay.Min // "有没有二百以上的活"
	}

	place, hasPlace := e.match.Place(text)
	q.Skills = e.match.Skills(text)
	switch {
	case len(q.Skills) > 0:
	case text != "" && !hasPlace:
		// Words the taxonomy does not know ("看大门") still find postings
		// that use them.
		q.Text = text
	default:
		q.Skills = profile.Skills
	}

	switch {
	case hasPlace && place.District != "" && place.Street == "":
		q.District = place.District
	case hasPlace:
		q.Near, q.RadiusKm = place.Point, nearKm
	case !profile.Point.IsZero() && profile.RadiusKm > 0:
		q.Near, q.RadiusKm = profile.Point, profile.RadiusKm
		if profile.Street == "" {
			// Named only a district: anywhere in it counts too, as in
			// matcher.Fits (the district's point is too coarse for a radius).
			q.District = profile.District
		}
	default:
		q.District = profile.District
	}
	ok = len(q.Skills) > 0 || q.Text != "" || q.District != "" || !q.Near.IsZero()
	return q, ok
}

// listFairs shows the job fairs still to come, each with a button to
// register; staff see how many registered.
func (t *turn) listFairs() error {
	fairs, err := t.upcomingFairs(fairsLimit)
	if err != nil {
		return err
	}
	if len(fairs) == 0 {
		t.say("worker.fairs_none", nil)
		return nil
	}
	if t.staff() {
		views, err := t.countedFairs(fairs)
		if err != nil {
			return err
		}
		t.say("staff.fair_counts", views)
		return nil
	}
	views := make([]templates.Fair, 0, len(fairs))
	for _, f := range fairs {
		views = append(views, t.e.fairView(f))
	}
	t.say("worker.fairs", views)
	t.choices = t.fairChoices(fairs)
	return nil
}
