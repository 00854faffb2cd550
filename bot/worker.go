package bot

import (
	"fmt"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// idle handles a message outside any dialog: a menu choice or command, a
// posting, a search in plain words, or the first words of a newcomer.
func (t *turn) idle(in input) error {
	switch in.intent {
	case intentHelp:
		t.say("common.help", templates.Help{Onboarded: t.onboarded(), Staff: t.staff()})
		return nil
	case intentMenu:
		if !t.onboarded() {
			return t.startOnboarding(input{})
		}
		t.menu()
		return nil
	case intentCancel:
		t.say("common.cancelled", t.onboarded())
		if t.onboarded() {
			t.menu()
		}
		return nil
	case intentRegister, intentEditProfile, intentEdit:
		return t.startOnboarding(input{})
	case intentProfile:
		return t.withProfile(func() error {
			t.say("worker.profile", t.profileView(t.worker.Profile, !t.worker.Active()))
			t.menu()
			return nil
		})
	case intentPause:
		return t.withProfile(func() error { return t.setPushes(true, t.worker.Unsubscribed, "worker.paused") })
	case intentResume:
		return t.withProfile(func() error { return t.setPushes(false, false, "worker.resumed") })
	case intentUnsubscribe:
		return t.withProfile(func() error { return t.setPushes(t.worker.Paused, true, "worker.unsubscribed") })
	case intentSearch:
		return t.search(in.args)
	case intentPost:
		return t.startPosting()
	case intentAnnounce:
		return t.startFair()
	case intentFairList:
		return t.listFairs()
	case intentFairs:
		// Staff say "招聘会" to announce one; everyone else to see them.
		if t.staff() {
			return t.startFair()
		}
		return t.listFairs()
	case intentDelivery, intentQuiet, intentCap:
		return t.withProfile(func() error { return t.startPrefs(in.intent) })
	case intentInstant, intentDigest:
		// Said at rest, these need no question, unless a digest has no
		// time yet.
		mode := map[intent]gigbot.Delivery{intentInstant: gigbot.DeliveryInstant, intentDigest: gigbot.DeliveryDigest}[in.intent]
		return t.withProfile(func() error { return t.savePrefs(prefs{setDelivery: true, delivery: mode}) })
	case intentShowListed:
		return t.showListed(in.id)
	case intentClose, intentFairJoin, intentFairCounts, intentFairLeave:
		return t.action(in)
	case intentRestart:
		return t.startOnboarding(input{})
	}
	if ok, err := t.prefsAtRest(in); ok || err != nil {
		return err
	}
	if t.e.match.LooksLikePosting(in.text) {
		return t.previewPosting(in.text)
	}
	switch rest, args := t.restIntent(in.text); rest {
	case intentSearch:
		return t.search(args)
	case intentReport:
		return t.report(0)
	case intentScamAdvice:
		t.say("worker.scam_advice", nil)
		return nil
	case intentWageHelp:
		t.say("worker.wage_help", nil)
		return nil
	case intentHelp:
		t.say("common.help", templates.Help{Onboarded: t.onboarded(), Staff: t.staff()})
		return nil
	case intentFairLeave:
		return t.leaveFair("")
	case intentHuman:
		t.say("worker.human", nil)
		return nil
	case intentAck:
		if t.onboarded() {
			t.say("worker.ack", nil)
			return nil
		}
	}
	if !t.onboarded() {
		if t.conv.Role == gigbot.RoleEmployer {
			t.say("worker.not_understood", nil)
			t.say("employer.hint", nil)
			return nil
		}
		// Whatever a newcomer writes first, they are here for work: sign
		// them up, and keep what the message already says ("我会电焊").
		return t.startOnboarding(in)
	}
	if _, ok := t.e.match.Place(in.text); ok || len(t.e.match.Skills(in.text)) > 0 {
		return t.search(in.text)
	}
	t.say("worker.not_understood", nil)
	t.menu()
	return nil
}

// idleReprompt is the nudge at rest after a message the engine cannot use
// (a picture, an empty text).
func (t *turn) idleReprompt() error {
	switch {
	case t.onboarded():
		t.menu()
	case t.conv.Role == gigbot.RoleEmployer:
		t.say("employer.hint", nil)
	default:
		return t.startOnboarding(input{})
	}
	return nil
}

// menuChoices is the worker's menu at rest.
func (t *turn) menuChoices() []choice {
	pushes := choice{intentPause, "label.pause"}
	if t.worker != nil && !t.worker.Active() {
		pushes = choice{intentResume, "label.resume"}
	}
	return []choice{
		{intentProfile, "label.profile"},
		{intentEditProfile, "label.edit_profile"},
		pushes,
		{intentSearch, "label.search"},
		{intentUnsubscribe, "label.unsubscribe"},
		{intentHelp, "label.help"},
		// Last, so the numbers people remember ("4 找工作") stay put.
		{intentDelivery, "label.delivery"},
	}
}

// menu offers the worker's menu.
func (t *turn) menu() { t.ask("worker.menu", nil, t.menuChoices()...) }

// withProfile runs fn for a signed-up worker; anyone else is asked to sign
// up first.
func (t *turn) withProfile(fn func() error) error {
	if t.onboarded() {
		return fn()
	}
	if t.conv.Role != "" {
		t.say("worker.need_onboarding", nil)
	}
	return t.startOnboarding(input{})
}

// setPushes saves the worker's push switches and says so.
func (t *turn) setPushes(paused, unsubscribed bool, said string) error {
	t.worker.Paused, t.worker.Unsubscribed = paused, unsubscribed
	if err := t.saveWorker(); err != nil {
		return err
	}
	t.say(said, nil)
	return nil
}

// saveWorker writes t.worker, in the language the user speaks now, so
// pushes reach them in it.
func (t *turn) saveWorker() error {
	t.worker.Lang = t.lang
	if err := t.e.store.SaveWorker(t.ctx, t.worker); err != nil {
		return fmt.Errorf("save worker: %w", err)
	}
	t.e.workerSaved(*t.worker)
	return nil
}

// subscribed greets a user who followed the account or started the bot:
// a newcomer starts signing up, a returning worker gets pushes again.
func (t *turn) subscribed() error {
	t.leave()
	if !t.onboarded() {
		return t.startOnboarding(input{})
	}
	if err := t.setPushes(false, false, "worker.resumed"); err != nil {
		return err
	}
	t.menu()
	return nil
}

// unsubscribed records that the user unfollowed or blocked the bot. There
// is no one to answer.
func (t *turn) unsubscribed() error {
	t.leave()
	if t.worker == nil || t.worker.Unsubscribed {
		return nil
	}
	t.worker.Unsubscribed = true
	return t.saveWorker()
}

// location takes a shared location: the answer to the place question,
// or, at any other time, the worker's new place.
func (t *turn) location(place gigbot.Place, at gigbot.Point) error {
	place.Point = at
	switch {
	case stepGroup(t.conv.Step) == groupOnboarding:
		return t.onboardingPlace(place)
	case !t.onboarded():
		if t.conv.Step == "" {
			return t.startOnboardingAt(place)
		}
		return t.reprompt()
	}
	setPlace(&t.worker.Profile, place)
	if err := t.saveWorker(); err != nil {
		return err
	}
	t.say("worker.location_updated", t.profileView(t.worker.Profile, false))
	if t.conv.Step != "" {
		return t.reprompt()
	}
	return nil
}

// setPlace puts a resolved place in a profile.
func setPlace(p *gigbot.Profile, place gigbot.Place) {
	p.District, p.Street, p.Point = place.District, place.Street, place.Point
}
