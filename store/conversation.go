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
	c := gigbot.Conversation{User: u}
	var data, choices string
	var updated sql.NullInt64
	err := db.r.QueryRowContext(ctx, db.q.conversation, u.Key()).
		Scan(&c.Role, &c.Step, &data, &choices, &c.Lang, &updated)
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
	_, err = db.w.ExecContext(ctx, db.q.saveConversation,
		c.User.Key(), string(c.Role), c.Step, data, choices, c.Lang, millis(db.now()))
	if err != nil {
		return fmt.Errorf("save conversation %s: %w", c.User.Hash(), err)
	}
	return nil
}
