package gigbot

import "time"

// Profile is what a worker told gigbot about the work they want.
type Profile struct {
	Skills   []string `json:"skills"`    // skill codes from the taxonomy
	District string   `json:"district"`  // official district name, may be empty when only a point is known
	Street   string   `json:"street"`    // may be empty
	Point    Point    `json:"point"`     // home or chosen point; zero when unknown
	RadiusKm float64  `json:"radius_km"` // how far they will travel; 0 means "within the district"
	MinPay   int      `json:"min_pay"`   // minimum pay in yuan per day; 0 means any

	// Delivery preferences, set in chat. Zero values mean the defaults.
	Delivery   Delivery `json:"delivery,omitempty"`    // instant (default) or digest
	DigestAt   string   `json:"digest_at,omitempty"`   // "HH:MM" local time of the daily digest
	QuietHours string   `json:"quiet_hours,omitempty"` // "HH:MM-HH:MM", overrides push.quiet_hours; "off" for none
	DailyCap   int      `json:"daily_cap,omitempty"`   // overrides push.daily_cap when > 0
}

// Delivery is how a worker wants posting notices: one by one as they are
// matched, or gathered in one daily digest.
type Delivery string

// Delivery modes.
const (
	DeliveryInstant Delivery = "instant"
	DeliveryDigest  Delivery = "digest"
)

// Worker is a person looking for gig work, on one channel.
type Worker struct {
	ID           int64
	User         UserRef
	Profile      Profile
	Lang         string // "zh" (default) or "en"
	Onboarded    bool   // finished onboarding and confirmed the profile
	Paused       bool   // asked for no pushes for now
	Unsubscribed bool   // left: no pushes at all
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Active reports whether the worker should receive pushes.
func (w Worker) Active() bool { return w.Onboarded && !w.Paused && !w.Unsubscribed }
