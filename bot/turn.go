package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/gigbot/gigbot"
)

// turn is the handling of one message: the user's state as loaded, and
// what the engine says back. Text parts said during a turn go out as one
// reply, because a WeChat callback can answer with a single message.
type turn struct {
	ctx    context.Context
	e      *Engine
	msg    gigbot.Message
	now    time.Time
	conv   gigbot.Conversation
	worker *gigbot.Worker // nil until the user signs up as a worker
	lang   string

	parts   []string        // text said so far
	choices []gigbot.Choice // offered with the reply; saved to map "1", "2" back
	err     error           // first template that failed to render

	forgotten bool // the user's data was deleted this turn: save nothing

	// listed are the postings the last reply listed (a search), in order:
	// "1" or "举报 1" may mean one of them, for this message only.
	listed []int64
}

// load reads the user's conversation and worker record.
func (t *turn) load() error {
	conv, err := t.e.store.Conversation(t.ctx, t.msg.User)
	if err != nil {
		return fmt.Errorf("load conversation: %w", err)
	}
	return t.open(conv)
}

// open starts the turn on conv, reading the user's worker record.
func (t *turn) open(conv gigbot.Conversation) error {
	t.conv = conv
	t.conv.User = t.msg.User
	if t.conv.Data == nil {
		t.conv.Data = map[string]string{}
	}
	w, err := t.e.store.Worker(t.ctx, t.msg.User)
	switch {
	case gigbot.ErrorCode(err) == gigbot.ENOTFOUND:
	case err != nil:
		return fmt.Errorf("load worker: %w", err)
	default:
		t.worker = w
	}
	// The platform's language wins (a Telegram user may switch), then
	// what this conversation used, then the worker's saved choice.
	switch {
	case t.msg.Lang != "":
		t.lang = t.e.tmpl.Lang(t.msg.Lang)
	case t.conv.Lang != "":
		t.lang = t.e.tmpl.Lang(t.conv.Lang)
	case t.worker != nil:
		t.lang = t.e.tmpl.Lang(t.worker.Lang)
	default:
		t.lang = t.e.tmpl.Lang("")
	}
	return nil
}

// finish sets what the conversation keeps of this turn.
func (t *turn) finish() {
	t.conv.Lang = t.lang
	t.conv.Choices = t.choices
}

// save writes the conversation back, with the choices offered this turn.
func (t *turn) save() error {
	t.finish()
	if err := t.e.store.SaveConversation(t.ctx, t.conv); err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	return nil
}

// replies is what the turn said, as one reply (none when it said nothing,
// as for an unsubscribe event).
func (t *turn) replies() []gigbot.Reply {
	if len(t.parts) == 0 {
		return nil
	}
	return []gigbot.Reply{{Text: strings.Join(t.parts, "\n\n"), Choices: t.choices}}
}

// run moves the conversation one step for the message.
func (t *turn) run() error {
	switch t.msg.Kind {
	case gigbot.MessageUnsubscribe:
		return t.unsubscribed()
	case gigbot.MessageSubscribe:
		return t.subscribed()
	case gigbot.MessageImage:
		t.say("common.image", nil)
		return t.reprompt()
	case gigbot.MessageLocation:
		if p := t.msg.Point; !(p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180) || p.IsZero() {
			// A client's bug or a forged callback: no such place on Earth.
			t.say("common.location_invalid", nil)
			return t.reprompt()
		}
		return t.location(t.e.match.NearestPlace(t.msg.Point), t.msg.Point)
	}
	// Text, voice (the platform's speech recognition), menu clicks (their
	// key) and any kind a channel may add later are read as text.
	// Bytes that are not UTF-8 cannot be shown back (a preview quotes the
	// posting) nor stored as text; they are dropped at the door.
	text := strings.TrimSpace(strings.ToValidUTF8(t.msg.Text, ""))
	if text == "" {
		if t.msg.Kind == gigbot.MessageVoice {
			t.say("common.voice_empty", nil)
		}
		return t.reprompt()
	}
	in := t.understand(text)
	// Reports, deletion and staff commands are answered wherever the user
	// is, except while staff type a reason, which is taken whole.
	if safetyIntents[in.intent] && t.conv.Step != stepReviewReason {
		began, err := t.safetyCommand(in)
		if err != nil || began || t.conv.Step == "" {
			return err
		}
		return t.reprompt()
	}
	// A button on a notice (报名) or on a list (which posting to close)
	// may be pressed in the middle of anything: it is answered, then the
	// current question asked again.
	if in.id != 0 && t.conv.Step != "" {
		if err := t.action(in); err != nil {
			return err
		}
		return t.reprompt()
	}
	if in.intent == intentCancel && t.conv.Step != "" {
		t.leave()
		t.say("common.cancelled", t.onboarded())
		if t.onboarded() {
			t.menu()
		}
		return nil
	}
	switch stepGroup(t.conv.Step) {
	case "":
		return t.idle(in)
	case groupOnboarding:
		return t.onboardingAnswer(in)
	case groupPosting:
		return t.postingAnswer(in)
	case groupFair:
		return t.fairAnswer(in)
	case groupPrefs:
		return t.prefsAnswer(in)
	case groupForget:
		return t.forgetAnswer(in)
	case groupReview:
		return t.reasonAnswer(in)
	}
	// A step this version does not know (state saved by another
	// version): start over from idle rather than fail forever.
	t.leave()
	return t.idle(in)
}

// reprompt asks the question of the current step again.
func (t *turn) reprompt() error {
	switch stepGroup(t.conv.Step) {
	case groupOnboarding:
		return t.onboardingReprompt()
	case groupPosting:
		return t.postingReprompt()
	case groupFair:
		return t.fairReprompt()
	case groupPrefs:
		return t.prefsReprompt()
	case groupForget:
		return t.forgetReprompt()
	case groupReview:
		return t.reasonReprompt()
	}
	return t.idleReprompt()
}

// stepGroup is the dialog a step belongs to: the part before the dot.
func stepGroup(step string) string {
	group, _, _ := strings.Cut(step, ".")
	return group
}

// begin starts a dialog in role at step, with fresh answers.
func (t *turn) begin(role gigbot.Role, step string) {
	t.conv.Role = role
	t.conv.Step = step
	t.conv.Data = map[string]string{}
}

// leave ends the current dialog; the role stays, as a hint of what the
// user came for.
func (t *turn) leave() {
	t.conv.Step = ""
	t.conv.Data = map[string]string{}
}

// onboarded reports whether the user is a signed-up worker.
func (t *turn) onboarded() bool { return t.worker != nil && t.worker.Onboarded }

// say adds a rendered template to the reply.
func (t *turn) say(name string, data any) {
	if s := t.render(name, data); s != "" {
		t.parts = append(t.parts, s)
	}
}

// ask adds a rendered question with the choices that answer it.
func (t *turn) ask(name string, data any, choices ...choice) {
	t.say(name, data)
	t.choices = t.offer(choices)
}

// render renders a template in the user's language, remembering the first
// failure for Handle to report.
func (t *turn) render(name string, data any) string {
	s, err := t.e.tmpl.Render(t.lang, name, data)
	if err != nil && t.err == nil {
		t.err = err
	}
	return s
}

// keep stores a dialog's draft in the conversation.
func (t *turn) keep(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("keep %s: %w", key, err)
	}
	t.conv.Data[key] = string(b)
	return nil
}

// draft reads back a dialog's draft. false means there is none that this
// version can read (it was saved by another version, or lost): the caller
// starts its dialog over rather than failing at every message.
func (t *turn) draft(key string, v any) bool {
	s, ok := t.conv.Data[key]
	if !ok {
		return false
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.e.log.Warn("unreadable dialog draft", slog.Any("user", t.msg.User),
			slog.String("key", key), slog.String("error", err.Error()))
		return false
	}
	return true
}
