package matcher

import (
	"sort"
	"unicode/utf8"
)

// dict finds words of a fixed vocabulary in text, leftmost-longest and
// without overlaps, the way a reader segments Chinese: at each position the
// longest known word wins, so 电焊工 is read before 电工 and 河西务 before 河西.
// Words are bucketed by their first rune; a bucket is short, so a scan costs
// one map lookup per rune of text.
type dict[T any] struct {
	byFirst map[rune][]dictEntry[T]
	words   map[string]T // while building
}

type dictEntry[T any] struct {
	key   string
	val   T
	ascii bool // a latin word ("cnc", "km"): must not touch other latin letters or digits
}

func newDict[T any]() *dict[T] {
	return &dict[T]{words: map[string]T{}}
}

// get returns the value stored for key while building.
func (d *dict[T]) get(key string) (T, bool) {
	v, ok := d.words[key]
	return v, ok
}

// set stores val for key while building.
func (d *dict[T]) set(key string, val T) { d.words[key] = val }

// freeze builds the lookup buckets; the dict is read-only afterwards.
func (d *dict[T]) freeze() {
	d.byFirst = make(map[rune][]dictEntry[T], len(d.words))
	for k, v := range d.words {
		r, _ := utf8.DecodeRuneInString(k)
		d.byFirst[r] = append(d.byFirst[r], dictEntry[T]{key: k, val: v, ascii: isASCIIWord(k)})
	}
	for _, b := range d.byFirst {
		sort.Slice(b, func(i, j int) bool {
			if len(b[i].key) != len(b[j].key) {
				return len(b[i].key) > len(b[j].key)
			}
			return b[i].key < b[j].key
		})
	}
	d.words = nil
}

// at returns the longest word starting at byte offset i of s.
func (d *dict[T]) at(s string, i int) (e *dictEntry[T], end int) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	b := d.byFirst[r]
	for k := range b {
		e := &b[k]
		if len(s)-i < len(e.key) || s[i:i+len(e.key)] != e.key {
			continue
		}
		end := i + len(e.key)
		if e.ascii && (i > 0 && isASCIIAlnum(s[i-1]) || end < len(s) && isASCIIAlnum(s[end])) {
			continue
		}
		return e, end
	}
	return nil, i
}

// scan calls fn for each word found in s, leftmost-longest, in order.
func (d *dict[T]) scan(s string, fn func(start, end int, e *dictEntry[T])) {
	for i := 0; i < len(s); {
		if e, end := d.at(s, i); e != nil {
			fn(i, end, e)
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) {
			return false
		}
	}
	return s != ""
}
