package storetest

import (
	"testing"

	"github.com/gigbot/gigbot"
)

func testConversationUnknown(t *testing.T, s gigbot.Store) {
	c, err := s.Conversation(t.Context(), alice)
	must(t, "read", err)
	want := gigbot.Conversation{User: alice, Data: map[string]string{}}
	same(t, "unknown conversation", c, want, nil)
	if c.Data == nil {
		t.Error("Data is nil, want an empty map the caller can write to")
	}
}

func testConversationRoundTrip(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	want := gigbot.Conversation{
		User: alice,
		Role: gigbot.RoleEmployer,
		Step: "confirm_posting",
		Data: map[string]string{"title": "小区保洁 🧹", "pay": "150元/天", "note": "第一行\n第二行"},
		Choices: []gigbot.Choice{
			{Label: "✅ 发布", Value: "publish"},
			{Label: "修改", Value: "edit"},
		},
		Lang: "zh",
	}
	must(t, "save", s.SaveConversation(ctx, want))
	got, err := s.Conversation(ctx, alice)
	must(t, "read", err)
	if got.UpdatedAt.IsZero() {
		t.Error("UpdatedAt not set")
	}
	want.UpdatedAt = got.UpdatedAt
	same(t, "conversation", got, want, nil)

	// Same id, other channel: another user.
	other, err := s.Conversation(ctx, aliceTG)
	must(t, "read other", err)
	same(t, "other channel's conversation", other, gigbot.Conversation{User: aliceTG, Data: map[string]string{}}, nil)
}

func testConversationReplace(t *testing.T, s gigbot.Store) {
	ctx := t.Context()
	must(t, "save", s.SaveConversation(ctx, gigbot.Conversation{
		User: alice, Role: gigbot.RoleWorker, Step: "ask_skills",
		Data:    map[string]string{"district": "河西区", "skills": "保洁"},
		Choices: []gigbot.Choice{{Label: "是", Value: "yes"}},
	}))
	// Saving replaces the whole state: dropped keys and choices are gone.
	must(t, "replace", s.SaveConversation(ctx, gigbot.Conversation{
		User: alice, Role: gigbot.RoleWorker, Data: map[string]string{"district": "蓟州区"},
	}))
	got, err := s.Conversation(ctx, alice)
	must(t, "read", err)
	want := gigbot.Conversation{User: alice, Role: gigbot.RoleWorker, Data: map[string]string{"district": "蓟州区"}, UpdatedAt: got.UpdatedAt}
	same(t, "replaced conversation", got, want, nil)

	// A nil Data map reads back as an empty one.
	must(t, "reset", s.SaveConversation(ctx, gigbot.Conversation{User: alice}))
	got, err = s.Conversation(ctx, alice)
	must(t, "read reset", err)
	want = gigbot.Conversation{User: alice, Data: map[string]string{}, UpdatedAt: got.UpdatedAt}
	same(t, "reset conversation", got, want, nil)
}
