package faketelegram_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gigbot/gigbot/internal/faketelegram"
)

const token = "42:fake-TOKEN"

type answer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

func call(t *testing.T, s *faketelegram.Server, tok, method, contentType string, body []byte) answer {
	t.Helper()
	resp, err := http.Post(s.URL()+"/bot"+tok+"/"+method, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	if !a.OK && resp.StatusCode != a.ErrorCode {
		t.Errorf("%s: HTTP %d but error_code %d", method, resp.StatusCode, a.ErrorCode)
	}
	return a
}

func callJSON(t *testing.T, s *faketelegram.Server, method string, params map[string]any) answer {
	t.Helper()
	b, _ := json.Marshal(params)
	return call(t, s, token, method, "application/json", b)
}

func callForm(t *testing.T, s *faketelegram.Server, method string, params url.Values) answer {
	t.Helper()
	return call(t, s, token, method, "application/x-www-form-urlencoded", []byte(params.Encode()))
}

func callMultipart(t *testing.T, s *faketelegram.Server, method string, params map[string]string) answer {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range params {
		_ = w.WriteField(k, v)
	}
	_ = w.Close()
	return call(t, s, token, method, w.FormDataContentType(), buf.Bytes())
}

func updateIDs(t *testing.T, a answer) []int64 {
	t.Helper()
	var us []faketelegram.Update
	if err := json.Unmarshal(a.Result, &us); err != nil {
		t.Fatalf("getUpdates result %s: %v", a.Result, err)
	}
	var ids []int64
	for _, u := range us {
		ids = append(ids, u.UpdateID)
	}
	return ids
}

func TestWrongTokenIsUnauthorized(t *testing.T) {
	s := faketelegram.New(t, token)
	if a := call(t, s, "42:other", "getMe", "application/json", nil); a.OK || a.ErrorCode != http.StatusUnauthorized {
		t.Errorf("got %+v, want 401", a)
	}
	if a := call(t, s, token, "getMe", "application/json", nil); !a.OK {
		t.Errorf("getMe: %+v", a)
	}
}

func TestGetUpdatesConfirmsByOffset(t *testing.T) {
	s := faketelegram.New(t, token)
	s.PushUpdates(faketelegram.TextUpdate(1, 7, "a", ""), `{"update_id":2,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"text":"b"}}`)
	if ids := updateIDs(t, callJSON(t, s, "getUpdates", nil)); len(ids) != 2 {
		t.Fatalf("ids %v, want 1 and 2", ids)
	}
	if ids := updateIDs(t, callForm(t, s, "getUpdates", url.Values{"offset": {"2"}})); len(ids) != 1 || ids[0] != 2 {
		t.Fatalf("ids %v after confirming 1, want [2]", ids)
	}
	if ids := updateIDs(t, callMultipart(t, s, "getUpdates", map[string]string{"offset": "3"})); len(ids) != 0 {
		t.Fatalf("ids %v after confirming all, want none", ids)
	}
}

func TestGetUpdatesLongPollWokenByPush(t *testing.T) {
	s := faketelegram.New(t, token)
	got := make(chan answer, 1)
	go func() {
		b, _ := json.Marshal(map[string]any{"timeout": 60})
		resp, err := http.Post(s.URL()+"/bot"+token+"/getUpdates", "application/json", bytes.NewReader(b))
		if err != nil {
			got <- answer{}
			return
		}
		defer resp.Body.Close()
		var a answer
		_ = json.NewDecoder(resp.Body).Decode(&a)
		got <- a
	}()
	s.PushUpdate(faketelegram.TextUpdate(5, 7, "wake", ""))
	select {
	case a := <-got:
		if ids := updateIDs(t, a); len(ids) != 1 || ids[0] != 5 {
			t.Errorf("ids %v, want [5]", ids)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll not woken by PushUpdate")
	}
}

func TestGetUpdatesConflictsWithWebhook(t *testing.T) {
	s := faketelegram.New(t, token)
	callForm(t, s, "setWebhook", url.Values{"url": {"https://example.test/tg"}, "secret_token": {"s"}})
	if w := s.Webhook(); w.URL != "https://example.test/tg" || w.Secret != "s" {
		t.Errorf("webhook %+v", w)
	}
	if a := callJSON(t, s, "getUpdates", nil); a.ErrorCode != http.StatusConflict {
		t.Errorf("getUpdates with a webhook: %+v, want 409", a)
	}
	callJSON(t, s, "deleteWebhook", nil)
	if a := callJSON(t, s, "getUpdates", nil); !a.OK {
		t.Errorf("getUpdates after deleteWebhook: %+v", a)
	}
}

func TestSendMessageRecordsTextAndKeyboard(t *testing.T) {
	s := faketelegram.New(t, token)
	markup := `{"inline_keyboard":[[{"text":"是","callback_data":"yes"},{"text":"否","callback_data":"no"}]]}`
	if a := callMultipart(t, s, "sendMessage", map[string]string{"chat_id": "7", "text": "确认？", "reply_markup": markup}); !a.OK {
		t.Fatalf("multipart: %+v", a)
	}
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 8, "text": "json", "reply_markup": json.RawMessage(markup)}); !a.OK {
		t.Fatalf("json: %+v", a)
	}
	if a := callForm(t, s, "sendMessage", url.Values{"chat_id": {"9"}, "text": {"form"}}); !a.OK {
		t.Fatalf("form: %+v", a)
	}
	sent := s.WaitSent(time.Second, 7, 1)
	if sent[0].Text != "确认？" || len(sent[0].Buttons) != 1 || sent[0].Buttons[0][1] != (faketelegram.Button{Text: "否", Data: "no"}) {
		t.Errorf("sent %+v", sent[0])
	}
	if got := s.SentTo(8); len(got) != 1 || len(got[0].Buttons[0]) != 2 {
		t.Errorf("json send %+v", got)
	}
	if got := s.Sent(); len(got) != 3 || got[2].ChatID != 9 || got[2].Buttons != nil {
		t.Errorf("all sent %+v", got)
	}
}

func TestSendMessageEnforcesLimits(t *testing.T) {
	s := faketelegram.New(t, token)
	long := strings.Repeat("v", 65)
	for name, p := range map[string]map[string]any{
		"empty text":      {"chat_id": 7, "text": ""},
		"text too long":   {"chat_id": 7, "text": strings.Repeat("字", 4097)},
		"bad chat":        {"chat_id": "@nobody", "text": "x"},
		"data too long":   {"chat_id": 7, "text": "x", "reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "a", "callback_data": long}}}}},
		"empty copy_text": {"chat_id": 7, "text": "x", "reply_markup": json.RawMessage(`{"inline_keyboard":[[{"text":"a","callback_data":"a","copy_text":{"text":""}}]]}`)},
		"button no text":  {"chat_id": 7, "text": "x", "reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "", "callback_data": "a"}}}}},
	} {
		if a := callJSON(t, s, "sendMessage", p); a.OK || a.ErrorCode != http.StatusBadRequest {
			t.Errorf("%s: %+v, want 400", name, a)
		}
	}
	if n := len(s.Sent()); n != 0 {
		t.Errorf("%d refused messages recorded", n)
	}
}

func TestSendMessageFloodControlAndBlocked(t *testing.T) {
	s := faketelegram.New(t, token)
	s.RateLimitNext(1, 3)
	a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 7, "text": "x"})
	if a.ErrorCode != http.StatusTooManyRequests || a.Parameters.RetryAfter != 3 {
		t.Errorf("got %+v, want 429 retry_after 3", a)
	}
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 7, "text": "x"}); !a.OK {
		t.Errorf("after the limit: %+v", a)
	}
	s.Block(8)
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 8, "text": "x"}); a.ErrorCode != http.StatusForbidden || !strings.Contains(a.Description, "blocked") {
		t.Errorf("blocked: %+v, want 403", a)
	}
	s.Unblock(8)
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 8, "text": "x"}); !a.OK {
		t.Errorf("unblocked: %+v", a)
	}
}

func TestAnswerCallbackQueryOnce(t *testing.T) {
	s := faketelegram.New(t, token)
	id := faketelegram.CallbackQueryID(3)
	if a := callForm(t, s, "answerCallbackQuery", url.Values{"callback_query_id": {id}}); !a.OK {
		t.Fatalf("%+v", a)
	}
	s.WaitAnswered(time.Second, id)
	if a := callForm(t, s, "answerCallbackQuery", url.Values{"callback_query_id": {id}}); a.ErrorCode != http.StatusBadRequest {
		t.Errorf("second answer: %+v, want 400", a)
	}
	if s.Calls("answerCallbackQuery") != 2 {
		t.Errorf("calls %d, want 2", s.Calls("answerCallbackQuery"))
	}
}
