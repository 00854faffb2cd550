package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/bot/wechat"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/store"
	"github.com/gigbot/gigbot/templates"
)

// wechatOptions are the WeChat channel's options from the config, with the
// store as its token store, interaction log and outbox.
func (a *app) wechatOptions() wechat.Options {
	w := a.cfg.WeChat
	o := wechat.Options{
		AppID: w.AppID, AppSecret: w.AppSecret, Token: w.Token,
		EncodingAESKey: w.EncodingAESKey, APIBase: w.APIBase, Logger: a.log,
		Tokens: a.store, Interactions: a.store, Notices: a.store, Clock: a.opts.clock,
		Fields:    noticeFields{store: a.store, tmpl: a.tmpl, match: a.matcher, loc: a.cfg.Location()},
		Templates: map[gigbot.NoticeKind]wechat.Template{},
		// A user back after the window closed gets what waited for them.
		OnReturn: a.wake,
	}
	for kind, k := range map[gigbot.NoticeKind]struct {
		window string
		tpl    config.WeChatTemplate
	}{gigbot.NoticePosting: {w.Window.Posting, w.Templates.Posting}, gigbot.NoticeFair: {w.Window.Fair, w.Templates.Fair}} {
		if k.window == config.WindowTemplate {
			o.Templates[kind] = wechat.Template{ID: k.tpl.ID, Fields: k.tpl.Fields}
		}
	}
	return o
}

// noticeFields words a notice's fields for a WeChat template message, from
// templates/<lang>/wechat.tmpl ("wechat.<kind>.<field>"), in the worker's
// language.
type noticeFields struct {
	store *store.DB
	tmpl  *templates.Set
	match *matcher.Matcher
	loc   *time.Location
}

func (f noticeFields) NoticeFields(ctx context.Context, n gigbot.Notice) (map[string]string, error) {
	lang := templates.DefaultLang
	if w, err := f.store.Worker(ctx, n.To); err == nil {
		lang = f.tmpl.Lang(w.Lang)
	} else if gigbot.ErrorCode(err) != gigbot.ENOTFOUND {
		return nil, err
	}
	var data any
	switch n.Kind {
	case gigbot.NoticePosting:
		p, err := f.store.Posting(ctx, n.PostingID)
		if err != nil {
			return nil, err
		}
		skills := make([]string, 0, len(p.Skills))
		for _, c := range p.Skills {
			skills = append(skills, f.match.SkillName(c, lang))
		}
		data = templates.Posting{Title: p.Title, Skills: skills, District: p.Place.District, Street: p.Place.Street,
			Headcount: p.Headcount, Pay: p.Pay, Start: f.local(p.Start), Phone: p.Phone, Text: p.Text}
	case gigbot.NoticeFair:
		fair, err := f.store.Fair(ctx, n.FairID)
		if err != nil {
			return nil, err
		}
		data = templates.Fair{Title: fair.Title, At: f.local(fair.At), Venue: fair.Venue, District: fair.District}
	default:
		return nil, gigbot.Errorf(gigbot.EINVALID, "a %s notice has no fields", n.Kind)
	}
	out := map[string]string{}
	for _, name := range gigbot.NoticeFieldNames(n.Kind) {
		s, err := f.tmpl.Render(lang, "wechat."+string(n.Kind)+"."+name, data)
		if err != nil {
			return nil, err
		}
		out[name] = s
	}
	return out, nil
}

func (f noticeFields) local(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(f.loc)
}

// cmdWeChat runs `gigbot wechat menu [--config FILE]`: it creates the
// Official Account's custom menu from wechat.menu, through the WeChat API
// at wechat.api_base, with the access token shared in the store.
func cmdWeChat(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "menu" {
		return &exitErr{exitInput, fmt.Errorf("unknown command: want `gigbot wechat menu [--config FILE]`")}
	}
	fs := flag.NewFlagSet("wechat menu", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	configPath := fs.String("config", "", "config file (default ./config.yaml if present)")
	if err := fs.Parse(args[1:]); err != nil {
		return &exitErr{exitInput, fmt.Errorf("wechat menu: %w", err)}
	}
	cfg, err := config.Load(*configPath, os.Environ())
	if err != nil {
		return err
	}
	w := cfg.WeChat
	switch {
	case !w.Enabled:
		return fmt.Errorf("config: wechat.enabled: must be true to set the menu")
	case len(w.Menu) == 0:
		return fmt.Errorf("config: wechat.menu: no buttons")
	}
	db, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	ch, err := wechat.New(wechat.Options{
		AppID: w.AppID, AppSecret: w.AppSecret, Token: w.Token, EncodingAESKey: w.EncodingAESKey,
		APIBase: w.APIBase, Tokens: db,
	}, menuOnly{}, db)
	if err != nil {
		return fmt.Errorf("wechat: %w", err)
	}
	defer ch.Close()
	buttons := make([]wechat.MenuButton, 0, len(w.Menu))
	for _, b := range w.Menu {
		buttons = append(buttons, wechat.MenuButton{Name: b.Name, Key: b.Key})
	}
	if err := ch.SetMenu(ctx, buttons); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wechat menu set: %d buttons\n", len(buttons))
	return nil
}

// menuOnly is the handler of a channel that only calls the API.
type menuOnly struct{}

func (menuOnly) Handle(context.Context, gigbot.Message) ([]gigbot.Reply, error) { return nil, nil }
