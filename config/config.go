// Package config reads gigbot's configuration: built-in defaults, then an
// optional YAML file, then GIGBOT_* environment variables, then validation
// that names the bad key in one line.
package config

import (
	"time"
)

// Defaults, each a named constant so the example file and the code agree.
const (
	DefaultTimezone      = "Asia/Shanghai"
	DefaultDataDir       = "./data"
	DefaultStoreDriver   = "embedded"
	DefaultListen        = "127.0.0.1:8080"
	DefaultWeChatPath    = "/wechat"
	DefaultWeChatAPIBase = "https://api.weixin.qq.com"
	DefaultTelegramBase  = "https://api.telegram.org"
	DefaultTelegramMode  = "polling"
	DefaultTelegramPath  = "/telegram"
	DefaultPushTick      = time.Minute
	// DefaultClaimLease is how long a replica's claim on a notice it is
	// sending lasts; a replica that dies leaves its claims to the others
	// after it. Far longer than a batch of 100 takes at 20 pushes/s.
	DefaultClaimLease = 2 * time.Minute
	DefaultQuietHours = "21:00-07:00"
	DefaultDailyCap   = 5
	// DefaultDigestAt is when a worker who chose a daily digest and gave
	// no time gets it (local time).
	DefaultDigestAt = "18:00"
	// Fair reminders go the day before the fair at DefaultFairReminderEve
	// and on its morning at DefaultFairReminderDay (local time).
	DefaultFairReminderEve = "18:00"
	DefaultFairReminderDay = "07:30"
	// Push send rates in messages per second, per channel. Telegram allows
	// about 30 messages a second per bot in all: pushes take 20, leaving a
	// third for chat replies, which use the same API. WeChat replies are
	// passive (the callback's answer) and do not count against the
	// customer-service API; 20 a second keeps a broadcast well under its
	// quotas. The terminal is local.
	DefaultRateWeChat     = 20
	DefaultRateTelegram   = 20
	DefaultRateTerminal   = 100
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
	// Menu is the custom menu `gigbot wechat menu` creates: CLICK buttons.
	Menu []MenuButton `yaml:"menu"`
	// Window says, per notice kind, what happens to a push for a user
	// outside WeChat's 48-hour customer-service window: WindowTemplate or
	// WindowWait (held until the user writes again).
	Window    WeChatWindow    `yaml:"window"`
	Templates WeChatTemplates `yaml:"templates"`
}

// MenuButton is one CLICK button of the WeChat custom menu; Key comes back
// in the CLICK event and is read like the words the user could type.
type MenuButton struct {
	Name string `yaml:"name"`
	Key  string `yaml:"key"`
}

// What a notice outside the 48-hour window does (wechat.window.*).
const (
	WindowTemplate = "template"
	WindowWait     = "wait"
)

// WeChatWindow is the choice per notice kind.
type WeChatWindow struct {
	Posting string `yaml:"posting"`
	Fair    string `yaml:"fair"`
}

// WeChatTemplates are the template messages per notice kind.
type WeChatTemplates struct {
	Posting WeChatTemplate `yaml:"posting"`
	Fair    WeChatTemplate `yaml:"fair"`
}

// WeChatTemplate is one template message: its id, and which notice field
// (gigbot.NoticeFieldNames) fills each of its keywords.
type WeChatTemplate struct {
	ID     string            `yaml:"id"`
	Fields map[string]string `yaml:"fields"`
}

// DefaultWeChatMenu is the menu `gigbot wechat menu` creates by default;
// the keys are command words the dialog understands.
func DefaultWeChatMenu() []MenuButton {
	return []MenuButton{{Name: "找工作", Key: "jobs"}, {Name: "我的资料", Key: "profile"}, {Name: "招聘会", Key: "fairs"}}
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
	DigestAt   string        `yaml:"digest_at"`
	// FairReminderEve and FairReminderDay are "HH:MM"; empty turns that
	// reminder off.
	FairReminderEve string `yaml:"fair_reminder_eve"`
	FairReminderDay string `yaml:"fair_reminder_day"`
	Rate            Rate   `yaml:"rate"`
	// ClaimLease is how long a claim on a notice being sent lasts.
	ClaimLease time.Duration `yaml:"claim_lease"`
}

// Rate caps how many pushes a second each channel sends; 0 means no cap.
type Rate struct {
	WeChat   int `yaml:"wechat"`
	Telegram int `yaml:"telegram"`
	Terminal int `yaml:"terminal"`
}

// Default returns the configuration gigbot runs on with no file at all.
func Default() Config {
	return Config{
		Timezone: DefaultTimezone,
		DataDir:  DefaultDataDir,
		Store:    Store{Driver: DefaultStoreDriver},
		HTTP:     HTTP{Listen: DefaultListen},
		WeChat: WeChat{Path: DefaultWeChatPath, APIBase: DefaultWeChatAPIBase, Menu: DefaultWeChatMenu(),
			Window: WeChatWindow{Posting: WindowWait, Fair: WindowWait},
			Templates: WeChatTemplates{
				Posting: WeChatTemplate{Fields: map[string]string{"first": "title", "keyword1": "work", "keyword2": "pay",
					"keyword3": "place", "keyword4": "start", "remark": "remark"}},
				Fair: WeChatTemplate{Fields: map[string]string{"first": "title", "keyword1": "time", "keyword2": "venue",
					"remark": "remark"}},
			}},
		Telegram: Telegram{APIBase: DefaultTelegramBase, Mode: DefaultTelegramMode, WebhookPath: DefaultTelegramPath},
		Staff:    Staff{WeChat: []string{}, Telegram: []string{}},
		Push: Push{Tick: DefaultPushTick, QuietHours: DefaultQuietHours, DailyCap: DefaultDailyCap,
			DigestAt: DefaultDigestAt, FairReminderEve: DefaultFairReminderEve, FairReminderDay: DefaultFairReminderDay,
			Rate:       Rate{WeChat: DefaultRateWeChat, Telegram: DefaultRateTelegram, Terminal: DefaultRateTerminal},
			ClaimLease: DefaultClaimLease},
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
