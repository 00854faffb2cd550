package templates

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// shanghai is the service's zone without depending on the machine's tzdata.
var shanghai = time.FixedZone("CST", 8*3600)

var (
	samplePosting = Posting{
		ID:        12,
		Title:     "小区保洁",
		Skills:    []string{"保洁"},
		District:  "河西区",
		Street:    "友谊路街道",
		Headcount: 2,
		Pay:       gigbot.Pay{Min: 150, Max: 150, Unit: gigbot.PayDay},
		Start:     time.Date(2026, 11, 28, 7, 0, 0, 0, shanghai),
		Phone:     "13812345678",
		Text:      "急招保洁2名 河西友谊路 日结150 明早7点 电话13812345678",
		Until:     time.Date(2026, 12, 2, 10, 0, 0, 0, shanghai),
	}
	sampleProfile = Profile{
		Skills:     []string{"电焊", "力工"},
		District:   "河西区",
		Street:     "友谊路街道",
		RadiusKm:   3,
		MinPay:     200,
		Digest:     true,
		DigestAt:   "20:00",
		QuietHours: "22:00-06:00",
		DailyCap:   3,
	}
	sampleDecision = Decision{ID: 12, Title: "小区保洁", Queued: 3, Reason: "收押金"}
	sampleReview   = Review{ID: 12, Posting: samplePosting, Reasons: []string{"年龄要求需要工作人员审核。"}, Reports: 3,
		Employer: Employer{Ref: "3f2a9c1b0d4e", Postings: 4, Rejections: 1, Reports: 3, Credit: 48}}
	sampleFair = Fair{
		Title:    "河西区冬季招聘会",
		At:       time.Date(2026, 11, 28, 9, 0, 0, 0, shanghai),
		Venue:    "河西区人力资源市场",
		District: "河西区",
	}
)

// sampleData is representative data for every template. A template added
// without an entry here fails TestEveryTemplateRenders, so each one is
// exercised at least once.
var sampleData = withWeChatFields(map[string]any{
	"common.busy":                      nil,
	"common.image":                     nil,
	"common.location_invalid":          nil,
	"common.voice_empty":               nil,
	"common.cancelled":                 false,
	"common.help":                      Help{Onboarded: true, Staff: true},
	"label.yes":                        nil,
	"label.edit":                       nil,
	"label.publish":                    nil,
	"label.redo":                       nil,
	"label.cancel":                     nil,
	"label.profile":                    nil,
	"label.edit_profile":               nil,
	"label.pause":                      nil,
	"label.resume":                     nil,
	"label.search":                     nil,
	"label.unsubscribe":                nil,
	"label.help":                       nil,
	"label.delivery":                   nil,
	"label.instant":                    nil,
	"label.digest":                     nil,
	"label.quiet":                      nil,
	"label.cap":                        nil,
	"label.done":                       nil,
	"label.fair_join":                  nil,
	"label.fair_join_named":            sampleFair,
	"label.close_posting":              samplePosting,
	"fmt.pay":                          gigbot.Pay{Min: 200, Max: 300, Unit: gigbot.PayDay},
	"fmt.when":                         samplePosting.Start,
	"fmt.weekday":                      time.Saturday,
	"fmt.date":                         samplePosting.Start,
	"fmt.place":                        samplePosting,
	"worker.welcome":                   nil,
	"worker.ask_skills":                Question{Editing: true, Profile: sampleProfile},
	"worker.skills_unknown":            nil,
	"worker.skills_noted":              sampleProfile.Skills,
	"worker.ask_place":                 Question{Editing: true, Profile: sampleProfile},
	"worker.place_unknown":             nil,
	"worker.place_noted":               sampleProfile,
	"worker.ask_radius":                Question{Editing: true, Profile: sampleProfile},
	"worker.radius_unknown":            nil,
	"worker.ask_pay":                   Question{Editing: true, Profile: sampleProfile},
	"worker.pay_unknown":               nil,
	"worker.radius":                    sampleProfile,
	"worker.min_pay":                   sampleProfile,
	"worker.profile_lines":             sampleProfile,
	"worker.summary":                   sampleProfile,
	"worker.saved":                     Saved{Coming: 3, Profile: sampleProfile},
	"worker.restart":                   nil,
	"worker.search_first":              nil,
	"worker.radius_noted":              sampleProfile,
	"worker.pay_noted":                 sampleProfile,
	"worker.delivery_lines":            sampleProfile,
	"worker.prefs":                     sampleProfile,
	"worker.prefs_saved":               sampleProfile,
	"worker.prefs_more":                nil,
	"worker.prefs_unknown":             nil,
	"worker.ask_digest_at":             nil,
	"worker.ask_quiet":                 nil,
	"worker.ask_cap":                   nil,
	"worker.fair_pick":                 []Fair{sampleFair},
	"worker.fair_joined":               sampleFair,
	"worker.fair_already":              sampleFair,
	"worker.fair_gone":                 nil,
	"worker.fair_no_match":             nil,
	"worker.menu":                      nil,
	"worker.profile":                   sampleProfile,
	"worker.paused":                    nil,
	"worker.resumed":                   nil,
	"worker.unsubscribed":              nil,
	"worker.not_understood":            nil,
	"worker.need_onboarding":           nil,
	"worker.location_updated":          sampleProfile,
	"worker.search_results":            []Posting{samplePosting, {ID: 13, Title: "搬家", Pay: gigbot.Pay{}}},
	"worker.search_none":               true,
	"worker.fairs":                     []Fair{sampleFair},
	"worker.fairs_none":                nil,
	"worker.skills_general":            []string{"力工"},
	"worker.pick_one":                  nil,
	"worker.confirm_hint":              nil,
	"worker.pay_converted":             gigbot.Pay{Min: 5000, Max: 5000, Unit: gigbot.PayMonth},
	"worker.signup_stopped":            nil,
	"worker.edit_left":                 nil,
	"worker.prefs_after_signup":        nil,
	"worker.edit_kept":                 nil,
	"worker.skills_removed":            nil,
	"worker.place_anywhere":            nil,
	"worker.place_anywhere_label":      nil,
	"worker.jobs_after_signup":         nil,
	"worker.ack_onboarding":            nil,
	"employer.ask_text":                nil,
	"employer.text_unclear":            nil,
	"employer.preview":                 samplePosting,
	"employer.rejected":                []string{"不能向找活的人收任何费用。"},
	"employer.reason.charges_fee":      nil,
	"employer.reason.task_scam":        nil,
	"employer.reason.bait_pay":         nil,
	"employer.reason.money_mule":       nil,
	"employer.reason.overseas":         nil,
	"employer.reason.discriminatory":   nil,
	"employer.reason.age_limit":        nil,
	"employer.reason.missing_contact":  nil,
	"employer.reason.missing_identity": nil,
	"employer.reason.other":            nil,
	"employer.review":                  nil,
	"employer.published":               12,
	"employer.hint":                    nil,
	"employer.close_none":              nil,
	"employer.close_gone":              nil,
	"employer.close_pick":              2,
	"employer.closed":                  samplePosting,
	"staff.only":                       nil,
	"staff.ask_title":                  nil,
	"staff.ask_when":                   nil,
	"staff.when_unknown":               nil,
	"staff.when_past":                  nil,
	"staff.ask_venue":                  nil,
	"staff.ask_district":               nil,
	"staff.district_unknown":           nil,
	"staff.preview":                    sampleFair,
	"staff.announced":                  12,
	"staff.fair_counts":                []Fair{{Title: sampleFair.Title, At: sampleFair.At, Counted: true, Registered: 7}},
	"notice.posting":                   samplePosting,
	"common.rate_limited":              nil,
	"common.unavailable":               nil,
	"employer.posting_limit":           10,
	"employer.blocked":                 nil,
	"employer.reason.blacklisted":      nil,
	"employer.reason.employer_record":  nil,
	"employer.approved":                sampleDecision,
	"employer.review_rejected":         sampleDecision,
	"worker.report_which":              nil,
	"worker.report_gone":               nil,
	"worker.report_already":            nil,
	"worker.reported":                  samplePosting,
	"worker.search_widened":            SearchWidened{BelowPay: true, MinPay: 200},
	"worker.ack":                       nil,
	"worker.listed_one":                samplePosting,
	"worker.wage_help":                 nil,
	"employer.need_phone":              nil,
	"worker.fair_left":                 []Fair{sampleFair},
	"worker.fair_not_joined":           nil,
	"worker.digest_in_quiet":           DigestInQuiet{At: "22:00", Until: "07:00"},
	"worker.human":                     nil,
	"worker.scam_advice":               nil,
	"worker.forget_confirm":            nil,
	"worker.forgotten":                 nil,
	"worker.forget_kept":               nil,
	"staff.review_only":                nil,
	"fmt.review":                       sampleReview,
	"staff.review_alert":               sampleReview,
	"staff.report_alert":               sampleReview,
	"staff.review_list":                []Review{sampleReview, {ID: 13, Posting: Posting{Text: "x"}}},
	"staff.review_none":                nil,
	"staff.need_id":                    nil,
	"staff.review_gone":                int64(12),
	"staff.review_expired":             sampleDecision,
	"staff.approved":                   sampleDecision,
	"staff.ask_reason":                 sampleDecision,
	"staff.rejected":                   sampleDecision,
	"staff.ref_unknown":                nil,
	"staff.verified":                   sampleReview.Employer,
	"staff.blacklisted":                Blacklisted{Employers: 2, Phones: 3, Closed: 4},
	"label.approve":                    sampleDecision,
	"label.reject":                     sampleDecision,
	"label.report":                     nil,
	"label.forget":                     nil,
	"notice.fair":                      sampleFair,
	"terminal.welcome":                 nil,
	"terminal.prompt":                  nil,
	"terminal.push_header":             nil,
	"terminal.error":                   nil,
	"notice.digest":                    []Posting{samplePosting, {Title: "搬家", District: "南开区"}},
	"notice.fair_reminder_eve":         sampleFair,
	"notice.fair_reminder_day":         sampleFair,
})

func mustLoad(t *testing.T) *Set {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func TestEveryTemplateRenders(t *testing.T) {
	s := mustLoad(t)
	for _, lang := range []string{"zh", "en"} {
		for _, name := range s.names(lang) {
			data, ok := sampleData[name]
			if !ok {
				t.Errorf("%s/%s: no sample data in sampleData", lang, name)
				continue
			}
			out, err := s.Render(lang, name, data)
			if err != nil {
				t.Errorf("%s/%s: %v", lang, name, err)
				continue
			}
			if strings.TrimSpace(out) == "" {
				t.Errorf("%s/%s renders empty", lang, name)
			}
			if strings.Contains(out, "<no value>") {
				t.Errorf("%s/%s shows <no value>: %q", lang, name, out)
			}
		}
	}
	for name := range sampleData {
		if !s.Has(name) {
			t.Errorf("sampleData has %q, which no template defines", name)
		}
	}
}

func TestLanguagesDefineTheSameNames(t *testing.T) {
	s := mustLoad(t)
	zh := s.names("zh")
	if len(zh) == 0 {
		t.Fatal("no zh templates")
	}
	for lang := range s.byLang {
		if got := s.names(lang); !slices.Equal(got, zh) {
			t.Errorf("%s defines %v, zh defines %v", lang, got, zh)
		}
	}
}

func TestRenderFallsBack(t *testing.T) {
	s := mustLoad(t)
	zh, err := s.Render("zh", "common.busy", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "fr", "ZH"} {
		got, err := s.Render(lang, "common.busy", nil)
		if err != nil || got != zh {
			t.Errorf("Render(%q) = %q, %v; want the zh text %q", lang, got, err, zh)
		}
	}
	if _, err := s.Render("zh", "no.such.template", nil); err == nil {
		t.Error("unknown name: want an error")
	}
	if _, err := s.Render("zh", "worker.tmpl", nil); err == nil {
		t.Error("a file's own template: want an error")
	}
	if _, err := s.Render("zh", "notice.posting", 42); err == nil {
		t.Error("wrong data: want an error")
	}
}

func TestRenderFallsBackPerName(t *testing.T) {
	s := mustLoad(t)
	// A name only zh has, as when a translation is missing.
	if _, err := s.byLang["zh"].New("only.zh").Parse("只有中文"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Render("en", "only.zh", nil)
	if err != nil || got != "只有中文" {
		t.Errorf("Render(en, only.zh) = %q, %v", got, err)
	}
}

func TestLang(t *testing.T) {
	s := mustLoad(t)
	for tag, want := range map[string]string{
		"": "zh", "zh": "zh", "zh-CN": "zh", "zh-Hans": "zh", "en": "en",
		"en-US": "en", "EN_gb": "en", "fr": "zh", " en ": "en",
	} {
		if got := s.Lang(tag); got != want {
			t.Errorf("Lang(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestFormats(t *testing.T) {
	s := mustLoad(t)
	tests := []struct {
		lang, name string
		data       any
		want       string
	}{
		{"zh", "fmt.when", time.Date(2026, 11, 28, 7, 0, 0, 0, shanghai), "11月28日 周六 07:00"},
		{"zh", "fmt.when", time.Date(2026, 3, 1, 18, 30, 0, 0, shanghai), "3月1日 周日 18:30"},
		{"en", "fmt.when", time.Date(2026, 11, 28, 7, 0, 0, 0, shanghai), "Sat Nov 28 07:00"},
		// A start with a day and no time ("周六开工") is not midnight.
		{"zh", "fmt.when", time.Date(2026, 11, 28, 0, 0, 0, 0, shanghai), "11月28日 周六"},
		{"en", "fmt.when", time.Date(2026, 11, 28, 0, 0, 0, 0, shanghai), "Sat Nov 28"},
		{"zh", "fmt.date", time.Date(2026, 11, 30, 23, 59, 59, 0, shanghai), "11月30日 周一"},
		{"zh", "fmt.pay", gigbot.Pay{Min: 150, Max: 150, Unit: gigbot.PayDay}, "150元/天"},
		{"zh", "fmt.pay", gigbot.Pay{Min: 200, Max: 300, Unit: gigbot.PayDay}, "200-300元/天"},
		{"zh", "fmt.pay", gigbot.Pay{Min: 25, Max: 25, Unit: gigbot.PayHour}, "25元/小时"},
		{"zh", "fmt.pay", gigbot.Pay{Min: 5000, Max: 6000, Unit: gigbot.PayMonth}, "5000-6000元/月"},
		{"zh", "fmt.pay", gigbot.Pay{Unit: gigbot.PayPiece}, "计件"},
		{"zh", "fmt.pay", gigbot.Pay{}, "面议"},
		{"en", "fmt.pay", gigbot.Pay{Min: 25, Max: 25, Unit: gigbot.PayHour}, "25 yuan/hour"},
		{"zh", "fmt.place", Profile{District: "河西区"}, "河西区"},
		{"zh", "fmt.place", Profile{}, "未写明"},
		{"zh", "worker.radius", Profile{RadiusKm: 2.5}, "2.5公里以内"},
		{"zh", "worker.radius", Profile{AnyDistance: true, RadiusKm: 200}, "不限"},
		{"zh", "worker.min_pay", Profile{}, "不限"},
		{"zh", "employer.published", 0, "已发布。暂时没有合适的工友，有人找这类活时能搜到。"},
		{"zh", "employer.published", 3, "已发布，已推送给 3 位工友。"},
		{"zh", "terminal.prompt", nil, "> "},
		{"zh", "worker.saved", Saved{}, "登记好了！有合适的活，我会第一时间发给你。"},
		{"zh", "worker.saved", Saved{Coming: 2}, "登记好了！现在就有 2 个合适的活，马上发给你。"},
		{"zh", "worker.saved", Saved{Editing: true, Coming: 1, Profile: Profile{Digest: true, DigestAt: "20:00"}},
			"资料改好了！现在就有 1 个合适的活，会在每天20:00一起发给你。"},
		{"zh", "worker.delivery_lines", Profile{}, "怎么发：有合适的活马上发\n免打扰：按默认（夜里不发）\n每天最多：按默认"},
		{"zh", "worker.delivery_lines", Profile{QuietHours: "off"}, "怎么发：有合适的活马上发\n免打扰：不设，随时都发\n每天最多：按默认"},
		{"en", "worker.saved", Saved{Coming: 1}, "You're signed up! 1 suitable gig is open right now: on the way."},
	}
	for _, tt := range tests {
		got, err := s.Render(tt.lang, tt.name, tt.data)
		if err != nil || got != tt.want {
			t.Errorf("Render(%s, %s, %v) = %q, %v; want %q", tt.lang, tt.name, tt.data, got, err, tt.want)
		}
	}
}

func TestFuncs(t *testing.T) {
	join := funcs["join"].(func([]string, string) string)
	if got := join([]string{"电焊", "力工"}, "、"); got != "电焊、力工" {
		t.Errorf("join = %q", got)
	}
	num := funcs["num"].(func(float64) string)
	for f, want := range map[float64]string{3: "3", 2.5: "2.5", 0: "0", 10: "10"} {
		if got := num(f); got != want {
			t.Errorf("num(%v) = %q, want %q", f, got, want)
		}
	}
	if got := funcs["add"].(func(int, int) int)(0, 1); got != 1 {
		t.Errorf("add(0, 1) = %d", got)
	}
}

// TestGolden pins the wording of the messages people see most.
func TestGolden(t *testing.T) {
	s := mustLoad(t)
	for _, lang := range []string{"zh", "en"} {
		for _, name := range []string{"notice.posting", "notice.fair", "worker.summary",
			"employer.preview", "worker.search_results", "common.help", "staff.preview",
			"worker.profile", "worker.prefs", "worker.fairs", "staff.fair_counts", "worker.saved",
			"staff.review_alert", "staff.report_alert", "worker.forget_confirm"} {
			got, err := s.Render(lang, name, sampleData[name])
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, name, err)
			}
			path := filepath.Join("testdata", lang+"_"+name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got+"\n" != string(want) {
				t.Errorf("%s/%s:\n got:\n%s\nwant:\n%s", lang, name, got, want)
			}
		}
	}
}
