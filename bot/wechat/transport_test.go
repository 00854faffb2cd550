package wechat

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

type recordTransport struct{ got []*http.Request }

func (rt *recordTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.got = append(rt.got, r)
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
}

func TestAPIBaseTransport(t *testing.T) {
	base, _ := url.Parse("http://gateway.internal:8080/wx/")
	rec := &recordTransport{}
	tr := &apiBaseTransport{base: base, next: rec}

	orig, _ := http.NewRequest(http.MethodPost, "https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=T", nil)
	if _, err := tr.RoundTrip(orig); err != nil {
		t.Fatal(err)
	}
	other, _ := http.NewRequest(http.MethodGet, "https://mp.weixin.qq.com/x", nil)
	if _, err := tr.RoundTrip(other); err != nil {
		t.Fatal(err)
	}
	if got := rec.got[0].URL.String(); got != "http://gateway.internal:8080/wx/cgi-bin/message/custom/send?access_token=T" {
		t.Fatalf("rewritten to %s", got)
	}
	if orig.URL.Host != "api.weixin.qq.com" {
		t.Fatal("the caller's request was changed")
	}
	if rec.got[1] != other {
		t.Fatal("a request to another host was rewritten")
	}
}

func TestUseAPIBaseRejectsBadURLs(t *testing.T) {
	for _, base := range []string{"", "api.weixin.qq.com", "ftp://x", "http://"} {
		if err := UseAPIBase(base, time.Second); err == nil {
			t.Errorf("UseAPIBase(%q) accepted", base)
		}
	}
}

func TestRedact(t *testing.T) {
	in := `Get "https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=S3CR3T": dial tcp; ` +
		`http post error : uri=https://api.weixin.qq.com/cgi-bin/message/custom/send?access_token=TOK , statusCode=502`
	out := redact(in)
	if strings.Contains(out, "S3CR3T") || strings.Contains(out, "TOK ") || !strings.Contains(out, "appid=wx1") {
		t.Fatalf("redact = %q", out)
	}
}

func TestNewChecksOptions(t *testing.T) {
	ok := Options{AppID: "wx1", AppSecret: "s", Token: "t", APIBase: "http://127.0.0.1:1"}
	h := handlerFunc(func(gigbot.Message) []gigbot.Reply { return nil })
	for name, mutate := range map[string]func(*Options){
		"no app id":   func(o *Options) { o.AppID = "" },
		"no secret":   func(o *Options) { o.AppSecret = "" },
		"no token":    func(o *Options) { o.Token = "" },
		"short key":   func(o *Options) { o.EncodingAESKey = "abc" },
		"bad key":     func(o *Options) { o.EncodingAESKey = strings.Repeat("!", 43) },
		"bad api url": func(o *Options) { o.APIBase = "weixin" },
	} {
		o := ok
		mutate(&o)
		if _, err := New(o, h, nopLog{}); err == nil {
			t.Errorf("%s: New accepted %+v", name, o)
		}
	}
	if _, err := New(ok, nil, nopLog{}); err == nil {
		t.Error("New accepted a nil handler")
	}
}

type nopLog struct{}

func (nopLog) ClaimCallback(_ context.Context, _ string) (bool, error) { return true, nil }
