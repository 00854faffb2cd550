package matcher

import (
	_ "embed"
	"fmt"
	"strconv"
)

// payRatesTSV is data/pay_rates.tsv: the going daily pay by skill group.
//
//go:embed data/pay_rates.tsv
var payRatesTSV []byte

// payRates are the top going daily rates, by skill code.
type payRates struct {
	bySkill      map[string]int
	unknownSkill int // top rate when no skill of the posting is known
}

// top is the highest top rate among skills, so a posting for 力工 and 电焊
// is measured against the welder's pay.
func (r payRates) top(skills []string) int {
	best := 0
	for _, c := range skills {
		best = max(best, r.bySkill[c])
	}
	if best == 0 {
		return r.unknownSkill
	}
	return best
}

func (m *Matcher) loadPayRates(b []byte) error {
	r := payRates{bySkill: map[string]int{}}
	err := eachRow(b, func(line int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("pay_rates.tsv line %d: want 4 columns, got %d", line, len(f))
		}
		lo, err1 := strconv.Atoi(f[1])
		top, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || lo <= 0 || top < lo {
			return fmt.Errorf("pay_rates.tsv line %d: bad rates %q-%q", line, f[1], f[2])
		}
		if f[0] == "*" {
			r.unknownSkill = top
			return nil
		}
		for _, c := range splitList(f[3]) {
			if _, ok := m.skillIndex[c]; !ok {
				return fmt.Errorf("pay_rates.tsv line %d: unknown skill %q", line, c)
			}
			if _, dup := r.bySkill[c]; dup {
				return fmt.Errorf("pay_rates.tsv line %d: skill %q in two groups", line, c)
			}
			r.bySkill[c] = top
		}
		return nil
	})
	if err != nil {
		return err // each names pay_rates.tsv and the line
	}
	if r.unknownSkill == 0 {
		return fmt.Errorf("pay_rates.tsv: no rate for unknown skills (group *)")
	}
	m.rules.rates = r
	return nil
}
