package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/gigbot/gigbot"
)

// maxCrashBatch is the largest batch TestCrashHelper writes.
const maxCrashBatch = 50

// crashDirEnv tells TestCrashHelper, run as a child process, where to write.
const crashDirEnv = "GIGBOT_STORE_CRASH_DIR"

// TestCrash kills a process that is writing (SIGKILL, so nothing is
// flushed or closed) and checks that every write it saw committed survived
// and that the file is sound.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	const ackedBeforeKill = 3000
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	var acked []int64
	killed := false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "ack ")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			t.Fatalf("child printed %q", sc.Text())
		}
		acked = append(acked, n)
		if len(acked) == ackedBeforeKill {
			// Lines already in the pipe are read on: each was printed
			// after its commit, so it must survive too.
			must(t, cmd.Process.Kill())
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child stopped after %d writes: %v\n%s", len(acked), err, stderr.Bytes())
	}

	db := openTest(t, dir, nil)
	var integrity string
	must(t, db.r.QueryRowContext(t.Context(), `PRAGMA integrity_check`).Scan(&integrity))
	if integrity != "ok" {
		t.Errorf("integrity check: %s", integrity)
	}
	stored := map[int64]bool{}
	rows, err := db.r.QueryContext(t.Context(), `SELECT id FROM notices`)
	must(t, err)
	defer rows.Close()
	for rows.Next() {
		var id int64
		must(t, rows.Scan(&id))
		stored[id] = true
	}
	must(t, rows.Err())
	lost := 0
	for _, id := range acked {
		if !stored[id] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged notices lost", lost, len(acked))
	}
	// Beyond those, at most the batch committed but not yet printed.
	if extra := len(stored) - (len(acked) - lost); extra > maxCrashBatch {
		t.Errorf("%d notices stored that were never acknowledged, want at most %d", extra, maxCrashBatch)
	}
	t.Logf("%d acknowledged, %d stored", len(acked), len(stored))
}

// TestCrashHelper is TestCrash's child: it writes batches of notices until
// killed, printing each id once its batch has committed.
func TestCrashHelper(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("run by TestCrash")
	}
	ctx := context.Background()
	db, err := Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	text := strings.Repeat("新工作：小区保洁，150元/天。", 20) // rows of a few pages a batch
	for batch := 0; ; batch++ {
		ns := make([]gigbot.Notice, 1+batch%maxCrashBatch) // small and large transactions
		for i := range ns {
			to := gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("u%d", i)}
			ns[i] = gigbot.Notice{To: to, Kind: gigbot.NoticePosting, PostingID: int64(batch + 1), Reply: gigbot.Reply{Text: text}}
		}
		if _, err := db.Enqueue(ctx, ns); err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			fmt.Fprintf(w, "ack %d\n", n.ID)
		}
		// Flushed only after the commit, once per batch.
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
}
