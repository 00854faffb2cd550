package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gigbot/gigbot"
)

var (
	_ gigbot.TokenStore     = (*DB)(nil)
	_ gigbot.InteractionLog = (*DB)(nil)
)

// The SQL of this file means the same in SQLite and PostgreSQL.
const (
	qAccessToken     = `SELECT token, expires_at FROM access_tokens WHERE key = $1`
	qSaveAccessToken = `INSERT INTO access_tokens (key, token, expires_at, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at, updated_at = excluded.updated_at`
	qDropAccessToken   = `DELETE FROM access_tokens WHERE key = $1 AND token = $2`
	qRecordInteraction = `INSERT INTO interactions (user_key, at) VALUES ($1, $2)
		ON CONFLICT (user_key) DO UPDATE SET at = excluded.at WHERE excluded.at > interactions.at`
	qLastInteraction = `SELECT at FROM interactions WHERE user_key = $1`
)

// AccessToken returns the token stored under key and when it expires; ""
// when there is none.
func (db *DB) AccessToken(ctx context.Context, key string) (string, time.Time, error) {
	var (
		token   string
		expires sql.NullInt64
	)
	err := db.r.queryRow(ctx, qAccessToken, key).Scan(&token, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	} else if err != nil {
		return "", time.Time{}, fmt.Errorf("read access token: %w", err)
	}
	return token, fromMillis(expires), nil
}

// SaveAccessToken stores token under key until expires.
func (db *DB) SaveAccessToken(ctx context.Context, key, token string, expires time.Time) error {
	if _, err := db.w.exec(ctx, qSaveAccessToken, key, token, expires.UnixMilli(), db.now().UnixMilli()); err != nil {
		return fmt.Errorf("save access token: %w", err)
	}
	return nil
}

// DropAccessToken removes the token under key while it is still token.
func (db *DB) DropAccessToken(ctx context.Context, key, token string) error {
	if _, err := db.w.exec(ctx, qDropAccessToken, key, token); err != nil {
		return fmt.Errorf("drop access token: %w", err)
	}
	return nil
}

// RecordInteraction notes that u wrote at t, unless a later time is
// recorded already (a retried or late callback).
func (db *DB) RecordInteraction(ctx context.Context, u gigbot.UserRef, t time.Time) error {
	if _, err := db.w.exec(ctx, qRecordInteraction, u.Key(), t.UnixMilli()); err != nil {
		return fmt.Errorf("record interaction of %s: %w", u.Hash(), err)
	}
	return nil
}

// LastInteraction returns when u last wrote; the zero time when never.
func (db *DB) LastInteraction(ctx context.Context, u gigbot.UserRef) (time.Time, error) {
	var at sql.NullInt64
	err := db.r.queryRow(ctx, qLastInteraction, u.Key()).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, fmt.Errorf("read interaction of %s: %w", u.Hash(), err)
	}
	return fromMillis(at), nil
}
