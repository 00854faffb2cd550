package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/config"
)

// reviewListLimit bounds `gigbot review list`; older held postings wait
// behind these anyway.
const reviewListLimit = 1000

// auditListLimit bounds `gigbot review audit`.
const auditListLimit = 1000

// phoneInText finds mobile numbers as people write them ("138 1234 5678",
// "138-1234-5678"), to mask them in what staff tools print.
var phoneInText = regexp.MustCompile(`1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}`)

// heldPosting is one line of `gigbot review list`: what staff need to
// decide, without personal data (phones masked, the employer as a hash).
type heldPosting struct {
	ID         int64      `json:"id"`
	Created    time.Time  `json:"created"`
	Title      string     `json:"title"`
	District   string     `json:"district,omitempty"`
	Skills     []string   `json:"skills"`
	Pay        gigbot.Pay `json:"pay"`
	Reasons    []string   `json:"reasons"`
	Reports    int        `json:"reports"`
	Employer   string     `json:"employer,omitempty"` // gigbot.UserRef.Hash()
	Verified   bool       `json:"verified"`
	Rejections int        `json:"rejections"`
	Credit     int        `json:"credit"`
	Text       string     `json:"text"` // phones masked
}

// cmdReview runs `gigbot review list` (postings held for review, one JSON
// object a line, oldest first) and `gigbot review audit` (the audit log of
// staff actions, newest first).
func cmdReview(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "list" && args[0] != "audit") {
		return &exitErr{exitInput, fmt.Errorf("unknown command: want `gigbot review list|audit [--config FILE]`")}
	}
	fs := flag.NewFlagSet("review "+args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	configPath := fs.String("config", "", "config file (default ./config.yaml if present)")
	if err := fs.Parse(args[1:]); err != nil {
		return &exitErr{exitInput, fmt.Errorf("review %s: %w", args[0], err)}
	}
	cfg, err := config.Load(*configPath, os.Environ())
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if args[0] == "audit" {
		es, err := db.AuditLog(ctx, auditListLimit)
		if err != nil {
			return err
		}
		for _, e := range es {
			e.At = e.At.In(cfg.Location())
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	}
	ps, err := db.PostingsInReview(ctx, reviewListLimit)
	if err != nil {
		return err
	}
	for _, p := range ps {
		h := heldPosting{ID: p.ID, Created: p.CreatedAt.In(cfg.Location()), Title: maskPhones(p.Title),
			District: p.Place.District, Skills: p.Skills, Pay: p.Pay, Reasons: p.Screening.Reasons,
			Text: maskPhones(p.Text)}
		if h.Reports, err = db.PostingReports(ctx, p.ID); err != nil {
			return err
		}
		if !p.Employer.IsZero() {
			r, err := db.EmployerRecord(ctx, p.Employer)
			if err != nil {
				return err
			}
			h.Employer, h.Verified, h.Rejections, h.Credit = p.Employer.Hash(), r.Verified, r.Rejections, r.Credit()
		}
		if err := enc.Encode(h); err != nil {
			return err
		}
	}
	return nil
}

// maskPhones keeps the first three and last four digits of each mobile
// number in s.
func maskPhones(s string) string {
	return phoneInText.ReplaceAllStringFunc(s, func(m string) string {
		return m[:3] + "****" + m[len(m)-4:]
	})
}
