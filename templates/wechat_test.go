package templates

import (
	"testing"

	"github.com/gigbot/gigbot"
)

// The WeChat template-message fields join sampleData here, in their own
// file, so TestEveryTemplateRenders covers them. Test-only.
// withWeChatFields adds sample data for the wording of every field a
// WeChat template message may carry.
func withWeChatFields(data map[string]any) map[string]any {
	for _, f := range gigbot.NoticeFieldNames(gigbot.NoticePosting) {
		data["wechat.posting."+f] = samplePosting
	}
	for _, f := range gigbot.NoticeFieldNames(gigbot.NoticeFair) {
		data["wechat.fair."+f] = sampleFair
	}
	return data
}

// Every field a config may map (gigbot.NoticeFieldNames) has its wording,
// on one line.
func TestWeChatFieldsWorded(t *testing.T) {
	s := mustLoad(t)
	for _, kind := range []gigbot.NoticeKind{gigbot.NoticePosting, gigbot.NoticeFair} {
		for _, f := range gigbot.NoticeFieldNames(kind) {
			for _, lang := range []string{"zh", "en"} {
				name := "wechat." + string(kind) + "." + f
				out, err := s.Render(lang, name, sampleData[name])
				if err != nil || out == "" {
					t.Errorf("%s/%s: %q %v", lang, name, out, err)
				}
				for _, r := range out {
					if r == '\n' {
						t.Errorf("%s/%s spans lines: %q", lang, name, out)
						break
					}
				}
			}
		}
	}
	if got, _ := s.Render("zh", "wechat.posting.pay", samplePosting); got != "150元/天" {
		t.Errorf("pay field = %q", got)
	}
}
