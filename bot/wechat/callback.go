package wechat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/util"
)

// maxBodyBytes bounds a callback body. WeChat's are a few kilobytes; a
// text message holds at most 2048 bytes of content.
const maxBodyBytes = 1 << 20

// ServeHTTP answers WeChat at the callback URL: GET is the URL
// verification, POST a message or event. A bad signature gets 403 and
// nothing else happens; an oversized body 413; a body that does not
// decrypt or parse 400.
func (c *Channel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		c.verify(w, r)
	case http.MethodPost:
		c.callback(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		c.refuse(w, http.StatusMethodNotAllowed, "method_not_allowed")
	}
}

// verify answers the URL verification WeChat makes when the server
// address is saved in the Official Account's console: echo echostr.
func (c *Channel) verify(w http.ResponseWriter, r *http.Request) {
	if !c.oa.GetServer(r, w).Validate() {
		c.refuse(w, http.StatusForbidden, "bad_signature")
		return
	}
	echostr := r.URL.Query().Get("echostr")
	if echostr == "" {
		c.refuse(w, http.StatusBadRequest, "missing_echostr")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = io.WriteString(w, echostr)
}

func (c *Channel) callback(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	// The SDK writes straight to its writer and panics when a write fails;
	// it gets a buffer, and the status is ours to choose.
	buf := &replyBuffer{header: http.Header{}}
	srv := c.oa.GetServer(r, buf)
	// The signature covers only the query: check it before reading a
	// body for a stranger.
	if !srv.Validate() {
		c.refuse(w, http.StatusForbidden, "bad_signature")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			c.refuse(w, http.StatusRequestEntityTooLarge, "body_too_large")
		} else {
			c.refuse(w, http.StatusBadRequest, "unreadable_body")
		}
		return
	}
	// The SDK reads the request itself: hand it the body read above, and
	// no Content-Type, so it parses XML as an Official Account's callbacks
	// are (it switches to JSON on application/json).
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.Header.Del("Content-Type")
	srv.Request = req

	q := r.URL.Query()
	switch safe := q.Get("encrypt_type") == "aes"; {
	case c.safe && !safe:
		// In plaintext the signature covers no part of the body: once
		// safe mode is on, an unencrypted body proves nothing.
		c.refuse(w, http.StatusForbidden, "plaintext_in_safe_mode")
		return
	case !c.safe && safe:
		c.refuse(w, http.StatusBadRequest, "safe_mode_not_configured")
		return
	case safe:
		if status, cause := c.checkMsgSignature(q, body); status != 0 {
			c.refuse(w, status, cause)
			return
		}
	}

	t := &turn{c: c, ctx: r.Context(), deadline: start.Add(c.budget)}
	srv.SetMessageHandler(t.handle)
	if err := srv.Serve(); err != nil {
		// Both signatures were checked above, so this is a body that
		// does not decrypt or is not a message.
		c.refuse(w, http.StatusBadRequest, "malformed_message")
		return
	}
	switch {
	case errors.Is(t.err, errClosed):
		c.refuse(w, http.StatusServiceUnavailable, "closed")
		return
	case t.err != nil:
		// Without the callback log a retry could not be told from a new
		// message: handle nothing, let WeChat try again.
		c.log.Error("wechat callback log failed", slog.String("err", t.err.Error()))
		c.refuse(w, http.StatusServiceUnavailable, "callback_log_failed")
		return
	}
	if srv.ResponseMsg != nil {
		// Send encrypts in safe mode; it can only fail on a bad key,
		// which New refuses.
		if err := srv.Send(); err != nil {
			c.log.Error("wechat reply not encrypted", slog.String("err", err.Error()))
			buf = &replyBuffer{header: http.Header{}}
		}
	}
	if buf.body.Len() == 0 {
		// "success" tells WeChat there is nothing to show, in both modes
		// (the SDK writes nothing for a nil reply in safe mode).
		buf.header.Set("Content-Type", "text/plain; charset=utf-8")
		buf.body.WriteString("success")
	}
	buf.copyTo(w)
	c.log.Debug("wechat callback",
		slog.String("outcome", t.outcome),
		slog.String("kind", string(t.msg.Kind)),
		slog.Any("user", t.msg.User),
		slog.Duration("elapsed", time.Since(start)))
}

// checkMsgSignature checks msg_signature over the Encrypt field. The SDK
// checks it too, but its error cannot be told from a parse error, and a
// forged request must get 403, not 400.
func (c *Channel) checkMsgSignature(q url.Values, body []byte) (status int, cause string) {
	var env message.EncryptedXMLMsg
	if err := xml.Unmarshal(body, &env); err != nil || env.EncryptedMsg == "" {
		return http.StatusBadRequest, "malformed_envelope"
	}
	if util.Signature(c.token, q.Get("timestamp"), q.Get("nonce"), env.EncryptedMsg) != q.Get("msg_signature") {
		return http.StatusForbidden, "bad_msg_signature"
	}
	return 0, ""
}

// refuse answers status and logs the cause in one line; a refused request
// carries nothing worth logging.
func (c *Channel) refuse(w http.ResponseWriter, status int, cause string) {
	c.log.Warn("wechat callback refused", slog.Int("status", status), slog.String("cause", cause))
	http.Error(w, http.StatusText(status), status)
}

// replyBuffer collects what the SDK writes.
type replyBuffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *replyBuffer) Header() http.Header { return b.header }

func (b *replyBuffer) Write(p []byte) (int, error) { return b.body.Write(p) }

func (b *replyBuffer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *replyBuffer) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status != 0 {
		w.WriteHeader(b.status)
	}
	_, _ = w.Write(b.body.Bytes())
}
