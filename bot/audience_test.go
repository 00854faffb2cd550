package bot

import (
	"context"
	"testing"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/quota"
)

// With the reverse index a posting reaches exactly the workers a full scan
// would, including those written by someone else since the index was
// loaded, and the cap bounds the notices written.
func TestPublishThroughReverseIndexAndCap(t *testing.T) {
	var workers *matcher.WorkerIndex
	var q *quota.DailyQuota
	h := newHarnessWith(t, func(o *Options) {
		o.MessagesPerMinute = -1
		workers = matcher.NewWorkerIndex(o.Matcher)
		q = quota.New(shanghai, 1)
		o.Workers, o.Quota, o.WorkersAsOf = workers, q, testStart
	})
	h.onboard("near", "保洁", "河西区", "10公里", "跳过")
	h.onboard("far", "电焊", "蓟州区", "3公里", "跳过")
	if workers.Len() != 2 {
		t.Fatalf("index holds %d standing workers after onboarding, want 2", workers.Len())
	}
	// A worker written behind the engine's back (another replica).
	other := &gigbot.Worker{User: userRef("elsewhere"), Onboarded: true,
		Profile: gigbot.Profile{Skills: []string{"cleaner"}, District: "河西区"}}
	if err := h.db.SaveWorker(context.Background(), other); err != nil {
		t.Fatal(err)
	}

	p := h.m.ParsePosting(cleanerPosting, h.clock.Now(), shanghai)
	queued, err := h.e.Publish(context.Background(), &p)
	if err != nil || queued != 2 {
		t.Fatalf("Publish = %d, %v; want the near cleaner and the one written elsewhere", queued, err)
	}
	if len(h.dueFor("far")) != 0 {
		t.Fatal("the far welder got the cleaning job")
	}
	second := h.m.ParsePosting("急招保洁阿姨1名 河西区 一天180 电话13800000002", h.clock.Now(), shanghai)
	if queued, err := h.e.Publish(context.Background(), &second); err != nil || queued != 0 {
		t.Fatalf("second posting queued %d (%v): the cap of 1 a day must bound what is written", queued, err)
	}
	if n := len(h.dueFor("near")); n != 1 {
		t.Fatalf("near worker has %d notices written today, cap 1", n)
	}
}
