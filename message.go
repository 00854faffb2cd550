package gigbot

import (
	"context"
	"time"
)

// MessageKind is the kind of an incoming chat message or event.
type MessageKind string

// Incoming message kinds, common to every channel.
const (
	MessageText        MessageKind = "text"        // typed text, or a choice value
	MessageVoice       MessageKind = "voice"       // Text holds the platform's speech recognition
	MessageLocation    MessageKind = "location"    // Point (and Label) set
	MessageSubscribe   MessageKind = "subscribe"   // followed the account / started the bot
	MessageUnsubscribe MessageKind = "unsubscribe" // unfollowed / blocked the bot
	MessageImage       MessageKind = "image"       // media gigbot cannot read
	MessageClick       MessageKind = "click"       // a menu button; Text holds its key
)

// Message is one incoming message from a user, whatever the channel.
type Message struct {
	User  UserRef
	Kind  MessageKind
	Text  string
	Point Point
	Label string // a shared location's name, when the platform gives one
	Lang  string // the user's language as the platform reports it ("zh", "en"), may be empty
	At    time.Time
}

// Choice is one option offered with a reply. Value is what comes back as
// the message text when it is picked (Telegram callback data); channels
// without buttons number the choices and the engine maps the number back.
type Choice struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Reply is one outgoing message: text and optional choices. Each channel
// renders it its own way (numbered lines, inline keyboard).
type Reply struct {
	Text    string   `json:"text"`
	Choices []Choice `json:"choices,omitempty"`
}

// Handler answers one incoming message with the replies to send back at
// once. The dialog engine implements it; channel adapters call it.
type Handler interface {
	Handle(ctx context.Context, m Message) ([]Reply, error)
}
