package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/config"
	"github.com/gigbot/gigbot/matcher"
)

// maxPostingBytes bounds what `posting parse` reads: far above any real
// posting, small enough to refuse a stray binary file.
const maxPostingBytes = 1 << 20

// parsedPosting is the contract's `posting parse` JSON.
type parsedPosting struct {
	Title     string           `json:"title,omitempty"`
	Skills    []string         `json:"skills"`
	District  string           `json:"district,omitempty"`
	Street    string           `json:"street,omitempty"`
	Location  *gigbot.Point    `json:"location,omitempty"`
	Headcount int              `json:"headcount,omitempty"`
	Pay       *gigbot.Pay      `json:"pay,omitempty"`
	Start     string           `json:"start,omitempty"`
	Phone     string           `json:"phone,omitempty"`
	Screening gigbot.Screening `json:"screening"`
	// Added to the contract's fields (never renaming one): how long the work
	// lasts, and the clauses no field took, for the human reader.
	Duration *parsedDuration `json:"duration,omitempty"`
	Notes    []string        `json:"notes,omitempty"` // omitted when empty, so empty input stays {"skills":[],"screening":…}
}

// parsedDuration is a posting's length: the words as read ("10天", "长期")
// and, when countable, in days or hours.
type parsedDuration struct {
	Text  string `json:"text"`
	Days  int    `json:"days,omitempty"`
	Hours int    `json:"hours,omitempty"`
}

func cmdPostingParse(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("posting parse", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	configPath := fs.String("config", "", "config file (default ./config.yaml if present)")
	if err := fs.Parse(args); err != nil {
		return &exitErr{exitInput, fmt.Errorf("posting parse: %w", err)}
	}
	cfg, err := config.Load(*configPath, os.Environ())
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(stdin, maxPostingBytes+1))
	switch {
	case err != nil:
		return &exitErr{exitInput, fmt.Errorf("read posting: %w", err)}
	case len(data) > maxPostingBytes:
		return &exitErr{exitInput, fmt.Errorf("read posting: longer than %d bytes", maxPostingBytes)}
	case !utf8.Valid(data):
		return &exitErr{exitInput, errors.New("read posting: input is not UTF-8 text")}
	}
	m, err := matcher.Load()
	if err != nil {
		return err
	}
	loc := cfg.Location()
	p := m.ParsePosting(string(data), time.Now().In(loc), loc)
	p.Screening = m.Screen(p)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(toParsed(m, p, loc))
}

func toParsed(m *matcher.Matcher, p gigbot.Posting, loc *time.Location) parsedPosting {
	out := parsedPosting{
		Title: p.Title, Skills: []string{}, District: p.Place.District, Street: p.Place.Street,
		Headcount: p.Headcount, Phone: p.Phone, Screening: p.Screening, Notes: p.Notes,
	}
	if p.Duration != "" {
		days, hours := matcher.DurationLength(p.Duration)
		out.Duration = &parsedDuration{Text: p.Duration, Days: days, Hours: hours}
	}
	for _, code := range p.Skills {
		out.Skills = append(out.Skills, m.SkillName(code, "zh"))
	}
	if !p.Place.Point.IsZero() {
		pt := p.Place.Point
		out.Location = &pt
	}
	if p.Pay.Known() {
		pay := p.Pay
		out.Pay = &pay
	}
	if !p.Start.IsZero() {
		out.Start = p.Start.In(loc).Format(time.RFC3339)
	}
	if out.Screening.Reasons == nil {
		out.Screening.Reasons = []string{}
	}
	if out.Screening.Verdict == "" {
		out.Screening.Verdict = gigbot.VerdictOK
	}
	return out
}
