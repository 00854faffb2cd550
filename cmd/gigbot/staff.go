package main

import (
	"slices"
	"strings"

	"github.com/gigbot/gigbot"
)

// staffUsers lists who is alerted of postings held for review: the staff
// of the config on each enabled channel, and the terminal users connected
// as staff (`gigbot chat --as staff`).
func (a *app) staffUsers() []gigbot.UserRef {
	var out []gigbot.UserRef
	if a.wechat != nil {
		for _, id := range a.cfg.Staff.WeChat {
			out = append(out, gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: id})
		}
	}
	if a.telegram != nil {
		for _, id := range a.cfg.Staff.Telegram {
			out = append(out, gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: id})
		}
	}
	a.staffMu.Lock()
	for id := range a.terminalStaff {
		out = append(out, gigbot.UserRef{Channel: gigbot.ChannelTerminal, ID: id})
	}
	a.staffMu.Unlock()
	// Map order would change who is alerted first from run to run.
	slices.SortFunc(out, func(x, y gigbot.UserRef) int { return strings.Compare(x.Key(), y.Key()) })
	return out
}
