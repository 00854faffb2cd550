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
}

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
