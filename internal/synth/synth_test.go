package synth

import (
	"reflect"
	"testing"
	"time"

	"github.com/gigbot/gigbot/matcher"
)

func TestGeneratorIsSeededAndSkewed(t *testing.T) {
	m, err := matcher.Load()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	a, b := New(m, 7), New(m, 7)
	if !reflect.DeepEqual(a.Workers(200), b.Workers(200)) || !reflect.DeepEqual(a.Postings(50, at, time.Hour), b.Postings(50, at, time.Hour)) {
		t.Fatal("same seed, different data")
	}
	skills := map[string]int{}
	streets, districtOnly, nowhere := 0, 0, 0
	for _, w := range New(m, 1).Workers(5000) {
		if !w.Active() || len(w.Profile.Skills) == 0 || w.ID == 0 {
			t.Fatalf("unusable worker %+v", w)
		}
		for _, s := range w.Profile.Skills {
			if _, ok := m.Skill(s); !ok {
				t.Fatalf("skill %q not in the taxonomy", s)
			}
			skills[s]++
		}
		switch p := w.Profile; {
		case p.Street != "":
			streets++
		case p.District != "":
			districtOnly++
		case p.Point.IsZero():
			nowhere++
		}
	}
	if skills["labourer"] < 20*skills["childcare"] || skills["cleaner"] < 200 {
		t.Errorf("skills not skewed: 力工 %d, 保洁 %d, 育儿嫂 %d", skills["labourer"], skills["cleaner"], skills["childcare"])
	}
	if streets < 1000 || districtOnly < 500 || nowhere == 0 {
		t.Errorf("places not mixed: street %d, district only %d, none %d", streets, districtOnly, nowhere)
	}
}
