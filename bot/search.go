package bot

import (
	"fmt"

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
	q, ok := t.searchQuery(text)
	if !ok {
		// Nothing to search by, not even a profile: signing up asks for
		// exactly what a search needs.
		return t.startOnboarding(input{})
	}
	ids, err := t.e.index.Search(t.ctx, q)
	if err != nil {
		return fmt.Errorf("search postings: %w", err)
	}
	var found []templates.Posting
	for _, id := range ids {
		p, err := t.e.store.Posting(t.ctx, id)
		if gigbot.ErrorCode(err) == gigbot.ENOTFOUND {
			continue // the index runs a little behind the store
		} else if err != nil {
			return fmt.Errorf("search postings: %w", err)
		}
		if p.Open(t.now) {
			found = append(found, t.e.postingView(*p, t.lang))
		}
	}
	if len(found) == 0 {
		t.say("worker.search_none", nil)
		return nil
	}
	t.say("worker.search_results", found)
	return nil
}

// searchQuery builds the index query for text and the worker's profile.
// ok is false when neither says anything to search by.
func (t *turn) searchQuery(text string) (q gigbot.SearchQuery, ok bool) {
	q = gigbot.SearchQuery{OpenAt: t.now, Limit: searchLimit}
	var profile gigbot.Profile
	if t.onboarded() {
		profile = t.worker.Profile
	}
	q.MinPay = profile.MinPay

	place, hasPlace := t.e.match.Place(text)
	q.Skills = t.e.match.Skills(text)
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

// listFairs shows the job fairs still to come.
func (t *turn) listFairs() error {
	var fairs []templates.Fair
	err := t.e.store.Fairs(t.ctx, t.now, func(f gigbot.Fair) error {
		if len(fairs) < fairsLimit {
			fairs = append(fairs, t.e.fairView(f))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("list fairs: %w", err)
	}
	if len(fairs) == 0 {
		t.say("worker.fairs_none", nil)
		return nil
	}
	t.say("worker.fairs", fairs)
	return nil
}
