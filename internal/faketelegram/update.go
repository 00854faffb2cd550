package faketelegram

import "time"

// Update is the part of a Bot API Update that gigbot reads. It is declared
// here rather than taken from the SDK so that the fake speaks the documented
// wire format, not whatever the SDK happens to decode.
type Update struct {
	UpdateID      int64              `json:"update_id"`
	Message       *Message           `json:"message,omitempty"`
	CallbackQuery *CallbackQuery     `json:"callback_query,omitempty"`
	MyChatMember  *ChatMemberUpdated `json:"my_chat_member,omitempty"`
}

// User is a Telegram user or bot.
type User struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LanguageCode string `json:"language_code,omitempty"`
}

// Chat is the chat a message belongs to; "private" for a one-to-one chat.
type Chat struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`
}

// Message is an incoming message.
type Message struct {
	MessageID int64           `json:"message_id"`
	From      *User           `json:"from,omitempty"`
	Chat      Chat            `json:"chat"`
	Date      int64           `json:"date"`
	Text      string          `json:"text,omitempty"`
	Entities  []MessageEntity `json:"entities,omitempty"`
	Location  *Location       `json:"location,omitempty"`
	Voice     *Voice          `json:"voice,omitempty"`
	Photo     []PhotoSize     `json:"photo,omitempty"`
}

// MessageEntity marks a span of a message's text, e.g. a bot command.
type MessageEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

// Location is a shared point.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Voice is a voice note.
type Voice struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
}

// PhotoSize is one size of a photo.
type PhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// CallbackQuery is a press on an inline keyboard button.
type CallbackQuery struct {
	ID           string   `json:"id"`
	From         User     `json:"from"`
	Message      *Message `json:"message,omitempty"`
	ChatInstance string   `json:"chat_instance"`
	Data         string   `json:"data,omitempty"`
}

// ChatMemberUpdated reports a change of the bot's status in a chat; in a
// private chat, "kicked" means the user blocked the bot.
type ChatMemberUpdated struct {
	Chat          Chat       `json:"chat"`
	From          User       `json:"from"`
	Date          int64      `json:"date"`
	OldChatMember ChatMember `json:"old_chat_member"`
	NewChatMember ChatMember `json:"new_chat_member"`
}

// ChatMember is a member's status in a chat.
type ChatMember struct {
	Status    string `json:"status"`
	User      User   `json:"user"`
	UntilDate int64  `json:"until_date,omitempty"`
}

// botUser is the bot itself, as getMe returns it and as it appears in
// my_chat_member updates.
var botUser = User{ID: 777000111, IsBot: true, FirstName: "gigbot"}

func user(id int64, lang string) *User {
	return &User{ID: id, FirstName: "u", LanguageCode: lang}
}

// privateMessage is a message from userID in their private chat with the
// bot; Telegram numbers messages per chat, the update id is unique enough.
func privateMessage(id, userID int64, lang string) *Message {
	return &Message{
		MessageID: id,
		From:      user(userID, lang),
		Chat:      Chat{ID: userID, Type: "private"},
		Date:      time.Now().Unix(),
	}
}

// TextUpdate is a text message from userID, whose client language is lang
// (an IETF tag such as "zh-hans" or "en", or "" when unknown).
func TextUpdate(id, userID int64, text, lang string) Update {
	m := privateMessage(id, userID, lang)
	m.Text = text
	return Update{UpdateID: id, Message: m}
}

// StartUpdate is the "/start" a client sends when the user opens the bot.
func StartUpdate(id, userID int64, lang string) Update {
	u := TextUpdate(id, userID, "/start", lang)
	u.Message.Entities = []MessageEntity{{Type: "bot_command", Offset: 0, Length: len("/start")}}
	return u
}

// LocationUpdate is a shared location.
func LocationUpdate(id, userID int64, lat, lon float64) Update {
	m := privateMessage(id, userID, "")
	m.Location = &Location{Latitude: lat, Longitude: lon}
	return Update{UpdateID: id, Message: m}
}

// VoiceUpdate is a voice note.
func VoiceUpdate(id, userID int64) Update {
	m := privateMessage(id, userID, "")
	m.Voice = &Voice{FileID: "voice-file", FileUniqueID: "voice-unique", Duration: 3}
	return Update{UpdateID: id, Message: m}
}

// PhotoUpdate is a photo.
func PhotoUpdate(id, userID int64) Update {
	m := privateMessage(id, userID, "")
	m.Photo = []PhotoSize{{FileID: "photo-file", FileUniqueID: "photo-unique", Width: 90, Height: 90}}
	return Update{UpdateID: id, Message: m}
}

// CallbackUpdate is a press on an inline button carrying data, under a
// message the bot sent earlier. The query id is CallbackQueryID(id).
func CallbackUpdate(id, userID int64, data string) Update {
	m := privateMessage(id, userID, "")
	bot := botUser
	m.From = &bot
	return Update{UpdateID: id, CallbackQuery: &CallbackQuery{
		ID:           CallbackQueryID(id),
		From:         *user(userID, ""),
		Message:      m,
		ChatInstance: "ci",
		Data:         data,
	}}
}

// CallbackQueryID is the callback query id CallbackUpdate(id, …) uses.
func CallbackQueryID(updateID int64) string {
	return "cq" + itoa(updateID)
}

// BlockedUpdate is what Telegram sends when userID blocks the bot.
func BlockedUpdate(id, userID int64) Update {
	return Update{UpdateID: id, MyChatMember: &ChatMemberUpdated{
		Chat:          Chat{ID: userID, Type: "private"},
		From:          *user(userID, ""),
		Date:          time.Now().Unix(),
		OldChatMember: ChatMember{Status: "member", User: botUser},
		NewChatMember: ChatMember{Status: "kicked", User: botUser},
	}}
}
