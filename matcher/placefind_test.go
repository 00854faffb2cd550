package matcher

import "testing"

// TestPlaceInPostings checks places as postings name them: well-known
// Tianjin names alone, an area inside a former district, and the place of
// work rather than the company's office.
func TestPlaceInPostings(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for _, c := range []struct{ text, district, street string }{
		{"北塘 招力工 日结200", "滨海新区", "北塘街道"},
		{"茶淀 葡萄园 招采摘工", "滨海新区", "茶淀街道"},
		{"双口 招力工 10人", "北辰区", "双口镇"},
		{"鼓楼 招服务员", "南开区", "鼓楼街道"},
		{"天塔 招保洁 2名", "河西区", "天塔街道"},
		{"天津港 招装卸工 日结300", "滨海新区", ""},
		{"汉沽 茶淀 招力工", "滨海新区", "茶淀街道"},
		{"塘沽 新村 招保洁", "滨海新区", "新村街道"},
		{"公司在河西 工地在西青 招力工", "西青区", ""},
		{"工作地点:西青张家窝 面试地点:河西区", "西青区", "张家窝镇"},
		{"面试在河西 上班在南开", "南开区", ""},
		// Outside Tianjin the district is the county's official name, as
		// the contract asks.
		{"河北省香河县 招力工", "香河县", ""},
		// Still weak: a common word, or a road named after a town.
		{"大沽南路 招保洁", "", ""},
	} {
		p := m.ParsePosting(c.text, now, loc).Place
		if p.District != c.district || p.Street != c.street {
			t.Errorf("place of %q = %s %s, want %s %s", c.text, p.District, p.Street, c.district, c.street)
		}
	}
}

// TestPlaceInPinyin: Telegram users name the districts in English.
func TestPlaceInPinyin(t *testing.T) {
	m := mustLoad(t)
	for text, want := range map[string]string{
		"Hexi": "河西区", "Hexi District": "河西区", "jobs in Nankai": "南开区", "binhai new area": "滨海新区",
		"I live in Xiqing": "西青区", "Hexian": "",
		// Slips of voice input; a two-character county elsewhere only with
		// its city named.
		"和西区": "河西区", "何西区": "河西区", "西区": "", "攀枝花西区": "西区",
	} {
		p, _ := m.Place(text)
		if p.District != want {
			t.Errorf("Place(%q) = %q, want %q", text, p.District, want)
		}
	}
}
