package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// TestCheckpointerCopiesWAL: what commits write to the WAL reaches the
// database file soon, though the WAL stays far below the writer's own
// checkpoint mark: the checkpointer copied it.
func TestCheckpointerCopiesWAL(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir, nil)
	file := filepath.Join(dir, fileName)
	size := func() int64 {
		fi, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	var ns []gigbot.Notice
	for i := range 5000 {
		ns = append(ns, gigbot.Notice{To: gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: fmt.Sprintf("oCkpt%05d", i)},
			Kind: gigbot.NoticeMessage, Reply: gigbot.Reply{Text: fmt.Sprintf("消息 %d：明天上午八点到河西区友谊路集合", i)}})
	}
	if _, err := db.Enqueue(t.Context(), ns); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); size() < before+500<<10; {
		if time.Now().After(deadline) {
			t.Fatalf("database file %d bytes, %d before 5,000 notices: the WAL was not checkpointed", size(), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
