package gigbot

import (
	"context"
	"time"
)

// This file holds what channel adapters keep beside the Store: platform
// credentials shared by every process, and when each user last wrote
// (WeChat lets an account message a user freely only for 48 hours after).

// TokenStore keeps platform access tokens, one per key (e.g. per WeChat
// AppID), so that every process of a deployment uses the same one instead
// of each fetching its own and invalidating the others'.
type TokenStore interface {
	// AccessToken returns the token stored under key and when it expires;
	// token is "" when there is none.
	AccessToken(ctx context.Context, key string) (token string, expires time.Time, err error)
	// SaveAccessToken stores token under key until expires.
	SaveAccessToken(ctx context.Context, key, token string, expires time.Time) error
	// DropAccessToken removes the token under key, but only while it is
	// still token: a process told that token is invalid must not drop the
	// fresh one another process has just saved.
	DropAccessToken(ctx context.Context, key, token string) error
}

// InteractionLog remembers when each user last wrote to gigbot.
type InteractionLog interface {
	// RecordInteraction notes that u wrote at t; an earlier t than the one
	// recorded changes nothing.
	RecordInteraction(ctx context.Context, u UserRef, t time.Time) error
	// LastInteraction returns when u last wrote; the zero time when never.
	LastInteraction(ctx context.Context, u UserRef) (time.Time, error)
}

// NoticeSender is a Sender that can use what a notice is about, not only
// its text: WeChat sends a posting or a fair to a user it may no longer
// write to freely as a template message built from the notice's fields.
type NoticeSender interface {
	Sender
	// SendNotice delivers n to n.To, with the errors of Sender.Send.
	SendNotice(ctx context.Context, n Notice) error
}

// NoticeFielder words a notice field by field, in the recipient's
// language, for platforms that show a notice as labelled fields (WeChat
// template messages) instead of as text. The field names of each kind are
// NoticeFieldNames.
type NoticeFielder interface {
	NoticeFields(ctx context.Context, n Notice) (map[string]string, error)
}

// NoticeFieldNames lists the fields a notice of kind has for a
// NoticeFielder, in display order; nil for kinds without fields.
func NoticeFieldNames(kind NoticeKind) []string {
	switch kind {
	case NoticePosting:
		return []string{"title", "work", "pay", "place", "start", "headcount", "phone", "remark"}
	case NoticeFair:
		return []string{"title", "time", "venue", "remark"}
	}
	return nil
}
