package config

import (
	"strings"
	"testing"
)

func TestWeChatNoticeKeys(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		key  string // named in the error; "" for valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"template with id", func(c *Config) { c.WeChat.Window.Posting, c.WeChat.Templates.Posting.ID = "template", "TPL" }, ""},
		{"template without id", func(c *Config) { c.WeChat.Window.Fair = "template" }, "wechat.templates.fair.id"},
		{"unknown window", func(c *Config) { c.WeChat.Window.Posting = "drop" }, "wechat.window.posting"},
		{"unknown field", func(c *Config) { c.WeChat.Templates.Posting.Fields["keyword9"] = "salary" }, "wechat.templates.posting.fields.keyword9"},
		{"four buttons", func(c *Config) { c.WeChat.Menu = append(c.WeChat.Menu, MenuButton{"帮助", "help"}) }, "wechat.menu"},
		{"long name", func(c *Config) { c.WeChat.Menu[0].Name = "我要找一份工作" }, "wechat.menu"},
		{"no key", func(c *Config) { c.WeChat.Menu[1].Key = "" }, "wechat.menu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.edit(&c)
			err := c.Validate()
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.key+":") {
				t.Fatalf("error %v, want one naming %s", err, tt.key)
			}
		})
	}
}
