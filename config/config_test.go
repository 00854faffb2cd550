package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestDefaultsRunWithoutFile(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Fatalf("got %+v, want defaults", cfg)
	}
}

func TestExplicitMissingFileIsAnError(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), nil)
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("err = %v, want one naming the file", err)
	}
}

// The example documents every key, and says the defaults.
func TestExampleMatchesStruct(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{}
	if err := decodeYAML(data, &cfg); err != nil {
		t.Fatalf("example has unknown keys: %v", err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Fatalf("example values differ from Default():\n%+v\n%+v", cfg, Default())
	}
	var tree map[string]any
	if err := yaml.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	for _, key := range Keys() {
		node := any(tree)
		for _, part := range strings.Split(key, ".") {
			m, ok := node.(map[string]any)
			if !ok {
				node = nil
				break
			}
			node, ok = m[part]
			if !ok {
				t.Errorf("config.example.yaml does not document %s", key)
			}
		}
	}
}

func TestEnvOverrides(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", []string{
		"GIGBOT_WECHAT_APP_SECRET=s3cret",
		"GIGBOT_HTTP_LISTEN=127.0.0.1:9999",
		"GIGBOT_PUSH_TICK=1s",
		"GIGBOT_PUSH_DAILY_CAP=2",
		"GIGBOT_TELEGRAM_ENABLED=true",
		"GIGBOT_TELEGRAM_TOKEN=123:abc",
		"GIGBOT_STAFF_TELEGRAM=1, 2",
		"OTHER=x",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.WeChat.AppSecret != "s3cret" || cfg.HTTP.Listen != "127.0.0.1:9999" || cfg.Push.Tick != time.Second ||
		cfg.Push.DailyCap != 2 || !cfg.Telegram.Enabled || !reflect.DeepEqual(cfg.Staff.Telegram, []string{"1", "2"}) {
		t.Fatalf("overrides not applied: %+v", cfg)
	}
}

func TestEnvOverridesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(path, []byte("push:\n  daily_cap: 3\ndata_dir: /tmp/x\n"), 0o600)
	cfg, err := Load(path, []string{"GIGBOT_PUSH_DAILY_CAP=7"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Push.DailyCap != 7 || cfg.DataDir != "/tmp/x" || cfg.Push.Tick != DefaultPushTick {
		t.Fatalf("got %+v", cfg.Push)
	}
}

func TestInvalidNamesTheKey(t *testing.T) {
	cases := []struct {
		name, yaml string
		env        []string
		wantKey    string
	}{
		{"unknown key", "push:\n  daily_cpa: 3\n", nil, "daily_cpa"},
		{"bad timezone", "timezone: Mars/Olympus\n", nil, "timezone"},
		{"bad driver", "store:\n  driver: mysql\n", nil, "store.driver"},
		{"postgres without dsn", "store:\n  driver: postgres\n", nil, "store.dsn"},
		{"bad listen", "http:\n  listen: nope\n", nil, "http.listen"},
		{"wechat without secret", "wechat:\n  enabled: true\n  app_id: wx1\n  token: t\n", nil, "wechat.app_secret"},
		{"short aes key", "wechat:\n  encoding_aes_key: abc\n", nil, "wechat.encoding_aes_key"},
		{"bad api base", "wechat:\n  api_base: ftp://x\n", nil, "wechat.api_base"},
		{"telegram mode", "telegram:\n  mode: push\n", nil, "telegram.mode"},
		{"webhook secret", "telegram:\n  enabled: true\n  token: 1:a\n  mode: webhook\n", nil, "telegram.webhook_secret"},
		{"staff ids", "staff:\n  telegram: [abc]\n", nil, "staff.telegram"},
		{"tick", "push:\n  tick: 0s\n", nil, "push.tick"},
		{"quiet hours", "push:\n  quiet_hours: late\n", nil, "push.quiet_hours"},
		{"cap", "push:\n  daily_cap: -1\n", nil, "push.daily_cap"},
		{"bad yaml type", "push:\n  daily_cap: many\n", nil, "daily_cap"},
		{"env bad int", "", []string{"GIGBOT_PUSH_DAILY_CAP=lots"}, "push.daily_cap"},
		{"env bad duration", "", []string{"GIGBOT_PUSH_TICK=soon"}, "GIGBOT_PUSH_TICK"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.yaml")
			os.WriteFile(path, []byte(tc.yaml), 0o600)
			_, err := Load(path, tc.env)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.wantKey) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q should name %s on one line", msg, tc.wantKey)
			}
		})
	}
}
