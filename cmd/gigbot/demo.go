package main

import (
	"bufio"
	"context"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gigbot/gigbot"
)

//go:embed demo/*.txt
var demoFiles embed.FS

// demoEmployer owns the sample postings.
var demoEmployer = gigbot.UserRef{Channel: gigbot.ChannelTerminal, ID: "demo-employer"}

// seedDemo publishes the sample postings and announces the sample fair, the
// same way a real employer and staff member would.
func seedDemo(ctx context.Context, a *app) error {
	now := a.opts.clock.Now().In(a.cfg.Location())
	lines, err := demoLines("demo/postings.txt")
	if err != nil {
		return err
	}
	for _, text := range lines {
		p := a.matcher.ParsePosting(text, now, a.cfg.Location())
		p.Employer = demoEmployer
		if _, err := a.engine.Publish(ctx, &p); err != nil {
			return err
		}
	}
	lines, err = demoLines("demo/fair.txt")
	if err != nil {
		return err
	}
	for _, line := range lines {
		parts := strings.Split(line, "|")
		if len(parts) != 4 {
			return fmt.Errorf("demo/fair.txt: want title|venue|district|days, got %q", line)
		}
		days, err := strconv.Atoi(parts[3])
		if err != nil {
			return fmt.Errorf("demo/fair.txt: days: %w", err)
		}
		y, m, d := now.Date()
		f := gigbot.Fair{
			Title: parts[0], Venue: parts[1], District: parts[2], CreatedBy: demoEmployer,
			At: time.Date(y, m, d+days, 9, 0, 0, 0, now.Location()),
		}
		if err := a.store.CreateFair(ctx, &f); err != nil {
			return err
		}
		if _, err := a.engine.AnnounceFair(ctx, &f); err != nil {
			return err
		}
	}
	return nil
}

func demoLines(name string) ([]string, error) {
	f, err := demoFiles.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	return lines, sc.Err()
}
