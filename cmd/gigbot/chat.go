package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/gigbot/gigbot/bot/terminal"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/templates"
)

// demoAddrFile tells a second `chat --demo` where the first one's server
// listens, so a worker and an employer can each have a terminal open.
var demoAddrFile = filepath.Join(os.TempDir(), "gigbot-demo.json")

type chatFlags struct {
	config string
	as     string
	user   string
	demo   bool
	lang   string
}

func cmdChat(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f chatFlags
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.config, "config", "", "config file (default ./config.yaml if present)")
	fs.StringVar(&f.as, "as", "worker", "worker | employer | staff")
	fs.StringVar(&f.user, "user", "", "your user id in the terminal (default: the --as value)")
	fs.BoolVar(&f.demo, "demo", false, "run on a temporary data dir seeded with sample postings and a fair")
	fs.StringVar(&f.lang, "lang", "zh", "zh | en")
	if err := fs.Parse(args); err != nil {
		return &exitErr{exitInput, fmt.Errorf("chat: %w", err)}
	}
	switch f.as {
	case "worker", "employer", "staff":
	default:
		return &exitErr{exitInput, fmt.Errorf("chat: --as must be worker, employer or staff, got %q", f.as)}
	}
	if f.user == "" {
		f.user = f.as
	}
	cfg, err := config.Load(f.config, os.Environ())
	if err != nil {
		return err
	}
	tmpl, err := templates.Load()
	if err != nil {
		return err
	}
	texts, err := terminalTexts(tmpl, f)
	if err != nil {
		return err
	}
	session := func(base string) *terminal.Session {
		return &terminal.Session{Client: terminal.NewClient(base), User: f.user, As: f.as, Lang: f.lang, Texts: texts}
	}
	// Join a running server on the same data when there is one.
	if base, ok := findServer(ctx, cfg, f.demo); ok {
		return session(base).Run(ctx, stdin, stdout)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	opts := appOptions{localOnly: true, logger: logger, demo: f.demo}
	if f.demo {
		dir, err := os.MkdirTemp("", "gigbot-demo-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DataDir = dir
		// A newcomer trying the loop at night would otherwise see no push
		// until the quiet hours end.
		cfg.Push.QuietHours = ""
	}
	a, err := newApp(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer a.close()
	if f.demo {
		if err := seedDemo(ctx, a); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
	}
	ln, err := listenLocal(cfg, f.demo)
	if err != nil {
		return err
	}
	if f.demo {
		writeDemoAddr(ln.Addr().String())
		defer os.Remove(demoAddrFile)
	}
	ctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- a.serve(ctx, ln) }()
	err = session("http://"+ln.Addr().String()).Run(ctx, stdin, stdout)
	stop()
	return errors.Join(err, <-served)
}

// findServer looks for a running gigbot on the same data (or, for --demo,
// another demo terminal's server) and returns its base URL.
func findServer(ctx context.Context, cfg config.Config, demo bool) (string, bool) {
	addr := cfg.HTTP.Listen
	if demo {
		data, err := os.ReadFile(demoAddrFile)
		var rec struct{ Addr string }
		if err != nil || json.Unmarshal(data, &rec) != nil {
			return "", false
		}
		addr = rec.Addr
	}
	base := "http://" + loopbackAddr(addr)
	info, err := terminal.NewClient(base).Info(ctx)
	if err != nil || info.Demo != demo || (!demo && info.DataDir != absPath(cfg.DataDir)) {
		return "", false
	}
	return base, true
}

// listenLocal listens on the configured address so other terminals can
// join; the demo, or an address taken by something else, gets a free
// loopback port instead.
func listenLocal(cfg config.Config, demo bool) (net.Listener, error) {
	if !demo {
		if ln, err := net.Listen("tcp", cfg.HTTP.Listen); err == nil {
			return ln, nil
		}
	}
	return net.Listen("tcp", "127.0.0.1:0")
}

// loopbackAddr turns a wildcard listen address into one a client can dial.
func loopbackAddr(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

func writeDemoAddr(addr string) {
	data, _ := json.Marshal(map[string]string{"addr": addr})
	_ = os.WriteFile(demoAddrFile, data, 0o600)
}

func terminalTexts(tmpl *templates.Set, f chatFlags) (terminal.Texts, error) {
	var t terminal.Texts
	data := map[string]any{"As": f.as, "User": f.user, "Demo": f.demo}
	for name, dst := range map[string]*string{
		"terminal.welcome": &t.Welcome, "terminal.prompt": &t.Prompt,
		"terminal.push_header": &t.PushHeader, "terminal.error": &t.Error,
	} {
		s, err := tmpl.Render(f.lang, name, data)
		if err != nil {
			return t, err
		}
		*dst = strings.Trim(s, "\n")
	}
	return t, nil
}
