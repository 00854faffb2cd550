package gigbot

import (
	"context"
	"time"
)

// This file holds trust and safety: staff review of held postings,
// workers' reports, employers' credit and the blacklist, the audit log of
// staff actions, and the deletion of a worker's personal data.

// ReportThreshold is how many distinct workers must report a posting
// before it is held for staff: one report may be a mistake or a grudge,
// three rarely are. Every further ReportThreshold reports hold it again,
// even after staff approved it.
const ReportThreshold = 3

// EmployerRecord is what gigbot knows of an employer's conduct. Postings,
// Rejections and Reports are counted from the store, never kept as
// counters that could drift.
type EmployerRecord struct {
	Employer    UserRef
	Verified    bool // staff checked who they are ("认证")
	Blacklisted bool // staff blocked them ("拉黑")
	Postings    int  // every posting they submitted, whatever became of it
	Rejections  int  // postings refused, by screening or by staff
	Reports     int  // reports by workers against any of their postings
}

// Credit scoring. An employer starts at CreditBase; verification and a
// clean history raise it, each rejection and report lowers it.
const (
	CreditBase           = 60
	CreditVerifiedBonus  = 20
	CreditPerPosting     = 2  // per posting that was not rejected, up to CreditPostingsCap
	CreditPostingsCap    = 10 // postings beyond this earn nothing more
	CreditPerRejection   = 15
	CreditPerReport      = 5
	CreditReviewBelow    = 50 // a score under this sends every posting to review
	ReasonEmployerRecord = "employer_record"
	ReasonBlacklisted    = "blacklisted"
)

// Credit is the employer's score (see the Credit* constants).
func (r EmployerRecord) Credit() int {
	score := CreditBase + CreditPerPosting*min(max(r.Postings-r.Rejections, 0), CreditPostingsCap)
	if r.Verified {
		score += CreditVerifiedBonus
	}
	return score - CreditPerRejection*r.Rejections - CreditPerReport*r.Reports
}

// NeedsReview is the one rule deciding whether an employer's postings go
// to staff before publishing, whatever screening says of the text: an
// unverified employer who was ever rejected or reported, or any employer
// whose Credit is below CreditReviewBelow. A new, unverified employer with
// a clean record publishes at once, as the service wants gigs to flow.
func (r EmployerRecord) NeedsReview() bool {
	if !r.Verified && (r.Rejections > 0 || r.Reports > 0) {
		return true
	}
	return r.Credit() < CreditReviewBelow
}

// AuditAction names a staff action written to the audit log.
type AuditAction string

// The audited staff actions.
const (
	AuditApprove   AuditAction = "approve"
	AuditReject    AuditAction = "reject"
	AuditBlacklist AuditAction = "blacklist"
	AuditVerify    AuditAction = "verify"
	AuditFair      AuditAction = "fair_broadcast"
)

// AuditEntry is one staff action. Actor is UserRef.Hash(), never the id
// itself; Target names what was acted on ("posting:12", "employer:<hash>",
// "phone:138****5678", "fair:3") without personal data in clear.
type AuditEntry struct {
	ID     int64
	Actor  string
	Action AuditAction
	Target string
	At     time.Time
}

// ReviewStore keeps what staff review and act on.
type ReviewStore interface {
	// PostingsInReview returns up to limit postings held for review,
	// oldest first.
	PostingsInReview(ctx context.Context, limit int) ([]Posting, error)
	// ReportPosting records that reporter reported a posting and returns
	// how many distinct users have reported it; reporting twice counts
	// once. Reporters are kept as UserRef.Hash() only.
	ReportPosting(ctx context.Context, postingID int64, reporter UserRef) (reports int, first bool, err error)
	// PostingReports counts the distinct users who reported a posting.
	PostingReports(ctx context.Context, postingID int64) (int, error)
	// LastPostingNotice returns the posting of the newest posting notice
	// sent to u, 0 when none was, so "举报" alone means the latest push.
	LastPostingNotice(ctx context.Context, u UserRef) (int64, error)
	// Audit appends e to the audit log and sets e.ID.
	Audit(ctx context.Context, e *AuditEntry) error
	// AuditLog returns up to limit entries, newest first.
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)
}

// EmployerStore keeps employers' records and the blacklist.
type EmployerStore interface {
	// EmployerRecord returns u's record; a zero record (with Employer set)
	// for an employer gigbot has not seen.
	EmployerRecord(ctx context.Context, u UserRef) (EmployerRecord, error)
	// EmployerByRef finds the employer whose UserRef.Hash() is ref, or
	// returns ENOTFOUND.
	EmployerByRef(ctx context.Context, ref string) (UserRef, error)
	// SetEmployerVerified marks u verified or not.
	SetEmployerVerified(ctx context.Context, u UserRef, verified bool) error
	// BlacklistEmployer blocks u's account.
	BlacklistEmployer(ctx context.Context, u UserRef) error
	// BlockPhone blocks a phone number in postings from any account.
	BlockPhone(ctx context.Context, phone string) error
	// PhoneBlocked reports whether a phone number is blocked.
	PhoneBlocked(ctx context.Context, phone string) (bool, error)
	// PostingsWithPhone calls fn for each posting carrying phone, newest
	// first.
	PostingsWithPhone(ctx context.Context, phone string, fn func(Posting) error) error
}

// PersonalData deletes what gigbot keeps about one user ("删除我的信息").
type PersonalData interface {
	// DeleteUserData removes u's worker row, conversation, notices, fair
	// registrations, interaction record and the platform callback keys
	// that name u, in one transaction. Postings u published as an employer
	// stay: they are the employer's public offers. Reports u made stay as
	// a hash that names nobody.
	DeleteUserData(ctx context.Context, u UserRef) error
}

// SafetyStore is every store interface trust and safety needs. The
// embedded store implements it.
type SafetyStore interface {
	ReviewStore
	EmployerStore
	PersonalData
}
