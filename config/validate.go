package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/gigbot/gigbot"
)

// Validate checks every key and names the first bad one in a one-line error.
func (c Config) Validate() error {
	bad := func(key, format string, args ...any) error {
		return fmt.Errorf("config: %s: %s", key, fmt.Sprintf(format, args...))
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "" {
		return bad("timezone", "unknown time zone %q", c.Timezone)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		return bad("data_dir", "must not be empty")
	}
	switch c.Store.Driver {
	case "embedded":
	case "postgres":
		if c.Store.DSN == "" {
			return bad("store.dsn", "required when store.driver is postgres")
		}
	default:
		return bad("store.driver", "must be embedded or postgres, got %q", c.Store.Driver)
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
		return bad("http.listen", "want host:port, got %q", c.HTTP.Listen)
	}
	if err := c.WeChat.validate(bad); err != nil {
		return err
	}
	if err := c.Telegram.validate(bad); err != nil {
		return err
	}
	for _, id := range c.Staff.Telegram {
		if !numericID.MatchString(id) {
			return bad("staff.telegram", "user ids are numbers, got %q", id)
		}
	}
	if c.Push.Tick <= 0 {
		return bad("push.tick", "must be a positive duration like 1m")
	}
	if c.Push.ClaimLease <= 0 {
		return bad("push.claim_lease", "must be a positive duration like 2m")
	}
	if _, err := gigbot.ParseQuietHours(c.Push.QuietHours); err != nil {
		return bad("push.quiet_hours", "%v", err)
	}
	if c.Push.DailyCap < 0 {
		return bad("push.daily_cap", "must be 0 or more, got %d", c.Push.DailyCap)
	}
	for _, kv := range [][2]string{{"push.digest_at", c.Push.DigestAt},
		{"push.fair_reminder_eve", c.Push.FairReminderEve}, {"push.fair_reminder_day", c.Push.FairReminderDay}} {
		key, v := kv[0], kv[1]
		if v == "" && key != "push.digest_at" {
			continue // that reminder is off
		}
		if _, err := time.Parse("15:04", v); err != nil {
			return bad(key, "want HH:MM local time, got %q", v)
		}
	}
	for _, r := range []struct {
		key string
		v   int
	}{{"push.rate.wechat", c.Push.Rate.WeChat}, {"push.rate.telegram", c.Push.Rate.Telegram},
		{"push.rate.terminal", c.Push.Rate.Terminal}} {
		if r.v < 0 {
			return bad(r.key, "messages per second, 0 for no cap, got %d", r.v)
		}
	}
	return nil
}

var (
	numericID = regexp.MustCompile(`^-?[0-9]+$`)
	// Telegram allows 1-256 of these characters in a webhook secret.
	webhookSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

type badFunc func(key, format string, args ...any) error

func (w WeChat) validate(bad badFunc) error {
	if !strings.HasPrefix(w.Path, "/") {
		return bad("wechat.path", "must start with /, got %q", w.Path)
	}
	if err := checkBase(w.APIBase); err != nil {
		return bad("wechat.api_base", "%v", err)
	}
	if w.EncodingAESKey != "" && len(w.EncodingAESKey) != 43 {
		return bad("wechat.encoding_aes_key", "must be 43 characters (or empty for plaintext mode), got %d", len(w.EncodingAESKey))
	}
	if err := w.validateNotices(bad); err != nil {
		return err
	}
	if !w.Enabled {
		return nil
	}
	for key, v := range map[string]string{"wechat.app_id": w.AppID, "wechat.app_secret": w.AppSecret, "wechat.token": w.Token} {
		if v == "" {
			return bad(key, "required when wechat.enabled is true")
		}
	}
	return nil
}

func (t Telegram) validate(bad badFunc) error {
	if !strings.HasPrefix(t.WebhookPath, "/") {
		return bad("telegram.webhook_path", "must start with /, got %q", t.WebhookPath)
	}
	if err := checkBase(t.APIBase); err != nil {
		return bad("telegram.api_base", "%v", err)
	}
	if t.Mode != "polling" && t.Mode != "webhook" {
		return bad("telegram.mode", "must be polling or webhook, got %q", t.Mode)
	}
	if !t.Enabled {
		return nil
	}
	if t.Token == "" {
		return bad("telegram.token", "required when telegram.enabled is true")
	}
	if t.Mode == "webhook" && !webhookSecret.MatchString(t.WebhookSecret) {
		return bad("telegram.webhook_secret", "required in webhook mode: 1-256 of A-Z a-z 0-9 _ -")
	}
	return nil
}

func checkBase(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("want an http(s) URL, got %q", raw)
	}
	return nil
}
