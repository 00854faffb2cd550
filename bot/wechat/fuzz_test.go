package wechat

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gigbot/gigbot/internal/fakewechat"
	"github.com/gigbot/gigbot/store"
)

// FuzzCallback posts arbitrary, correctly signed bodies (plaintext, or
// encrypted for a safe-mode account) to the handler: none may panic or
// get a 5xx.
//
//	go test -run '^$' -fuzz FuzzCallback ./bot/wechat/
func FuzzCallback(f *testing.F) {
	for _, seed := range [][]byte{
		fakewechat.TextXML(testAccount, testUser, "hello", 1, 1700000000),
		fakewechat.EventXML(testAccount, testUser, "CLICK", "K", 1700000000),
		fakewechat.LocationEventXML(testAccount, testUser, 39, 117, 1700000000),
		fakewechat.LocationXML(testAccount, testUser, 39, 117, "x", 2, 1700000000),
		fakewechat.VoiceXML(testAccount, testUser, "", 3, 1700000000),
		[]byte(`<xml><MsgType>event</MsgType><Event>LOCATION</Event><FromUserName>u</FromUserName><Latitude>NaN</Latitude></xml>`),
		[]byte(`<xml><ToUserName>a</ToUserName><Encrypt>AAAA</Encrypt></xml>`),
		[]byte(`<xml><MsgType>text</MsgType><FromUserName>u</FromUserName><MsgId>-1</MsgId><CreateTime>x</CreateTime></xml>`),
		[]byte("<xml>"),
		{},
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	db, err := store.Open(f.Context(), f.TempDir(), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = db.Close() })
	fake := fakewechat.New(f, testAppID, testAppSecret)
	key := fakewechat.NewEncodingAESKey()
	channel := func(aesKey string) *Channel {
		ch, err := New(Options{AppID: testAppID, AppSecret: testAppSecret, Token: testToken,
			EncodingAESKey: aesKey, APIBase: fake.URL()}, &echo{}, db)
		if err != nil {
			f.Fatal(err)
		}
		f.Cleanup(ch.Close)
		return ch
	}
	plain, safe := channel(""), channel(key)

	f.Fuzz(func(t *testing.T, body []byte, encrypt bool) {
		ch, u := plain, fakewechat.SignedURL("/wechat", testToken)
		if encrypt {
			env, q, err := fakewechat.Encrypt(key, testAppID, testToken, body)
			if err != nil {
				t.Fatal(err)
			}
			ch, u, body = safe, "/wechat?"+q.Encode(), env
		}
		rec := httptest.NewRecorder()
		ch.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, u, bytes.NewReader(body)))
		if rec.Code >= 500 {
			t.Fatalf("status %d for body %q", rec.Code, body)
		}
		if rec.Code == http.StatusOK && rec.Body.Len() == 0 {
			t.Fatal("200 with an empty body")
		}
	})
}
