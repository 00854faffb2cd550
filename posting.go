package gigbot

import "time"

// PayUnit is the period a pay figure refers to.
type PayUnit string

// Pay units, as in the contract's `posting parse` output.
const (
	PayHour  PayUnit = "hour"
	PayDay   PayUnit = "day"
	PayMonth PayUnit = "month"
	PayPiece PayUnit = "piece"
)

// Pay is a posting's pay range in yuan per Unit. Zero Unit means unknown
// (面议 or not stated).
type Pay struct {
	Min  int     `json:"min"`
	Max  int     `json:"max"`
	Unit PayUnit `json:"unit"`
}

// Known reports whether the pay was stated.
func (p Pay) Known() bool { return p.Unit != "" }

// Typical working time used to compare pay across units with a worker's
// minimum, which is per day.
const (
	hoursPerDay  = 8
	daysPerMonth = 22
)

// DailyMax is the best daily pay the posting offers, for comparison with a
// worker's minimum. ok is false when it cannot be compared (unknown, piece).
func (p Pay) DailyMax() (yuan int, ok bool) {
	switch p.Unit {
	case PayDay:
		return p.Max, true
	case PayHour:
		return p.Max * hoursPerDay, true
	case PayMonth:
		return p.Max / daysPerMonth, true
	}
	return 0, false
}

// PostingStatus is where a posting is in its life.
type PostingStatus string

// Posting statuses.
const (
	PostingOpen     PostingStatus = "open"     // published, pushed and searchable
	PostingReview   PostingStatus = "review"   // held by screening for staff
	PostingRejected PostingStatus = "rejected" // refused by screening or staff
	PostingClosed   PostingStatus = "closed"   // closed by the employer
)

// Verdict is the screening outcome of a posting.
type Verdict string

// Screening verdicts.
const (
	VerdictOK     Verdict = "ok"
	VerdictReview Verdict = "review"
	VerdictReject Verdict = "reject"
)

// Screening is the result of checking a posting before publishing.
type Screening struct {
	Verdict Verdict  `json:"verdict"`
	Reasons []string `json:"reasons"` // stable snake_case codes
}

// Posting is a gig offered by an employer.
type Posting struct {
	ID        int64
	Employer  UserRef
	Title     string
	Text      string   // the employer's original message, kept whole
	Skills    []string // skill codes
	Place     Place
	Headcount int // 0 when not stated
	Pay       Pay
	Start     time.Time // zero when not stated
	Phone     string    // personal data
	Screening Screening
	Status    PostingStatus
	CreatedAt time.Time
	ExpiresAt time.Time
	Duration  string   // how long the work lasts as written short ("10天", "长期"); empty when not stated
	Notes     []string // parts of the text no field took (包吃住, 持证上岗), for the human reader
}

// Open reports whether the posting can be pushed and found at t.
func (p Posting) Open(t time.Time) bool {
	return p.Status == PostingOpen && (p.ExpiresAt.IsZero() || t.Before(p.ExpiresAt))
}

// DefaultPostingLifetime is how long a posting stays open when the
// employer gave no end date.
const DefaultPostingLifetime = 7 * 24 * time.Hour

// SearchQuery asks the index for open postings.
type SearchQuery struct {
	Text     string   // free text, matched by the Chinese-aware analyzer
	Skills   []string // any of these skill codes
	District string   // official district name
	Near     Point    // with RadiusKm: within this distance
	RadiusKm float64
	MinPay   int       // minimum daily pay, 0 = any
	OpenAt   time.Time // only postings not expired at this time
	Limit    int       // 0 means a sensible default
}
