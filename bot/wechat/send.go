package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

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

// Retry delays for the quota errcodes. WeChat names no delay: the daily
// quota resets at midnight (an hour is a cheap probe); the per-user limit
// lifts when the user writes, so retrying soon is pointless.
const (
	apiQuotaRetryAfter      = 3600
	customerQuotaRetryAfter = 1800
)

// APIError is an errcode from the WeChat API.
type APIError struct {
	API     string // e.g. "message/custom/send"
	Code    int64
	Message string // WeChat's errmsg
}

func (e *APIError) Error() string {
	return fmt.Sprintf("wechat %s: errcode %d: %s", e.API, e.Code, e.Message)
}

// Send delivers r to one user as a customer-service text message. Errors
// carry a gigbot code: EBLOCKED when the user unfollowed, EUNREACHABLE
// outside the 48-hour window, *gigbot.RateLimitedError for quotas; each
// wraps the *APIError. An invalid or expired access token is replaced and
// the send retried once.
func (c *Channel) Send(ctx context.Context, to gigbot.UserRef, r gigbot.Reply) error {
	if to.Channel != gigbot.ChannelWeChat || to.ID == "" {
		return gigbot.Errorf(gigbot.EINVALID, "wechat cannot send to a %q user", to.Channel)
	}
	text := Render(r)
	if text == "" {
		return gigbot.Errorf(gigbot.EINVALID, "wechat cannot send an empty reply")
	}
	return classify(c.call(ctx, "message/custom/send", message.NewCustomerTextMessage(to.ID, text)))
}

// call posts body to one API and decodes WeChat's errcode, replacing the
// access token and trying again once when WeChat refuses it.
//
// It uses the SDK's token handle and HTTP helpers rather than
// message.Manager.Send, which ignores ctx and flattens errcode into the
// text of its error.
func (c *Channel) call(ctx context.Context, api string, body any) error {
	err := c.callOnce(ctx, api, body)
	var ae *APIError
	if errors.As(err, &ae) && (ae.Code == errInvalidCredential || ae.Code == errInvalidToken || ae.Code == errTokenExpired) {
		_ = c.tokens.Delete(accessTokenKey(c.appID))
		err = c.callOnce(ctx, api, body)
	}
	return err
}

func (c *Channel) callOnce(ctx context.Context, api string, body any) error {
	token, err := c.oa.GetAccessTokenContext(ctx)
	if err != nil {
		return fmt.Errorf("wechat access token: %w", redactErr(err))
	}
	resp, err := util.PostJSONContext(ctx, apiPrefix+api+"?access_token="+url.QueryEscape(token), body)
	if err != nil {
		return fmt.Errorf("wechat %s: %w", api, redactErr(err))
	}
	var res util.CommonError
	if err := json.Unmarshal(resp, &res); err != nil {
		return fmt.Errorf("wechat %s: decode response: %w", api, err)
	}
	if res.ErrCode != 0 {
		return &APIError{API: api, Code: res.ErrCode, Message: res.ErrMsg}
	}
	return nil
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
		return fmt.Errorf("%w: %w", &gigbot.RateLimitedError{RetryAfter: customerQuotaRetryAfter}, err)
	}
	return err
}
