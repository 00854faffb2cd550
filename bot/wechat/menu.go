package wechat

import (
	"context"
	"errors"
	"fmt"

	"github.com/silenceper/wechat/v2/officialaccount/menu"
)

// MenuButton is one button of the Official Account's custom menu: a CLICK
// button whose Key comes back as a CLICK event (gigbot.MessageClick).
type MenuButton struct {
	Name string
	Key  string
}

// maxMenuButtons is WeChat's limit on first-level menu buttons.
const maxMenuButtons = 3

// SetMenu replaces the account's custom menu with CLICK buttons, through
// the SDK's menu API. It takes no ctx because the SDK's menu calls take
// none; the HTTP client's timeout bounds it.
func (c *Channel) SetMenu(_ context.Context, buttons []MenuButton) error {
	if len(buttons) == 0 || len(buttons) > maxMenuButtons {
		return fmt.Errorf("wechat menu: %d buttons, want 1 to %d", len(buttons), maxMenuButtons)
	}
	btns := make([]*menu.Button, 0, len(buttons))
	for _, b := range buttons {
		if b.Name == "" || b.Key == "" {
			return errors.New("wechat menu: every button needs a name and a key")
		}
		btns = append(btns, new(menu.Button).SetClickButton(b.Name, b.Key))
	}
	if err := c.oa.GetMenu().SetMenu(btns); err != nil {
		return fmt.Errorf("wechat menu: %w", redactErr(err))
	}
	return nil
}
