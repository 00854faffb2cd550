package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"

	"github.com/gigbot/gigbot/config"
)

func cmdServe(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	configPath := fs.String("config", "", "config file (default ./config.yaml if present)")
	if err := fs.Parse(args); err != nil {
		return &exitErr{exitInput, fmt.Errorf("serve: %w", err)}
	}
	cfg, err := config.Load(*configPath, os.Environ())
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	a, err := newApp(ctx, cfg, appOptions{logger: logger})
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("http.listen %s: %w", cfg.HTTP.Listen, err)
	}
	return a.serve(ctx, ln)
}
