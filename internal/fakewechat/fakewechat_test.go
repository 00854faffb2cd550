package fakewechat

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/util"
)

const (
	appID  = "wxfake0001"
	secret = "fake-secret"
	token  = "fake-token"
)

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func postJSON(t *testing.T, u, body string) (errcode int) {
	t.Helper()
	resp, err := http.Post(u, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		ErrCode int `json:"errcode"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return res.ErrCode
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	ErrCode     int    `json:"errcode"`
}

func TestTokensAndSends(t *testing.T) {
	s := New(t, appID, secret)
	var bad tokenResponse
	getJSON(t, s.URL()+"/cgi-bin/token?grant_type=client_credential&appid="+appID+"&secret=wrong", &bad)
	if bad.ErrCode != errInvalidCredential || bad.AccessToken != "" {
		t.Fatalf("wrong secret: %+v", bad)
	}
	var tok tokenResponse
	getJSON(t, s.URL()+"/cgi-bin/token?grant_type=client_credential&appid="+appID+"&secret="+secret, &tok)
	if tok.AccessToken == "" || tok.ExpiresIn != 7200 || s.TokenRequests() != 1 {
		t.Fatalf("token: %+v, %d requests", tok, s.TokenRequests())
	}

	send := func(tk string) int {
		return postJSON(t, s.URL()+"/cgi-bin/message/custom/send?access_token="+url.QueryEscape(tk),
			`{"touser":"oU1","msgtype":"text","text":{"content":"你好"}}`)
	}
	s.Interacted("oU1", time.Now())
	if code := send("forged"); code != errInvalidCredential {
		t.Fatalf("unknown token: errcode %d", code)
	}
	s.FailNext(2, 45009)
	if a, b, c := send(tok.AccessToken), send(tok.AccessToken), send(tok.AccessToken); a != 45009 || b != 45009 || c != 0 {
		t.Fatalf("FailNext(2): errcodes %d %d %d", a, b, c)
	}
	code := postJSON(t, s.URL()+"/cgi-bin/message/template/send?access_token="+tok.AccessToken,
		`{"touser":"oU2","template_id":"TPL","data":{"first":{"value":"v1"}}}`)
	if code != 0 {
		t.Fatalf("template send: errcode %d", code)
	}
	s.ExpireTokens()
	if code := send(tok.AccessToken); code != errTokenExpired {
		t.Fatalf("expired token: errcode %d", code)
	}

	got := s.Sent()
	if len(got) != 2 || got[0].ToUser != "oU1" || got[0].MsgType != "text" || got[0].Content != "你好" ||
		got[1].MsgType != "template" || got[1].TemplateID != "TPL" || got[1].Data["first"] != "v1" {
		t.Fatalf("Sent = %+v", got)
	}
	if m, err := s.WaitSent(t.Context(), 1, "oU2"); err != nil || m[0].ToUser != "oU2" {
		t.Fatalf("WaitSent: %v %+v", err, m)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if _, err := s.WaitSent(ctx, 3, ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitSent for more than was sent: %v", err)
	}
}

func TestStableToken(t *testing.T) {
	s := New(t, appID, secret)
	get := func(force bool) tokenResponse {
		body := `{"grant_type":"client_credential","appid":"` + appID + `","secret":"` + secret +
			`","force_refresh":` + strconv.FormatBool(force) + `}`
		resp, err := http.Post(s.URL()+"/cgi-bin/stable_token", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r tokenResponse
		_ = json.NewDecoder(resp.Body).Decode(&r)
		return r
	}
	a, b, c := get(false), get(false), get(true)
	if a.AccessToken == "" || a.AccessToken != b.AccessToken || c.AccessToken == a.AccessToken {
		t.Fatalf("stable tokens %q %q %q: want the same twice, then a new one", a.AccessToken, b.AccessToken, c.AccessToken)
	}
}

// The fake's crypto and the SDK's are written separately; each must read
// the other's output.
func TestCryptoAgreesWithSDK(t *testing.T) {
	key := NewEncodingAESKey()
	plain := TextXML("gh_1", "oU1", "含 ]]> 的文本", 42, 1700000000)
	body, q, err := Encrypt(key, appID, token, plain)
	if err != nil {
		t.Fatal(err)
	}
	var env message.EncryptedXMLMsg
	if err := xml.Unmarshal(body, &env); err != nil {
		t.Fatal(err)
	}
	if util.Signature(token, q.Get("timestamp"), q.Get("nonce")) != q.Get("signature") ||
		util.Signature(token, q.Get("timestamp"), q.Get("nonce"), env.EncryptedMsg) != q.Get("msg_signature") {
		t.Fatal("signatures differ from the SDK's")
	}
	random, got, err := util.DecryptMsg(appID, env.EncryptedMsg, key)
	if err != nil || string(got) != string(plain) {
		t.Fatalf("SDK decrypt: %v, %q", err, got)
	}
	var mix message.MixMessage
	if err := xml.Unmarshal(got, &mix); err != nil || mix.Content != "含 ]]> 的文本" || mix.MsgID != 42 {
		t.Fatalf("SDK parse: %v %+v", err, mix)
	}

	reply := []byte("<xml><Content><![CDATA[ok]]></Content></xml>")
	enc, err := util.EncryptMsg(random, reply, appID, key)
	if err != nil {
		t.Fatal(err)
	}
	out := "<xml><Encrypt>" + string(enc) + "</Encrypt><MsgSignature>" + util.Signature(token, "1700000000", "n1", string(enc)) +
		"</MsgSignature><TimeStamp>1700000000</TimeStamp><Nonce>n1</Nonce></xml>"
	dec, err := DecryptReply(key, appID, token, []byte(out))
	if err != nil || string(dec) != string(reply) {
		t.Fatalf("DecryptReply: %v, %q", err, dec)
	}
	if _, err := DecryptReply(key, "wxother", token, []byte(out)); err == nil {
		t.Fatal("DecryptReply accepted another appid")
	}
	if _, err := DecryptReply(key, appID, "other-token", []byte(out)); err == nil {
		t.Fatal("DecryptReply accepted a bad signature")
	}
}
