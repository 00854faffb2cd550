// Package templates holds every sentence gigbot says to people, as
// text/template files per language (zh/*.tmpl, en/*.tmpl) embedded in the
// binary, and renders them by name.
//
// Each file groups the templates of one concept (worker.tmpl,
// employer.tmpl, staff.tmpl, notice.tmpl, common.tmpl, terminal.tmpl).
// Names are dotted by concept ("worker.ask_skills", "notice.posting"); the
// data each one takes is one of the view types in view.go, a plain value or
// nil.
package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template"
)

// DefaultLang is the language used when a user's is unknown or not
// supported, and the one every other language falls back to per template.
const DefaultLang = "zh"

//go:embed zh/*.tmpl en/*.tmpl
var files embed.FS

// Set is the parsed templates of every language. It is immutable after
// Load and safe for concurrent use.
type Set struct {
	byLang map[string]*template.Template
}

// Load parses the embedded templates of every language.
func Load() (*Set, error) {
	dirs, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, fmt.Errorf("load templates: %w", err)
	}
	s := &Set{byLang: map[string]*template.Template{}}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		lang := d.Name()
		// missingkey=error turns a misspelt field of map data into an
		// error rather than "<no value>" in front of a user.
		t, err := template.New(lang).Funcs(funcs).Option("missingkey=error").
			ParseFS(files, lang+"/*.tmpl")
		if err != nil {
			return nil, fmt.Errorf("load templates %s: %w", lang, err)
		}
		s.byLang[lang] = t
	}
	if s.byLang[DefaultLang] == nil {
		return nil, fmt.Errorf("load templates: no %s templates", DefaultLang)
	}
	return s, nil
}

// Lang returns the supported language for a platform's language tag
// ("en", "en-US", "zh-Hans"): the tag's primary language when templates
// exist for it, DefaultLang otherwise.
func (s *Set) Lang(tag string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if _, ok := s.byLang[primary]; ok {
		return primary
	}
	return DefaultLang
}

// Has reports whether a template called name exists (in DefaultLang, which
// every language falls back to).
func (s *Set) Has(name string) bool {
	return lookup(s.byLang[DefaultLang], name) != nil
}

// Render executes the template name in lang with data. An unsupported lang
// falls back to DefaultLang, and so does a name that lang lacks. An
// unknown name or a failing execution is an error, never a panic. Leading
// and trailing line breaks are trimmed, so template files can keep each
// definition on lines of its own.
func (s *Set) Render(lang, name string, data any) (string, error) {
	t := lookup(s.byLang[lang], name)
	if t == nil {
		t = lookup(s.byLang[DefaultLang], name)
	}
	if t == nil {
		return "", fmt.Errorf("render %s/%s: no such template", lang, name)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("render %s/%s: %w", lang, name, err)
	}
	return strings.Trim(b.String(), "\n"), nil
}

// names lists the templates lang defines, sorted.
func (s *Set) names(lang string) []string {
	t := s.byLang[lang]
	if t == nil {
		return nil
	}
	var out []string
	for _, d := range t.Templates() {
		if lookup(t, d.Name()) != nil {
			out = append(out, d.Name())
		}
	}
	slices.Sort(out)
	return out
}

// lookup finds a defined template, leaving out the root and the per-file
// templates ParseFS creates, which hold no sentence of their own.
func lookup(t *template.Template, name string) *template.Template {
	if t == nil || name == t.Name() || strings.HasSuffix(name, ".tmpl") {
		return nil
	}
	return t.Lookup(name)
}
