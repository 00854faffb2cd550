package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/matcher"
	"github.com/gigbot/gigbot/templates"
)

// Employers' credit and the blacklist ("一处违法、处处受限"): a blocked
// account or phone number cannot publish from any channel; an employer
// whose record needs it (gigbot.EmployerRecord.NeedsReview) goes through
// staff review; staff verify employers ("认证") and block them ("拉黑").

// phoneRe finds mainland mobile numbers in a posting's text, beside the
// one the parser took, so a second number cannot slip a blocked one in.
var phoneRe = regexp.MustCompile(`1[3-9]\d{9}`)

// employerRefRe is an employer's reference as staff see it
// (gigbot.UserRef.Hash()).
var employerRefRe = regexp.MustCompile(`^[0-9a-f]{12}$`)

// errStop ends a walk over postings early.
var errStop = errors.New("stop")

// phones are the mobile numbers a posting carries: its parsed phone and
// any other in its text, digits only.
func phones(p gigbot.Posting) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(p.Phone)
	digits := strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(matcher.Normalize(p.Text))
	for _, m := range phoneRe.FindAllString(digits, -1) {
		add(m)
	}
	return out
}

// blocked reports whether p comes from a blacklisted account or carries a
// blocked phone number.
func (t *turn) blocked(p gigbot.Posting, rec gigbot.EmployerRecord) (bool, error) {
	if rec.Blacklisted {
		return true, nil
	}
	for _, ph := range phones(p) {
		b, err := t.e.safety.PhoneBlocked(t.ctx, ph)
		if err != nil || b {
			return b, err
		}
	}
	return false, nil
}

// overPostingLimit reports whether the employer has submitted the day's
// allowance of postings already.
func (t *turn) overPostingLimit() (bool, error) {
	if t.e.postingsPerDay <= 0 {
		return false, nil
	}
	local := t.now.In(t.e.loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, t.e.loc)
	n := 0
	err := t.e.store.PostingsBy(t.ctx, t.msg.User, func(p gigbot.Posting) error {
		if p.CreatedAt.Before(day) {
			return errStop // newest first: the rest are older
		}
		n++
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return false, fmt.Errorf("count postings today: %w", err)
	}
	return n >= t.e.postingsPerDay, nil
}

// vet applies the employer's standing to a screened posting: a blocked
// account or phone rejects it, a record that needs review holds it.
// blocked reports the first.
func (t *turn) vet(p *gigbot.Posting) (blocked bool, err error) {
	if t.e.safety == nil {
		return false, nil
	}
	rec, err := t.e.safety.EmployerRecord(t.ctx, p.Employer)
	if err != nil {
		return false, err
	}
	if blocked, err = t.blocked(*p, rec); err != nil {
		return false, err
	}
	switch {
	case blocked:
		p.Screening.Verdict = gigbot.VerdictReject
		p.Screening.Reasons = append(p.Screening.Reasons, gigbot.ReasonBlacklisted)
		t.e.log.Info("posting from a blocked employer", slog.Any("employer", p.Employer))
	case p.Screening.Verdict == gigbot.VerdictOK && rec.NeedsReview():
		p.Screening.Verdict = gigbot.VerdictReview
		p.Screening.Reasons = append(p.Screening.Reasons, gigbot.ReasonEmployerRecord)
	}
	return blocked, nil
}

// employerOf resolves what staff typed to name an employer: a posting id
// (its employer) or a reference. ok is false, with staff told, when it
// names nobody.
func (t *turn) employerOf(arg string) (u gigbot.UserRef, ok bool, err error) {
	arg = strings.ToLower(strings.TrimSpace(strings.TrimLeft(arg, "#")))
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil && id > 0 && len(arg) <= 10 {
		p, err := t.e.store.Posting(t.ctx, id)
		switch {
		case gigbot.ErrorCode(err) == gigbot.ENOTFOUND:
		case err != nil:
			return u, false, err
		case !p.Employer.IsZero():
			return p.Employer, true, nil
		}
	} else if employerRefRe.MatchString(arg) {
		u, err := t.e.safety.EmployerByRef(t.ctx, arg)
		switch {
		case gigbot.ErrorCode(err) == gigbot.ENOTFOUND:
		case err != nil:
			return u, false, err
		default:
			return u, true, nil
		}
	}
	t.say("staff.ref_unknown", nil)
	return u, false, nil
}

// verify marks an employer verified.
func (t *turn) verify(arg string) error {
	u, ok, err := t.employerOf(arg)
	if !ok || err != nil {
		return err
	}
	if err := t.audit(gigbot.AuditVerify, employerTarget(u)); err != nil {
		return err
	}
	if err := t.e.safety.SetEmployerVerified(t.ctx, u, true); err != nil {
		return err
	}
	t.say("staff.verified", templates.Employer{Ref: u.Hash(), Verified: true})
	return nil
}

// blacklist blocks an employer by account and by every phone number they
// posted, or a phone number and every account that posted it, and takes
// down their open and held postings.
func (t *turn) blacklist(arg string) error {
	arg = strings.TrimSpace(arg)
	var (
		employers []gigbot.UserRef
		nums      []string
	)
	if digits := strings.NewReplacer(" ", "", "-", "").Replace(arg); phoneRe.MatchString(digits) && len(digits) == 11 {
		nums = append(nums, digits)
		err := t.e.safety.PostingsWithPhone(t.ctx, digits, func(p gigbot.Posting) error {
			if !p.Employer.IsZero() && !slices.Contains(employers, p.Employer) {
				employers = append(employers, p.Employer)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("blacklist: %w", err)
		}
	} else {
		u, ok, err := t.employerOf(arg)
		if !ok || err != nil {
			return err
		}
		employers = append(employers, u)
	}
	// The accounts' postings and phones, then every posting with those
	// phones, whose accounts are blocked too.
	var postings []gigbot.Posting
	seen := map[int64]bool{}
	keep := func(p gigbot.Posting) {
		if !seen[p.ID] {
			seen[p.ID] = true
			postings = append(postings, p)
		}
	}
	for _, u := range employers {
		err := t.e.store.PostingsBy(t.ctx, u, func(p gigbot.Posting) error {
			keep(p)
			for _, ph := range phones(p) {
				if !slices.Contains(nums, ph) {
					nums = append(nums, ph)
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("blacklist: %w", err)
		}
	}
	for _, ph := range nums {
		err := t.e.safety.PostingsWithPhone(t.ctx, ph, func(p gigbot.Posting) error {
			keep(p)
			if !p.Employer.IsZero() && !slices.Contains(employers, p.Employer) {
				employers = append(employers, p.Employer)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("blacklist: %w", err)
		}
	}
	for _, u := range employers {
		if err := t.audit(gigbot.AuditBlacklist, employerTarget(u)); err != nil {
			return err
		}
		if err := t.e.safety.BlacklistEmployer(t.ctx, u); err != nil {
			return err
		}
	}
	for _, ph := range nums {
		if err := t.audit(gigbot.AuditBlacklist, "phone:"+maskPhone(ph)); err != nil {
			return err
		}
		if err := t.e.safety.BlockPhone(t.ctx, ph); err != nil {
			return err
		}
	}
	closed := 0
	for _, p := range postings {
		to := map[gigbot.PostingStatus]gigbot.PostingStatus{
			gigbot.PostingOpen: gigbot.PostingClosed, gigbot.PostingReview: gigbot.PostingRejected}[p.Status]
		if to == "" {
			continue
		}
		if err := t.e.store.SetPostingStatus(t.ctx, p.ID, to); err != nil {
			return fmt.Errorf("blacklist: take down posting %d: %w", p.ID, err)
		}
		p.Status = to
		t.e.unindex(t.ctx, p)
		closed++
	}
	t.e.log.Info("blacklisted", slog.Int("employers", len(employers)), slog.Int("phones", len(nums)), slog.Int("closed", closed))
	t.say("staff.blacklisted", templates.Blacklisted{Employers: len(employers), Phones: len(nums), Closed: closed})
	return nil
}

// maskPhone keeps the first three and last four digits of a number, as
// Chinese services print them: enough for staff to recognise, not to call.
func maskPhone(s string) string {
	if len(s) != 11 {
		return "***"
	}
	return s[:3] + "****" + s[7:]
}
