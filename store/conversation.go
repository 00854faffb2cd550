package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gigbot/gigbot"
)

// Conversation returns the dialog state for u: a zero Conversation with
// User set and an empty Data map when there is none.
func (db *DB) Conversation(ctx context.Context, u gigbot.UserRef) (gigbot.Conversation, error) {
	return db.readConversation(db.r.queryRow(ctx, db.q.conversation, u.Key()), u)
}

func (db *DB) readConversation(row *sql.Row, u gigbot.UserRef) (gigbot.Conversation, error) {
	c := gigbot.Conversation{User: u}
	var data, choices string
	var updated sql.NullInt64
	err := row.Scan(&c.Role, &c.Step, &data, &choices, &c.Lang, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		c.Data = map[string]string{}
		return c, nil
	case err != nil:
		return c, fmt.Errorf("read conversation %s: %w", u.Hash(), err)
	}
	if err := fromJSON(data, &c.Data); err != nil {
		return c, fmt.Errorf("read conversation %s data: %w", u.Hash(), err)
	}
	if err := fromJSON(choices, &c.Choices); err != nil {
		return c, fmt.Errorf("read conversation %s choices: %w", u.Hash(), err)
	}
	if c.Data == nil {
		c.Data = map[string]string{}
	}
	c.UpdatedAt = fromMillis(updated)
	return c, nil
}

// SaveConversation replaces the state for c.User, stamping it with the
// store's clock (c.UpdatedAt is ignored).
func (db *DB) SaveConversation(ctx context.Context, c gigbot.Conversation) error {
	return db.writeConversation(ctx, nil, c)
}

// writeConversation saves c in tx, or on its own when tx is nil.
func (db *DB) writeConversation(ctx context.Context, tx *sql.Tx, c gigbot.Conversation) error {
	if c.User.IsZero() {
		return gigbot.Errorf(gigbot.EINVALID, "save conversation: no user")
	}
	data, err := toJSON(c.Data)
	if err != nil {
		return fmt.Errorf("save conversation %s: %w", c.User.Hash(), err)
	}
	choices, err := toJSON(c.Choices)
	if err != nil {
		return fmt.Errorf("save conversation %s: %w", c.User.Hash(), err)
	}
	args := []any{c.User.Key(), string(c.Role), c.Step, data, choices, c.Lang, millis(db.now())}
	if tx != nil {
		_, err = tx.ExecContext(ctx, db.q.saveConversation, args...)
	} else {
		_, err = db.w.exec(ctx, db.q.saveConversation, args...)
	}
	if err != nil {
		return fmt.Errorf("save conversation %s: %w", c.User.Hash(), err)
	}
	return nil
}
