package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPushKeys(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", []string{"GIGBOT_PUSH_RATE_TELEGRAM=5", "GIGBOT_PUSH_FAIR_REMINDER_EVE=", "GIGBOT_PUSH_DIGEST_AT=20:15"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Push.Rate.Telegram != 5 || cfg.Push.Rate.WeChat != DefaultRateWeChat || cfg.Push.FairReminderEve != "" ||
		cfg.Push.FairReminderDay != DefaultFairReminderDay || cfg.Push.DigestAt != "20:15" {
		t.Fatalf("got %+v", cfg.Push)
	}
	for _, tc := range []struct{ yaml, key string }{
		{"push:\n  digest_at: \"\"\n", "push.digest_at"},
		{"push:\n  digest_at: 25:00\n", "push.digest_at"},
		{"push:\n  fair_reminder_eve: evening\n", "push.fair_reminder_eve"},
		{"push:\n  fair_reminder_day: 7.30\n", "push.fair_reminder_day"},
		{"push:\n  rate:\n    wechat: -1\n", "push.rate.wechat"},
		{"push:\n  rate:\n    terminal: -2\n", "push.rate.terminal"},
	} {
		path := filepath.Join(t.TempDir(), "c.yaml")
		os.WriteFile(path, []byte(tc.yaml), 0o600)
		_, err := Load(path, nil)
		if err == nil || !strings.Contains(err.Error(), tc.key) {
			t.Errorf("%q: error %v should name %s", tc.yaml, err, tc.key)
		}
	}
}
