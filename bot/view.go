package bot

import (
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// postingView is what templates show of a posting, for a reader of lang.
func (e *Engine) postingView(p gigbot.Posting, lang string) templates.Posting {
	return templates.Posting{
		ID:        p.ID,
		Title:     p.Title,
		Skills:    e.skillNames(p.Skills, lang),
		District:  p.Place.District,
		Street:    p.Place.Street,
		Headcount: p.Headcount,
		Pay:       p.Pay,
		Start:     e.local(p.Start),
		Phone:     p.Phone,
		Text:      p.Text,
		Until:     e.until(p.ExpiresAt),
	}
}

// fairView is what templates show of a fair.
func (e *Engine) fairView(f gigbot.Fair) templates.Fair {
	return templates.Fair{Title: f.Title, At: e.local(f.At), Venue: f.Venue, District: f.District}
}

// profileView is a worker's profile as shown to that worker. The point is
// left out: only the district and street are ever shown.
func (t *turn) profileView(p gigbot.Profile, paused bool) templates.Profile {
	return templates.Profile{
		Skills:       t.skillNames(p.Skills),
		District:     p.District,
		Street:       p.Street,
		RadiusKm:     p.RadiusKm,
		AnyDistance:  p.RadiusKm >= cityWideKm,
		MinPay:       p.MinPay,
		Paused:       paused,
		Unsubscribed: t.worker != nil && t.worker.Unsubscribed,
		Digest:       p.Delivery == gigbot.DeliveryDigest,
		DigestAt:     p.DigestAt,
		QuietHours:   p.QuietHours,
		DailyCap:     p.DailyCap,
	}
}

func (t *turn) skillNames(codes []string) []string { return t.e.skillNames(codes, t.lang) }

// skillNames are the display names of skill codes in lang.
func (e *Engine) skillNames(codes []string, lang string) []string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		names = append(names, e.match.SkillName(c, lang))
	}
	return names
}

// until is the last moment a posting that expires at t is open, for
// showing as a day: one ending at midnight is open until the day before.
func (e *Engine) until(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return e.local(t.Add(-time.Second))
}

// local is t in the service's zone; the zero time stays zero, meaning
// "not stated".
func (e *Engine) local(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(e.loc)
}
