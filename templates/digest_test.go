package templates

import (
	"strings"
	"testing"
)

// The push scheduler's templates join sampleData here, in their own file,
// so TestEveryTemplateRenders covers them while the dialog's templates
// change in templates_test.go. Test-only: it runs before any test does.
func TestDigestListsEveryPosting(t *testing.T) {
	s := mustLoad(t)
	got, err := s.Render("zh", "notice.digest", sampleData["notice.digest"])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"共2条", "1. 小区保洁｜150元/天｜河西区 友谊路街道｜11月28日 周六 07:00开工｜电话13812345678", "2. 搬家｜面议｜南开区"} {
		if !strings.Contains(got, want) {
			t.Errorf("digest %q lacks %q", got, want)
		}
	}
}
