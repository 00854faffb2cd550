package fakewechat

import (
	"net/url"
	"testing"
	"time"
)

func TestWindowAndFollowers(t *testing.T) {
	s := New(t, appID, secret)
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	var tok tokenResponse
	getJSON(t, s.URL()+"/cgi-bin/token?grant_type=client_credential&appid="+appID+"&secret="+secret, &tok)
	custom := func(to string) int {
		return postJSON(t, s.URL()+"/cgi-bin/message/custom/send?access_token="+url.QueryEscape(tok.AccessToken),
			`{"touser":"`+to+`","msgtype":"text","text":{"content":"hi"}}`)
	}
	template := func(to string) int {
		return postJSON(t, s.URL()+"/cgi-bin/message/template/send?access_token="+url.QueryEscape(tok.AccessToken),
			`{"touser":"`+to+`","template_id":"TPL","data":{"first":{"value":"v"}}}`)
	}
	if code := custom("oNever"); code != errOutOfWindow {
		t.Fatalf("customer message to a user never seen: errcode %d, want 45015", code)
	}
	s.Observe(TextXML("gh_x", "oRecent", "你好", 1, now.Add(-47*time.Hour).Unix()))
	s.Observe(TextXML("gh_x", "oOld", "你好", 2, now.Add(-49*time.Hour).Unix()))
	s.Observe(LocationEventXML("gh_x", "oOld", 39, 117, now.Unix())) // automatic: opens nothing
	s.Observe(EventXML("gh_x", "oClick", "CLICK", "jobs", now.Add(-time.Hour).Unix()))
	for to, want := range map[string]int{"oRecent": 0, "oOld": errOutOfWindow, "oClick": 0} {
		if code := custom(to); code != want {
			t.Errorf("customer message to %s: errcode %d, want %d", to, code, want)
		}
	}
	if code := template("oOld"); code != 0 {
		t.Fatalf("template message outside the window: errcode %d, want 0", code)
	}
	s.Observe(EventXML("gh_x", "oRecent", "unsubscribe", "", now.Unix()))
	if c, tp := custom("oRecent"), template("oRecent"); c != errUnsubscribed || tp != errUnsubscribed {
		t.Fatalf("sends to an unfollower: errcodes %d %d, want 43004", c, tp)
	}
	s.Observe(EventXML("gh_x", "oRecent", "subscribe", "", now.Unix()))
	if code := custom("oRecent"); code != 0 {
		t.Fatalf("after following again: errcode %d", code)
	}
}

func TestMenuCreate(t *testing.T) {
	s := New(t, appID, secret)
	var tok tokenResponse
	getJSON(t, s.URL()+"/cgi-bin/token?grant_type=client_credential&appid="+appID+"&secret="+secret, &tok)
	u := s.URL() + "/cgi-bin/menu/create?access_token="
	if code := postJSON(t, u+"forged", `{"button":[{"type":"click","name":"a","key":"k"}]}`); code != errInvalidCredential {
		t.Fatalf("forged token: %d", code)
	}
	if code := postJSON(t, u+tok.AccessToken, `{"button":[{"type":"click","name":"a"}]}`); code != errBadRequest {
		t.Fatalf("click button without key: %d", code)
	}
	if code := postJSON(t, u+tok.AccessToken, `{"button":[{"type":"click","name":"找工作","key":"jobs"}]}`); code != 0 {
		t.Fatalf("menu create: %d", code)
	}
	if m := s.Menu(); len(m) != 1 || m[0].Name != "找工作" || m[0].Key != "jobs" || m[0].Type != "click" {
		t.Fatalf("Menu() = %+v", m)
	}
}
