package matcher

import (
	"slices"
	"testing"
)

// TestPostingSkills checks the skills a posting hires for: a workplace
// named by a skill word (化工厂, 电子厂, 焊接车间) is where, not whom, unless
// only general labour is hired there.
func TestPostingSkills(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for _, c := range []struct {
		name, text string
		want       []string
		headcount  int
	}{
		{"chemical plant hires a cook", "河西 化工厂 招厨师 日结200", []string{"cook"}, 0},
		{"electronics plant hires a guard", "电子厂 招保安", []string{"security_guard"}, 0},
		{"garment plant hires a cook", "服装厂 招厨师", []string{"cook"}, 0},
		{"welding shop hires a cleaner", "焊接车间 招保洁", []string{"cleaner"}, 0},
		{"各 counts the jobs, not the plant", "滨海新区 大港 化工厂 检修 管工 铆工 各两名", []string{"plumber", "riveter"}, 4},
		{"plant workers: the plant says the work", "西青开发区电子厂普工20人", []string{"line_worker", "labourer"}, 20},
		{"a plant alone", "化工厂 招人 5名", []string{"chemical_operator"}, 5},
		{"housekeeping company hires a nanny", "家政公司招保姆", []string{"nanny"}, 0},
		{"kitchen odd jobs", "厨房打杂 2名", []string{"kitchen_helper"}, 2},
		{"model", "模特", []string{"model"}, 0},
		{"a photo fee is no photographer", "高薪招聘 模特 日结1000-3000 无需经验 需缴纳拍照费 加v: model888", []string{"model"}, 0},
		{"courier fee", "快递费自理 招保洁", []string{"cleaner"}, 0},
		// 养护 is upkeep, not care (护工).
		{"road upkeep", "道路养护工", []string{"road_worker"}, 0},
		{"greenery upkeep", "绿化 养护工", []string{"gardener"}, 0},
		{"a care home hires a carer", "养护院招护工", []string{"elder_carer"}, 0},
		{"repairing air conditioners", "修空调", []string{"hvac"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := m.ParsePosting(c.text, now, loc)
			if !slices.Equal(p.Skills, c.want) {
				t.Errorf("skills of %q = %v, want %v", c.text, p.Skills, c.want)
			}
			if c.headcount != 0 && p.Headcount != c.headcount {
				t.Errorf("headcount of %q = %d, want %d", c.text, p.Headcount, c.headcount)
			}
		})
	}
}

// TestTianjinJobWords checks words of Tianjin's gig market the taxonomy
// once missed.
func TestTianjinJobWords(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct{ text, want string }{
		{"刮大白", "painter"},
		{"扫雪", "street_sweeper"},
		{"铲雪", "street_sweeper"},
		{"打胶", "sealant"},
		{"剪线头", "thread_trimmer"},
		{"扛大包", "labourer"},
		{"卸水泥", "labourer"},
		{"气焊", "gas_cutter"},
		{"发单员", "leaflet_distributor"},
		{"拆解工", "demolition"},
		{"摆摊", "shop_assistant"},
		{"活动布置", "event_crew"},
		{"收白菜", "fruit_picker"},
		{"厨房打杂", "kitchen_helper"},
		{"模特", "model"},
		{"礼仪模特", "etiquette"},
	} {
		if got := m.Skills(c.text); !slices.Equal(got, []string{c.want}) {
			t.Errorf("Skills(%q) = %v, want [%s]", c.text, got, c.want)
		}
	}
}

// TestSkillsInEnglish: Telegram users name their work in English.
func TestSkillsInEnglish(t *testing.T) {
	m := mustLoad(t)
	for text, want := range map[string][]string{
		"cleaning":                      {"cleaner"},
		"I can do cleaning and welding": {"cleaner", "welder"},
		"forklift":                      {"forklift_driver"},
		"Security guard":                {"security_guard"},
		"call my phone":                 nil,
	} {
		if got := m.Skills(text); !slices.Equal(got, want) {
			t.Errorf("Skills(%q) = %v, want %v", text, got, want)
		}
	}
}
