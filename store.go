package gigbot

import (
	"context"
	"time"
)

// WorkerStore keeps workers and their profiles.
type WorkerStore interface {
	// Worker returns the worker for u, or an ENOTFOUND error.
	Worker(ctx context.Context, u UserRef) (*Worker, error)
	// SaveWorker inserts or updates the worker keyed by w.User and sets
	// w.ID, w.CreatedAt and w.UpdatedAt.
	SaveWorker(ctx context.Context, w *Worker) error
	// ActiveWorkers calls fn for every worker with Active() true.
	ActiveWorkers(ctx context.Context, fn func(Worker) error) error
}

// PostingStore keeps postings.
type PostingStore interface {
	// CreatePosting inserts p and sets p.ID and p.CreatedAt.
	CreatePosting(ctx context.Context, p *Posting) error
	// Posting returns one posting, or an ENOTFOUND error.
	Posting(ctx context.Context, id int64) (*Posting, error)
	// SetPostingStatus changes a posting's status.
	SetPostingStatus(ctx context.Context, id int64, s PostingStatus) error
	// Postings calls fn for every posting, in id order (used to rebuild
	// the index).
	Postings(ctx context.Context, fn func(Posting) error) error
}

// FairStore keeps job fairs.
type FairStore interface {
	// CreateFair inserts f and sets f.ID and f.CreatedAt.
	CreateFair(ctx context.Context, f *Fair) error
	// Fair returns one fair, or an ENOTFOUND error.
	Fair(ctx context.Context, id int64) (*Fair, error)
	// Fairs calls fn for every fair at or after since, soonest first.
	Fairs(ctx context.Context, since time.Time, fn func(Fair) error) error
}

// Conversation is where a user is in a dialog with the bot.
type Conversation struct {
	User      UserRef
	Role      Role
	Step      string            // dialog step name; "" is idle
	Data      map[string]string // answers collected so far in this dialog
	Choices   []Choice          // the choices last offered, to map "1", "2" back to values
	Lang      string
	UpdatedAt time.Time
}

// ConversationStore keeps dialog state, one row per user.
type ConversationStore interface {
	// Conversation returns the state for u; a zero Conversation (with
	// User set) when there is none.
	Conversation(ctx context.Context, u UserRef) (Conversation, error)
	// SaveConversation replaces the state for c.User.
	SaveConversation(ctx context.Context, c Conversation) error
}

// Outbox is the durable queue of notices and the log of what was sent.
type Outbox interface {
	// Enqueue writes notices, skipping any the recipient already has for
	// the same posting or fair. It sets the IDs of those written and
	// returns how many were written.
	Enqueue(ctx context.Context, ns []Notice) (int, error)
	// DueNotices returns up to limit pending notices with DueAt <= now,
	// oldest first.
	DueNotices(ctx context.Context, now time.Time, limit int) ([]Notice, error)
	// PendingFor returns the pending notices of one user, oldest first.
	// It may read the whole pending backlog: for support and tests.
	PendingFor(ctx context.Context, u UserRef) ([]Notice, error)
	// HeldFor returns the pending notices of one user that were held or
	// postponed (with a cause), oldest first; cheap at any outbox size.
	HeldFor(ctx context.Context, u UserRef) ([]Notice, error)
	// MarkSent records that the notice was delivered at t.
	MarkSent(ctx context.Context, id int64, t time.Time) error
	// Postpone keeps the notice pending until at, counting an attempt and
	// recording a short cause: a send was tried and failed.
	Postpone(ctx context.Context, id int64, at time.Time, cause string) error
	// Hold keeps the notice pending until at without counting an attempt:
	// it was not tried (quiet hours, daily cap) or the user was away.
	Hold(ctx context.Context, id int64, at time.Time, cause string) error
	// MarkFailed gives up on the notice with a short cause.
	MarkFailed(ctx context.Context, id int64, cause string) error
	// SentCount counts notices of kind sent to u at or after since.
	SentCount(ctx context.Context, u UserRef, kind NoticeKind, since time.Time) (int, error)
}

// CallbackLog remembers the keys of processed platform callbacks so a
// retried callback is handled once.
type CallbackLog interface {
	// ClaimCallback records key and reports true the first time it is seen.
	ClaimCallback(ctx context.Context, key string) (bool, error)
}

// Store is everything gigbot keeps. The embedded store implements it.
type Store interface {
	WorkerStore
	PostingStore
	FairStore
	ConversationStore
	Outbox
	CallbackLog
	FairRegistry
	EmployerPostings
	Close() error
}

// Index finds open postings by text, skill, place and pay.
type Index interface {
	// Put adds or replaces a posting.
	Put(ctx context.Context, p Posting) error
	// Delete removes a posting.
	Delete(ctx context.Context, id int64) error
	// Search returns the ids of matching postings, best first.
	Search(ctx context.Context, q SearchQuery) ([]int64, error)
}

// Sender delivers a reply to one user on one channel. It returns an error
// with code EUNREACHABLE when the user cannot be reached now (the notice
// stays queued), EBLOCKED when they blocked the bot, or a
// *RateLimitedError.
type Sender interface {
	Send(ctx context.Context, to UserRef, r Reply) error
}
