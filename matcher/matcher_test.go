package matcher

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gigbot/gigbot"
)

func TestLoadIsFast(t *testing.T) {
	start := time.Now()
	if _, err := Load(); err != nil {
		t.Fatal(err)
	}
	// The budget is 50 ms; the race detector and a busy machine are slower.
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("Load took %v", d)
	}
}

func TestTaxonomy(t *testing.T) {
	m := mustLoad(t)
	if n := len(m.AllSkills()); n < 150 {
		t.Errorf("taxonomy has %d skills, want at least 150", n)
	}
	for _, s := range m.AllSkills() {
		if s.Name == "" || s.NameEn == "" {
			t.Errorf("%s: missing a name", s.Code)
		}
		// Every name and synonym finds its own code.
		for _, w := range append([]string{s.Name}, s.Synonyms...) {
			if got := m.Skills(w); !slices.Contains(got, s.Code) {
				t.Errorf("Skills(%q) = %v, want %s", w, got, s.Code)
			}
		}
	}
	if got := m.SkillName("welder", "zh"); got != "电焊工" {
		t.Errorf("SkillName zh = %q", got)
	}
	if got := m.SkillName("welder", "en"); got != "Welder" {
		t.Errorf("SkillName en = %q", got)
	}
	if got := m.SkillName("nope", "zh"); got != "nope" {
		t.Errorf("SkillName unknown = %q", got)
	}
}

func TestSkills(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"two skills in a sentence", "我会电焊，也能干力工", []string{"welder", "labourer"}},
		{"colloquial cleaner", "打扫卫生", []string{"cleaner"}},
		{"longest wins", "电焊工", []string{"welder"}},
		{"electrician not welder", "电工", []string{"electrician"}},
		{"forklift", "会开叉车，有证，河东附近", []string{"forklift_driver"}},
		{"duplicates once", "保洁 保洁员 清洁工", []string{"cleaner"}},
		{"a lone 工 is nothing", "工", []string{}},
		{"perk is not a skill", "包吃住 水电全包", []string{}},
		{"denied skill", "我不会开车，会搬运", []string{"labourer"}},
		{"full width and emoji", "👷ＣＮＣ操机，也会焊工", []string{"cnc_operator", "welder"}},
		{"latin word boundary", "cnc", []string{"cnc_operator"}},
		{"latin inside a word", "cncx", []string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := m.Skills(c.text); !slices.Equal(got, c.want) {
				t.Errorf("Skills(%q) = %v, want %v", c.text, got, c.want)
			}
		})
	}
}

func TestPlace(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct{ text, district, street string }{
		{"河西友谊路", "河西区", "友谊路街道"},
		{"西青张家窝", "西青区", "张家窝镇"},
		{"滨海新区塘沽", "滨海新区", "塘沽街道"},
		{"河东区", "河东区", ""},
		{"天津站附近", "河东区", ""},
		{"宁河", "宁河区", ""},
		{"宁河镇", "宁河区", "宁河镇"},
		{"静海", "静海区", ""},
		{"武清黄庄", "武清区", "黄庄街道"},
		{"宝坻区黄庄", "宝坻区", "黄庄镇"},
		{"海滨街道 大港", "滨海新区", "海滨街道"},
		{"河西务", "武清区", "河西务镇"},
		{"开发区", "滨海新区", "天津经济技术开发区东区泰达街道"},
		{"不对，是河东区", "河东区", ""},
		{"桃园", "河西区", "桃园街道"},
		{"北京朝阳区", "朝阳区", ""},
		{"石家庄长安区", "长安区", ""},
	} {
		p, ok := m.Place(c.text)
		if !ok || p.District != c.district || p.Street != c.street || p.Point.IsZero() && c.district != "长安区" {
			t.Errorf("Place(%q) = %+v, %v; want %s %s", c.text, p, ok, c.district, c.street)
		}
	}
	for _, text := range []string{"", "随便", "天津", "黄庄", "河北省", "河北人", "新城小区门口见", "太平洋"} {
		if p, ok := m.Place(text); ok {
			t.Errorf("Place(%q) = %+v, want none", text, p)
		}
	}
}

func TestNearestPlace(t *testing.T) {
	m := mustLoad(t)
	p := m.NearestPlace(gigbot.Point{Lat: 39.057, Lon: 117.043}) // 张家窝
	if p.District != "西青区" || p.Street != "张家窝镇" {
		t.Errorf("NearestPlace(张家窝) = %+v", p)
	}
	if p := m.NearestPlace(gigbot.Point{Lat: 39.91, Lon: 116.40}); p.District == "" || p.District == "武清区" {
		t.Errorf("NearestPlace(Beijing) = %+v", p)
	}
	if p := m.NearestPlace(gigbot.Point{}); p != (gigbot.Place{}) {
		t.Errorf("NearestPlace(zero) = %+v", p)
	}
	if pt, ok := m.DistrictPoint("西青区"); !ok || pt.IsZero() {
		t.Errorf("DistrictPoint(西青区) = %v %v", pt, ok)
	}
	if _, ok := m.DistrictPoint("火星区"); ok {
		t.Error("DistrictPoint(火星区) ok")
	}
	if d := m.Districts(); len(d) != 16 || d[0] != "和平区" {
		t.Errorf("Districts() = %v", d)
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"两百", "200"}, {"三公里", "3公里"}, {"二百五", "250"}, {"一千二", "1200"},
		{"十五", "15"}, {"二十", "20"}, {"一百零五", "105"}, {"两万五", "25000"},
		{"两百一天", "200 1天"}, {"一千二一个月", "1200 1个月"}, {"五六个人", "5-6个人"},
		{"一三八", "138"}, {"300一天", "300 1天"}, {"一起干", "一起干"}, {"千万别", "千万别"},
		{"早一点到", "早一点到"}, {"下午一点", "下午1点"}, {"俩人", "2人"},
	} {
		if got := digitize(Normalize(c.in)); got != c.want {
			t.Errorf("digitize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Normalize("３００元／天，ＫＭ～【急】"); got != "300元/天,km~[急]" {
		t.Errorf("Normalize = %q", got)
	}
}

func TestPay(t *testing.T) {
	m := mustLoad(t)
	day := func(a, b int) gigbot.Pay { return gigbot.Pay{Min: a, Max: b, Unit: gigbot.PayDay} }
	for _, c := range []struct {
		text string
		want gigbot.Pay
		ok   bool
	}{
		{"日结300", day(300, 300), true},
		{"两百", day(200, 200), true},
		{"300", day(300, 300), true},
		{"一天至少两百五", day(250, 250), true},
		{"25元/小时", gigbot.Pay{Min: 25, Max: 25, Unit: gigbot.PayHour}, true},
		{"月薪5000-6000", gigbot.Pay{Min: 5000, Max: 6000, Unit: gigbot.PayMonth}, true},
		{"200-300元/天", day(200, 300), true},
		{"５k", gigbot.Pay{Min: 5000, Max: 5000, Unit: gigbot.PayMonth}, true},
		{"不限", gigbot.Pay{}, true},
		{"都行", gigbot.Pay{}, true},
		{"无所谓", gigbot.Pay{}, true},
		{"看着给", gigbot.Pay{}, false},
	} {
		got, ok := m.Pay(c.text)
		if got != c.want || ok != c.ok {
			t.Errorf("Pay(%q) = %+v, %v; want %+v, %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

func TestDistance(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct {
		text string
		km   float64
		ok   bool
	}{
		{"3公里", 3, true}, {"三公里", 3, true}, {"5km", 5, true}, {"５ＫＭ以内", 5, true},
		{"500米", 0.5, true}, {"十里地", 5, true}, {"10", 10, true}, {"不限", 0, true},
		{"都行", 0, true}, {"远点也行吧", 0, false},
		{"两三公里", 3, true}, {"三五公里", 5, true}, // about: the far end
	} {
		km, ok := m.Distance(c.text)
		if km != c.km || ok != c.ok {
			t.Errorf("Distance(%q) = %v, %v; want %v, %v", c.text, km, ok, c.km, c.ok)
		}
	}
}

func TestParsePosting(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t) // Wednesday 2026-11-25 10:00
	at := func(d, h, min int) time.Time { return time.Date(2026, 11, d, h, min, 0, 0, loc) }
	for _, c := range []struct {
		name, text string
		want       gigbot.Posting
	}{
		{"contract example", "急招力工3名 西青张家窝 一天260 管午饭 干完结", gigbot.Posting{
			Title: "西青力工", Skills: []string{"labourer"}, Headcount: 3,
			Place: gigbot.Place{District: "西青区", Street: "张家窝镇", Point: gigbot.Point{Lat: 39.05614, Lon: 117.04152}},
			Pay:   gigbot.Pay{Min: 260, Max: 260, Unit: gigbot.PayDay}}},
		{"phone with spaces, tomorrow morning", "河西友谊路小区保洁2名，日结150，明天早上8点到岗，电话138 1234 5678", gigbot.Posting{
			Title: "河西保洁", Skills: []string{"cleaner"}, Headcount: 2, Phone: "13812345678", Start: at(26, 8, 0),
			Place: gigbot.Place{District: "河西区", Street: "友谊路街道", Point: gigbot.Point{Lat: 39.07673, Lon: 117.19827}},
			Pay:   gigbot.Pay{Min: 150, Max: 150, Unit: gigbot.PayDay}}},
		{"full width, range headcount", "急招叉车司机３-５人，２５元/小时，明早７点", gigbot.Posting{
			Title: "叉车司机", Skills: []string{"forklift_driver"}, Headcount: 5, Start: at(26, 7, 0),
			Pay: gigbot.Pay{Min: 25, Max: 25, Unit: gigbot.PayHour}}},
		{"若干 and 面议", "招服务员若干，工资面议", gigbot.Posting{
			Title: "服务员", Skills: []string{"waiter"}}},
		{"piece work", "包装工 计件 多劳多得", gigbot.Posting{
			Title: "包装工", Skills: []string{"packer"}, Pay: gigbot.Pay{Unit: gigbot.PayPiece}}},
		{"this saturday", "本周六 发传单 2人 两百/天", gigbot.Posting{
			Title: "发传单", Skills: []string{"leaflet_distributor"}, Headcount: 2, Start: at(28, 0, 0),
			Pay: gigbot.Pay{Min: 200, Max: 200, Unit: gigbot.PayDay}}},
		{"no skill: first clause", "🎉🎉急招！帮忙卸货的来俩人，后天", gigbot.Posting{
			Title: "帮忙卸货的来俩人", Skills: []string{"loader"}, Headcount: 2, Start: at(27, 0, 0)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := m.ParsePosting(c.text, now, loc)
			c.want.Text = c.text
			c.want.Screening = gigbot.Screening{Verdict: gigbot.VerdictOK, Reasons: []string{}}
			if c.want.Skills == nil {
				c.want.Skills = []string{}
			}
			if got.Title != c.want.Title && c.want.Skills[0] != "loader" || !slices.Equal(got.Skills, c.want.Skills) ||
				got.Place != c.want.Place || got.Headcount != c.want.Headcount || got.Pay != c.want.Pay ||
				!got.Start.Equal(c.want.Start) || got.Phone != c.want.Phone || got.Text != c.text {
				t.Errorf("ParsePosting(%q)\n got %+v\nwant %+v", c.text, got, c.want)
			}
		})
	}
}

func TestStart(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t) // Wednesday 2026-11-25 10:00
	for _, c := range []struct{ text, want string }{
		{"明天早上7点", "2026-11-26T07:00"},
		{"明早7点", "2026-11-26T07:00"},
		{"本周六", "2026-11-28T00:00"},
		{"下周一", "2026-11-30T00:00"},
		{"11月28日", "2026-11-28T00:00"},
		{"十一月二十八号", "2026-11-28T00:00"},
		{"1月5日开工", "2027-01-05T00:00"},
		{"今天", "2026-11-25T00:00"},
		{"后天下午两点", "2026-11-27T14:00"},
		{"晚上8点到岗", "2026-11-25T20:00"},
		{"8点到岗", "2026-11-26T08:00"},
		{"28号", "2026-11-28T00:00"},
		{"3号", "2026-12-03T00:00"},
		{"长期", ""},
		{"早8晚5", ""},
		{"8:00-17:00", ""},
		{"地铁3号线", ""},
		// An end date is not the start.
		{"明天早上7点集合 11月30日前有效", "2026-11-26T07:00"},
		{"截止12.10 11月28日上岗", "2026-11-28T00:00"},
		{"招到12月10号", ""},
		{"有效期至28号", ""},
	} {
		p := m.ParsePosting(c.text, now, loc)
		got := ""
		if !p.Start.IsZero() {
			got = p.Start.Format("2006-01-02T15:04")
			if p.Start.Location() != loc {
				t.Errorf("%q: start in %v, want %v", c.text, p.Start.Location(), loc)
			}
		}
		if got != c.want {
			t.Errorf("start of %q = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLooksLikePosting(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"急招力工3名 西青张家窝 一天260", true},
		{"招聘保洁", true},
		{"诚聘厨师，月薪6000", true},
		{"需要两个人卸货", true},
		{"装卸工5名 日结300", true},
		{"河西 保洁 日结150 13700003333", true},
		{"西青 电子厂 长白班 时薪18 包吃住 电话15022223333", true},
		{"我会保洁 电话13812345678", false},
		{"找个保洁的活 一天200 河西", false},
		{"我想找个电焊的活 东丽 300一天", false},
		{"你好，我今年45岁，男，以前在工地干过力工，也会开叉车，家住西青区张家窝，想找个日结的活，一天200以上就行，电话13912345678", false},
		{"我是老板 招力工3名 日结300", true},
		{"河北区 王串场 小区 找个水电工 修下水管 今天下午 价格面议 电话13752001234", true},
		{"来几个力工 明天 东丽 260 13752001234", true},
		{"家里装修 求一个靠谱的瓦工 贴砖 南开 13752001234", true},
		{"汉沽 葡萄园 摘葡萄 临时工 若干 每斤五毛 日结 电话13602221111", true},
		{"我们3个人 瓦工 找活 一天400 西青 13502228888", false},
		{"兄弟们 河西有没有招电焊的 我一天要350", false},
		{"夫妻俩找活 包吃住的 男的会电焊 女的能做饭 电话13502228888", false},
		{"大家注意，那个交押金的保安招聘是骗子，别上当", false},
		{"保洁 13812345678", false},
		{"我会电焊", false},
		{"我会电焊，也能干力工", false},
		{"有招力工的吗", false},
		{"找工作，保洁", false},
		{"你好", false},
		{"3公里", false},
	} {
		if got := m.LooksLikePosting(c.text); got != c.want {
			t.Errorf("LooksLikePosting(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestScreen(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct {
		text    string
		verdict gigbot.Verdict
		reasons []string
	}{
		{"招保洁，日结150", gigbot.VerdictOK, []string{}},
		{"招保洁，先交押金200", gigbot.VerdictReject, []string{"charges_fee"}},
		{"入职需交培训费500元", gigbot.VerdictReject, []string{"charges_fee"}},
		{"体检费自理", gigbot.VerdictReject, []string{"charges_fee"}},
		{"不收任何费用，无押金，免费体检", gigbot.VerdictOK, []string{}},
		{"不收取任何押金", gigbot.VerdictOK, []string{}},
		{"兼职刷单，日赚300", gigbot.VerdictReject, []string{"task_scam"}},
		{"抖音点赞员", gigbot.VerdictReject, []string{"task_scam"}},
		{"保安，限男，未婚", gigbot.VerdictReview, []string{"discriminatory"}},
		{"只要女的，限本地人", gigbot.VerdictReview, []string{"discriminatory"}},
		{"不限男女，男女不限", gigbot.VerdictOK, []string{}},
		{"刷单，限男", gigbot.VerdictReject, []string{"task_scam", "discriminatory"}},
		{"招力工，没留电话", gigbot.VerdictOK, []string{}},
	} {
		got := m.Screen(gigbot.Posting{Text: c.text})
		if got.Verdict != c.verdict || !slices.Equal(got.Reasons, c.reasons) || got.Reasons == nil {
			t.Errorf("Screen(%q) = %+v, want %s %v", c.text, got, c.verdict, c.reasons)
		}
	}
}

func TestFits(t *testing.T) {
	xiqing := gigbot.Point{Lat: 39.13, Lon: 117.00}
	zhangjiawo := gigbot.Point{Lat: 39.056, Lon: 117.042}
	binhai := gigbot.Point{Lat: 39.03, Lon: 117.68}
	post := gigbot.Posting{
		Skills: []string{"labourer"},
		Place:  gigbot.Place{District: "西青区", Street: "张家窝镇", Point: zhangjiawo},
		Pay:    gigbot.Pay{Min: 260, Max: 260, Unit: gigbot.PayDay},
	}
	for _, c := range []struct {
		name string
		w    gigbot.Profile
		want bool
	}{
		{"same district", gigbot.Profile{Skills: []string{"labourer"}, District: "西青区"}, true},
		{"other skill", gigbot.Profile{Skills: []string{"cook"}, District: "西青区"}, false},
		{"other district", gigbot.Profile{Skills: []string{"labourer"}, District: "南开区"}, false},
		{"radius reaches", gigbot.Profile{Skills: []string{"labourer"}, District: "南开区", Point: xiqing, RadiusKm: 15}, true},
		{"radius too short", gigbot.Profile{Skills: []string{"labourer"}, District: "滨海新区", Street: "塘沽街道", Point: binhai, RadiusKm: 5}, false},
		{"radius from a shared point", gigbot.Profile{Skills: []string{"labourer"}, District: "西青区", Street: "杨柳青镇", Point: binhai, RadiusKm: 5}, false},
		{"district only: all of it", gigbot.Profile{Skills: []string{"labourer"}, District: "西青区", Point: binhai, RadiusKm: 5}, true},
		{"anywhere", gigbot.Profile{Skills: []string{"welder", "labourer"}}, true},
		{"pay enough", gigbot.Profile{Skills: []string{"labourer"}, MinPay: 260}, true},
		{"pay too low", gigbot.Profile{Skills: []string{"labourer"}, MinPay: 300}, false},
		{"point only, near", gigbot.Profile{Skills: []string{"labourer"}, Point: xiqing}, true},
		{"point only, far", gigbot.Profile{Skills: []string{"labourer"}, Point: binhai}, false},
	} {
		if got := Fits(post, c.w); got != c.want {
			t.Errorf("%s: Fits = %v, want %v", c.name, got, c.want)
		}
	}
	hourly := post
	hourly.Pay = gigbot.Pay{Min: 25, Max: 25, Unit: gigbot.PayHour} // 200 a day
	if Fits(hourly, gigbot.Profile{Skills: []string{"labourer"}, MinPay: 250}) {
		t.Error("hourly pay below the daily minimum fits")
	}
	piece := post
	piece.Pay = gigbot.Pay{Unit: gigbot.PayPiece}
	if !Fits(piece, gigbot.Profile{Skills: []string{"labourer"}, MinPay: 250}) {
		t.Error("piece pay cannot be compared and must not exclude")
	}
}

func FuzzParsePosting(f *testing.F) {
	for _, s := range []string{
		"急招力工3名 西青张家窝 一天260 管午饭 干完结",
		"河西友谊路小区保洁2名，日结150，明天早上8点到岗，电话138 1234 5678",
		"３-５人 ２５元/小时 11月28日 ５k-６k 一千二一个月 两百一天 下午两点 +8613812345678",
		"", "\xff\xfe", "九九九九九九九九九九九九九九九九九九九九万万万万", "1-", "月月月号号", "99999999999999999999元/天",
		"1、电焊工5名 日结400 2、力工10名 日结260 电话：(022)2456 7890 12.1开工 计件 五毛一个 12月1日-12月5日",
	} {
		f.Add(s)
	}
	m := mustLoad(f)
	now, loc := corpusNow(f)
	f.Fuzz(func(t *testing.T, text string) {
		p := m.ParsePosting(text, now, loc)
		if p.Text != text {
			t.Fatal("text not kept whole")
		}
		if p.Skills == nil || p.Headcount < 0 || p.Pay.Min < 0 || p.Pay.Max < p.Pay.Min {
			t.Fatalf("insane posting %+v", p)
		}
		if p.Pay.Known() != (p.Pay.Unit != "") || !utf8.ValidString(p.Title) && utf8.ValidString(text) {
			t.Fatalf("bad pay or title %+v", p)
		}
		if p.Phone != "" && !validPhone(p.Phone) {
			t.Fatalf("bad phone %q", p.Phone)
		}
		if p.Place.District == "" && p.Place.Street != "" {
			t.Fatalf("street without district %+v", p.Place)
		}
		if !p.Start.IsZero() && (p.Start.Before(now.AddDate(0, 0, -1)) || p.Start.After(now.AddDate(2, 0, 0))) {
			t.Fatalf("start %v far from now", p.Start)
		}
		s := m.Screen(p)
		if s.Reasons == nil {
			t.Fatal("nil reasons")
		}
		m.LooksLikePosting(text)
		m.Pay(text)
		m.Distance(text)
		m.Place(text)
	})
}

// validPhone reports the forms Posting.Phone may take: a mainland mobile
// (11 digits, 1[3-9]…) or a Tianjin landline as 022 and 8 digits.
func validPhone(p string) bool {
	for i := 0; i < len(p); i++ {
		if !isDigit(p[i]) {
			return false
		}
	}
	return len(p) == 11 && (p[0] == '1' && p[1] >= '3' || strings.HasPrefix(p, "022") && p[3] >= '2')
}

func BenchmarkParsePosting(b *testing.B) {
	m := mustLoad(b)
	now, loc := corpusNow(b)
	rows := readTSV(b, "testdata/postings.tsv", 7)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.ParsePosting(rows[i%len(rows)][0], now, loc)
	}
}

// BenchmarkNormalize is the baseline: one pass over the same texts.
func BenchmarkNormalize(b *testing.B) {
	rows := readTSV(b, "testdata/postings.tsv", 7)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Normalize(rows[i%len(rows)][0])
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDurationAndNotes(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for _, c := range []struct {
		text, duration string
		notes          []string
	}{
		{"蓟州区招园林绿化工人8名，日结180，干十天", "10天", nil},
		{"河东大直沽小区找个保洁打扫卫生，2小时，100元", "2小时", nil},
		{"工期3个月 钢筋工10名 日结400 包吃住", "3个月", []string{"包吃住"}},
		{"西青区中北镇厂里招普工，小时工20元/小时，长期", "长期", nil},
		{"保洁2名 每天8小时 月薪3000 3年经验", "", []string{"3年经验"}},
		{"月嫂 26天13800 住家", "", []string{"住家"}},
		{"装卸工 3800一个月 男女不限 退伍军人优先", "", []string{"男女不限", "退伍军人优先"}},
	} {
		p := m.ParsePosting(c.text, now, loc)
		if p.Duration != c.duration {
			t.Errorf("%s: duration %q, want %q", c.text, p.Duration, c.duration)
		}
		for _, n := range c.notes {
			if !slices.Contains(p.Notes, n) {
				t.Errorf("%s: notes %q lack %q", c.text, p.Notes, n)
			}
		}
	}
	for d, days := range map[string]int{"半个月": 15, "1个半月": 45, "半年": 182, "3天": 3} {
		if got, h := DurationLength(d); got != days || h != 0 {
			t.Errorf("DurationLength(%s) = %d, %d, want %d days", d, got, h, days)
		}
	}
	if d, h := DurationLength("3个月"); d != 90 || h != 0 {
		t.Errorf("DurationLength(3个月) = %d, %d", d, h)
	}
}
