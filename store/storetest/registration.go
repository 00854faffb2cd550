package storetest

import (
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

func testFairRegistrations(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	f := gigbot.Fair{Title: "招聘会", At: t0.Add(24 * time.Hour)}
	must(t, "create fair", s.CreateFair(ctx, &f))
	for _, step := range []struct {
		who   gigbot.UserRef
		first bool
	}{{alice, true}, {bob, true}, {alice, false}} {
		first, err := s.RegisterForFair(ctx, f.ID, step.who)
		must(t, "register", err)
		if first != step.first {
			t.Errorf("register %s: first = %v, want %v", step.who.Hash(), first, step.first)
		}
	}
	n, err := s.FairRegistrations(ctx, f.ID)
	must(t, "count", err)
	if n != 2 {
		t.Errorf("registrations = %d, want 2", n)
	}
	var got []gigbot.UserRef
	must(t, "registrants", s.FairRegistrants(ctx, f.ID, func(u gigbot.UserRef) error { got = append(got, u); return nil }))
	if len(got) != 2 || got[0] != alice || got[1] != bob {
		t.Errorf("registrants = %v, want alice then bob", got)
	}
	if n, _ := s.FairRegistrations(ctx, f.ID+1); n != 0 {
		t.Errorf("other fair has %d registrations", n)
	}
	_, err = s.RegisterForFair(ctx, f.ID, gigbot.UserRef{})
	wantCode(t, "no user", err, gigbot.EINVALID)

	// Withdrawn once; the others stay, and registering again counts.
	for _, want := range []bool{true, false} {
		was, err := s.UnregisterFromFair(ctx, f.ID, alice)
		must(t, "unregister", err)
		if was != want {
			t.Errorf("unregister alice: was = %v, want %v", was, want)
		}
	}
	if n, _ := s.FairRegistrations(ctx, f.ID); n != 1 {
		t.Errorf("after alice withdrew: %d registrations, want 1", n)
	}
	if first, _ := s.RegisterForFair(ctx, f.ID, alice); !first {
		t.Error("registering again after withdrawing is not new")
	}
}

func testPostingsBy(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	var ids []int64
	for _, who := range []gigbot.UserRef{alice, bob, alice} {
		p := gigbot.Posting{Employer: who, Title: "保洁", Status: gigbot.PostingOpen, Skills: []string{}}
		must(t, "create", s.CreatePosting(ctx, &p))
		ids = append(ids, p.ID)
	}
	var got []int64
	must(t, "postings by", s.PostingsBy(ctx, alice, func(p gigbot.Posting) error {
		if p.Employer != alice {
			t.Errorf("posting %d of another employer", p.ID)
		}
		got = append(got, p.ID)
		return nil
	}))
	if len(got) != 2 || got[0] != ids[2] || got[1] != ids[0] {
		t.Errorf("alice's postings = %v, want newest first %v", got, []int64{ids[2], ids[0]})
	}
}
