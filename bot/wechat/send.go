package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/util"

	"github.com/gigbot/gigbot"
)

// apiPrefix is the SDK's own spelling of the API's root; UseAPIBase's
// transport sends it to the configured base.
const apiPrefix = "https://" + officialHost + "/cgi-bin/"

// WeChat errcodes the channel acts on.
const (
	errInvalidCredential = 40001 // access token invalid (e.g. replaced by another fetch)
	errInvalidToken      = 40014 // access token malformed or unknown
	errTokenExpired      = 42001
	errUnsubscribed      = 43004 // the user does not follow the account
	errAPIQuota          = 45009 // the account's daily API quota is used up
	errOutOfWindow       = 45015 // no message from the user in the last 48 hours
	errCustomerQuota     = 45047 // too many customer-service messages without a reply
)

// CustomerWindow is how long after a user's last message (or menu click,
// or follow) the account may send them customer-service messages.
const CustomerWindow = 48 * time.Hour

// windowMargin keeps a send from starting just before the window closes.
const windowMargin = time.Minute

// apiQuotaRetryAfter is the retry delay after 45009. WeChat names none:
// the daily quota resets at midnight, and an hour is a cheap probe.
const apiQuotaRetryAfter = 3600

// APIError is an errcode from the WeChat API.
type APIError struct {
	API     string // e.g. "message/custom/send"
	Code    int64
	Message string // WeChat's errmsg
}

func (e *APIError) Error() string {
	return fmt.Sprintf("wechat %s: errcode %d: %s", e.API, e.Code, e.Message)
}

// Send delivers r to one user: as a customer-service text message while
// the user is inside WeChat's 48-hour window; outside it, when r is a
// pending notice's reply, as SendNotice does with that notice. Errors
// carry a gigbot code: EBLOCKED when the user unfollowed, EUNREACHABLE
// outside the window with nothing else to send, *gigbot.RateLimitedError
// for quotas; each wraps the *APIError. An invalid or expired access
// token is replaced and the send retried once.
func (c *Channel) Send(ctx context.Context, to gigbot.UserRef, r gigbot.Reply) error {
	return c.deliver(ctx, to, r, nil)
}

// SendNotice delivers n: as a customer-service message inside the 48-hour
// window; outside it as the template message configured for n.Kind, or not
// at all (EUNREACHABLE: the notice waits for the user to write) when there
// is none.
func (c *Channel) SendNotice(ctx context.Context, n gigbot.Notice) error {
	return c.deliver(ctx, n.To, n.Reply, &n)
}

func (c *Channel) deliver(ctx context.Context, to gigbot.UserRef, r gigbot.Reply, n *gigbot.Notice) error {
	if to.Channel != gigbot.ChannelWeChat || to.ID == "" {
		return gigbot.Errorf(gigbot.EINVALID, "wechat cannot send to a %q user", to.Channel)
	}
	if n != nil {
		// A push arrives outside any chat turn, so a number typed back
		// would be read against the turn's choices, not these: the
		// notice's own text says which word to reply instead.
		r.Choices = nil
	}
	text := Render(r)
	if text == "" {
		return gigbot.Errorf(gigbot.EINVALID, "wechat cannot send an empty reply")
	}
	open, err := c.windowOpen(ctx, to)
	if err != nil {
		return err
	}
	// outside is the answer when nothing may be sent: push holds the
	// notice until the user writes again.
	outside := error(gigbot.Errorf(gigbot.EUNREACHABLE, "wechat user outside the 48-hour window"))
	if open {
		err := classify(c.call(ctx, "message/custom/send", message.NewCustomerTextMessage(to.ID, text)))
		if !isAPICode(err, errOutOfWindow) && !isAPICode(err, errCustomerQuota) {
			return err
		}
		// 45015: WeChat knows better than our record (a callback we
		// missed the end of, clocks apart). 45047: the user got as many
		// customer messages as WeChat allows until they write back.
		// Either way only a template message may go now.
		outside = err
	}
	if n == nil {
		if n, err = c.noticeFor(ctx, to, r); err != nil {
			return err
		}
	}
	if tpl, ok := c.template(n); ok {
		return c.sendTemplate(ctx, to, *n, tpl)
	}
	return outside
}

// template is the template message n goes as outside the window; none
// for a reply that is no notice (n nil) or a kind configured to wait.
func (c *Channel) template(n *gigbot.Notice) (Template, bool) {
	if n == nil || c.fields == nil {
		return Template{}, false
	}
	tpl, ok := c.templates[n.Kind]
	return tpl, ok && tpl.ID != ""
}

// sendTemplate sends n as the template message tpl, each keyword filled
// with the wording of its notice field.
func (c *Channel) sendTemplate(ctx context.Context, to gigbot.UserRef, n gigbot.Notice, tpl Template) error {
	values, err := c.fields.NoticeFields(ctx, n)
	if err != nil {
		return fmt.Errorf("wechat template fields of notice %d: %w", n.ID, err)
	}
	msg := &message.TemplateMessage{ToUser: to.ID, TemplateID: tpl.ID, Data: map[string]*message.TemplateDataItem{}}
	if n.ID != 0 {
		// WeChat drops a second send with the same id: a notice resent
		// after a crash between send and MarkSent arrives once.
		msg.ClientMsgID = "gigbot-notice-" + strconv.FormatInt(n.ID, 10)
	}
	for keyword, field := range tpl.Fields {
		msg.Data[keyword] = &message.TemplateDataItem{Value: values[field]}
	}
	return classify(c.call(ctx, "message/template/send", msg))
}

// noticeFor finds the pending notice of to whose reply is r. push hands a
// plain Sender only the reply; the notice tells what it is about. nil when
// r is not a notice's (a late chat reply).
func (c *Channel) noticeFor(ctx context.Context, to gigbot.UserRef, r gigbot.Reply) (*gigbot.Notice, error) {
	if c.notices == nil {
		return nil, nil
	}
	pending, err := c.notices.HeldFor(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("wechat pending notices: %w", err)
	}
	for _, n := range pending {
		if n.Kind != gigbot.NoticeMessage && n.Reply.Text == r.Text && slices.Equal(n.Reply.Choices, r.Choices) {
			return &n, nil
		}
	}
	return nil, nil
}

// windowOpen reports whether to wrote within the last 48 hours (less a
// margin for the send in flight). Without an interaction log it says yes
// and lets WeChat judge.
func (c *Channel) windowOpen(ctx context.Context, to gigbot.UserRef) (bool, error) {
	if c.interactions == nil {
		return true, nil
	}
	last, err := c.interactions.LastInteraction(ctx, to)
	if err != nil {
		return false, err
	}
	return inWindow(last, c.clock.Now()), nil
}

func inWindow(last, now time.Time) bool {
	return !last.IsZero() && now.Sub(last) < CustomerWindow-windowMargin
}

// call posts body to one API and decodes WeChat's errcode, replacing the
// access token and trying again once when WeChat refuses it.
//
// It uses the SDK's token handle and HTTP helpers rather than
// message.Manager.Send, which ignores ctx and flattens errcode into the
// text of its error.
func (c *Channel) call(ctx context.Context, api string, body any) error {
	token, err := c.callOnce(ctx, api, body)
	var ae *APIError
	if errors.As(err, &ae) && (ae.Code == errInvalidCredential || ae.Code == errInvalidToken || ae.Code == errTokenExpired) {
		if err := c.tokens.invalidate(ctx, token); err != nil {
			return err
		}
		_, err = c.callOnce(ctx, api, body)
	}
	return err
}

func (c *Channel) callOnce(ctx context.Context, api string, body any) (token string, err error) {
	token, err = c.oa.GetAccessTokenContext(ctx)
	if err != nil {
		return "", fmt.Errorf("wechat access token: %w", redactErr(err))
	}
	resp, err := util.PostJSONContext(ctx, apiPrefix+api+"?access_token="+url.QueryEscape(token), body)
	if err != nil {
		return token, fmt.Errorf("wechat %s: %w", api, redactErr(err))
	}
	var res util.CommonError
	if err := json.Unmarshal(resp, &res); err != nil {
		return token, fmt.Errorf("wechat %s: decode response: %w", api, err)
	}
	if res.ErrCode != 0 {
		return token, &APIError{API: api, Code: res.ErrCode, Message: res.ErrMsg}
	}
	return token, nil
}

func isAPICode(err error, code int64) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Code == code
}

// classify gives the errcodes the push scheduler acts on a domain code,
// so it decides retry or drop without reading WeChat's numbers.
func classify(err error) error {
	var ae *APIError
	if !errors.As(err, &ae) {
		return err
	}
	switch ae.Code {
	case errUnsubscribed:
		return fmt.Errorf("%w: %w", gigbot.Errorf(gigbot.EBLOCKED, "wechat user does not follow the account"), err)
	case errOutOfWindow:
		return fmt.Errorf("%w: %w", gigbot.Errorf(gigbot.EUNREACHABLE, "wechat user outside the 48-hour window"), err)
	case errAPIQuota:
		return fmt.Errorf("%w: %w", &gigbot.RateLimitedError{RetryAfter: apiQuotaRetryAfter}, err)
	case errCustomerQuota:
		// Per user, not for the account: a RateLimitedError would hold
		// every user's pushes.
		return fmt.Errorf("%w: %w", gigbot.Errorf(gigbot.EUNREACHABLE, "wechat user has too many unanswered customer messages"), err)
	}
	return err
}
