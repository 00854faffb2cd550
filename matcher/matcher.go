// Package matcher understands what people write: the skills taxonomy, the
// places gazetteer, posting extraction, screening, and whether a posting
// fits a worker's profile. Pure functions over embedded data; no I/O
// besides loading that data.
package matcher

import (
	"time"

	"github.com/gigbot/gigbot"
)

// STUB: signatures fixed; bodies are being written (matcher helper owns this file).

// Matcher holds the loaded taxonomy, gazetteer and screening rules. It is
// immutable after Load and safe for concurrent use.
type Matcher struct{}

// Load reads the embedded data files.
func Load() (*Matcher, error) { return &Matcher{}, nil }

// Skill is one entry of the taxonomy.
type Skill struct {
	Code     string
	Name     string // display name, e.g. "保洁"
	Synonyms []string
}

// Skills returns the skill codes mentioned in text, in order of appearance,
// without duplicates.
func (m *Matcher) Skills(text string) []string { return nil }

// SkillName returns the display name of a skill code in lang ("zh", "en"),
// or the code itself when unknown.
func (m *Matcher) SkillName(code, lang string) string { return code }

// Place resolves free text ("河西友谊路", "西青张家窝") to a place.
func (m *Matcher) Place(text string) (gigbot.Place, bool) { return gigbot.Place{}, false }

// NearestPlace returns the Tianjin district and street nearest to p.
func (m *Matcher) NearestPlace(p gigbot.Point) gigbot.Place { return gigbot.Place{Point: p} }

// DistrictPoint returns the point of an official district name.
func (m *Matcher) DistrictPoint(district string) (gigbot.Point, bool) { return gigbot.Point{}, false }

// Distance reads a travel distance ("3公里", "三公里", "5km", "不限"→0 with ok).
func (m *Matcher) Distance(text string) (km float64, ok bool) { return 0, false }

// Pay reads a pay figure from text ("日结300", "两百", "25元/小时").
// A bare number is taken as yuan per day.
func (m *Matcher) Pay(text string) (gigbot.Pay, bool) { return gigbot.Pay{}, false }

// LooksLikePosting reports whether a free message reads like a job posting
// (招/招聘/急招 + a skill or headcount or pay), so an employer need not type a
// command first.
func (m *Matcher) LooksLikePosting(text string) bool { return false }

// ParsePosting extracts a posting's fields from text. now and loc anchor
// relative dates ("明天早上7点"). Text is kept whole in the result.
func (m *Matcher) ParsePosting(text string, now time.Time, loc *time.Location) gigbot.Posting {
	return gigbot.Posting{Text: text}
}

// Screen checks a posting before it is published.
func (m *Matcher) Screen(p gigbot.Posting) gigbot.Screening {
	return gigbot.Screening{Verdict: gigbot.VerdictOK, Reasons: []string{}}
}

// Fits reports whether posting p suits worker profile w: a shared skill,
// within the worker's radius (or in their district when no radius or no
// point), and pay at or above their minimum when both are known.
func Fits(p gigbot.Posting, w gigbot.Profile) bool { return false }
