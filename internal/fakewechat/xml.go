package fakewechat

import (
	"fmt"
	"strconv"
	"strings"
)

// The builders below write callbacks in the shape WeChat documents for an
// Official Account: to is the account's original id (gh_…), from the
// user's OpenID, createTime Unix seconds.

// TextXML is a text message.
func TextXML(to, from, content string, msgID, createTime int64) []byte {
	return fmt.Appendf(nil, "<xml>%s<MsgType><![CDATA[text]]></MsgType><Content>%s</Content><MsgId>%d</MsgId></xml>",
		head(to, from, createTime), cdata(content), msgID)
}

// VoiceXML is a voice message with the platform's speech recognition
// (empty when WeChat recognised nothing).
func VoiceXML(to, from, recognition string, msgID, createTime int64) []byte {
	return fmt.Appendf(nil, "<xml>%s<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media-%d]]></MediaId>"+
		"<Format><![CDATA[amr]]></Format><Recognition>%s</Recognition><MsgId>%d</MsgId></xml>",
		head(to, from, createTime), msgID, cdata(recognition), msgID)
}

// ImageXML is an image message.
func ImageXML(to, from, picURL string, msgID, createTime int64) []byte {
	return fmt.Appendf(nil, "<xml>%s<MsgType><![CDATA[image]]></MsgType><PicUrl>%s</PicUrl>"+
		"<MediaId><![CDATA[media-%d]]></MediaId><MsgId>%d</MsgId></xml>",
		head(to, from, createTime), cdata(picURL), msgID, msgID)
}

// LocationXML is a shared location: Location_X is the latitude,
// Location_Y the longitude, Label the place's name.
func LocationXML(to, from string, lat, lon float64, label string, msgID, createTime int64) []byte {
	return fmt.Appendf(nil, "<xml>%s<MsgType><![CDATA[location]]></MsgType><Location_X>%s</Location_X>"+
		"<Location_Y>%s</Location_Y><Scale>15</Scale><Label>%s</Label><MsgId>%d</MsgId></xml>",
		head(to, from, createTime), num(lat), num(lon), cdata(label), msgID)
}

// EventXML is an event without a MsgId, such as subscribe, unsubscribe
// or CLICK (eventKey is the menu key; empty for the others).
func EventXML(to, from, event, eventKey string, createTime int64) []byte {
	key := ""
	if eventKey != "" {
		key = "<EventKey>" + cdata(eventKey) + "</EventKey>"
	}
	return fmt.Appendf(nil, "<xml>%s<MsgType><![CDATA[event]]></MsgType><Event>%s</Event>%s</xml>",
		head(to, from, createTime), cdata(event), key)
}

// LocationEventXML is the LOCATION event WeChat reports on its own when
// the user allowed location reporting.
func LocationEventXML(to, from string, lat, lon float64, createTime int64) []byte {
	return fmt.Appendf(nil, "<xml>%s<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[LOCATION]]></Event>"+
		"<Latitude>%s</Latitude><Longitude>%s</Longitude><Precision>65.0</Precision></xml>",
		head(to, from, createTime), num(lat), num(lon))
}

func head(to, from string, createTime int64) string {
	return fmt.Sprintf("<ToUserName>%s</ToUserName><FromUserName>%s</FromUserName><CreateTime>%d</CreateTime>",
		cdata(to), cdata(from), createTime)
}

// cdata wraps s in CDATA, splitting any "]]>" inside it so that s comes
// back unchanged.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
