package templates

import (
	"strconv"
	"strings"
	"text/template"
)

// funcs are the few helpers templates need beyond text/template's own.
// They format numbers and lists, never words: words stay in the files.
var funcs = template.FuncMap{
	// join lists skill names and reasons with a language's separator.
	"join": func(items []string, sep string) string { return strings.Join(items, sep) },
	// add numbers list items from 1.
	"add": func(a, b int) int { return a + b },
	// num prints a distance without trailing zeros: 3, 2.5.
	"num": func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
}
