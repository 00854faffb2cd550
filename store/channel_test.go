package store

import (
	"testing"
	"time"
)

func TestAccessTokenSharedAcrossOpens(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	a, b := openTest(t, dir, nil), openTest(t, dir, nil)
	exp := time.UnixMilli(time.Now().Add(time.Hour).UnixMilli()).UTC()
	if tok, _, err := a.AccessToken(ctx, "wechat:app"); err != nil || tok != "" {
		t.Fatalf("empty store: %q %v", tok, err)
	}
	if err := a.SaveAccessToken(ctx, "wechat:app", "tok-1", exp); err != nil {
		t.Fatal(err)
	}
	tok, got, err := b.AccessToken(ctx, "wechat:app")
	if err != nil || tok != "tok-1" || !got.Equal(exp) {
		t.Fatalf("other process reads %q %v %v, want tok-1 %v", tok, got, err, exp)
	}
	// Another process replaced it: dropping the old one keeps the new one.
	if err := b.SaveAccessToken(ctx, "wechat:app", "tok-2", exp); err != nil {
		t.Fatal(err)
	}
	if err := a.DropAccessToken(ctx, "wechat:app", "tok-1"); err != nil {
		t.Fatal(err)
	}
	if tok, _, _ := a.AccessToken(ctx, "wechat:app"); tok != "tok-2" {
		t.Fatalf("stale drop removed the fresh token: %q", tok)
	}
	if err := a.DropAccessToken(ctx, "wechat:app", "tok-2"); err != nil {
		t.Fatal(err)
	}
	if tok, _, _ := a.AccessToken(ctx, "wechat:app"); tok != "" {
		t.Fatalf("dropped token still there: %q", tok)
	}
}

func TestInteractionsKeepTheLatest(t *testing.T) {
	ctx := t.Context()
	db := openTest(t, t.TempDir(), nil)
	if at, err := db.LastInteraction(ctx, alice); err != nil || !at.IsZero() {
		t.Fatalf("never wrote: %v %v", at, err)
	}
	t1 := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{t1, t1.Add(-time.Hour), t1.Add(-48 * time.Hour)} {
		if err := db.RecordInteraction(ctx, alice, at); err != nil {
			t.Fatal(err)
		}
	}
	if at, _ := db.LastInteraction(ctx, alice); !at.Equal(t1) {
		t.Fatalf("last interaction %v, want %v (an older callback must not move it back)", at, t1)
	}
	if err := db.RecordInteraction(ctx, alice, t1.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if at, _ := db.LastInteraction(ctx, alice); !at.Equal(t1.Add(time.Minute)) {
		t.Fatalf("last interaction %v, want a minute later", at)
	}
	if at, _ := db.LastInteraction(ctx, bob); !at.IsZero() {
		t.Fatalf("bob never wrote: %v", at)
	}
}
