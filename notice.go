package gigbot

import "time"

// NoticeKind says what a queued notice is about.
type NoticeKind string

// Notice kinds.
const (
	NoticePosting NoticeKind = "posting" // a matching posting; counts against the daily cap
	NoticeFair    NoticeKind = "fair"    // a job fair announcement
	NoticeMessage NoticeKind = "message" // a reply or status sent outside a chat turn
	// NoticeFairReminder reminds a registered worker of a fair (the day
	// before, the morning of the day); one per fair, reminder time and user.
	NoticeFairReminder NoticeKind = "fair_reminder"
)

// NoticeStatus is where a notice is in the outbox.
type NoticeStatus string

// Notice statuses.
const (
	NoticePending NoticeStatus = "pending"
	NoticeSent    NoticeStatus = "sent"
	NoticeFailed  NoticeStatus = "failed"
)

// Notice is one message queued in the outbox for one user. It is written
// before it is sent and marked sent after, so nothing is lost in a crash.
// A user gets at most one notice per posting and per fair.
type Notice struct {
	ID        int64
	To        UserRef
	Kind      NoticeKind
	PostingID int64 // for NoticePosting
	FairID    int64 // for NoticeFair and NoticeFairReminder
	Reply     Reply // rendered text in the recipient's language
	Status    NoticeStatus
	DueAt     time.Time
	Attempts  int
	CreatedAt time.Time
	SentAt    time.Time
	LastError string // short cause, never personal data
}
