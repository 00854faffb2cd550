// Package telegram is gigbot's Telegram channel, on go-telegram/bot. It
// receives updates by getUpdates long polling or by webhook, turns them into
// gigbot.Messages for the dialog engine, sends the engine's replies with
// their choices as inline keyboards, and implements gigbot.Sender for
// pushes. Each update is handled once (its update_id is claimed in the
// CallbackLog) and the messages of one user are handled in order.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/gigbot/gigbot"
)

// Modes of receiving updates (telegram.mode in the config).
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
)

// DefaultAPIBase is the public Bot API server.
const DefaultAPIBase = "https://api.telegram.org"

const (
	// maxPending bounds the updates received but not yet handled, across all
	// users. Past it the SDK's intake waits, which holds back getUpdates (or
	// the webhook request) instead of growing memory under a flood.
	maxPending = 1024
	// handleTimeout bounds one update: claim, handler, replies (a reply may
	// wait up to maxReplyWait for Telegram's flood control).
	handleTimeout = time.Minute
	// shutdownGrace is how long Run lets received updates finish after its
	// context ends. Telegram does not resend them (polling has confirmed
	// them, the webhook has answered), so they are worth finishing.
	shutdownGrace = 10 * time.Second
	// dedupePrefix + update_id is the CallbackLog key of an update.
	dedupePrefix = "telegram:upd:"
)

// Options configure a Channel; they mirror the telegram.* config keys.
type Options struct {
	Token         string
	APIBase       string // "" means DefaultAPIBase
	Mode          string // ModePolling ("" too) or ModeWebhook
	WebhookSecret string // required in webhook mode
	Logger        *slog.Logger
	Clock         gigbot.Clock // stamps messages that carry no date; nil means the system clock
}

// Channel is the Telegram channel. Create it with New, run it with Run,
// mount it at telegram.webhook_path in webhook mode, and use it as the
// gigbot.Sender for the "telegram" channel.
type Channel struct {
	bot     *bot.Bot
	h       gigbot.Handler
	updates gigbot.CallbackLog
	log     *slog.Logger
	clock   gigbot.Clock
	token   string
	mode    string
	secret  string
	webhook http.Handler

	queue *userQueues
	slots chan struct{} // a token per pending update, see maxPending
	// base is the context updates are handled in; Run sets it before the
	// SDK starts delivering, so dispatch may read it without a lock.
	base context.Context
}

var _ gigbot.Sender = (*Channel)(nil)

// New creates the channel and checks the token with getMe. It fails on a
// bad option or a token Telegram refuses; it only logs when Telegram cannot
// be reached, so a network hiccup at start-up does not stop the service.
func New(ctx context.Context, o Options, h gigbot.Handler, updates gigbot.CallbackLog) (*Channel, error) {
	if strings.TrimSpace(o.Token) == "" {
		return nil, errors.New("telegram: token is empty")
	}
	switch o.Mode {
	case "":
		o.Mode = ModePolling
	case ModePolling, ModeWebhook:
	default:
		return nil, fmt.Errorf("telegram: unknown mode %q (want %s or %s)", o.Mode, ModePolling, ModeWebhook)
	}
	// Without a secret anyone who finds the URL could speak as any user.
	if o.Mode == ModeWebhook && o.WebhookSecret == "" {
		return nil, errors.New("telegram: webhook mode needs a webhook secret")
	}
	if h == nil || updates == nil {
		return nil, errors.New("telegram: handler and callback log are required")
	}
	if o.APIBase == "" {
		o.APIBase = DefaultAPIBase
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = systemClock{}
	}
	c := &Channel{
		h:       h,
		updates: updates,
		log:     o.Logger.With(slog.String("channel", string(gigbot.ChannelTelegram))),
		clock:   o.Clock,
		token:   o.Token,
		mode:    o.Mode,
		secret:  o.WebhookSecret,
		queue:   newUserQueues(),
		slots:   make(chan struct{}, maxPending),
		base:    context.Background(),
	}
	b, err := bot.New(o.Token,
		bot.WithServerURL(strings.TrimRight(o.APIBase, "/")),
		// getMe is called below instead, with our ctx and a redacted error.
		bot.WithSkipGetMe(),
		bot.WithDefaultHandler(c.dispatch),
		bot.WithErrorsHandler(c.sdkError),
		// dispatch only queues the update, so running it in the SDK's
		// single worker keeps Telegram's order; userQueues keeps it per
		// user while different users are handled in parallel.
		bot.WithNotAsyncHandlers(),
		bot.WithAllowedUpdates(bot.AllowedUpdates{
			models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery, models.AllowedUpdateMyChatMember,
		}),
		bot.WithWebhookSecretToken(o.WebhookSecret),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", c.redact(err))
	}
	c.bot = b
	c.webhook = b.WebhookHandler()

	if _, err := b.GetMe(ctx); err != nil {
		if errors.Is(err, bot.ErrorUnauthorized) || errors.Is(err, bot.ErrorNotFound) {
			return nil, fmt.Errorf("telegram: token refused by getMe: %w", c.redact(err))
		}
		c.log.Warn("telegram getMe failed; starting anyway", slog.Any("err", c.redact(err)))
	}
	return c, nil
}

// Run receives and handles updates until ctx ends, then lets the updates
// already received finish (for up to shutdownGrace) and returns nil. In
// polling mode it first deletes any webhook, because Telegram refuses
// getUpdates while one is set. Call it once.
func (c *Channel) Run(ctx context.Context) error {
	base, cancelBase := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelBase()
	c.base = base

	if c.mode == ModePolling {
		if _, err := c.bot.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil && ctx.Err() == nil {
			c.log.Warn("telegram deleteWebhook failed", slog.Any("err", c.redact(err)))
		}
		c.bot.Start(ctx)
	} else {
		c.bot.StartWebhook(ctx)
	}
	// The SDK has stopped calling dispatch: nothing more is queued.
	grace := time.AfterFunc(shutdownGrace, cancelBase)
	defer grace.Stop()
	c.queue.wait()
	return nil
}

// dispatch is the SDK's handler for every update. It runs in the SDK's one
// worker goroutine, in update order, and only queues the update on its
// user's queue.
func (c *Channel) dispatch(ctx context.Context, _ *bot.Bot, u *models.Update) {
	in, ok := c.inbound(u)
	if !ok {
		c.log.Debug("telegram update ignored", slog.Int64("update_id", u.ID))
		return
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return
	}
	base := c.base
	c.queue.push(in.msg.User.ID, func() {
		defer func() { <-c.slots }()
		ctx, cancel := context.WithTimeout(base, handleTimeout)
		defer cancel()
		c.handle(ctx, in)
	})
}

// handle claims one update, passes it to the handler and sends the replies.
func (c *Channel) handle(ctx context.Context, in inbound) {
	log := c.log.With(slog.Int64("update_id", in.updateID), slog.Any("user", in.msg.User))
	first, err := c.updates.ClaimCallback(ctx, dedupePrefix+strconv.FormatInt(in.updateID, 10))
	if err != nil {
		log.Error("telegram claim update", slog.Any("err", err))
		return
	}
	if !first {
		log.Info("telegram duplicate update ignored")
		return
	}
	if in.callbackID != "" {
		// Stops the spinner on the pressed button.
		if _, err := c.bot.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: in.callbackID}); err != nil {
			log.Warn("telegram answerCallbackQuery", slog.Any("err", c.redact(err)))
		}
	}
	replies, err := c.h.Handle(ctx, in.msg)
	if err != nil {
		// The engine words its own apologies; any replies it returned
		// with the error are still sent.
		log.Error("telegram handle message", slog.String("kind", string(in.msg.Kind)), slog.Any("err", err))
	}
	c.reply(ctx, log, in.msg.User, replies)
}

// sdkError routes the SDK's own errors (mostly failed getUpdates) into
// slog; the SDK puts request URLs, and so the token, in some of them.
func (c *Channel) sdkError(err error) {
	c.log.Warn("telegram sdk", slog.Any("err", c.redact(err)))
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
