package telegram

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/go-telegram/bot/models"
)

const (
	// secretHeader carries the secret_token given to setWebhook.
	secretHeader = "X-Telegram-Bot-Api-Secret-Token"
	// maxWebhookBody is far above any real update (a message is at most
	// 4096 characters); larger bodies are refused unread.
	maxWebhookBody = 1 << 20
)

// ServeHTTP receives webhook updates at telegram.webhook_path. It answers
// 401 when the secret header is wrong or missing (the SDK only logs that
// and answers 200), 413 for an oversized body and 400 for one that is not
// an update; a valid update is handed to the SDK's webhook handler, which
// answers 200 once it is queued. In polling mode it answers 404.
func (c *Channel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if c.mode != ModeWebhook {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	if !c.secretOK(r.Header.Get(secretHeader)) {
		c.log.Warn("telegram webhook: wrong secret", slog.String("remote", r.RemoteAddr))
		http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	// Checked here because the SDK would log the whole body, personal data
	// included, and answer 200.
	if err := json.Unmarshal(body, &models.Update{}); err != nil {
		c.log.Warn("telegram webhook: body is not an update", slog.Int("bytes", len(body)))
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	c.webhook.ServeHTTP(w, r)
}

// secretOK compares in constant time; hashing first hides the length too.
func (c *Channel) secretOK(got string) bool {
	want := sha256.Sum256([]byte(c.secret))
	have := sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(want[:], have[:]) == 1
}
