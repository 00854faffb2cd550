package wechat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	"github.com/gigbot/gigbot"
)

// maxPassiveBytes is WeChat's limit on a text message's content. Replies
// that do not fit in one passive reply together go one by one.
const maxPassiveBytes = 2048

var errClosed = errors.New("wechat channel closed")

// turn is one callback's way through dedupe and the handler, called by
// the SDK's server with the parsed message.
type turn struct {
	c        *Channel
	ctx      context.Context
	deadline time.Time // when WeChat must have its answer, less a margin

	// Results, read by the callback once the SDK's server returns.
	msg     gigbot.Message
	outcome string // for the log: ignored, duplicate, replied, silent, late
	err     error  // the callback could not be claimed: nothing was handled
}

func (t *turn) handle(mix *message.MixMessage) *message.Reply {
	m, ok := toMessage(mix)
	if !ok {
		t.outcome = "ignored"
		return nil
	}
	t.msg = m
	if t.c.isClosed() {
		t.err = errClosed
		return nil
	}
	ctx, cancel := context.WithDeadline(t.ctx, t.deadline)
	defer cancel()
	first, err := t.c.callbacks.ClaimCallback(ctx, callbackKey(mix))
	if err != nil {
		t.err = err
		return nil
	}
	if !first {
		t.outcome = "duplicate"
		return nil
	}
	if opensWindow(mix) {
		t.c.noteInteraction(ctx, m)
	}

	replies, inTime := t.c.answer(t.ctx, m, t.deadline)
	switch {
	case !inTime:
		t.outcome = "late"
		return nil
	case m.Kind == gigbot.MessageUnsubscribe:
		// An unfollowed user cannot be answered.
		t.outcome = "silent"
		return nil
	}
	text := renderAll(replies)
	if text == "" {
		t.outcome = "silent"
		return nil
	}
	t.outcome = "replied"
	if len(text) > maxPassiveBytes && len(replies) > 1 {
		text = Render(replies[0])
		rest := replies[1:]
		sent := t.c.goBackground(func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(t.ctx), lateTimeout)
			defer cancel()
			t.c.sendAll(ctx, m.User, rest)
		})
		if !sent {
			t.c.log.Warn("wechat reply not sent", slog.Any("user", m.User), slog.String("err", errClosed.Error()))
		}
	}
	return &message.Reply{MsgType: message.MsgTypeText, MsgData: message.NewText(text)}
}

// answer runs the handler for m. When it finishes before deadline, answer
// returns its replies for the passive reply. Otherwise answer returns
// inTime false at the deadline, and the replies are sent as
// customer-service messages when the handler is done. The handler's
// context outlives the request (up to lateTimeout) so that the late work
// is not cut short.
func (c *Channel) answer(ctx context.Context, m gigbot.Message, deadline time.Time) (replies []gigbot.Reply, inTime bool) {
	const (
		pending int32 = iota
		taken         // the callback has the replies
		late          // the callback answered without them
	)
	var state atomic.Int32
	done := make(chan []gigbot.Reply, 1)
	run := func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lateTimeout)
		defer cancel()
		replies := c.handle(ctx, m)
		if state.CompareAndSwap(pending, taken) {
			done <- replies
			return
		}
		if m.Kind != gigbot.MessageUnsubscribe {
			c.sendAll(ctx, m.User, replies)
		}
	}
	if !c.goBackground(run) {
		// Closing: the callback is claimed already, so answer what we can
		// in the request instead of dropping it.
		run()
		return <-done, true
	}
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case replies := <-done:
		return replies, true
	case <-timer.C:
		if state.CompareAndSwap(pending, late) {
			return nil, false
		}
		return <-done, true // finished just now
	}
}

// handle calls the handler, logging its failure: the engine words what
// users see, so on error there is nothing to answer.
func (c *Channel) handle(ctx context.Context, m gigbot.Message) (replies []gigbot.Reply) {
	defer func() {
		if p := recover(); p != nil {
			c.log.Error("wechat handler panicked", slog.Any("user", m.User), slog.String("panic", fmt.Sprint(p)))
			replies = nil
		}
	}()
	replies, err := c.h.Handle(ctx, m)
	if err != nil {
		c.log.Error("wechat handler failed", slog.Any("user", m.User), slog.String("kind", string(m.Kind)),
			slog.String("code", gigbot.ErrorCode(err)), slog.String("err", err.Error()))
		return nil
	}
	return replies
}

// sendAll sends replies in order as customer-service messages, stopping at
// the first failure (the next would fail the same way).
func (c *Channel) sendAll(ctx context.Context, to gigbot.UserRef, replies []gigbot.Reply) {
	for _, r := range replies {
		if err := c.Send(ctx, to, r); err != nil {
			c.log.Warn("wechat reply not sent", slog.Any("user", to),
				slog.String("code", gigbot.ErrorCode(err)), slog.String("err", err.Error()))
			return
		}
	}
}

func (c *Channel) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// noteInteraction records that m's sender wrote, before the handler runs,
// so that its late replies and the pushes it releases see the window open.
// A user coming back after the window closed is reported to onReturn. A
// failure is logged and the message still handled: it is claimed already.
func (c *Channel) noteInteraction(ctx context.Context, m gigbot.Message) {
	if c.interactions == nil {
		return
	}
	now := c.clock.Now()
	at := m.At
	if at.IsZero() || at.After(now) {
		at = now
	}
	last, err := c.interactions.LastInteraction(ctx, m.User)
	if err == nil {
		err = c.interactions.RecordInteraction(ctx, m.User, at)
	}
	if err != nil {
		c.log.Error("wechat interaction not recorded", slog.Any("user", m.User), slog.String("err", err.Error()))
		return
	}
	if c.onReturn != nil && !inWindow(last, now) && inWindow(at, now) {
		u := m.User
		c.goBackground(func() { c.onReturn(u) })
	}
}
