package bot

import (
	"slices"

	"github.com/gigbot/gigbot"
	"github.com/gigbot/gigbot/templates"
)

// Onboarding asks a worker, one question at a time, what work they do,
// where, how far they will go and the least pay they take, then shows it
// all back to confirm. Answers are read as people write them; a place is
// welcome at any step. Changing a saved profile runs the same questions
// with the saved answers as defaults.
const (
	groupOnboarding = "onboard"
	stepSkills      = "onboard.skills"
	stepPlace       = "onboard.place"
	stepRadius      = "onboard.radius"
	stepPay         = "onboard.pay"
	stepConfirm     = "onboard.confirm"

	draftOnboarding = "onboarding"
)

// onboardingSteps is the order of the questions.
var onboardingSteps = []string{stepSkills, stepPlace, stepRadius, stepPay, stepConfirm}

// cityWideKm is the radius saved for "不限". A profile's zero radius means
// "within the district", so "anywhere" needs a radius of its own: Tianjin
// is about 190 km from north to south, so 200 km from any point of it
// covers the whole city.
const cityWideKm = 200

// onboarding is the draft kept between the questions.
type onboarding struct {
	Profile    gigbot.Profile `json:"profile"`
	Editing    bool           `json:"editing"`     // changing a saved profile
	PlaceGiven bool           `json:"place_given"` // told before the place question: skip it
}

// next is the step after step.
func (o *onboarding) next(step string) string {
	i := slices.Index(onboardingSteps, step)
	for _, s := range onboardingSteps[i+1:] {
		if s == stepPlace && o.PlaceGiven {
			continue
		}
		return s
	}
	return stepConfirm
}

// startOnboarding begins the questions (again); what a newcomer's first
// message already says ("我会电焊") is taken as answers.
func (t *turn) startOnboarding(first input) error {
	o := t.beginOnboarding()
	if first.text == "" {
		return t.askStep(o)
	}
	return t.answerStep(o, first, true)
}

// startOnboardingAt begins the questions for a newcomer who shared a
// location first.
func (t *turn) startOnboardingAt(place gigbot.Place) error {
	o := t.beginOnboarding()
	t.notePlace(o, place)
	return t.askStep(o)
}

// beginOnboarding starts the dialog at the first question. A signed-up
// worker changes their profile, with its answers as defaults; a newcomer
// is greeted.
func (t *turn) beginOnboarding() *onboarding {
	greet := !t.onboarded() && (t.conv.Role == "" || t.msg.Kind == gigbot.MessageSubscribe)
	o := &onboarding{}
	if t.onboarded() {
		o.Profile, o.Editing = t.worker.Profile, true
	}
	t.begin(gigbot.RoleWorker, stepSkills)
	if greet {
		t.say("worker.welcome", nil)
	}
	return o
}

// onboardingAnswer takes a text answer to the current question.
func (t *turn) onboardingAnswer(in input) error {
	o := &onboarding{}
	if !t.draft(draftOnboarding, o) {
		return t.startOnboarding(input{})
	}
	switch in.intent {
	case intentHelp:
		t.say("common.help", templates.Help{Onboarded: t.onboarded(), Staff: t.staff()})
		return t.askStep(o)
	case intentPost:
		return t.startPosting()
	case intentAnnounce:
		return t.startFair()
	}
	if t.postsAsEmployer(in.text) {
		return t.previewPosting(in.text)
	}
	return t.answerStep(o, in, false)
}

// onboardingReprompt asks the current question again.
func (t *turn) onboardingReprompt() error {
	o := &onboarding{}
	if !t.draft(draftOnboarding, o) {
		return t.startOnboarding(input{})
	}
	return t.askStep(o)
}

// onboardingPlace takes a shared location at any step: it answers the
// place question, and is kept for later when another was asked.
func (t *turn) onboardingPlace(place gigbot.Place) error {
	o := &onboarding{}
	if !t.draft(draftOnboarding, o) {
		return t.startOnboardingAt(place)
	}
	t.notePlace(o, place)
	if t.conv.Step == stepPlace {
		return t.advance(o)
	}
	return t.askStep(o)
}

// postsAsEmployer tells a posting pasted in the middle of signing up from
// a worker's answer. Reading like a posting is not enough there, since a
// worker describes the same work ("力工，一天200"); a worker never gives
// a headcount or a phone number, an employer does.
func (t *turn) postsAsEmployer(text string) bool {
	if !t.e.match.LooksLikePosting(text) {
		return false
	}
	p := t.e.match.ParsePosting(text, t.now, t.e.loc)
	return p.Phone != "" || p.Headcount > 0
}

// answerStep reads an answer to the current question. first is a
// newcomer's first message, which is not an answer to anything yet: when
// it says nothing useful, the question is just asked.
func (t *turn) answerStep(o *onboarding, in input, first bool) error {
	m := t.e.match
	// A place is welcome at every step: people say where they are when it
	// comes to mind, or correct it ("不对，是河东区").
	place, hasPlace := m.Place(in.text)
	if hasPlace {
		t.notePlace(o, place)
	}
	keep := o.Editing && (in.intent == intentKeep || in.intent == intentSkip)
	switch t.conv.Step {
	case stepSkills:
		if skills := m.Skills(in.text); len(skills) > 0 {
			o.Profile.Skills = skills
			t.say("worker.skills_noted", t.skillNames(skills))
			return t.advance(o)
		}
		if keep && len(o.Profile.Skills) > 0 {
			return t.advance(o)
		}
	case stepPlace:
		if hasPlace || keep && (o.Profile.District != "" || !o.Profile.Point.IsZero()) {
			return t.advance(o)
		}
	case stepRadius:
		if keep {
			return t.advance(o)
		}
		if in.intent == intentAny || in.intent == intentSkip {
			o.Profile.RadiusKm = cityWideKm
			return t.advance(o)
		}
		if km, ok := m.Distance(in.text); ok && km >= 0 {
			o.Profile.RadiusKm = km
			if km == 0 { // the matcher reads "不限" as 0
				o.Profile.RadiusKm = cityWideKm
			}
			return t.advance(o)
		}
	case stepPay:
		if o.Editing && in.intent == intentKeep {
			return t.advance(o)
		}
		if in.intent == intentAny || in.intent == intentSkip {
			o.Profile.MinPay = 0
			return t.advance(o)
		}
		if pay, ok := m.Pay(in.text); ok {
			if daily, ok := dailyMinimum(pay); ok {
				o.Profile.MinPay = daily
				return t.advance(o)
			}
		}
	case stepConfirm:
		switch in.intent {
		case intentYes:
			return t.finishOnboarding(o)
		case intentEdit:
			o.Editing, o.PlaceGiven = true, false
			t.conv.Step = stepSkills
			return t.askStep(o)
		}
	}
	if hasPlace || first {
		return t.askStep(o)
	}
	return t.askAgain(o)
}

// notePlace keeps a place in the draft and says it was understood.
func (t *turn) notePlace(o *onboarding, place gigbot.Place) {
	setPlace(&o.Profile, place)
	o.PlaceGiven = true
	t.say("worker.place_noted", t.profileView(o.Profile, false))
}

// dailyMinimum is the least a pay figure gives per day, in the unit of a
// worker's minimum. A piece rate cannot be compared.
func dailyMinimum(p gigbot.Pay) (int, bool) {
	least := p.Min
	if least == 0 {
		least = p.Max
	}
	return gigbot.Pay{Max: least, Unit: p.Unit}.DailyMax()
}

// advance moves to the next question and asks it.
func (t *turn) advance(o *onboarding) error {
	t.conv.Step = o.next(t.conv.Step)
	return t.askStep(o)
}

// askStep keeps the draft and asks the current question.
func (t *turn) askStep(o *onboarding) error {
	if err := t.keep(draftOnboarding, o); err != nil {
		return err
	}
	q := templates.Question{Editing: o.Editing, Profile: t.profileView(o.Profile, false)}
	switch t.conv.Step {
	case stepPlace:
		t.ask("worker.ask_place", q)
	case stepRadius:
		t.ask("worker.ask_radius", q)
	case stepPay:
		t.ask("worker.ask_pay", q)
	case stepConfirm:
		t.ask("worker.summary", q.Profile, choice{intentYes, "label.yes"}, choice{intentEdit, "label.edit"})
	default:
		t.conv.Step = stepSkills
		t.ask("worker.ask_skills", q)
	}
	return nil
}

// askAgain answers a reply that does not fit the question with the
// question's examples.
func (t *turn) askAgain(o *onboarding) error {
	unknown := map[string]string{
		stepSkills: "worker.skills_unknown",
		stepPlace:  "worker.place_unknown",
		stepRadius: "worker.radius_unknown",
		stepPay:    "worker.pay_unknown",
	}[t.conv.Step]
	if unknown == "" { // the summary: show it again with its choices
		return t.askStep(o)
	}
	if err := t.keep(draftOnboarding, o); err != nil {
		return err
	}
	t.ask(unknown, nil)
	return nil
}

// finishOnboarding saves the confirmed profile: the worker now gets
// pushes.
func (t *turn) finishOnboarding(o *onboarding) error {
	w := t.worker
	if w == nil {
		w = &gigbot.Worker{User: t.msg.User}
	}
	w.Profile, w.Onboarded, w.Unsubscribed = o.Profile, true, false
	t.worker = w
	if err := t.saveWorker(); err != nil {
		return err
	}
	t.leave()
	t.say("worker.saved", nil)
	t.menu()
	return nil
}
