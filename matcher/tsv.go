package matcher

import (
	"bufio"
	"bytes"
	"strings"
)

// eachRow calls fn with the tab-separated fields of every data row of an
// embedded TSV file: blank lines and "#" comments are skipped, and so is
// the first remaining line, which names the columns. line is 1-based, for
// error messages. It stops at the first error.
func eachRow(b []byte, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	line, header := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		if err := fn(line, strings.Split(text, "\t")); err != nil {
			return err
		}
	}
	return sc.Err()
}
