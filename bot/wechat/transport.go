package wechat

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/silenceper/wechat/v2/util"
	"github.com/sirupsen/logrus"
)

// officialHost is the host of every endpoint URL the SDK has built in.
const officialHost = "api.weixin.qq.com"

// UseAPIBase installs the SDK's HTTP client (util.DefaultHTTPClient, a
// package global: the SDK has no per-instance client) with the given
// timeout and a transport that sends requests meant for
// https://api.weixin.qq.com to base instead (a gateway, or a fake in
// tests). New calls it; the last call wins for the whole process.
func UseAPIBase(base string, timeout time.Duration) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("wechat: api_base %q is not an http(s) URL", base)
	}
	util.DefaultHTTPClient = &http.Client{
		Timeout:   timeout,
		Transport: &apiBaseTransport{base: u, next: http.DefaultTransport},
	}
	return nil
}

// apiBaseTransport rewrites scheme and host (and prefixes the path) of
// requests to the official API host; other requests pass unchanged.
type apiBaseTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t *apiBaseTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != officialHost {
		return t.next.RoundTrip(r)
	}
	// A RoundTripper must not change the caller's request.
	r = r.Clone(r.Context())
	r.URL.Scheme = t.base.Scheme
	r.URL.Host = t.base.Host
	r.URL.Path = strings.TrimSuffix(t.base.Path, "/") + r.URL.Path
	r.URL.RawPath = ""
	r.Host = ""
	return t.next.RoundTrip(r)
}

var silenceOnce sync.Once

// SilenceSDKLog mutes logrus, the SDK's logger. At debug level the SDK
// logs every raw callback (OpenIDs, text, locations) and at error level
// nothing we do not report ourselves, so nothing of it is worth keeping.
// logrus's logger is process-global; gigbot uses it nowhere else.
// New calls it.
func SilenceSDKLog() {
	silenceOnce.Do(func() {
		logrus.SetOutput(io.Discard)
		// Above every level the SDK uses, so it does not even format
		// the raw messages it would log.
		logrus.SetLevel(logrus.PanicLevel)
	})
}

// secretParam matches query parameters that must not reach a log: SDK
// errors carry whole URLs, access token and app secret included.
var secretParam = regexp.MustCompile(`(access_token|secret)=[^&\s"]*`)

// redact removes tokens and secrets from s.
func redact(s string) string {
	return secretParam.ReplaceAllString(s, "$1=REDACTED")
}

// redactErr returns err with tokens and secrets removed from its text,
// keeping a transport error's type (timeouts stay recognisable).
func redactErr(err error) error {
	if err == nil {
		return nil
	}
	if ue, ok := err.(*url.Error); ok {
		c := *ue
		c.URL = redact(c.URL)
		return &c
	}
	return errors.New(redact(err.Error()))
}
