package bot

import (
	"time"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Delivery settings, set in chat: each posting as it comes or one digest
// a day at a chosen time, the worker's own quiet hours, and their own
// daily cap. They are saved in the profile, where push/ reads them. A
// worker can open the settings ("推送设置") or just say what they want at
// rest ("每天晚上8点发一次", "晚上10点到早上6点别发", "一天最多3条").
const (
	groupPrefs      = "prefs"
	stepPrefs       = "prefs.menu"   // settings shown, what to change?
	stepPrefsDigest = "prefs.digest" // at what time the digest comes
	stepPrefsQuiet  = "prefs.quiet"  // which hours to keep quiet
	stepPrefsCap    = "prefs.cap"    // how many a day at most
)

// prefsChoices are the settings' menu.
var prefsChoices = []choice{
	{intentInstant, "label.instant"},
	{intentDigest, "label.digest"},
	{intentQuiet, "label.quiet"},
	{intentCap, "label.cap"},
	{intentDone, "label.done"},
}

// startPrefs opens the settings at the question for what, or at their
// menu.
func (t *turn) startPrefs(what intent) error {
	t.begin(gigbot.RoleWorker, stepPrefs)
	switch what {
	case intentInstant:
		return t.savePrefs(prefs{setDelivery: true, delivery: gigbot.DeliveryInstant})
	case intentDigest:
		t.conv.Step = stepPrefsDigest
	case intentQuiet:
		t.conv.Step = stepPrefsQuiet
	case intentCap:
		t.conv.Step = stepPrefsCap
	}
	t.askPrefs()
	return nil
}

// prefsAnswer takes an answer in the settings.
func (t *turn) prefsAnswer(in input) error {
	if !t.onboarded() {
		t.leave()
		return t.startOnboarding(input{})
	}
	switch in.intent {
	case intentDone, intentYes, intentMenu:
		t.leave()
		t.menu()
		return nil
	case intentInstant, intentDigest, intentQuiet, intentCap, intentDelivery:
		return t.startPrefs(in.intent)
	}
	p := readPrefs(in.text, t.conv.Step)
	if p.any() {
		return t.savePrefs(p)
	}
	if p.pause {
		in.intent = intentPause // "这两天先别发"
	}
	if in.intent != intentNone && switching[in.intent] {
		// Something else altogether ("找工作"): the settings are done.
		t.leave()
		return t.idle(in)
	}
	if ask, ok := p.question(); ok {
		return t.startPrefs(ask)
	}
	t.say("worker.prefs_unknown", nil)
	t.askPrefs()
	return nil
}

// prefsReprompt asks the settings' question again.
func (t *turn) prefsReprompt() error {
	if !t.onboarded() {
		t.leave()
		return t.startOnboarding(input{})
	}
	t.askPrefs()
	return nil
}

// askPrefs asks the current settings question.
func (t *turn) askPrefs() {
	switch t.conv.Step {
	case stepPrefsDigest:
		t.ask("worker.ask_digest_at", nil)
	case stepPrefsQuiet:
		t.ask("worker.ask_quiet", nil)
	case stepPrefsCap:
		t.ask("worker.ask_cap", nil)
	default:
		t.conv.Step = stepPrefs
		t.ask("worker.prefs", t.profileView(t.worker.Profile, !t.worker.Active()), prefsChoices...)
	}
}

// savePrefs saves changed settings and says them back. A digest without
// a time asks for one.
func (t *turn) savePrefs(p prefs) error {
	p.apply(&t.worker.Profile)
	if err := t.saveWorker(); err != nil {
		return err
	}
	pr := t.worker.Profile
	if pr.Delivery == gigbot.DeliveryDigest && pr.DigestAt == "" {
		if t.conv.Step == "" {
			t.begin(gigbot.RoleWorker, stepPrefsDigest)
		}
		t.conv.Step = stepPrefsDigest
		t.askPrefs()
		return nil
	}
	t.say("worker.prefs_saved", t.profileView(pr, !t.worker.Active()))
	if w, ok := t.digestInQuiet(pr); ok {
		t.say("worker.digest_in_quiet", w)
	}
	if stepGroup(t.conv.Step) == groupPrefs {
		t.conv.Step = stepPrefs
		t.ask("worker.prefs_more", nil, prefsChoices...)
	}
	return nil
}

// prefsAtRest reads a worker's sentence at rest as a change of settings,
// when it plainly is one.
func (t *turn) prefsAtRest(in input) (bool, error) {
	if !t.onboarded() {
		return false, nil
	}
	p := readPrefs(in.text, "")
	if p.pause && !p.any() {
		return true, t.idle(input{text: in.text, intent: intentPause})
	}
	ask, asks := p.question()
	if !p.any() && !asks || t.e.match.LooksLikePosting(in.text) {
		return false, nil
	}
	if !p.any() {
		return true, t.startPrefs(ask)
	}
	return true, t.savePrefs(p)
}

// digestInQuiet tells when a worker's digest time falls in their quiet
// hours (their own, or the service's): the digest then waits for the end.
func (t *turn) digestInQuiet(pr gigbot.Profile) (templates.DigestInQuiet, bool) {
	if pr.Delivery != gigbot.DeliveryDigest || pr.DigestAt == "" || pr.QuietHours == "off" {
		return templates.DigestInQuiet{}, false
	}
	quiet := t.e.quiet
	if pr.QuietHours != "" {
		q, err := gigbot.ParseQuietHours(pr.QuietHours)
		if err != nil {
			return templates.DigestInQuiet{}, false
		}
		quiet = q
	}
	at, err := time.ParseInLocation("15:04", pr.DigestAt, t.e.loc)
	if err != nil || quiet == (gigbot.QuietHours{}) {
		return templates.DigestInQuiet{}, false
	}
	now := t.now.In(t.e.loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), at.Hour(), at.Minute(), 0, 0, t.e.loc)
	if !quiet.Contains(day) {
		return templates.DigestInQuiet{}, false
	}
	return templates.DigestInQuiet{At: pr.DigestAt, Until: quiet.EndAfter(day).Format("15:04")}, true
}
