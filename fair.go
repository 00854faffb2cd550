package gigbot

import "time"

// Fair is a job fair announced by staff.
type Fair struct {
	ID        int64
	Title     string
	At        time.Time
	Venue     string
	District  string // official district name; empty means the whole city
	CreatedBy UserRef
	CreatedAt time.Time
}
