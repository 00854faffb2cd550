// Package matcher understands what people write: the skills taxonomy, the
// places gazetteer, posting extraction, screening, and whether a posting
// fits a worker's profile. Pure functions over embedded data; no I/O
// besides loading that data.
//
// Every function first folds the text with Normalize (full-width digits and
// punctuation, letter case), so callers can pass what users typed as is.
package matcher

import (
	"embed"
	"fmt"
)

//go:embed data/skills.tsv data/tianjin_divisions.csv data/china_counties.csv data/landmarks.tsv data/screening.tsv
var dataFS embed.FS

// Matcher holds the loaded taxonomy, gazetteer and screening rules. It is
// immutable after Load and safe for concurrent use.
type Matcher struct {
	skills     []Skill
	skillIndex map[string]int // code → index in skills
	skillDict  *dict[string]  // synonym → code ("" for stop phrases)
	skillTypos map[rune]rune  // a character typed by slip → the right one (typos.go)

	gazetteer
	rules screeningRules
}

// Load reads the embedded data files. It fails only when a data file is
// malformed, which a test catches before any release.
func Load() (*Matcher, error) {
	m := &Matcher{}
	steps := []struct {
		file string
		load func([]byte) error
	}{
		{"data/skills.tsv", m.loadSkills},
		{"data/tianjin_divisions.csv", m.loadDivisions},
		{"data/landmarks.tsv", m.loadLandmarks},
		{"data/china_counties.csv", m.loadCounties},
		{"data/screening.tsv", m.loadRules},
	}
	for _, s := range steps {
		b, err := dataFS.ReadFile(s.file)
		if err != nil {
			return nil, fmt.Errorf("load matcher: %w", err)
		}
		if err := s.load(b); err != nil {
			return nil, fmt.Errorf("load matcher %s: %w", s.file, err)
		}
	}
	m.finishPlaces()
	return m, nil
}
