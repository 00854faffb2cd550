package matcher

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

// TestScreenRules runs each rule of screening.tsv on real-style postings
// and on near-misses that must pass. Postings are given with the parsed
// fields the conditions read (phone, pay, skills), so each case tests the
// rules, not extraction.
func TestScreenRules(t *testing.T) {
	m := mustLoad(t)
	const phone = "13812345678"
	day := func(v int) gigbot.Pay { return gigbot.Pay{Min: v, Max: v, Unit: gigbot.PayDay} }
	month := func(v int) gigbot.Pay { return gigbot.Pay{Min: v, Max: v, Unit: gigbot.PayMonth} }
	type tc struct {
		name, text string
		skills     []string
		pay        gigbot.Pay
		noPhone    bool
		verdict    gigbot.Verdict
		reasons    []string
	}
	ok := func(name, text string) tc { return tc{name: name, text: text, verdict: gigbot.VerdictOK} }
	reject := func(name, text string, codes ...string) tc {
		return tc{name: name, text: text, verdict: gigbot.VerdictReject, reasons: codes}
	}
	review := func(name, text string, codes ...string) tc {
		return tc{name: name, text: text, verdict: gigbot.VerdictReview, reasons: codes}
	}
	cases := []tc{
		// charges_fee
		reject("deposit", "招保洁，先交押金200", "charges_fee"),
		reject("deposit in words", "先交押金三百，干满一个月退", "charges_fee"),
		reject("uniform fee brought along", "入职需自备工装费200元", "charges_fee"),
		reject("training fee", "入职需交培训费500元", "charges_fee"),
		reject("check-up paid by the worker", "体检费自理", "charges_fee"),
		reject("check-up, cost in the next clause", "入职前到指定医院体检，费用自理", "charges_fee"),
		reject("uniform priced", "工作服每套120元，从工资扣", "charges_fee"),
		reject("pay first, a figure", "上岗前先交500元", "charges_fee"),
		reject("pay first, Chinese figure", "先交两百块才能上班", "charges_fee"),
		reject("agency fee", "中介费300元，上岗即返", "charges_fee"),
		reject("card fee", "需交办卡费50", "charges_fee"),
		reject("guarantee money", "需交纳保证金500元", "charges_fee"),
		reject("spaced out", "押 金 200", "charges_fee"),
		reject("ID card held", "入职押身份证", "charges_fee"),
		reject("fee after an unrelated negation", "无需经验押金300", "charges_fee"),
		reject("stated fee after a denied one", "无中介费，押金200元", "charges_fee"),
		reject("a deposit refunded later is still a deposit", "押金200元，离职不退", "charges_fee"),
		ok("no fees at all", "包吃住，不收任何费用"),
		ok("no deposit", "无押金"),
		ok("deposit not taken", "不收押金"),
		ok("deposit waived", "押金全免"),
		ok("zero deposit", "零押金"),
		ok("deposit: none", "押金:无"),
		ok("free check-up", "免费体检"),
		ok("check-up reimbursed", "公司报销体检费"),
		ok("check-up reimbursed later", "体检费入职后公司报销"),
		ok("check-up paid by the company", "体检费用由公司承担"),
		ok("uniform free", "工服免费发放"),
		ok("no money asked", "不用交任何钱"),
		ok("list denied before", "本公司不收取押金、培训费、体检费等任何费用"),
		ok("list denied after", "押金、服装费一律不收"),
		ok("no deposit to pay", "无需缴纳任何押金"),
		ok("referral bonus paid to the worker", "老员工介绍新人奖励介绍费500元"),
		ok("deposit scheme dropped", "押金制度已取消"),
		ok("300 is no zero", "薪资3000,0押金"),
		reject("photo fee", "高薪招聘 模特 日结1000-3000 无需经验 需缴纳拍照费 加v: model888", "charges_fee"),
		reject("any fee to pay", "入职需缴纳一定费用", "charges_fee"),
		reject("a fee named after 需交", "需交建档资料费用", "charges_fee"),
		reject("sign-up fee", "报名费50元 介绍费100", "charges_fee"),
		reject("styling fee", "试镜前先交形象设计费", "charges_fee"),
		reject("health certificate at the worker's cost", "办健康证 费用自理", "charges_fee"),
		reject("health certificate fee", "健康证费用自理", "charges_fee"),
		ok("health certificate brought along", "需自备健康证"),
		ok("health certificate reimbursed", "办健康证 费用公司报销"),
		ok("nothing to pay", "不需要交任何费用"),
		ok("nothing to pay either", "无需缴纳任何费用"),
		ok("insurance paid for the worker", "公司缴纳社保费 包吃住"),
		reject("tuition", "招学徒 包教包会 学费3000", "charges_fee"),
		ok("tuition waived", "学费全免 包教包会"),
		ok("tuition subsidy", "子女学费补贴"),
		reject("ID card held by the company", "快递分拣 日结 先交身份证原件押在公司", "charges_fee"),
		ok("ID card brought along", "请携带身份证原件 押金全免"),
		ok("ID card and no deposit", "身份证带好 不收押金"),
		reject("photo shoot at the model's cost", "招模特 时薪500 需先拍写真 费用自理", "charges_fee"),
		ok("fare reimbursed", "交通费报销"),
		ok("meals at the worker's cost", "不包吃住 餐费自理"),
		ok("photo fee reimbursed", "拍照费公司承担"),
		// task_scam
		reject("order brushing", "兼职刷单，日赚300", "task_scam"),
		reject("like clicker", "抖音点赞员", "task_scam"),
		reject("typist at home", "招聘手机打字员 在家可做 时间自由", "task_scam"),
		reject("advance payment", "做任务返佣金 需先垫付", "task_scam"),
		reject("boosting sales", "帮商家提升销量 每单佣金20元", "task_scam"),
		ok("refuses brushing", "拒绝刷单 正规公司"),
		ok("not a typist scam", "非刷单，非打字员"),
		ok("office typist", "办公室文员 熟练打字 月薪4000"),
		ok("painter", "刷墙工 日结350"),
		ok("boss advances the fare", "老板垫付车费"),
		reject("watching videos for likes", "兼职 看视频 点赞 一单3元", "task_scam"),
		reject("typing online at home", "网络兼职 打字 在家做 日结", "task_scam"),
		ok("video editing", "短视频剪辑 兼职 日结200"),
		ok("online customer service", "网络兼职 客服 月薪4000"),
		// money_mule
		reject("buys bank cards", "高价收购银行卡 一张800", "money_mule"),
		reject("score running", "招跑分员 提供收款码 佣金日结", "money_mule"),
		reject("rents accounts", "出租微信号 支付宝", "money_mule"),
		reject("lends ID", "出借身份证注册公司 一次2000", "money_mule"),
		ok("wages to a bank card", "工资打银行卡 月结"),
		ok("cashier with QR codes", "收银员 会用收款码"),
		// overseas
		reject("overseas customer service", "高薪诚聘海外客服包机票", "overseas"),
		reject("Cambodia", "柬埔寨西港 招聘业务员 月薪2万起", "overseas"),
		reject("Thailand with high pay", "高薪招聘 泰国 客服", "overseas"),
		review("overseas project", "海外项目部招电焊工", "overseas"),
		{name: "abroad with pay over the rate", text: "迪拜工地钢筋工", skills: []string{"steel_fixer"}, pay: day(1000),
			verdict: gigbot.VerdictReject, reasons: []string{"overseas"}},
		ok("overseas warehouse", "跨境电商海外仓 打包员"),
		ok("Japanese restaurant", "日本料理店招服务员 月薪5000"),
		ok("study-abroad agency", "出国留学中介公司招保洁"),
		ok("Haihe bund", "海河外滩招保安"),
		// bait_pay
		{name: "twice the top", text: "日结800元轻松搬运", skills: []string{"labourer"}, pay: day(800),
			verdict: gigbot.VerdictReview, reasons: []string{"bait_pay"}},
		{name: "five times the top", text: "服务员 日薪1500", skills: []string{"waiter"}, pay: day(1500),
			verdict: gigbot.VerdictReject, reasons: []string{"bait_pay"}},
		{name: "lure and high pay", text: "保洁 轻松不累", skills: []string{"cleaner"}, pay: day(350),
			verdict: gigbot.VerdictReview, reasons: []string{"bait_pay"}},
		{name: "monthly bait", text: "仓库打包 月入2万", skills: []string{"packer"}, pay: month(20000),
			verdict: gigbot.VerdictReview, reasons: []string{"bait_pay"}},
		{name: "unknown skill", text: "轻松工作 日结1000", pay: day(1000),
			verdict: gigbot.VerdictReview, reasons: []string{"bait_pay"}},
		{name: "heavy labour well paid", text: "搬运工 一天400 活重", skills: []string{"labourer"}, pay: day(400), verdict: gigbot.VerdictOK},
		{name: "excavator", text: "挖机司机 日结800", skills: []string{"excavator_operator"}, pay: day(800), verdict: gigbot.VerdictOK},
		{name: "helper paid as the welder", text: "力工电焊各一名", skills: []string{"labourer", "welder"}, pay: day(1000), verdict: gigbot.VerdictOK},
		{name: "piece rate", text: "装卸 一车300", skills: []string{"loader"}, pay: gigbot.Pay{Min: 300, Max: 300, Unit: gigbot.PayPiece}, verdict: gigbot.VerdictOK},
		// discriminatory
		review("men only", "保安，限男，未婚", "discriminatory"),
		review("women only", "只要女的，限本地人", "discriminatory"),
		review("men preferred", "司机 男性优先", "discriminatory"),
		review("requirement: male", "要求：男，仓库装卸", "discriminatory"),
		review("childbearing", "已婚已育优先", "discriminatory"),
		review("local hukou", "限天津户口", "discriminatory"),
		review("no outsiders", "外地人勿扰", "discriminatory"),
		reject("ethnicity", "限汉族", "discriminatory"),
		reject("province of origin", "不要河南人 东北人勿扰", "discriminatory"),
		reject("province spaced out", "河南籍 勿扰", "discriminatory"),
		reject("hepatitis B", "乙肝勿扰", "discriminatory"),
		ok("either sex", "男女不限"),
		ok("either sex, other words", "不限男女，性别不限，男女均可"),
		ok("requirement: either sex", "要求男女不限"),
		ok("any hukou", "不限户籍 本地外地均可"),
		ok("married or not", "已婚未婚均可"),
		ok("Hexi district", "河北区保洁"),
		reject("ethnicity, colloquial", "只要回民", "discriminatory"),
		reject("Han only, colloquial", "只招汉民", "discriminatory"),
		review("women workers only", "招女工", "discriminatory"),
		review("requirement: male, no colon", "要求男", "discriminatory"),
		review("bare male", "男性", "discriminatory"),
		review("limited to men", "限男性", "discriminatory"),
		review("only women", "只要女的", "discriminatory"),
		review("sex in brackets", "服务员(女)", "discriminatory"),
		review("one sex by headcount", "招包装工 女工 15人", "discriminatory"),
		ok("both sexes counted", "男工3名女工2名"),
		ok("both sexes in figures", "2男3女"),
		review("both sexes, each with an age limit", "男18-45 女18-40 月薪5000", "age_limit"),
		ok("clothes for women", "女装店 招导购"),
		ok("either sex, slash", "男/女均可"),
		review("male before another word", "宝坻 招保安 50-60岁 男 月薪两千八", "discriminatory", "age_limit"),
		review("male after an age limit", "60岁以下 男 电话13922221234", "discriminatory"),
		review("male between words", "保安 男 月薪3000", "discriminatory"),
		review("women under an age", "要求55岁以下女性", "discriminatory", "age_limit"),
		ok("an old person cared for", "照顾一位80岁女性老人 月薪6000"),
		ok("both sexes spaced", "招服务员 男 女 各2名"),
		// age_limit
		review("range", "年龄18-45岁", "age_limit"),
		review("below", "45岁以下", "age_limit"),
		review("in words", "年龄不超过四十岁", "age_limit"),
		review("over excluded", "50岁以上勿扰", "age_limit"),
		review("range without 岁", "年龄18-40", "age_limit"),
		review("range after 年龄, older", "年龄20-35", "age_limit"),
		review("sex and a range without 岁", "男 18-55", "discriminatory", "age_limit"),
		ok("a range alone is no age", "18-40"),
		ok("headcount by sex is no age", "男工3-5名 女工2名"),
		ok("no age limit", "不限年龄"),
		ok("adults", "年满18周岁"),
		ok("sixty", "年龄60岁以下"),
		review("a range from fifty", "50-60岁", "age_limit"),
		review("a range from forty after a sex word", "男 40-60", "discriminatory", "age_limit"),
		ok("adults to sixty", "年龄18-60岁"),
		ok("child cared for", "照顾3岁以下宝宝"),
		ok("elder cared for", "照顾一位80岁以上老人"),
		// missing_contact
		{name: "WeChat only", text: "急招力工 加微信详聊", noPhone: true, verdict: gigbot.VerdictReview, reasons: []string{"missing_contact"}},
		{name: "DM only", text: "招聘兼职 有意者私聊", noPhone: true, verdict: gigbot.VerdictReview, reasons: []string{"missing_contact"}},
		{name: "WeChat and a phone", text: "急招力工 加微信详聊", verdict: gigbot.VerdictOK},
		{name: "no phone, nothing else", text: "急招力工3名 西青张家窝 一天260 管午饭 干完结", noPhone: true, verdict: gigbot.VerdictOK},
		{name: "scanner gun", text: "拣货员 会用扫码枪", noPhone: true, verdict: gigbot.VerdictOK},
		{name: "landline", text: "招服务员 加微信 电话022-23456789", noPhone: true, verdict: gigbot.VerdictOK},
		// several
		reject("scam and discrimination", "刷单，限男", "task_scam", "discriminatory"),
		review("discrimination and age", "保安 限男 45岁以下", "discriminatory", "age_limit"),
	}
	for _, c := range cases {
		p := gigbot.Posting{Text: c.text, Skills: c.skills, Pay: c.pay, Phone: phone}
		if c.noPhone {
			p.Phone = ""
		}
		if c.reasons == nil {
			c.reasons = []string{}
		}
		got := m.Screen(p)
		if got.Verdict != c.verdict || !slices.Equal(got.Reasons, c.reasons) || got.Reasons == nil {
			t.Errorf("%s: Screen(%q) = %s %v, want %s %v", c.name, c.text, got.Verdict, got.Reasons, c.verdict, c.reasons)
		}
	}
}

// TestScreenParsedNearMisses runs the near-misses of issue 7 the way
// `gigbot posting parse` does: each must pass.
func TestScreenParsedNearMisses(t *testing.T) {
	m := mustLoad(t)
	now, loc := corpusNow(t)
	for _, text := range []string{
		"急招力工3名 西青张家窝 一天260 管午饭 干完结 13800000002",
		"急招力工3名 西青张家窝 一天260 管午饭 干完结",
		"包吃住，不收任何费用", "无押金", "不收押金", "免费体检", "公司报销体检费",
		"男女不限", "不限年龄", "工服免费发放", "押金全免", "不用交任何钱",
	} {
		p := m.ParsePosting(text, now, loc)
		if got := m.Screen(p); got.Verdict != gigbot.VerdictOK {
			t.Errorf("Screen(%q) = %s %v, want ok", text, got.Verdict, got.Reasons)
		}
	}
}

// TestScreenTextOnly checks the first pass ParsePosting makes on text
// alone: rules on parsed fields wait for Screen.
func TestScreenTextOnly(t *testing.T) {
	m := mustLoad(t)
	if got := m.screen(Normalize("急招力工 加微信详聊")); got.Verdict != gigbot.VerdictOK {
		t.Errorf("text-only screen applied no_phone: %+v", got)
	}
	if got := m.screen(Normalize("招保洁，先交押金200，45岁以下")); got.Verdict != gigbot.VerdictReject ||
		!slices.Equal(got.Reasons, []string{"charges_fee", "age_limit"}) {
		t.Errorf("text-only screen = %+v", got)
	}
}

func TestAgeFloor(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"50-60岁", 50},
		{"年龄18-60岁", 18},
		{"男 45-60", 45},
		{"18岁以上", 0},
		{"照顾3-6岁孩子", 0},
		{"男工30-50名", 0},
	} {
		if _, got := ageLimits(Normalize(c.text)); got != c.want {
			t.Errorf("ageLimits(%q) floor = %d, want %d", c.text, got, c.want)
		}
	}
}

func TestAgeCeiling(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"年龄18-45岁", 45},
		{"18至45周岁", 45},
		{"45岁以下", 45},
		{"四十五岁以下", 45},
		{"年龄不超过五十岁", 50},
		{"50岁以上勿扰", 50},
		{"年龄:18-50", 50},
		{"年龄45以下", 45},
		{"男不超过55岁,女不超过50岁", 50},
		{"年龄20 至 45 周岁", 45},
		{"18岁以上", 0},
		{"年满十八周岁", 0},
		{"不限年龄", 0},
		{"照顾3岁以下宝宝", 0},
		{"照顾3-6岁孩子", 0},
		{"照顾80岁以上老人", 0},
		{"45岁左右", 0},
		{"岁", 0},
		{"年龄", 0},
		{"男 18-55", 55},
		{"女18-40", 40},
		{"男性:20-45", 45},
		{"男18-45 女18-40", 40},
		{"18-40", 0},
		{"男工3-5名", 0},
	} {
		if got := ageCeiling(Normalize(c.text)); got != c.want {
			t.Errorf("ageCeiling(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// TestScreeningData checks the rule files: a version, a going rate for
// every skill, and words for every reason code in the employer's templates
// (read as a file: matcher does not import templates).
func TestScreeningData(t *testing.T) {
	m := mustLoad(t)
	if v := m.ScreeningVersion(); v == "" {
		t.Error("no screening version")
	}
	for _, s := range m.AllSkills() {
		if _, ok := m.rules.rates.bySkill[s.Code]; !ok {
			t.Errorf("skill %s has no going rate in pay_rates.tsv", s.Code)
		}
	}
	tmpl, err := os.ReadFile("../templates/zh/employer.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range m.rules.codes {
		if !regexp.MustCompile(`define "employer\.reason\.` + code + `"`).Match(tmpl) {
			t.Errorf("reason %s has no employer.reason.%s template", code, code)
		}
	}
	if !regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`).MatchString(strings.Join(m.rules.codes, "_")) {
		t.Errorf("reason codes are not snake_case: %v", m.rules.codes)
	}
}

func TestLoadRulesErrors(t *testing.T) {
	base := "# version: 1\ncode\tverdict\twhen\tpatterns\n"
	for _, c := range []struct{ name, tsv string }{
		{"no version", "code\tverdict\twhen\tpatterns\nx\treject\t-\t押金\n"},
		{"columns", base + "x\treject\t押金\n"},
		{"verdict", base + "x\tblock\t-\t押金\n"},
		{"condition", base + "x\treview\tpay>x\t-\n"},
		{"unknown set", base + "x\treject\t-\t不要{nowhere}人\n"},
		{"figure first", base + "x\treject\t-\t#元\n"},
		{"gap last", base + "x\treject\t-\t体检~\n"},
		{"nothing to match", base + "x\treject\t-\t-\n"},
		{"floor", base + "x\treview\tfloor>=x\t-\n"},
	} {
		m := mustLoad(t)
		m.rules = screeningRules{}
		if err := m.loadRules([]byte(c.tsv)); err == nil {
			t.Errorf("%s: loaded", c.name)
		}
	}
}

// TestScreenAllocations keeps screening cheap: an ok posting costs no
// allocation beyond normalising its text.
func TestScreenAllocations(t *testing.T) {
	m := mustLoad(t)
	norm := Normalize("急招力工3名 西青张家窝 一天260 管午饭 干完结 男女不限 无押金 18岁以上 13800000002")
	p := gigbot.Posting{Text: norm, Skills: []string{"labourer"}, Pay: gigbot.Pay{Min: 260, Max: 260, Unit: gigbot.PayDay}, Phone: "13800000002"}
	if n := testing.AllocsPerRun(100, func() { m.screenPosting(norm, p) }); n != 0 {
		t.Errorf("screening an ok posting allocates %.0f times", n)
	}
}

// BenchmarkScreen screens the postings of testdata/postings.tsv;
// BenchmarkNormalize in the same run is the baseline (one pass over the
// same texts).
//
//	go test ./matcher/ -run X -bench 'Screen|Normalize|ParsePosting'
func BenchmarkScreen(b *testing.B) {
	m := mustLoad(b)
	rows := readScreenCases(b, "testdata/screening.tsv")
	norms := make([]string, len(rows))
	for i, r := range rows {
		norms[i] = Normalize(r.text)
	}
	p := gigbot.Posting{Skills: []string{"labourer"}, Pay: gigbot.Pay{Min: 260, Max: 260, Unit: gigbot.PayDay}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.screenPosting(norms[i%len(norms)], p)
	}
}
