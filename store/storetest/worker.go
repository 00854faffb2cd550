package storetest

import (
	"errors"
	"strconv"
	"testing"

	"github.com/gigbot/gigbot"
)

func normWorker(w *gigbot.Worker) {
	w.CreatedAt, w.UpdatedAt = utc(w.CreatedAt), utc(w.UpdatedAt)
}

func testWorkerRoundTrip(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	w := gigbot.Worker{
		User: alice,
		Profile: gigbot.Profile{
			Skills:   []string{"cleaning", "保洁", "搬运 🚚"},
			District: "河西区",
			Street:   "友谊路街道",
			Point:    gigbot.Point{Lat: 39.0912345, Lon: 117.2234567},
			RadiusKm: 5.5,
			MinPay:   150,
		},
		Lang:      "zh",
		Onboarded: true,
	}
	must(t, "save", s.SaveWorker(ctx, &w))
	if w.ID == 0 || w.CreatedAt.IsZero() || w.UpdatedAt.Before(w.CreatedAt) {
		t.Fatalf("after save: ID %d, CreatedAt %v, UpdatedAt %v", w.ID, w.CreatedAt, w.UpdatedAt)
	}
	got, err := s.Worker(ctx, alice)
	must(t, "read", err)
	same(t, "worker", *got, w, normWorker)

	// Nil lists stay nil, empty ones empty.
	empty := gigbot.Worker{User: bob, Profile: gigbot.Profile{Skills: []string{}}}
	must(t, "save empty", s.SaveWorker(ctx, &empty))
	got, err = s.Worker(ctx, bob)
	must(t, "read empty", err)
	same(t, "empty worker", *got, empty, normWorker)
	nilSkills := gigbot.Worker{User: staff}
	must(t, "save nil skills", s.SaveWorker(ctx, &nilSkills))
	got, err = s.Worker(ctx, staff)
	must(t, "read nil skills", err)
	same(t, "worker without skills", *got, nilSkills, normWorker)
}

func testWorkerUpdate(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	first := gigbot.Worker{User: alice, Lang: "zh", Profile: gigbot.Profile{Skills: []string{"保洁"}}}
	must(t, "save", s.SaveWorker(ctx, &first))

	// A fresh struct for the same user updates the row: id and creation
	// time are the stored ones.
	second := gigbot.Worker{
		User:         alice,
		Lang:         "en",
		Profile:      gigbot.Profile{Skills: []string{"moving"}, District: "蓟州区", MinPay: 200},
		Onboarded:    true,
		Paused:       true,
		Unsubscribed: true,
	}
	must(t, "update", s.SaveWorker(ctx, &second))
	if second.ID != first.ID || !second.CreatedAt.Equal(first.CreatedAt) || second.UpdatedAt.Before(first.UpdatedAt) {
		t.Errorf("update: got ID %d CreatedAt %v UpdatedAt %v, want ID %d CreatedAt %v UpdatedAt >= %v",
			second.ID, second.CreatedAt, second.UpdatedAt, first.ID, first.CreatedAt, first.UpdatedAt)
	}
	got, err := s.Worker(ctx, alice)
	must(t, "read", err)
	same(t, "updated worker", *got, second, normWorker)
}

func testWorkerNotFound(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	_, err := s.Worker(ctx, alice)
	wantCode(t, "unknown worker", err, gigbot.ENOTFOUND)

	must(t, "save", s.SaveWorker(ctx, &gigbot.Worker{User: alice}))
	_, err = s.Worker(ctx, aliceTG)
	wantCode(t, "same id on another channel", err, gigbot.ENOTFOUND)
}

func testWorkerPerChannel(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	wc := gigbot.Worker{User: alice, Lang: "zh"}
	tg := gigbot.Worker{User: aliceTG, Lang: "en"}
	must(t, "save wechat", s.SaveWorker(ctx, &wc))
	must(t, "save telegram", s.SaveWorker(ctx, &tg))
	if wc.ID == tg.ID {
		t.Fatalf("one id %d for two users", wc.ID)
	}
	for _, want := range []gigbot.Worker{wc, tg} {
		got, err := s.Worker(ctx, want.User)
		must(t, "read", err)
		same(t, "worker", *got, want, normWorker)
	}
}

func testActiveWorkersFilter(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	want := map[int64]gigbot.Worker{}
	for i := range 8 {
		w := gigbot.Worker{
			User:         gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "w" + string(rune('a'+i))},
			Profile:      gigbot.Profile{Skills: []string{"保洁"}},
			Onboarded:    i&1 != 0,
			Paused:       i&2 != 0,
			Unsubscribed: i&4 != 0,
		}
		must(t, "save", s.SaveWorker(ctx, &w))
		if w.Active() {
			want[w.ID] = w
		}
	}
	got := map[int64]gigbot.Worker{}
	must(t, "active workers", s.ActiveWorkers(ctx, func(w gigbot.Worker) error {
		got[w.ID] = w
		return nil
	}))
	if len(got) != len(want) {
		t.Fatalf("got %d active workers, want %d: %v", len(got), len(want), got)
	}
	for id, w := range want {
		same(t, "active worker", got[id], w, normWorker)
	}
}

// manyWorkers is a multiple of any page size a backend is likely to use,
// so that the last page comes back full.
const manyWorkers = 1000

func testActiveWorkersMany(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	for i := range manyWorkers {
		w := gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.Itoa(i)}, Onboarded: true}
		must(t, "save", s.SaveWorker(ctx, &w))
	}
	seen := map[int64]bool{}
	err := s.ActiveWorkers(ctx, func(w gigbot.Worker) error {
		if seen[w.ID] {
			t.Fatalf("worker %d visited twice", w.ID)
		}
		seen[w.ID] = true
		// The callback may use the store while the walk goes on.
		if _, err := s.Worker(ctx, w.User); err != nil {
			return err
		}
		w.Lang = "en"
		return s.SaveWorker(ctx, &w)
	})
	must(t, "active workers", err)
	if len(seen) != manyWorkers {
		t.Errorf("visited %d workers, want %d", len(seen), manyWorkers)
	}
}

func testActiveWorkersStop(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	for i := range 5 {
		w := gigbot.Worker{User: gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: strconv.Itoa(i)}, Onboarded: true}
		must(t, "save", s.SaveWorker(ctx, &w))
	}
	stop := errors.New("stop")
	calls := 0
	err := s.ActiveWorkers(ctx, func(gigbot.Worker) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Errorf("got error %v after %d calls, want %v after 2", err, calls, stop)
	}
}
