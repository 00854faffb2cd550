package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

func normPosting(p *gigbot.Posting) {
	p.Start, p.CreatedAt, p.ExpiresAt = utc(p.Start), utc(p.CreatedAt), utc(p.ExpiresAt)
}

// fullPosting has every field set, with the text people really send.
func fullPosting() gigbot.Posting {
	return gigbot.Posting{
		Employer:  bob,
		Title:     "小区保洁 🧹",
		Text:      "河西区友谊路小区保洁，２人，150元/天，明早8点，电话13812345678\n\t“包午饭”",
		Skills:    []string{"保洁", "cleaning"},
		Place:     gigbot.Place{District: "河西区", Street: "友谊路街道", Point: gigbot.Point{Lat: 39.0912345, Lon: 117.2234567}},
		Headcount: 2,
		Pay:       gigbot.Pay{Min: 150, Max: 200, Unit: gigbot.PayDay},
		Start:     t0.Add(24 * time.Hour),
		Phone:     "13812345678",
		Screening: gigbot.Screening{Verdict: gigbot.VerdictReview, Reasons: []string{"charges_fee", "missing_contact"}},
		Status:    gigbot.PostingReview,
		ExpiresAt: t0.Add(7 * 24 * time.Hour),
	}
}

func testPostingRoundTrip(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	full := fullPosting()
	must(t, "create", s.CreatePosting(ctx, &full))
	if full.ID == 0 || full.CreatedAt.IsZero() {
		t.Fatalf("after create: ID %d, CreatedAt %v", full.ID, full.CreatedAt)
	}
	// Unknown fields stay unknown: zero times, no employer, nil lists.
	bare := gigbot.Posting{Title: "搬家", Status: gigbot.PostingOpen}
	must(t, "create bare", s.CreatePosting(ctx, &bare))
	// The same employer again.
	again := fullPosting()
	again.Skills, again.Screening.Reasons = []string{}, []string{}
	must(t, "create again", s.CreatePosting(ctx, &again))
	if bare.ID == full.ID || again.ID == full.ID || again.ID == bare.ID {
		t.Fatalf("ids %d, %d, %d are not distinct", full.ID, bare.ID, again.ID)
	}

	for _, want := range []gigbot.Posting{full, bare, again} {
		got, err := s.Posting(ctx, want.ID)
		must(t, "read", err)
		same(t, "posting", *got, want, normPosting)
	}
}

func testPostingNotFound(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	_, err := s.Posting(ctx, 12345)
	wantCode(t, "unknown posting", err, gigbot.ENOTFOUND)
	err = s.SetPostingStatus(ctx, 12345, gigbot.PostingClosed)
	wantCode(t, "status of unknown posting", err, gigbot.ENOTFOUND)
}

func testSetPostingStatus(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	p, other := fullPosting(), fullPosting()
	must(t, "create", s.CreatePosting(ctx, &p))
	must(t, "create other", s.CreatePosting(ctx, &other))
	for _, status := range []gigbot.PostingStatus{gigbot.PostingOpen, gigbot.PostingClosed} {
		must(t, "set status", s.SetPostingStatus(ctx, p.ID, status))
		p.Status = status
		got, err := s.Posting(ctx, p.ID)
		must(t, "read", err)
		same(t, "posting", *got, p, normPosting)
	}
	got, err := s.Posting(ctx, other.ID)
	must(t, "read other", err)
	same(t, "other posting", *got, other, normPosting)
}

func testPostingsOrder(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	var want []gigbot.Posting
	for _, title := range []string{"一", "二", "三"} {
		p := fullPosting()
		p.Title = title
		must(t, "create", s.CreatePosting(ctx, &p))
		want = append(want, p)
	}
	var got []gigbot.Posting
	must(t, "postings", s.Postings(ctx, func(p gigbot.Posting) error {
		got = append(got, p)
		return nil
	}))
	norm := func(ps *[]gigbot.Posting) {
		for i := range *ps {
			normPosting(&(*ps)[i])
		}
	}
	same(t, "postings", got, want, norm)

	stop := errors.New("stop")
	calls := 0
	err := s.Postings(ctx, func(gigbot.Posting) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("got error %v after %d calls, want %v after 1", err, calls, stop)
	}
}

// manyPostings is one more than a round page size, so the last page is
// short.
const manyPostings = 1001

func testPostingsMany(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	for range manyPostings {
		p := gigbot.Posting{Employer: bob, Title: "保洁", Status: gigbot.PostingOpen}
		must(t, "create", s.CreatePosting(ctx, &p))
	}
	var last int64
	n := 0
	must(t, "postings", s.Postings(ctx, func(p gigbot.Posting) error {
		if p.ID <= last {
			t.Fatalf("posting %d after %d: not in id order", p.ID, last)
		}
		last = p.ID
		n++
		// The callback may use the store while the walk goes on.
		return s.SetPostingStatus(ctx, p.ID, gigbot.PostingClosed)
	}))
	if n != manyPostings {
		t.Errorf("visited %d postings, want %d", n, manyPostings)
	}
}

func normFair(f *gigbot.Fair) { f.At, f.CreatedAt = utc(f.At), utc(f.CreatedAt) }

func testFairRoundTrip(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	f := gigbot.Fair{
		Title:     "河西区秋季招聘会 🎪",
		At:        t0.Add(72 * time.Hour),
		Venue:     "人才市场３楼",
		District:  "河西区",
		CreatedBy: staff,
	}
	must(t, "create", s.CreateFair(ctx, &f))
	if f.ID == 0 || f.CreatedAt.IsZero() {
		t.Fatalf("after create: ID %d, CreatedAt %v", f.ID, f.CreatedAt)
	}
	cityWide := gigbot.Fair{Title: "全市招聘会", At: t0}
	must(t, "create city-wide", s.CreateFair(ctx, &cityWide))
	for _, want := range []gigbot.Fair{f, cityWide} {
		got, err := s.Fair(ctx, want.ID)
		must(t, "read", err)
		same(t, "fair", *got, want, normFair)
	}
}

func testFairNotFound(t *testing.T, s gigbot.Store) {
	_, err := s.Fair(t.Context(), 12345)
	wantCode(t, "unknown fair", err, gigbot.ENOTFOUND)
}

func testFairsSince(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	at := map[string]time.Time{
		"past":  t0.Add(-time.Millisecond),
		"now":   t0,
		"later": t0.Add(48 * time.Hour),
		"soon":  t0.Add(time.Hour),
		"soon2": t0.Add(time.Hour), // same time: created later, listed later
	}
	ids := map[string]int64{}
	for _, name := range []string{"later", "soon", "past", "now", "soon2"} {
		f := gigbot.Fair{Title: name, At: at[name], CreatedBy: staff}
		must(t, "create", s.CreateFair(ctx, &f))
		ids[name] = f.ID
	}
	var got []string
	must(t, "fairs", s.Fairs(ctx, t0, func(f gigbot.Fair) error {
		got = append(got, f.Title)
		if f.ID != ids[f.Title] || !f.At.Equal(at[f.Title]) {
			t.Errorf("fair %q: id %d at %v, want id %d at %v", f.Title, f.ID, f.At, ids[f.Title], at[f.Title])
		}
		return nil
	}))
	same(t, "fairs since t0, soonest first", got, []string{"now", "soon", "soon2", "later"}, nil)

	stop := errors.New("stop")
	err := s.Fairs(ctx, time.Time{}, func(gigbot.Fair) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("got error %v, want %v", err, stop)
	}
}
