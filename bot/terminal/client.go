package terminal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gigbot/gigbot"
)

// Client talks to a Hub over loopback HTTP.
type Client struct {
	Base string // e.g. http://127.0.0.1:8080
	HTTP *http.Client
}

// NewClient returns a client for the server at base.
func NewClient(base string) *Client {
	return &Client{Base: base, HTTP: &http.Client{}}
}

// Info asks what the server is; it fails fast when nothing listens.
func (c *Client) Info(ctx context.Context) (Info, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+PathInfo, nil)
	if err != nil {
		return Info{}, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return Info{}, err
	}
	defer resp.Body.Close()
	var info Info
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&info) != nil {
		return Info{}, errNotGigbot
	}
	return info, nil
}

// Send posts one message and returns the bot's replies.
func (c *Client) Send(ctx context.Context, in Incoming) ([]gigbot.Reply, error) {
	body, _ := json.Marshal(in)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+PathMessage, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out Outgoing
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("server answered %d: %s", resp.StatusCode, out.Error)
	}
	return out.Replies, nil
}

// Pushes opens the user's push stream and calls fn for each push until ctx
// ends or the server goes away. ready (if not nil) is closed once the
// stream is open.
func (c *Client) Pushes(ctx context.Context, user string, ready chan<- struct{}, fn func(gigbot.Reply)) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+PathPushes+"?user="+url.QueryEscape(user), nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("push stream: server answered %d", resp.StatusCode)
	}
	if ready != nil {
		close(ready)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var r gigbot.Reply
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			fn(r)
		}
	}
	if ctx.Err() != nil {
		return nil
	}
	return sc.Err()
}
