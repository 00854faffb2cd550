package templates

// Review is a posting as staff review it: why it was held, how often it
// was reported, and its employer's record.
type Review struct {
	ID       int64
	Posting  Posting
	Reasons  []string // rendered employer.reason.* texts
	Reports  int      // distinct workers who reported it
	Employer Employer
}

// Employer is an employer's record as staff see it: a reference, never
// their platform id.
type Employer struct {
	Ref        string // gigbot.UserRef.Hash(); empty for a seeded posting
	Verified   bool
	Postings   int
	Rejections int
	Reports    int
	Credit     int
}

// Decision is a staff decision on a posting, as told to staff and to the
// employer.
type Decision struct {
	ID     int64
	Title  string
	Queued int    // workers the approved posting was pushed to
	Reason string // why it was refused, as staff typed it
}

// Blacklisted says what a blacklist command blocked.
type Blacklisted struct {
	Employers int // accounts blocked
	Phones    int // phone numbers blocked
	Closed    int // postings taken down
}
