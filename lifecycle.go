package gigbot

import (
	"context"
	"time"
)

// FairRegistry records the workers who registered interest in a fair
// ("报名"), so staff can count them and reminders reach them.
type FairRegistry interface {
	// RegisterForFair records u's interest and reports true the first time.
	RegisterForFair(ctx context.Context, fairID int64, u UserRef) (bool, error)
	// UnregisterFromFair withdraws u's interest ("取消报名") and reports
	// whether there was any.
	UnregisterFromFair(ctx context.Context, fairID int64, u UserRef) (bool, error)
	// FairRegistrations counts the workers registered for a fair.
	FairRegistrations(ctx context.Context, fairID int64) (int, error)
	// FairRegistrants calls fn for each registered user, in order of registration.
	FairRegistrants(ctx context.Context, fairID int64, fn func(UserRef) error) error
}

// EmployerPostings lists one employer's postings, so they can close one
// ("招满了").
type EmployerPostings interface {
	// PostingsBy calls fn for each posting of employer, newest first.
	PostingsBy(ctx context.Context, employer UserRef, fn func(Posting) error) error
}

// WorkerFeed lists the workers written since a time, active or not, so the
// in-memory matching index of each process follows changes made by others.
type WorkerFeed interface {
	WorkersUpdatedSince(ctx context.Context, since time.Time, fn func(Worker) error) error
}
