package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/gigbot/gigbot"
)

// Trust and safety in the dialog: workers report postings ("举报") and
// delete their data ("删除我的信息"); staff review held postings, and
// block or verify employers (review.go, credit.go). Every staff action is
// written to the audit log.
const (
	groupForget        = "forget"
	stepForgetConfirm  = "forget.confirm"
	groupReview        = "review"
	stepReviewReason   = "review.reason" // staff type why a posting is refused
	draftReviewPosting = "review_posting"
)

// safetyIntents are answered wherever the user is in a dialog.
var safetyIntents = map[intent]bool{
	intentReport: true, intentForget: true, intentReviewList: true, intentApprove: true,
	intentReject: true, intentBlacklist: true, intentVerify: true,
}

// safetyCommand answers a trust-and-safety command. began reports whether
// it started a dialog of its own (a confirmation, a question), which then
// replaces the one the user was in.
func (t *turn) safetyCommand(in input) (began bool, err error) {
	if t.e.safety == nil {
		t.say("common.unavailable", nil)
		return false, nil
	}
	switch in.intent {
	case intentReport:
		id := in.id
		if n := listPosition(in.args); id == 0 && n > 0 && n <= len(t.listed) {
			id = t.listed[n-1] // "举报第一个"
		}
		return false, t.report(id)
	case intentForget:
		t.begin(t.conv.Role, stepForgetConfirm)
		t.ask("worker.forget_confirm", nil, choice{intentYes, "label.forget"}, choice{intentCancel, "label.cancel"})
		return true, nil
	}
	if !t.staff() {
		// Refused, and logged: someone tried a staff command.
		t.e.log.Warn("staff command refused", slog.Any("user", t.msg.User), slog.String("command", string(in.intent)))
		t.say("staff.review_only", nil)
		return false, nil
	}
	switch in.intent {
	case intentReviewList:
		return false, t.reviewList()
	case intentApprove:
		return false, t.approve(in.id)
	case intentReject:
		return t.reject(in.id, in.args)
	case intentBlacklist:
		return false, t.blacklist(in.args)
	case intentVerify:
		return false, t.verify(in.args)
	}
	return false, nil
}

// report records the user's report of posting id, or of the posting last
// pushed to them, and holds the posting for staff once enough distinct
// users reported it.
func (t *turn) report(id int64) error {
	id = t.listedPosting(id)
	if id == 0 && len(t.listed) == 1 {
		id = t.listed[0] // "这个是骗子" right after a search that found one
	}
	if id == 0 {
		last, err := t.e.safety.LastPostingNotice(t.ctx, t.msg.User)
		if err != nil {
			return err
		}
		id = last
	}
	if id == 0 {
		t.say("worker.report_which", nil)
		return nil
	}
	p, err := t.e.store.Posting(t.ctx, id)
	switch {
	case gigbot.ErrorCode(err) == gigbot.ENOTFOUND:
		t.say("worker.report_gone", nil)
		return nil
	case err != nil:
		return fmt.Errorf("report posting %d: %w", id, err)
	case p.Employer == t.msg.User, p.Status != gigbot.PostingOpen && p.Status != gigbot.PostingReview:
		t.say("worker.report_gone", nil)
		return nil
	}
	n, first, err := t.e.safety.ReportPosting(t.ctx, id, t.msg.User)
	if err != nil {
		return err
	}
	if !first {
		t.say("worker.report_already", nil)
		return nil
	}
	t.say("worker.reported", t.e.postingView(*p, t.lang))
	if p.Status == gigbot.PostingOpen && n%gigbot.ReportThreshold == 0 {
		return t.e.holdReported(t.ctx, *p, n)
	}
	return nil
}

// holdReported takes an open posting out of search and pushes and alerts
// staff, after n reports.
func (e *Engine) holdReported(ctx context.Context, p gigbot.Posting, n int) error {
	if err := e.store.SetPostingStatus(ctx, p.ID, gigbot.PostingReview); err != nil {
		return fmt.Errorf("hold reported posting %d: %w", p.ID, err)
	}
	p.Status = gigbot.PostingReview
	e.unindex(ctx, p)
	e.log.Info("posting held after reports", slog.Int64("posting", p.ID), slog.Int("reports", n))
	return e.alertStaff(ctx, p, "staff.report_alert")
}

// unindex puts a posting that is no longer open, which takes it out of
// search. A failure costs little: results are checked against the store.
func (e *Engine) unindex(ctx context.Context, p gigbot.Posting) {
	if err := e.index.Put(ctx, p); err != nil {
		e.log.Error("unindex posting", slog.Int64("posting", p.ID), slog.String("error", err.Error()))
	}
}

// forgetAnswer deletes the user's data once they confirm.
func (t *turn) forgetAnswer(in input) error {
	if in.intent != intentYes {
		t.leave()
		t.say("worker.forget_kept", nil)
		return nil
	}
	if err := t.e.safety.DeleteUserData(t.ctx, t.msg.User); err != nil {
		return err
	}
	if t.worker != nil {
		t.e.workerGone(t.worker.ID)
	}
	t.forgotten, t.worker = true, nil
	t.e.log.Info("user data deleted", slog.Any("user", t.msg.User))
	t.say("worker.forgotten", nil)
	return nil
}

// forgetReprompt asks for the confirmation again.
func (t *turn) forgetReprompt() error {
	t.ask("worker.forget_confirm", nil, choice{intentYes, "label.forget"}, choice{intentCancel, "label.cancel"})
	return nil
}

// audit writes a staff action to the audit log.
func (t *turn) audit(action gigbot.AuditAction, target string) error {
	e := gigbot.AuditEntry{Actor: t.msg.User.Hash(), Action: action, Target: target}
	if err := t.e.safety.Audit(t.ctx, &e); err != nil {
		return err
	}
	return nil
}

func postingTarget(id int64) string { return "posting:" + strconv.FormatInt(id, 10) }

func employerTarget(u gigbot.UserRef) string { return "employer:" + u.Hash() }

// tell queues a message to a user outside their chat turn (an employer
// whose posting staff decided on), in the language of their last
// conversation.
func (e *Engine) tell(ctx context.Context, to gigbot.UserRef, name string, data any) error {
	if to.IsZero() {
		return nil
	}
	lang, err := e.langOf(ctx, to)
	if err != nil {
		return err
	}
	text, err := e.tmpl.Render(lang, name, data)
	if err != nil {
		return err
	}
	n := gigbot.Notice{To: to, Kind: gigbot.NoticeMessage, Reply: gigbot.Reply{Text: text},
		Status: gigbot.NoticePending, DueAt: e.clock.Now()}
	if _, err := e.store.Enqueue(ctx, []gigbot.Notice{n}); err != nil {
		return fmt.Errorf("queue message: %w", err)
	}
	return nil
}

// langOf is the language u last spoke with gigbot.
func (e *Engine) langOf(ctx context.Context, u gigbot.UserRef) (string, error) {
	c, err := e.store.Conversation(ctx, u)
	if err != nil {
		return "", fmt.Errorf("language of %s: %w", u.Hash(), err)
	}
	return e.tmpl.Lang(c.Lang), nil
}
