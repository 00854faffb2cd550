package terminal

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/gigbot/gigbot"
)

// Texts are the few words the terminal itself prints, rendered from
// templates by the caller.
type Texts struct {
	Welcome    string // printed once at the start
	Prompt     string // before each line the user types
	PushHeader string // above each push
	Error      string // when the server cannot be reached; %v is the cause
}

// Session is one terminal user.
type Session struct {
	Client *Client
	User   string
	As     string // worker | employer | staff
	Lang   string
	Texts  Texts
}

// locationCommand lets a terminal user share a location as chat apps do:
// "/loc 39.09,117.22".
const locationCommand = "/loc"

// Run reads lines from in until EOF or ctx ends, sends each as a message,
// and prints replies and pushes to out. Pushes print as they arrive.
func (s *Session) Run(ctx context.Context, in io.Reader, out io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex // one writer to out at a time
	print := func(text string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprint(out, text)
	}
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Client.Pushes(ctx, s.User, ready, func(r gigbot.Reply) {
			// Pushes come outside the chat's turns: their choices are
			// buttons on Telegram, and here the text says what to reply.
			print("\n" + s.Texts.PushHeader + "\n" + r.Text + "\n" + s.Texts.Prompt)
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		return fmt.Errorf("open push stream: %w", err)
	case <-ctx.Done():
		return ctx.Err()
	}
	print(s.Texts.Welcome + "\n" + s.Texts.Prompt)
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		line := strings.TrimSpace(lines.Text())
		if line == "" {
			print(s.Texts.Prompt)
			continue
		}
		replies, err := s.Client.Send(ctx, s.incoming(line))
		if err != nil {
			print(fmt.Sprintf(s.Texts.Error, err) + "\n" + s.Texts.Prompt)
			continue
		}
		var b strings.Builder
		for _, r := range replies {
			b.WriteString(Render(r) + "\n")
		}
		print(b.String() + s.Texts.Prompt)
	}
	cancel()
	<-done
	return lines.Err()
}

func (s *Session) incoming(line string) Incoming {
	in := Incoming{User: s.User, As: s.As, Lang: s.Lang, Kind: string(gigbot.MessageText), Text: line}
	if rest, ok := strings.CutPrefix(line, locationCommand); ok {
		lat, lon, ok := strings.Cut(strings.TrimSpace(rest), ",")
		la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
		lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
		if ok && err1 == nil && err2 == nil {
			in.Kind, in.Text, in.Lat, in.Lon = string(gigbot.MessageLocation), "", la, lo
		}
	}
	return in
}

// Render writes a reply as a chat app without buttons shows it: the text,
// then the choices as numbered lines.
func Render(r gigbot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Text)
	for i, c := range r.Choices {
		fmt.Fprintf(&b, "\n  %d. %s", i+1, c.Label)
	}
	return b.String()
}
