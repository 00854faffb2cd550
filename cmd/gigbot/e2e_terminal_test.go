package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// termProc is a `gigbot chat` process, typed into and read like a person
// at a terminal would.
type termProc struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
	seen  strings.Builder
}

func openTerminal(t *testing.T, d *deployment, args ...string) *termProc {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"chat", "--config", d.cfgPath}, args...)...)
	cmd.Env = append(os.Environ(), "GIGBOT_WECHAT_APP_SECRET="+wxSecret, "GIGBOT_TELEGRAM_TOKEN="+tgToken)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = d.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	term := &termProc{t: t, cmd: cmd, stdin: stdin, lines: make(chan string, 1000)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			term.lines <- sc.Text()
		}
		close(term.lines)
	}()
	t.Cleanup(term.close)
	return term
}

func (term *termProc) say(text string) {
	term.t.Helper()
	if _, err := io.WriteString(term.stdin, text+"\n"); err != nil {
		term.t.Fatal(err)
	}
}

// waitFor reads the terminal until a line contains want.
func (term *termProc) waitFor(want string) {
	term.t.Helper()
	deadline := time.After(waitTimeout)
	for {
		select {
		case line, ok := <-term.lines:
			if !ok {
				term.t.Fatalf("terminal closed before %q; it showed:\n%s", want, term.seen.String())
			}
			term.seen.WriteString(line + "\n")
			if strings.Contains(line, want) {
				return
			}
		case <-deadline:
			term.t.Fatalf("terminal never showed %q; it showed:\n%s", want, term.seen.String())
		}
	}
}

func (term *termProc) close() {
	if term.cmd == nil {
		return
	}
	term.stdin.Close() // Ctrl+D
	done := make(chan error, 1)
	go func() { done <- term.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			term.t.Errorf("gigbot chat exited with %v\n%s", err, term.seen.String())
		}
	case <-time.After(waitTimeout):
		term.cmd.Process.Kill()
		term.t.Errorf("gigbot chat did not exit on end of input")
	}
	term.cmd = nil
}

// `gigbot chat` joins a running `gigbot serve`; a terminal worker who was
// away gets the push that waited for them when they come back, and a
// terminal open at the time sees it as it is sent.
func TestTerminalJoinsServeAndGetsPushes(t *testing.T) {
	d := newDeployment(t, "")
	d.start()

	worker := openTerminal(t, d, "--user", "tw")
	for _, line := range []string{"你好", "保洁", "河西区", "不限", "跳过", "确认"} {
		worker.say(line)
	}
	worker.waitFor("登记好了")
	worker.close() // away

	publish(t, d, firstJob)

	back := openTerminal(t, d, "--user", "tw")
	back.waitFor("【新活】")
	back.waitFor("150")

	// Another employer, in a terminal too, while the worker watches.
	boss := openTerminal(t, d, "--as", "employer", "--user", "boss")
	boss.say(secondJob)
	boss.waitFor("确认发布")
	boss.say("1")
	boss.waitFor("1 位工友")
	back.waitFor("180")
}
