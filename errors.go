package gigbot

import (
	"errors"
	"fmt"
)

// Error codes of domain failures. The code decides what a user is told.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNREACHABLE  = "unreachable"  // the user cannot be reached now; try later
	ERATELIMITED  = "rate_limited" // the platform asked us to slow down
	EBLOCKED      = "blocked"      // the user blocked the bot or unsubscribed
	EUNAUTHORIZED = "unauthorized"
)

// Error is a domain failure with a code and a message safe to log.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("gigbot error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the domain error in err's chain, or
// EINTERNAL for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// RateLimitedError is a platform's "slow down": retry after RetryAfter.
type RateLimitedError struct {
	RetryAfter int // seconds
}

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("rate limited: retry after %ds", e.RetryAfter)
}
