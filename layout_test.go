package gigbot_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection keeps the architecture visible: the domain imports
// nothing of ours, and the dialog engine, matcher, index and templates
// never import a platform SDK or a channel adapter.
func TestImportDirection(t *testing.T) {
	const module = "github.com/gigbot/gigbot"
	sdks := []string{
		"github.com/silenceper/wechat", "github.com/go-telegram/bot", "github.com/sirupsen/logrus",
		"modernc.org/sqlite", "github.com/go-co-op/gocron",
	}
	rules := map[string][]string{
		module:                 append([]string{module + "/"}, sdks...),
		module + "/bot":        append([]string{module + "/bot/", module + "/store", module + "/index", module + "/push", "github.com/blevesearch"}, sdks...),
		module + "/matcher":    append([]string{module + "/", "github.com/blevesearch"}, sdks...),
		module + "/templates":  append([]string{module + "/bot", module + "/store", module + "/index", "github.com/blevesearch"}, sdks...),
		module + "/index":      append([]string{module + "/bot", module + "/store", module + "/matcher"}, sdks...),
		module + "/push":       {module + "/bot", module + "/store", module + "/index", "github.com/silenceper", "github.com/go-telegram"},
		module + "/bot/wechat": {module + "/bot/telegram", module + "/store", module + "/index", module + "/matcher", "github.com/go-telegram"},
	}
	for pkg, forbidden := range rules {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == pkg {
				continue
			}
			for _, f := range forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s imports %s", pkg, dep)
				}
			}
		}
	}
}
