package telegram_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/bot/telegram"
	"github.com/gigbot/gigbot/internal/faketelegram"
)

// sender is a Channel that is not running: Send needs no Run.
func sender(t *testing.T) (*faketelegram.Server, *telegram.Channel) {
	fake := faketelegram.New(t, token)
	return fake, newChannel(t, telegram.Options{Token: token, APIBase: fake.URL()}, echo(nil))
}

func TestSendMapsFloodControlToRateLimitedError(t *testing.T) {
	fake, ch := sender(t)
	fake.RateLimitNext(1, 7)
	err := ch.Send(context.Background(), user(42), gigbot.Reply{Text: "x"})
	var limited *gigbot.RateLimitedError
	if !errors.As(err, &limited) || limited.RetryAfter != 7 {
		t.Fatalf("Send = %v, want RateLimitedError{RetryAfter: 7}", err)
	}
	if err := ch.Send(context.Background(), user(42), gigbot.Reply{Text: "x"}); err != nil {
		t.Fatalf("Send after the limit: %v", err)
	}
}

func TestSendMapsBlockedUserToEBLOCKED(t *testing.T) {
	fake, ch := sender(t)
	fake.Block(42)
	err := ch.Send(context.Background(), user(42), gigbot.Reply{Text: "x"})
	if gigbot.ErrorCode(err) != gigbot.EBLOCKED {
		t.Fatalf("Send = %v, want code %s", err, gigbot.EBLOCKED)
	}
	if len(fake.Sent()) != 0 {
		t.Errorf("a message reached a user who blocked the bot")
	}
}

func TestSendRefusesBadRecipientAndEmptyReply(t *testing.T) {
	_, ch := sender(t)
	for name, tc := range map[string]struct {
		to gigbot.UserRef
		r  gigbot.Reply
	}{
		"other channel": {gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "42"}, gigbot.Reply{Text: "x"}},
		"not numeric":   {gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "oAbc"}, gigbot.Reply{Text: "x"}},
		"empty text":    {user(42), gigbot.Reply{Text: " \n", Choices: []gigbot.Choice{{Label: "A", Value: "a"}}}},
	} {
		if err := ch.Send(context.Background(), tc.to, tc.r); gigbot.ErrorCode(err) != gigbot.EINVALID {
			t.Errorf("%s: Send = %v, want code %s", name, err, gigbot.EINVALID)
		}
	}
}

func TestSendErrorHidesToken(t *testing.T) {
	// Nothing listens there: getMe fails at New (logged only) and Send
	// fails with the SDK's network error, whose URL holds the token.
	ch := newChannel(t, telegram.Options{Token: token, APIBase: "http://127.0.0.1:1"}, echo(nil))
	err := ch.Send(context.Background(), user(42), gigbot.Reply{Text: "x"})
	if err == nil || strings.Contains(err.Error(), token) || strings.Contains(err.Error(), "TEST-token") {
		t.Fatalf("Send = %v, want an error without the token", err)
	}
}

func TestSendSplitsLongTextKeyboardOnLast(t *testing.T) {
	fake, ch := sender(t)
	line := strings.Repeat("招工信息", 25) + "\n" // 101 characters
	text := strings.Repeat(line, 60)          // 6060 characters
	r := gigbot.Reply{Text: text, Choices: []gigbot.Choice{{Label: "OK", Value: "ok"}}}
	if err := ch.Send(context.Background(), user(42), r); err != nil {
		t.Fatal(err)
	}
	sent := fake.SentTo(42)
	if len(sent) != 2 {
		t.Fatalf("%d messages, want 2", len(sent))
	}
	if sent[0].Text+sent[1].Text != text || !strings.HasSuffix(sent[0].Text, "\n") {
		t.Errorf("split lost text or cut inside a line")
	}
	if sent[0].Buttons != nil || len(sent[1].Buttons) != 1 {
		t.Errorf("keyboard on %v / %v, want on the last message only", sent[0].Buttons, sent[1].Buttons)
	}
	for _, m := range sent {
		if n := len(utf16.Encode([]rune(m.Text))); n > 4096 {
			t.Errorf("message of %d UTF-16 units", n)
		}
	}
}

func TestSendKeyboardLayoutAndCallbackData(t *testing.T) {
	fake, ch := sender(t)
	long := strings.Repeat("v", 65)
	tests := []struct {
		name    string
		choices []gigbot.Choice
		want    [][]faketelegram.Button
	}{
		{"short labels pair up",
			[]gigbot.Choice{{Label: "是", Value: "yes"}, {Label: "否", Value: "no"}, {Label: "跳过", Value: "skip"}},
			[][]faketelegram.Button{{{Text: "是", Data: "yes"}, {Text: "否", Data: "no"}}, {{Text: "跳过", Data: "skip"}}}},
		{"long labels one per row",
			[]gigbot.Choice{{Label: "我要找工作（工人）", Value: "worker"}, {Label: "我要招人", Value: "employer"}},
			[][]faketelegram.Button{{{Text: "我要找工作（工人）", Data: "worker"}}, {{Text: "我要招人", Data: "employer"}}}},
		{"value too long: numbers",
			[]gigbot.Choice{{Label: "A", Value: "a"}, {Label: "B", Value: long}},
			[][]faketelegram.Button{{{Text: "A", Data: "1"}, {Text: "B", Data: "2"}}}},
		{"multibyte value at the limit is kept",
			[]gigbot.Choice{{Label: "A", Value: strings.Repeat("保", 21)}},
			[][]faketelegram.Button{{{Text: "A", Data: strings.Repeat("保", 21)}}}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chat := int64(500 + i)
			if err := ch.Send(context.Background(), user(chat), gigbot.Reply{Text: "q", Choices: tt.choices}); err != nil {
				t.Fatal(err)
			}
			got := fake.SentTo(chat)[0].Buttons
			if len(got) != len(tt.want) {
				t.Fatalf("rows %v, want %v", got, tt.want)
			}
			for r := range got {
				if strconv.Quote(buttons(got[r])) != strconv.Quote(buttons(tt.want[r])) {
					t.Errorf("row %d = %v, want %v", r, got[r], tt.want[r])
				}
			}
		})
	}
}

func buttons(row []faketelegram.Button) string {
	var b strings.Builder
	for _, x := range row {
		b.WriteString(x.Text + "=" + x.Data + ";")
	}
	return b.String()
}
