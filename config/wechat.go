package config

import (
	"slices"
	"sort"

	"github.com/gigbot/gigbot"
)

// maxMenuButtons and maxMenuName are WeChat's limits on a first-level
// custom menu: 3 buttons, names of at most 16 bytes (4 Chinese characters),
// keys of at most 128 bytes.
const (
	maxMenuButtons = 3
	maxMenuName    = 16
	maxMenuKey     = 128
)

// validateNotices checks wechat.menu, wechat.window and wechat.templates.
func (w WeChat) validateNotices(bad badFunc) error {
	if len(w.Menu) > maxMenuButtons {
		return bad("wechat.menu", "at most %d buttons, got %d", maxMenuButtons, len(w.Menu))
	}
	for _, b := range w.Menu {
		if b.Name == "" || len(b.Name) > maxMenuName {
			return bad("wechat.menu", "a button name is 1-%d bytes (4 Chinese characters), got %q", maxMenuName, b.Name)
		}
		if b.Key == "" || len(b.Key) > maxMenuKey {
			return bad("wechat.menu", "button %q needs a key of 1-%d bytes", b.Name, maxMenuKey)
		}
	}
	for _, k := range []struct {
		kind   gigbot.NoticeKind
		window string
		tpl    WeChatTemplate
	}{{gigbot.NoticePosting, w.Window.Posting, w.Templates.Posting}, {gigbot.NoticeFair, w.Window.Fair, w.Templates.Fair}} {
		kind := string(k.kind)
		switch k.window {
		case WindowWait:
		case WindowTemplate:
			if k.tpl.ID == "" {
				return bad("wechat.templates."+kind+".id", "required when wechat.window.%s is %s", kind, WindowTemplate)
			}
			if len(k.tpl.Fields) == 0 {
				return bad("wechat.templates."+kind+".fields", "required when wechat.window.%s is %s", kind, WindowTemplate)
			}
		default:
			return bad("wechat.window."+kind, "must be %s or %s, got %q", WindowTemplate, WindowWait, k.window)
		}
		names := gigbot.NoticeFieldNames(k.kind)
		keywords := make([]string, 0, len(k.tpl.Fields))
		for kw := range k.tpl.Fields {
			keywords = append(keywords, kw)
		}
		sort.Strings(keywords) // the first bad one, the same every time
		for _, kw := range keywords {
			if !slices.Contains(names, k.tpl.Fields[kw]) {
				return bad("wechat.templates."+kind+".fields."+kw, "must be one of %v, got %q", names, k.tpl.Fields[kw])
			}
		}
	}
	return nil
}
