package templates

import (
	"time"

	"github.com/gigbot/gigbot"
)

// The view types below are the data templates take: what a sentence shows,
// already in the reader's language where gigbot translates it (skill
// names) and in the service's time zone (times).

// Posting is a gig as shown to workers and, in its preview, to the
// employer who wrote it.
type Posting struct {
	ID        int64 // 0 for a draft; workers report a posting by it
	Title     string
	Skills    []string // display names
	District  string
	Street    string
	Headcount int // 0 when not stated
	Pay       gigbot.Pay
	Start     time.Time // zero when not stated
	Phone     string    // the employer's, as posted
	Text      string    // the employer's original message
	Until     time.Time // when it stops being pushed and found; zero when not known
}

// Profile is a worker's own profile, shown only to that worker.
type Profile struct {
	Skills       []string // display names
	District     string
	Street       string
	RadiusKm     float64
	AnyDistance  bool // "不限": anywhere in the city
	MinPay       int  // yuan per day; 0 means any
	Paused       bool // no pushes for now (paused or unsubscribed)
	Unsubscribed bool // no messages at all until they resume

	// Delivery settings; the zero values read as the service's defaults.
	Digest     bool   // one digest a day rather than each posting as it comes
	DigestAt   string // "HH:MM" of the digest; empty: the default time
	QuietHours string // "HH:MM-HH:MM"; empty: the default; "off": none
	DailyCap   int    // most posting notices a day; 0: the default
}

// Saved is what a worker is told when their profile is saved: whether it
// was a change, and how many open postings that fit are on their way.
type Saved struct {
	Editing bool
	Coming  int
	Profile Profile
}

// Question is an onboarding question: the worker's answers so far, and
// whether they are changing a saved profile (then the current value is
// shown and can be kept).
type Question struct {
	Editing bool
	Profile Profile
}

// Fair is a job fair.
type Fair struct {
	Title    string
	At       time.Time
	Venue    string
	District string // empty means the whole city

	Counted    bool // Registered is known (shown to staff)
	Registered int  // workers who registered ("报名")
}

// Help tells what the help text should cover.
type Help struct {
	Onboarded bool // a registered worker: profile commands apply
	Staff     bool // staff: the fair command applies
}

// SearchWidened says why a search shows postings that do not fully fit:
// none paid the worker's minimum (BelowPay), or none was of their skills.
type SearchWidened struct {
	BelowPay bool
	MinPay   int  // yuan per day
	Farther  bool // none near the worker: these are elsewhere in the city
}

// DigestInQuiet says that a worker's digest time (At, "HH:MM") falls in
// their quiet hours, which end at Until ("HH:MM").
type DigestInQuiet struct {
	At, Until string
}
