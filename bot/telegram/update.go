package telegram

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"

	"github.com/gigbot/gigbot"
)

// inbound is an update worth handling, already mapped to the engine's
// Message.
type inbound struct {
	updateID   int64
	msg        gigbot.Message
	callbackID string // set for a button press, which must be answered
}

// inbound maps an update. It reports false for what gigbot does not handle:
// edits, group and channel chatter, service messages, other update types.
// Group chats are ignored because gigbot's dialogs are one-to-one and its
// replies go to the user's private chat.
func (c *Channel) inbound(u *models.Update) (inbound, bool) {
	switch {
	case u.Message != nil:
		msg, ok := fromMessage(u.Message)
		return inbound{updateID: u.ID, msg: msg}, ok
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		if q.From.ID == 0 || q.From.IsBot {
			return inbound{}, false
		}
		msg := gigbot.Message{
			User: userRef(q.From.ID),
			Kind: gigbot.MessageText,
			Text: q.Data,
			Lang: lang(q.From.LanguageCode),
			At:   c.clock.Now(), // a callback query carries no date
		}
		return inbound{updateID: u.ID, msg: msg, callbackID: q.ID}, true
	case u.MyChatMember != nil:
		m := u.MyChatMember
		// "kicked" in a private chat is the user blocking the bot. An
		// unblock shows as "member" and is followed by the /start the
		// client sends, so it needs nothing here.
		if m.Chat.Type != models.ChatTypePrivate || m.NewChatMember.Type != models.ChatMemberTypeBanned || m.From.ID == 0 {
			return inbound{}, false
		}
		msg := gigbot.Message{
			User: userRef(m.From.ID),
			Kind: gigbot.MessageUnsubscribe,
			Lang: lang(m.From.LanguageCode),
			At:   time.Unix(int64(m.Date), 0),
		}
		return inbound{updateID: u.ID, msg: msg}, true
	}
	return inbound{}, false
}

func fromMessage(m *models.Message) (gigbot.Message, bool) {
	if m.From == nil || m.From.IsBot || m.From.ID == 0 || m.Chat.Type != models.ChatTypePrivate {
		return gigbot.Message{}, false
	}
	msg := gigbot.Message{
		User: userRef(m.From.ID),
		Lang: lang(m.From.LanguageCode),
		At:   time.Unix(int64(m.Date), 0),
	}
	switch {
	case m.Text != "":
		msg.Kind, msg.Text = command(m.Text)
	case m.Location != nil:
		msg.Kind = gigbot.MessageLocation
		msg.Point = gigbot.Point{Lat: m.Location.Latitude, Lon: m.Location.Longitude}
		if m.Venue != nil {
			msg.Label = m.Venue.Title
		}
	case m.Voice != nil, len(m.Photo) > 0, m.Audio != nil, m.Video != nil, m.VideoNote != nil,
		m.Document != nil, m.Sticker != nil, m.Animation != nil:
		// gigbot cannot read media; the engine answers it politely.
		msg.Kind = gigbot.MessageImage
	default:
		return gigbot.Message{}, false
	}
	return msg, true
}

// command maps "/start [payload]" to a subscribe (Text is the deep-link
// payload, if any) and any other "/cmd[@bot] args" to the text "cmd args",
// which the engine reads like typed words. Other text passes unchanged.
func command(text string) (gigbot.MessageKind, string) {
	if len(text) < 2 || text[0] != '/' {
		return gigbot.MessageText, text
	}
	name, args := text[1:], ""
	if i := strings.IndexFunc(name, unicode.IsSpace); i >= 0 {
		name, args = name[:i], strings.TrimSpace(name[i:])
	}
	name, _, _ = strings.Cut(name, "@") // "/start@gigbot_bot" in group-style clients
	if name == "" {
		return gigbot.MessageText, text
	}
	if strings.EqualFold(name, "start") {
		return gigbot.MessageSubscribe, args
	}
	return gigbot.MessageText, strings.TrimSpace(name + " " + args)
}

func userRef(id int64) gigbot.UserRef {
	return gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.FormatInt(id, 10)}
}

// lang maps a client's IETF language tag to the languages gigbot speaks:
// Chinese for "zh…" and for an unknown language (most of gigbot's users),
// English for everything else.
func lang(code string) string {
	code = strings.ToLower(code)
	if code == "" || strings.HasPrefix(code, "zh") {
		return "zh"
	}
	return "en"
}
