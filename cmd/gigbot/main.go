// Command gigbot runs the gig-work chatbot: `serve` for the channels and
// schedules, `chat` to talk to it in a terminal, `posting parse` to see
// what gigbot understands of a posting, and `version`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…"; else the
// module version from the build info.
var version = ""

// exitUsage is the exit code for bad flags, exitInput for unreadable input.
const (
	exitError = 1
	exitInput = 2
)

const usage = `usage:
  gigbot serve [--config FILE]
  gigbot chat [--config FILE] [--as worker|employer|staff] [--user ID] [--demo]
  gigbot posting parse [--config FILE] < posting.txt
  gigbot wechat menu [--config FILE]
  gigbot review list|audit [--config FILE]
  gigbot version`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitErr carries a specific exit code.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string { return e.err.Error() }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return exitInput
	}
	var err error
	switch cmd := args[0]; cmd {
	case "serve":
		err = cmdServe(ctx, args[1:], stderr)
	case "chat":
		err = cmdChat(ctx, args[1:], stdin, stdout, stderr)
	case "wechat":
		err = cmdWeChat(ctx, args[1:], stdout)
	case "review":
		err = cmdReview(ctx, args[1:], stdout)
	case "posting":
		if len(args) < 2 || args[1] != "parse" {
			err = &exitErr{exitInput, errors.New("unknown command: want `gigbot posting parse`")}
			break
		}
		err = cmdPostingParse(args[2:], stdin, stdout)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "gigbot", buildVersion())
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
	default:
		err = &exitErr{exitInput, fmt.Errorf("unknown command %q\n%s", cmd, usage)}
	}
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "gigbot:", err)
	var e *exitErr
	if errors.As(err, &e) {
		return e.code
	}
	return exitError
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
