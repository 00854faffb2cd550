package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds what people type into one form before any matching:
// full-width letters, digits and punctuation become ASCII (３００ → 300,
// ，→ ,), Chinese punctuation that has an ASCII twin becomes it, dashes and
// tildes become '-' and '~', ASCII letters are lower-cased, invisible
// characters are dropped and tabs and CR become spaces or newlines. Chinese
// characters are kept as they are; numerals are read later (see digitize).
func Normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c == '\t' || c == '\r' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !validAt(s, i):
			continue // invalid bytes carry nothing we could read
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII block
			r -= 0xFEE0
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r == 0x3000, r == '\t', r == 0xA0:
			r = ' '
		case r == '\r':
			r = '\n'
		case r == '、':
			r = ','
		case r == '。':
			r = '.'
		case r == '〜', r == '～':
			r = '~'
		case r == '—', r == '–', r == '―', r == '‐', r == '‑', r == '−', r == '﹣':
			r = '-'
		case r == '“', r == '”', r == '「', r == '」':
			r = '"'
		case r == '‘', r == '’':
			r = '\''
		case r == '【', r == '〔':
			r = '['
		case r == '】', r == '〕':
			r = ']'
		case r == 0xFFE5:
			r = '¥'
		case r == 0x200B, r == 0x200C, r == 0x200D, r == 0xFEFF, r == 0xFE0F, r == 0x2060:
			continue
		case unicode.Is(unicode.Cc, r) && r != '\n':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// validAt reports whether s holds a real U+FFFD at byte i rather than an
// invalid byte.
func validAt(s string, i int) bool {
	return strings.HasPrefix(s[i:], "\uFFFD")
}

// runeLen is the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// skipSpace returns s without leading spaces.
func skipSpace(s string) string { return strings.TrimLeft(s, " ") }

// trimSpaceRight returns s without trailing spaces.
func trimSpaceRight(s string) string { return strings.TrimRight(s, " ") }

// hasAnyPrefix reports whether s starts with one of ps, and which.
func hasAnyPrefix(s string, ps ...string) (string, bool) {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	return "", false
}

// hasAnySuffix reports whether s ends with one of ps, and which.
func hasAnySuffix(s string, ps ...string) (string, bool) {
	for _, p := range ps {
		if strings.HasSuffix(s, p) {
			return p, true
		}
	}
	return "", false
}

// containsAny reports whether s contains one of ps.
func containsAny(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
