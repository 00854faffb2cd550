package bot

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestOnboardingReplies plays the messy replies of testdata/onboarding.tsv.
func TestOnboardingReplies(t *testing.T) {
	f, err := os.Open("testdata/onboarding.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) == 7 {
			cols = append(cols, "-")
		}
		if len(cols) != 8 {
			t.Fatalf("bad row (want 7 or 8 columns): %q", line)
		}
		if header {
			header = false
			if cols[0] == "name" {
				continue
			}
		}
		name, answers, step, skills, district, radius, pay, says := cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7]
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.send("w", "你好")
			var last string
			for _, a := range strings.Split(answers, " | ") {
				last = h.send("w", a).Text
			}
			if step == "-" {
				step = ""
			}
			if got := h.step("w"); got != step {
				t.Fatalf("step %q, want %q; last reply:\n%s", got, step, last)
			}
			if says != "-" && !strings.Contains(last, strings.TrimSpace(h.text(says, nil))) {
				t.Errorf("last reply does not say %s:\n%s", says, last)
			}
			o := &onboarding{}
			if w := h.worker("w"); step == "" && w != nil {
				o.Profile = w.Profile
			} else if !(&turn{conv: h.conv("w"), e: h.e}).draft(draftOnboarding, o) && stepGroup(step) == groupOnboarding {
				t.Fatalf("no onboarding draft at %s", step)
			}
			p := o.Profile
			if skills != "-" && !slices.Equal(p.Skills, strings.Split(skills, ",")) {
				t.Errorf("skills %v, want %s; last reply:\n%s", p.Skills, skills, last)
			}
			if district != "-" && p.District != district {
				t.Errorf("district %q, want %q; last reply:\n%s", p.District, district, last)
			}
			if radius != "-" && strconv.FormatFloat(p.RadiusKm, 'f', -1, 64) != radius {
				t.Errorf("radius %v, want %s; last reply:\n%s", p.RadiusKm, radius, last)
			}
			if pay != "-" && strconv.Itoa(p.MinPay) != pay {
				t.Errorf("pay %d, want %s; last reply:\n%s", p.MinPay, pay, last)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
