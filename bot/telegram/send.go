package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gigbot/gigbot"
)

const (
	// maxTextUTF16 is Telegram's limit on a message's text, counted in
	// UTF-16 code units; longer replies go as several messages.
	maxTextUTF16 = 4096
	// maxCallbackData is Telegram's limit on a button's callback_data.
	maxCallbackData = 64
	// maxPairedLabelWidth is the widest label (in half-width columns) that
	// still fits two buttons to a row on a phone.
	maxPairedLabelWidth = 16
	// maxReplyWait is the longest flood-control wait a chat reply sits
	// out before its one retry; pushes leave retrying to the outbox.
	maxReplyWait = 30 * time.Second
)

// Send delivers r to the user to as one message (several if the text is
// longer than Telegram allows), with r.Choices as an inline keyboard under
// the last one. Errors: *gigbot.RateLimitedError on 429, code EBLOCKED on
// 403 (blocked, deactivated, never started), EINVALID on a bad recipient or
// reply and on 400; anything else wrapped, with the token redacted.
func (c *Channel) Send(ctx context.Context, to gigbot.UserRef, r gigbot.Reply) error {
	if to.Channel != gigbot.ChannelTelegram {
		return gigbot.Errorf(gigbot.EINVALID, "telegram send: recipient on channel %q", to.Channel)
	}
	chatID, err := strconv.ParseInt(to.ID, 10, 64)
	if err != nil {
		return gigbot.Errorf(gigbot.EINVALID, "telegram send: user id is not numeric")
	}
	parts := splitText(r.Text, maxTextUTF16)
	if len(parts) == 0 {
		return gigbot.Errorf(gigbot.EINVALID, "telegram send: empty reply")
	}
	for i, part := range parts {
		p := &bot.SendMessageParams{
			ChatID: chatID,
			Text:   part, // plain text: no parse mode, so posting text cannot inject markup
			// Posting texts carry employers' links; Telegram should not
			// fetch them on our behalf.
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
		}
		if i == len(parts)-1 && len(r.Choices) > 0 {
			p.ReplyMarkup = keyboard(r.Choices)
		}
		if _, err := c.bot.SendMessage(ctx, p); err != nil {
			return c.sendError(err)
		}
	}
	return nil
}

// sendError turns the SDK's error into the domain's, so the outbox decides
// on retries without reading strings.
func (c *Channel) sendError(err error) error {
	var tooMany *bot.TooManyRequestsError
	switch {
	case errors.As(err, &tooMany):
		return &gigbot.RateLimitedError{RetryAfter: tooMany.RetryAfter}
	case errors.Is(err, bot.ErrorForbidden):
		return gigbot.Errorf(gigbot.EBLOCKED, "telegram sendMessage: %v", c.redact(err))
	case errors.Is(err, bot.ErrorBadRequest):
		return gigbot.Errorf(gigbot.EINVALID, "telegram sendMessage: %v", c.redact(err))
	}
	return fmt.Errorf("telegram sendMessage: %w", c.redact(err))
}

// reply sends the handler's replies in order. A 429 is waited out once
// when short, because the user is waiting for the answer; the first
// failure drops the rest, which would only arrive out of context.
func (c *Channel) reply(ctx context.Context, log *slog.Logger, to gigbot.UserRef, replies []gigbot.Reply) {
	for _, r := range replies {
		err := c.Send(ctx, to, r)
		var limited *gigbot.RateLimitedError
		if errors.As(err, &limited) && time.Duration(limited.RetryAfter)*time.Second <= maxReplyWait {
			t := time.NewTimer(time.Duration(limited.RetryAfter) * time.Second)
			select {
			case <-t.C:
				err = c.Send(ctx, to, r)
			case <-ctx.Done():
				t.Stop()
			}
		}
		if err != nil {
			if gigbot.ErrorCode(err) == gigbot.EBLOCKED {
				log.Info("telegram reply: user blocked the bot")
			} else {
				log.Error("telegram reply", slog.Any("err", err))
			}
			return
		}
	}
}

// inlineKeyboard is the reply_markup for choices. It is ours rather than
// models.InlineKeyboardMarkup because the SDK's button always serialises
// "copy_text":{"text":""}, which Telegram has refused with
// BUTTON_COPY_TEXT_INVALID; this one sends only the fields gigbot uses.
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// keyboard renders choices as an inline keyboard: two buttons to a row
// when every label is short, else one.
func keyboard(choices []gigbot.Choice) *inlineKeyboard {
	data := callbackData(choices)
	perRow := 2
	for _, ch := range choices {
		if labelWidth(ch.Label) > maxPairedLabelWidth {
			perRow = 1
			break
		}
	}
	var rows [][]inlineButton
	for i, ch := range choices {
		label := ch.Label
		if strings.TrimSpace(label) == "" {
			label = data[i] // Telegram refuses a button without text
		}
		b := inlineButton{Text: label, CallbackData: data[i]}
		if i%perRow == 0 {
			rows = append(rows, []inlineButton{b})
		} else {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
	}
	return &inlineKeyboard{InlineKeyboard: rows}
}

// callbackData is each choice's Value when they all fit Telegram's 1–64
// bytes. Otherwise every button carries its 1-based number instead, exactly
// what a WeChat user types for a numbered menu, and the engine maps it back
// through the choices it saved with the conversation. Truncating a value
// could make two buttons equal or cut a character in half.
func callbackData(choices []gigbot.Choice) []string {
	data := make([]string, len(choices))
	fits := true
	for i, ch := range choices {
		data[i] = ch.Value
		if ch.Value == "" || len(ch.Value) > maxCallbackData {
			fits = false
		}
	}
	if !fits {
		for i := range data {
			data[i] = strconv.Itoa(i + 1)
		}
	}
	return data
}

// labelWidth counts East Asian characters as two columns.
func labelWidth(s string) int {
	w := 0
	for _, r := range s {
		w++
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || (r >= 0xFF00 && r <= 0xFFEF) {
			w++
		}
	}
	return w
}

// splitText cuts s into pieces of at most limit UTF-16 code units, at a
// line break where there is one, else between runes. Blank pieces, which
// Telegram refuses, are dropped.
func splitText(s string, limit int) []string {
	var parts []string
	for s != "" {
		cut, units := 0, 0
		for cut < len(s) {
			r, size := utf8.DecodeRuneInString(s[cut:])
			if units+utf16.RuneLen(r) > limit {
				break
			}
			units += utf16.RuneLen(r)
			cut += size
		}
		if cut == 0 { // limit below one rune: never loop forever
			_, cut = utf8.DecodeRuneInString(s)
		}
		if cut < len(s) {
			if nl := strings.LastIndexByte(s[:cut], '\n'); nl > 0 {
				cut = nl + 1
			}
		}
		if strings.TrimSpace(s[:cut]) != "" {
			parts = append(parts, s[:cut])
		}
		s = s[cut:]
	}
	return parts
}

// redactedError hides the bot token, which the SDK's errors can carry in
// request URLs, while keeping the cause for errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (c *Channel) redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, t := range []string{c.token, url.PathEscape(c.token), url.QueryEscape(c.token)} {
		msg = strings.ReplaceAll(msg, t, "<token>")
	}
	return &redactedError{msg: msg, err: err}
}
