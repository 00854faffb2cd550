package matcher

import (
	_ "embed"
	"fmt"
	"unicode/utf8"
)

//go:embed data/typos.tsv
var typosTSV []byte

// loadTypos reads typos.tsv: the right character, then the characters
// people type for it by slip.
func (m *Matcher) loadTypos(b []byte) error {
	m.skillTypos = map[rune]rune{}
	return eachRow(b, func(line int, f []string) error {
		if len(f) != 2 || utf8.RuneCountInString(f[0]) != 1 {
			return fmt.Errorf("typos line %d: want a character and its slips", line)
		}
		right, _ := utf8.DecodeRuneInString(f[0])
		for _, typed := range f[1] {
			// Folding in place needs both to take the same bytes.
			if utf8.RuneLen(typed) != utf8.RuneLen(right) || typed == right {
				return fmt.Errorf("typos line %d: %q cannot stand for %q", line, typed, right)
			}
			if prev, dup := m.skillTypos[typed]; dup && prev != right {
				return fmt.Errorf("typos line %d: %q already stands for %q", line, typed, prev)
			}
			m.skillTypos[typed] = right
		}
		return nil
	})
}

// typoWindow is how far ahead (in bytes) a slip may sit inside a skill
// word: the longest synonyms are about eight characters.
const typoWindow = 8 * 3

// firstTypo returns the byte offset of the first character in s[from:]
// that may be a slip, or -1.
func (m *Matcher) firstTypo(s string, from int) int {
	if len(m.skillTypos) == 0 {
		return -1
	}
	for i, r := range s[from:] {
		if r >= 0x4E00 {
			if _, ok := m.skillTypos[r]; ok {
				return from + i
			}
		}
	}
	return -1
}

// typoAt reads a skill word at s[i:] through exactly one slip (电汗工 →
// 电焊工). It returns nil when there is none.
func (m *Matcher) typoAt(s string, i int) (*dictEntry[string], int) {
	var buf [typoWindow + 4]byte
	n, subs := 0, 0
	var subAt [typoWindow + 4]bool
	for _, r := range s[i:] {
		size := utf8.RuneLen(r)
		if size < 0 || n+size > typoWindow {
			break
		}
		if right, ok := m.skillTypos[r]; ok {
			r = right
			subAt[n] = true
			subs++
		}
		utf8.EncodeRune(buf[n:], r)
		n += size
	}
	if subs == 0 {
		return nil, i
	}
	folded := string(buf[:n])
	e, end := m.skillDict.at(folded, 0)
	if e == nil || e.val == stopCode || runeLen(e.key) < 2 {
		return nil, i
	}
	used := 0
	for k := 0; k < end; k++ {
		if subAt[k] {
			used++
		}
	}
	if used != 1 {
		return nil, i
	}
	return e, i + end
}
