package wechat

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	"github.com/gigbot/gigbot"
)

// toMessage maps a WeChat message or event to a gigbot.Message; ok is
// false for the kinds gigbot does not act on (links, videos, scans, menu
// views, …), which are answered "success" and dropped.
func toMessage(mix *message.MixMessage) (m gigbot.Message, ok bool) {
	m = gigbot.Message{
		User: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: string(mix.FromUserName)},
		Lang: "zh", // WeChat does not say; the engine keeps a user's own choice
	}
	if m.User.ID == "" {
		return m, false
	}
	if mix.CreateTime > 0 {
		m.At = time.Unix(mix.CreateTime, 0)
	}
	switch mix.MsgType {
	case message.MsgTypeText:
		m.Kind, m.Text = gigbot.MessageText, mix.Content
	case message.MsgTypeVoice:
		// Recognition is empty when WeChat understood nothing; the
		// engine then asks the user to type.
		m.Kind, m.Text = gigbot.MessageVoice, mix.Recognition
	case message.MsgTypeImage:
		m.Kind = gigbot.MessageImage
	case message.MsgTypeLocation:
		m.Kind, m.Label = gigbot.MessageLocation, mix.Label
		m.Point = gigbot.Point{Lat: mix.LocationX, Lon: mix.LocationY}
		return m, validPoint(m.Point)
	case message.MsgTypeEvent:
		return event(m, mix)
	default:
		return m, false
	}
	return m, true
}

func event(m gigbot.Message, mix *message.MixMessage) (gigbot.Message, bool) {
	switch ev := string(mix.Event); {
	case strings.EqualFold(ev, string(message.EventSubscribe)):
		m.Kind = gigbot.MessageSubscribe
	case strings.EqualFold(ev, string(message.EventUnsubscribe)):
		m.Kind = gigbot.MessageUnsubscribe
	case strings.EqualFold(ev, string(message.EventClick)):
		m.Kind, m.Text = gigbot.MessageClick, mix.EventKey
	case strings.EqualFold(ev, string(message.EventLocation)):
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(mix.Latitude), 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(mix.Longitude), 64)
		m.Kind, m.Point = gigbot.MessageLocation, gigbot.Point{Lat: lat, Lon: lon}
		return m, err1 == nil && err2 == nil && validPoint(m.Point)
	default:
		return m, false
	}
	return m, true
}

// validPoint keeps NaN, infinities and impossible coordinates (which
// strconv and encoding/xml both accept) away from the engine.
func validPoint(p gigbot.Point) bool {
	return !math.IsNaN(p.Lat) && !math.IsNaN(p.Lon) && math.Abs(p.Lat) <= 90 && math.Abs(p.Lon) <= 180
}

// callbackKey is the dedupe key of a callback: WeChat retries a message
// with the same MsgId, an event (which has none) with the same sender and
// CreateTime.
func callbackKey(mix *message.MixMessage) string {
	from, at := string(mix.FromUserName), strconv.FormatInt(mix.CreateTime, 10)
	switch {
	case mix.MsgType == message.MsgTypeEvent:
		return "wechat:evt:" + from + ":" + at
	case mix.MsgID != 0:
		return "wechat:msg:" + strconv.FormatInt(mix.MsgID, 10)
	default:
		// A message without MsgId should not exist; keyed like an event
		// it is at least not confused with another user's.
		return "wechat:msg:" + from + ":" + at
	}
}

// opensWindow reports whether a callback is one of the user's actions that
// open WeChat's 48-hour customer-service window: a message, a follow, a
// menu click. Automatic LOCATION reports and unfollows do not.
func opensWindow(mix *message.MixMessage) bool {
	if mix.MsgType != message.MsgTypeEvent {
		return true
	}
	ev := string(mix.Event)
	return strings.EqualFold(ev, string(message.EventSubscribe)) || strings.EqualFold(ev, string(message.EventClick))
}
