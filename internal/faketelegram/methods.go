package faketelegram

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Limits the real Bot API enforces.
const (
	maxTextUTF16     = 4096 // sendMessage text, in UTF-16 code units
	maxCallbackData  = 64   // callback_data, in bytes
	defaultPollLimit = 100  // getUpdates limit when none is given
	maxRequestBytes  = 1 << 20
)

// apiError is a Bot API error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
}

var (
	errUnauthorized = &apiError{code: http.StatusUnauthorized, desc: "Unauthorized"}
	errNoMethod     = &apiError{code: http.StatusNotFound, desc: "Not Found"}
	errChatNotFound = &apiError{code: http.StatusBadRequest, desc: "Bad Request: chat not found"}
	errEmptyText    = &apiError{code: http.StatusBadRequest, desc: "Bad Request: message text is empty"}
	errTooLong      = &apiError{code: http.StatusBadRequest, desc: "Bad Request: message is too long"}
	errMarkup       = &apiError{code: http.StatusBadRequest, desc: "Bad Request: can't parse reply keyboard markup JSON object"}
	errButtonData   = &apiError{code: http.StatusBadRequest, desc: "Bad Request: BUTTON_DATA_INVALID"}
	errCopyText     = &apiError{code: http.StatusBadRequest, desc: "Bad Request: BUTTON_COPY_TEXT_INVALID"}
	errButtonText   = &apiError{code: http.StatusBadRequest, desc: "Bad Request: text buttons are unallowed in the inline keyboard"}
	errBlocked      = &apiError{code: http.StatusForbidden, desc: "Forbidden: bot was blocked by the user"}
	errQueryID      = &apiError{code: http.StatusBadRequest, desc: "Bad Request: query is too old and response timeout expired or query ID is invalid"}
	errWebhookSet   = &apiError{code: http.StatusConflict, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	errBadParams    = &apiError{code: http.StatusBadRequest, desc: "Bad Request: can't parse request parameters"}
)

// serve routes /bot<token>/<method>. Method names are case-insensitive, as
// on the real server.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeError(w, errNoMethod)
		return
	}
	if token != s.token {
		writeError(w, errUnauthorized)
		return
	}
	method = strings.ToLower(method)
	s.mu.Lock()
	s.calls[method]++
	s.mu.Unlock()

	p, err := readParams(r)
	if err != nil {
		writeError(w, errBadParams)
		return
	}
	var result any
	var aerr *apiError
	switch method {
	case "getme":
		result = map[string]any{"id": botUser.ID, "is_bot": true, "first_name": botUser.FirstName, "username": "gigbot_test_bot"}
	case "getupdates":
		s.getUpdates(w, r, p)
		return
	case "sendmessage":
		result, aerr = s.sendMessage(p)
	case "answercallbackquery":
		result, aerr = s.answerCallbackQuery(p)
	case "setwebhook":
		s.SetWebhook(p["url"], p["secret_token"])
		result = true
	case "deletewebhook":
		s.deleteWebhook(p["drop_pending_updates"] == "true")
		result = true
	case "getwebhookinfo":
		result = s.webhookInfo()
	default:
		aerr = errNoMethod
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeResult(w, result)
}

// readParams reads a request's parameters from the query string and a
// multipart form, urlencoded form or JSON body. Values that are JSON
// objects or arrays (reply_markup) are returned as their JSON text.
func readParams(r *http.Request) (map[string]string, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxRequestBytes)
	p := map[string]string{}
	for k, v := range r.URL.Query() {
		p[k] = v[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		// The SDK sends an empty body for methods without parameters.
		if err := r.ParseMultipartForm(maxRequestBytes); err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if r.MultipartForm != nil {
			for k, v := range r.MultipartForm.Value {
				p[k] = v[0]
			}
		}
	case "application/json":
		var obj map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&obj); err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		for k, raw := range obj {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				p[k] = str
			} else {
				p[k] = string(raw)
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.PostForm {
			p[k] = v[0]
		}
	}
	return p, nil
}

// getUpdates answers at once when updates are queued, else waits up to
// timeout seconds for one. Calling it with an offset confirms, and so
// forgets, every update below it.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > defaultPollLimit {
		limit = defaultPollLimit
	}
	timeout, _ := strconv.Atoi(p["timeout"])
	deadline := time.NewTimer(time.Duration(max(timeout, 0)) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.webhook.URL != "" {
			s.mu.Unlock()
			writeError(w, errWebhookSet)
			return
		}
		if offset > 0 {
			kept := s.queue[:0]
			for _, u := range s.queue {
				if u.id >= offset {
					kept = append(kept, u)
				}
			}
			s.queue = kept
		}
		batch := []json.RawMessage{}
		for _, u := range s.queue {
			if len(batch) == limit {
				break
			}
			batch = append(batch, u.raw)
		}
		ch := s.changed
		s.mu.Unlock()
		if len(batch) > 0 {
			writeResult(w, batch)
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			writeResult(w, batch)
			return
		case <-s.closed:
			writeResult(w, batch)
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (s *Server) sendMessage(p map[string]string) (any, *apiError) {
	chatID, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		return nil, errChatNotFound
	}
	text := p["text"]
	if strings.TrimSpace(text) == "" {
		return nil, errEmptyText
	}
	if len(utf16.Encode([]rune(text))) > maxTextUTF16 {
		return nil, errTooLong
	}
	var buttons [][]Button
	if markup := p["reply_markup"]; markup != "" {
		var aerr *apiError
		if buttons, aerr = parseKeyboard(markup); aerr != nil {
			return nil, aerr
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limited > 0 {
		s.limited--
		return nil, &apiError{code: http.StatusTooManyRequests, desc: "Too Many Requests: retry after " + strconv.Itoa(s.retry), retryAfter: s.retry}
	}
	if s.blocked[chatID] {
		return nil, errBlocked
	}
	s.messageID++
	s.sent = append(s.sent, SentMessage{ChatID: chatID, Text: text, Buttons: buttons})
	s.notifyLocked()
	return map[string]any{
		"message_id": s.messageID,
		"from":       botUser,
		"chat":       Chat{ID: chatID, Type: "private"},
		"date":       time.Now().Unix(),
		"text":       text,
	}, nil
}

func parseKeyboard(markup string) ([][]Button, *apiError) {
	var m struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
			CopyText     *struct {
				Text string `json:"text"`
			} `json:"copy_text"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &m); err != nil {
		return nil, errMarkup
	}
	var rows [][]Button
	for _, row := range m.InlineKeyboard {
		var out []Button
		for _, b := range row {
			if b.Text == "" {
				return nil, errButtonText
			}
			if b.CopyText != nil && b.CopyText.Text == "" {
				return nil, errCopyText
			}
			if b.CallbackData == "" || len(b.CallbackData) > maxCallbackData {
				return nil, errButtonData
			}
			out = append(out, Button{Text: b.Text, Data: b.CallbackData})
		}
		rows = append(rows, out)
	}
	return rows, nil
}

// answerCallbackQuery accepts each query once, as Telegram does.
func (s *Server) answerCallbackQuery(p map[string]string) (any, *apiError) {
	id := p["callback_query_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" || s.answered[id] {
		return nil, errQueryID
	}
	s.answered[id] = true
	s.notifyLocked()
	return true, nil
}

func (s *Server) deleteWebhook(dropPending bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = WebhookInfo{}
	if dropPending {
		s.queue = nil
	}
	s.notifyLocked()
}

func (s *Server) webhookInfo() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]any{
		"url":                    s.webhook.URL,
		"has_custom_certificate": false,
		"pending_update_count":   len(s.queue),
	}
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
	if e.code == http.StatusTooManyRequests {
		body["parameters"] = map[string]int{"retry_after": e.retryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.code)
	_ = json.NewEncoder(w).Encode(body)
}
