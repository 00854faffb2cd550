// Package storetest is the conformance suite every gigbot.Store backend
// must pass: the embedded store runs it in a temporary directory, the
// PostgreSQL store against a scratch database.
//
// Beyond the interfaces' doc comments, the suite pins down what callers
// rely on: times keep at least millisecond precision and their instant
// (not their zone; zero times stay zero), nil and empty lists stay as they
// were, text is any UTF-8 without NUL bytes, iterating methods let their
// callback use the store, and settling (MarkSent, Postpone, MarkFailed) a
// notice that is no longer pending is an ECONFLICT.
package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/gigbot/gigbot"
)

// Run runs the suite. open must return a new, empty store for each call
// and close it when the test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) gigbot.Store) {
	tests := []struct {
		name string
		test func(*testing.T, gigbot.Store)
	}{
		{"Worker/RoundTrip", testWorkerRoundTrip},
		{"Worker/Update", testWorkerUpdate},
		{"Worker/NotFound", testWorkerNotFound},
		{"Worker/PerChannel", testWorkerPerChannel},
		{"ActiveWorkers/Filter", testActiveWorkersFilter},
		{"ActiveWorkers/Many", testActiveWorkersMany},
		{"ActiveWorkers/Stop", testActiveWorkersStop},
		{"Posting/RoundTrip", testPostingRoundTrip},
		{"Posting/NotFound", testPostingNotFound},
		{"Posting/SetStatus", testSetPostingStatus},
		{"Postings/Order", testPostingsOrder},
		{"Postings/Many", testPostingsMany},
		{"Fair/RoundTrip", testFairRoundTrip},
		{"Fair/NotFound", testFairNotFound},
		{"Fairs/Since", testFairsSince},
		{"Fair/Registrations", testFairRegistrations},
		{"Postings/By", testPostingsBy},
		{"Conversation/Unknown", testConversationUnknown},
		{"Conversation/RoundTrip", testConversationRoundTrip},
		{"Conversation/Replace", testConversationReplace},
		{"Enqueue/RoundTrip", testEnqueueRoundTrip},
		{"Enqueue/Dedupe", testEnqueueDedupe},
		{"Enqueue/Concurrent", testEnqueueConcurrent},
		{"DueNotices", testDueNotices},
		{"MarkSent", testMarkSent},
		{"Postpone", testPostpone},
		{"Hold", testHold},
		{"HeldFor", testHeldFor},
		{"EnqueueIDsAcrossStatements", testEnqueueIDsAcrossStatements},
		{"MarkFailed", testMarkFailed},
		{"SentCount", testSentCount},
		{"PostingNoticeCounts", testPostingNoticeCounts},
		{"ClaimCallback/Once", testClaimCallbackOnce},
		{"ClaimCallback/Concurrent", testClaimCallbackConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open(t)) })
	}
}

// cst is a zone other than UTC, so the suite checks instants, not zones.
var cst = time.FixedZone("CST", 8*60*60)

// t0 is a time with milliseconds, the precision every backend keeps.
var t0 = time.Date(2026, 11, 25, 8, 30, 15, 123_000_000, cst)

// Users of the suite: the same id on two channels are two users.
var (
	alice   = gigbot.UserRef{Channel: gigbot.ChannelWeChat, ID: "oAlice_微信-1"}
	aliceTG = gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "oAlice_微信-1"}
	bob     = gigbot.UserRef{Channel: gigbot.ChannelTelegram, ID: "424242"}
	staff   = gigbot.UserRef{Channel: gigbot.ChannelTerminal, ID: "staff"}
)

// utc returns t in UTC without a monotonic reading, the form compared.
func utc(t time.Time) time.Time { return t.UTC() }

// same fails the test unless got and want are deeply equal once norm
// (which brings times to UTC) has been applied to copies of both.
func same[T any](t *testing.T, what string, got, want T, norm func(*T)) {
	t.Helper()
	if norm != nil {
		norm(&got)
		norm(&want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// wantCode fails the test unless err carries the domain error code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := gigbot.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

// must fails the test now on an unexpected error.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
