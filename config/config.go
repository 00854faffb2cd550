// Package config reads gigbot's configuration: built-in defaults, then an
// optional YAML file, then GIGBOT_* environment variables, then validation
// that names the bad key in one line.
package config

import (
	"time"
)

// Defaults, each a named constant so the example file and the code agree.
const (
	DefaultTimezone       = "Asia/Shanghai"
	DefaultDataDir        = "./data"
	DefaultStoreDriver    = "embedded"
	DefaultListen         = "127.0.0.1:8080"
	DefaultWeChatPath     = "/wechat"
	DefaultWeChatAPIBase  = "https://api.weixin.qq.com"
	DefaultTelegramBase   = "https://api.telegram.org"
	DefaultTelegramMode   = "polling"
	DefaultTelegramPath   = "/telegram"
	DefaultPushTick       = time.Minute
	DefaultQuietHours     = "21:00-07:00"
	DefaultDailyCap       = 5
	DefaultConfigFileName = "config.yaml"
)

// Config is every setting of gigbot; the YAML keys are the contract's.
type Config struct {
	Timezone string   `yaml:"timezone"`
	DataDir  string   `yaml:"data_dir"`
	Store    Store    `yaml:"store"`
	HTTP     HTTP     `yaml:"http"`
	WeChat   WeChat   `yaml:"wechat"`
	Telegram Telegram `yaml:"telegram"`
	Staff    Staff    `yaml:"staff"`
	Push     Push     `yaml:"push"`
}

// Store selects the storage backend.
type Store struct {
	Driver string `yaml:"driver"`
	DSN    string `yaml:"dsn"`
}

// HTTP is the callback server.
type HTTP struct {
	Listen string `yaml:"listen"`
}

// WeChat is the Official Account channel.
type WeChat struct {
	Enabled        bool   `yaml:"enabled"`
	Path           string `yaml:"path"`
	AppID          string `yaml:"app_id"`
	AppSecret      string `yaml:"app_secret"`
	Token          string `yaml:"token"`
	EncodingAESKey string `yaml:"encoding_aes_key"`
	APIBase        string `yaml:"api_base"`
}

// Telegram is the Telegram bot channel.
type Telegram struct {
	Enabled       bool   `yaml:"enabled"`
	Token         string `yaml:"token"`
	APIBase       string `yaml:"api_base"`
	Mode          string `yaml:"mode"`
	WebhookPath   string `yaml:"webhook_path"`
	WebhookSecret string `yaml:"webhook_secret"`
}

// Staff lists who may broadcast fairs and review postings.
type Staff struct {
	WeChat   []string `yaml:"wechat"`
	Telegram []string `yaml:"telegram"`
}

// Push paces the delivery of notices.
type Push struct {
	Tick       time.Duration `yaml:"tick"`
	QuietHours string        `yaml:"quiet_hours"`
	DailyCap   int           `yaml:"daily_cap"`
}

// Default returns the configuration gigbot runs on with no file at all.
func Default() Config {
	return Config{
		Timezone: DefaultTimezone,
		DataDir:  DefaultDataDir,
		Store:    Store{Driver: DefaultStoreDriver},
		HTTP:     HTTP{Listen: DefaultListen},
		WeChat:   WeChat{Path: DefaultWeChatPath, APIBase: DefaultWeChatAPIBase},
		Telegram: Telegram{APIBase: DefaultTelegramBase, Mode: DefaultTelegramMode, WebhookPath: DefaultTelegramPath},
		Staff:    Staff{WeChat: []string{}, Telegram: []string{}},
		Push:     Push{Tick: DefaultPushTick, QuietHours: DefaultQuietHours, DailyCap: DefaultDailyCap},
	}
}

// Location returns the configured time zone; Validate has checked it.
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}
