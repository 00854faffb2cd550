package bot

import (
	"log/slog"
	"reflect"
	"slices"
	"strings"

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

// skillLabourer is the general labourer (力工): the skill of a worker who
// will do any work ("啥都能干", "打零工").
const skillLabourer = "labourer"

// commonSkills are offered to pick from when the skills question was not
// understood twice: the gigs most asked for.
var commonSkills = []string{skillLabourer, "cleaner", "mover", "loader", "waiter", "security_guard", "rider", "kitchen_helper"}

// valueAnswer starts the value of a choice that stands for a typed answer
// ("answer:保洁"): picking it is read as typing what follows.
const valueAnswer = "answer:"

// closeByKm is the radius saved for "近点就行", "附近".
const closeByKm = 3

// cityWideKm is the radius saved for "不限". A profile's zero radius means
// "within the district", so "anywhere" needs a radius of its own: Tianjin
// is about 190 km from north to south, so 200 km from any point of it
// covers the whole city.
const cityWideKm = 200

// maxBareKm is the largest bare figure read as a distance at the distance
// question: "200" there is a day's pay, not 200 km.
const maxBareKm = 50

// onboarding is the draft kept between the questions.
type onboarding struct {
	Profile    gigbot.Profile `json:"profile"`
	Editing    bool           `json:"editing"`     // answers so far are shown as defaults
	Saved      bool           `json:"saved"`       // changing a saved profile
	PlaceGiven bool           `json:"place_given"` // told before the place question: skip it
	// RadiusGiven and PayGiven: told before their questions, which are
	// then skipped too ("力工，河西，一天200").
	RadiusGiven bool `json:"radius_given,omitempty"`
	PayGiven    bool `json:"pay_given,omitempty"`
	// Return is the question to go back to once the one asked again is
	// answered: "地方不对" at the summary asks the place, then the
	// summary again.
	Return string `json:"return,omitempty"`
	// Misses counts the replies in a row that did not answer MissedAt.
	Misses   int    `json:"misses,omitempty"`
	MissedAt string `json:"missed_at,omitempty"`
}

// given reports whether the answer to step came before its question.
func (o *onboarding) given(step string) bool {
	switch step {
	case stepPlace:
		return o.PlaceGiven
	case stepRadius:
		return o.RadiusGiven
	case stepPay:
		return o.PayGiven
	}
	return false
}

// prev is the question before step, to ask again when a worker says the
// last answer was wrong ("不对"). A question skipped because its answer
// came early is asked too: that answer may be the wrong one.
func (o *onboarding) prev(step string) string {
	if i := slices.Index(onboardingSteps, step); i > 0 {
		return onboardingSteps[i-1]
	}
	return stepSkills
}

// next is the step after step.
func (o *onboarding) next(step string) string {
	i := slices.Index(onboardingSteps, step)
	for _, s := range onboardingSteps[i+1:] {
		if !o.given(s) {
			return s
		}
	}
	return stepConfirm
}

// startOnboarding begins the questions (again); what a newcomer's first
// message already says ("我会电焊") is taken as answers.
func (t *turn) startOnboarding(first input) error {
	newcomer := t.conv.Role == "" && !t.onboarded()
	o := t.beginOnboarding()
	if text := strings.ToValidUTF8(t.msg.Text, ""); first.text == "" && newcomer && t.msg.Kind == gigbot.MessageText &&
		shortSays(text, anyWorkWords) {
		// "什么活都行" reads as a search at rest, which comes here with
		// nothing to search by and without the words: they answer the
		// skills question.
		first = input{text: strings.TrimSpace(text)}
	}
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
		o.Profile, o.Editing, o.Saved = t.worker.Profile, true, true
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
	if v, ok := strings.CutPrefix(string(in.intent), valueAnswer); ok {
		in = input{text: v}
	}
	switch in.intent {
	case intentHelp:
		t.say("common.help", templates.Help{Onboarded: t.onboarded(), Staff: t.staff()})
		return t.askStep(o)
	case intentPost:
		return t.startPosting()
	case intentAnnounce:
		return t.startFair()
	case intentRestart, intentRegister:
		// Start over: a newcomer from nothing, a worker from their
		// saved profile.
		t.say("worker.restart", nil)
		return t.startOnboarding(input{})
	case intentSearch:
		return t.searchWhileOnboarding(o, in)
	case intentClose, intentFairJoin, intentFairCounts, intentFairLeave:
		if err := t.action(in); err != nil {
			return err
		}
		return t.askStep(o)
	case intentProfile:
		if o.Saved {
			return t.aside(o, in) // the saved profile, shown at rest
		}
		return t.askStep(o)
	case intentEditProfile:
		return t.askStep(o)
	case intentFairs:
		if t.staff() {
			return t.startFair()
		}
		return t.aside(o, in)
	case intentPause, intentUnsubscribe, intentResume, intentMenu, intentFairList,
		intentDelivery, intentInstant, intentDigest, intentQuiet, intentCap:
		return t.aside(o, in)
	}
	if t.postsAsEmployer(in.text) {
		return t.previewPosting(in.text)
	}
	return t.answerStep(o, in, false)
}

// aside answers a message about something else than the questions
// ("暂停", "推送设置", "有招聘会吗"). A saved worker changing their profile
// leaves the change for it, as from any dialog. A newcomer has no pushes
// to stop or set yet: asking to stop ends signing up; settings wait for
// it to be done; fairs are listed; then the question is asked again, so
// the answers so far are not lost.
func (t *turn) aside(o *onboarding, in input) error {
	if o.Saved {
		if t.worker != nil && !reflect.DeepEqual(o.Profile, t.worker.Profile) {
			t.say("worker.edit_left", nil)
		}
		t.leave()
		return t.idle(in)
	}
	switch in.intent {
	case intentPause, intentUnsubscribe:
		t.leave()
		t.say("worker.signup_stopped", nil)
		return nil
	case intentFairs, intentFairList:
		if err := t.listFairs(); err != nil {
			return err
		}
		fairs := t.choices
		if err := t.askStep(o); err != nil {
			return err
		}
		if len(t.choices) == 0 {
			// The list says to reply with a fair's number: those stay
			// the choices, unless the question has its own.
			t.choices = fairs
		}
		return nil
	case intentDelivery, intentInstant, intentDigest, intentQuiet, intentCap:
		t.say("worker.prefs_after_signup", nil)
	}
	return t.askStep(o)
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
//
// Whatever the question, people answer with what comes to mind: a place
// or a correction of an earlier answer ("不对，是河东区", "不是电焊，是力
// 工", "改成十公里"), several things at once ("力工，河西，一天200"). So
// everything the message plainly says is taken; the question then moves
// on only when it was answered.
func (t *turn) answerStep(o *onboarding, in input, first bool) error {
	m := t.e.match
	step := t.conv.Step
	text, corrected := correction(in.text)
	if in.intent == intentBack && step == stepSkills && o.Saved {
		// Back from the first question of a change: out of it.
		t.leave()
		t.say("common.cancelled", true)
		t.menu()
		return nil
	}
	if in.intent == intentBack || !corrected && step != stepConfirm && (in.intent == intentEdit || saysBack(in.text)) {
		// "上一步", a bare "不对", "刚才说错了": the last answer was wrong;
		// ask it again.
		t.conv.Step = o.prev(step)
		o.Editing = true
		return t.askStep(o)
	}
	noted := t.noteAnswers(o, in.text, text, corrected, step)
	if s, ok := wrongField(text); ok && len(noted) == 0 && slices.Index(onboardingSteps, s) < slices.Index(onboardingSteps, step) {
		// "地方不对": that question again, then back here.
		t.conv.Step, o.Return, o.Editing = s, step, true
		return t.askStep(o)
	}
	if noted[fieldSkills] && len(o.Profile.Skills) == 0 {
		// "去掉保洁" took the last skill: the work is asked again, then
		// this question.
		if step != stepSkills && o.Return == "" {
			o.Return = step
		}
		t.conv.Step = stepSkills
		return t.askStep(o)
	}
	// "不改了" drops a whole change, except at the summary, where it means
	// the summary is right.
	if len(noted) == 0 && o.Saved && step != stepConfirm && shortSays(text, noChangeWords) {
		return t.leaveOnboarding(o)
	}
	keep := o.Editing && (in.intent == intentKeep || in.intent == intentSkip || shortSays(text, keepWords) ||
		shortSays(text, noChangeWords))
	switch step {
	case stepSkills:
		if noted[fieldSkills] || keep && len(o.Profile.Skills) > 0 {
			return t.advance(o)
		}
		if !first && (in.intent == intentAny || shortSays(text, vagueSkillWords)) || shortSays(text, anyWorkWords) {
			// "啥都能干", "打零工": general labour, said so that they
			// can name a trade instead.
			o.Profile.Skills = []string{skillLabourer}
			t.say("worker.skills_general", t.skillNames(o.Profile.Skills))
			return t.advance(o)
		}
	case stepPlace:
		if noted[fieldPlace] || keep && (o.Profile.District != "" || !o.Profile.Point.IsZero()) {
			return t.advance(o)
		}
		if keep && anyPlace(o.Profile) {
			o.RadiusGiven = true // anywhere has no distance to ask
			return t.advance(o)
		}
		if in.intent == intentAny || in.intent == intentSkip || saysAnyPlace(text) {
			// Anywhere in the city: no district nor point, which
			// matcher.Fits takes everywhere, so no distance to ask.
			setPlace(&o.Profile, gigbot.Place{})
			o.Profile.RadiusKm, o.PlaceGiven, o.RadiusGiven = cityWideKm, true, true
			t.say("worker.place_anywhere", nil)
			return t.advance(o)
		}
	case stepRadius:
		if noted[fieldRadius] || keep {
			return t.advance(o)
		}
		if in.intent == intentAny || in.intent == intentSkip || shortSays(text, noLimitWords) {
			o.Profile.RadiusKm = cityWideKm
			return t.advance(o)
		}
		// "一天至少两百" at this question is pay, not 200 km; "天津站附近"
		// names a place, not a distance.
		if (noted[fieldPay] || noted[fieldPlace]) && !mentionsDistance(text) {
			break
		}
		if km, ok := m.Distance(text); ok && km >= 0 {
			t.setRadius(o, km)
			return t.advance(o)
		}
		if shortSays(text, nearWords) {
			t.setRadius(o, closeByKm)
			return t.advance(o)
		}
		if shortSays(text, ownDistrictWords) {
			// A zero radius keeps a profile to its district.
			o.Profile.RadiusKm = 0
			t.say("worker.radius_noted", t.draftView(o.Profile, false))
			return t.advance(o)
		}
	case stepPay:
		if noted[fieldPay] || o.Editing && in.intent == intentKeep {
			return t.advance(o)
		}
		if in.intent == intentAny || in.intent == intentSkip {
			o.Profile.MinPay = 0
			return t.advance(o)
		}
		if pay, daily, ok := t.readPay(text); ok {
			t.setPay(o, pay, daily)
			return t.advance(o)
		}
		// After the figures: "200以上，越多越好" is 200.
		if shortSays(text, noLimitWords) || shortSays(text, noMinimumWords) {
			o.Profile.MinPay = 0
			return t.advance(o)
		}
	case stepConfirm:
		switch {
		case in.intent == intentYes || in.intent == intentDone || saysYes(in.text):
			return t.finishOnboarding(o)
		case in.intent == intentEdit || saysBack(in.text):
			o.Editing, o.PlaceGiven, o.RadiusGiven, o.PayGiven, o.Return = true, false, false, false, ""
			t.conv.Step = stepSkills
			return t.askStep(o)
		case len(noted) > 0:
			// A correction at the summary: the summary again, changed.
			return t.askStep(o)
		}
	}
	if len(noted) > 0 || first {
		return t.askStep(o)
	}
	if saysLeave(text) {
		// "不弄了", "拜拜": out, like 取消.
		return t.leaveOnboarding(o)
	}
	if done, err := t.restAside(o, in); done {
		return err
	}
	return t.askAgain(o)
}

// restAside answers what people ask at rest, asked in the middle of the
// questions ("有活没", "人工", "谢谢"), then asks the question again. A
// saved worker asking for work leaves the change for it. It reports
// false for anything else.
func (t *turn) restAside(o *onboarding, in input) (bool, error) {
	rest, _ := t.restIntent(in.text)
	switch rest {
	case intentSearch:
		if o.Saved {
			return true, t.aside(o, in)
		}
		t.say("worker.jobs_after_signup", nil)
	case intentHuman:
		t.say("worker.human", nil)
	case intentScamAdvice:
		t.say("worker.scam_advice", nil)
	case intentAck:
		if !shortSays(in.text, thanksWords) {
			return false, nil // "嗯嗯啊啊" answers nothing
		}
		t.say("worker.ack_onboarding", nil)
	default:
		return false, nil
	}
	return true, t.askStep(o)
}

// leaveOnboarding ends the questions at the worker's word ("不弄了",
// "不改了"): a newcomer is told how to come back, a saved worker is shown
// the saved profile, unchanged.
func (t *turn) leaveOnboarding(o *onboarding) error {
	t.leave()
	if !o.Saved || t.worker == nil {
		t.say("worker.signup_stopped", nil)
		return nil
	}
	t.say("worker.edit_kept", nil)
	t.say("worker.profile", t.draftView(t.worker.Profile, !t.worker.Active()))
	t.menu()
	return nil
}

// The fields of a profile an answer can fill.
const (
	fieldSkills = "skills"
	fieldPlace  = "place"
	fieldRadius = "radius"
	fieldPay    = "pay"
)

// noteAnswers takes from text every field it plainly gives and says each
// back; it reports which. At its own question a field is read from bare
// words ("三公里", "两百"); elsewhere only when the words say which it is
// ("5公里", "一天200"), so "3" at the pay question is never a distance.
// orig is the whole message, whose words before a correction ("工钱改成
// 两百五") say which field text corrects.
func (t *turn) noteAnswers(o *onboarding, orig, text string, corrected bool, step string) map[string]bool {
	m := t.e.match
	noted := map[string]bool{}
	if place, ok := m.Place(text); ok {
		t.notePlace(o, place)
		noted[fieldPlace] = true
	}
	if skills := m.Skills(text); len(skills) > 0 {
		drop := t.droppedSkills(orig)
		named := without(skills, drop)
		changed := true
		switch {
		case len(named) == 0:
			// "保洁不要了", "去掉保洁": only a removal.
			o.Profile.Skills = without(o.Profile.Skills, drop)
		case adds(text):
			// "还会电焊": one more, as the skills_general hint says.
			o.Profile.Skills = without(o.Profile.Skills, drop)
			for _, s := range named {
				if !slices.Contains(o.Profile.Skills, s) {
					o.Profile.Skills = append(o.Profile.Skills, s)
				}
			}
		case step == stepSkills || step == stepConfirm || corrected || len(drop) > 0:
			// "我是干电焊的不是保洁": those instead.
			o.Profile.Skills = named
		default:
			changed = false // a skill named in passing ("力工一天200") is not a change
		}
		if changed {
			if len(o.Profile.Skills) > 0 {
				t.say("worker.skills_noted", t.skillNames(o.Profile.Skills))
			} else {
				t.say("worker.skills_removed", nil)
			}
			noted[fieldSkills] = true
		}
	}
	if step != stepRadius && mentionsDistance(text) || corrected && strings.Contains(orig, "距离") {
		if km, ok := m.Distance(text); ok && km > 0 {
			t.setRadius(o, km)
			o.RadiusGiven = o.RadiusGiven || step == stepSkills || step == stepPlace
			noted[fieldRadius] = true
		}
	}
	// At the distance question a bare figure too big for a distance is
	// the pay: "200", "最低两百".
	km, ok := m.Distance(text)
	barePay := step == stepRadius && ok && km > maxBareKm && !mentionsDistance(text)
	if step != stepPay && (mentionsPay(text) || corrected && mentionsPay(orig) || barePay) {
		if pay, daily, ok := t.readPay(text); ok {
			t.setPay(o, pay, daily)
			o.PayGiven = o.PayGiven || step != stepConfirm
			noted[fieldPay] = true
		}
	}
	// Answers listed in one message end with the pay, often a bare
	// figure: "保洁 河西 5公里 200". Only a message that gave two other
	// answers is read so, and only its last word, so that "保洁 友谊路
	// 200号" is no pay.
	if step != stepPay && !noted[fieldPay] && len(noted) >= 2 {
		if pay, daily, ok := t.readPay(lastFigure(text)); ok {
			t.setPay(o, pay, daily)
			o.PayGiven = o.PayGiven || step != stepConfirm
			noted[fieldPay] = true
		}
	}
	return noted
}

// anyPlace reports a profile that takes work anywhere in the city: no
// district, no point, any distance.
func anyPlace(p gigbot.Profile) bool {
	return p.District == "" && p.Point.IsZero() && p.RadiusKm >= cityWideKm
}

// draftView is profileView for the questions, which show a profile that
// takes work anywhere as such rather than as a missing place.
func (t *turn) draftView(p gigbot.Profile, paused bool) templates.Profile {
	v := t.profileView(p, paused)
	if anyPlace(p) {
		v.Street = t.render("worker.place_anywhere_label", nil)
	}
	return v
}

// setRadius keeps a travel distance and says it back.
func (t *turn) setRadius(o *onboarding, km float64) {
	o.Profile.RadiusKm = km
	if km == 0 { // the matcher reads "不限" as 0
		o.Profile.RadiusKm = cityWideKm
	}
	t.say("worker.radius_noted", t.draftView(o.Profile, false))
}

// setPay keeps a minimum daily pay and says it back, with the pay as the
// worker said it when that was not per day ("月薪5000以上").
func (t *turn) setPay(o *onboarding, pay gigbot.Pay, daily int) {
	o.Profile.MinPay = daily
	t.say("worker.pay_noted", t.draftView(o.Profile, false))
	if pay.Unit != gigbot.PayDay {
		t.say("worker.pay_converted", pay)
	}
}

// readPay reads a pay from text, and the least it gives per day.
func (t *turn) readPay(text string) (gigbot.Pay, int, bool) {
	if text == "" {
		return gigbot.Pay{}, 0, false
	}
	// "小时工20" is what an hour pays, as "时薪20" says.
	pay, ok := t.e.match.Pay(strings.ReplaceAll(text, "小时工", "时薪"))
	if !ok || !pay.Known() {
		return gigbot.Pay{}, 0, false
	}
	daily, ok := dailyMinimum(pay)
	return pay, daily, ok
}

// searchWhileOnboarding answers "我想先找工作" in the middle of signing
// up: a saved worker leaves the questions and searches; a newcomer sees
// what is open for the answers so far, then the question again.
func (t *turn) searchWhileOnboarding(o *onboarding, in input) error {
	if o.Saved {
		t.leave()
		return t.search(in.args)
	}
	q, ok := t.e.searchQuery(in.args, o.Profile, t.now)
	if ok && (len(q.Skills) > 0 || q.Text != "") {
		if err := t.searchFor(in.args, o.Profile); err != nil {
			return err
		}
	} else {
		t.say("worker.search_first", nil)
	}
	return t.askStep(o)
}

// notePlace keeps a place in the draft and says it was understood.
func (t *turn) notePlace(o *onboarding, place gigbot.Place) {
	setPlace(&o.Profile, place)
	o.PlaceGiven = true
	t.say("worker.place_noted", t.draftView(o.Profile, false))
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

// advance moves to the next question, or back to the one a worker came
// from to change an answer, and asks it.
func (t *turn) advance(o *onboarding) error {
	t.conv.Step = o.next(t.conv.Step)
	if o.Return != "" {
		t.conv.Step, o.Return = o.Return, ""
	}
	o.Misses = 0
	return t.askStep(o)
}

// askStep keeps the draft and asks the current question.
func (t *turn) askStep(o *onboarding) error {
	if err := t.keep(draftOnboarding, o); err != nil {
		return err
	}
	q := templates.Question{Editing: o.Editing, Profile: t.draftView(o.Profile, false)}
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
// question's examples. Whoever fails to name their work twice gets the
// common skills to pick from, so that nobody is stuck at the first
// question.
func (t *turn) askAgain(o *onboarding) error {
	if o.MissedAt != t.conv.Step {
		o.MissedAt, o.Misses = t.conv.Step, 0
	}
	o.Misses++
	unknown := map[string]string{
		stepSkills: "worker.skills_unknown",
		stepPlace:  "worker.place_unknown",
		stepRadius: "worker.radius_unknown",
		stepPay:    "worker.pay_unknown",
	}[t.conv.Step]
	if unknown == "" { // the summary: say what it takes, show it again
		t.say("worker.confirm_hint", nil)
		return t.askStep(o)
	}
	if err := t.keep(draftOnboarding, o); err != nil {
		return err
	}
	t.ask(unknown, nil)
	if t.conv.Step == stepSkills && o.Misses >= 2 {
		t.say("worker.pick_one", nil)
		t.choices = t.skillChoices()
	}
	return nil
}

// skillChoices offers the common skills, named in the user's language;
// each stands for its Chinese name typed, which the matcher reads.
func (t *turn) skillChoices() []gigbot.Choice {
	out := make([]gigbot.Choice, 0, len(commonSkills))
	for _, code := range commonSkills {
		out = append(out, gigbot.Choice{Label: t.e.match.SkillName(code, t.lang), Value: valueAnswer + t.e.match.SkillName(code, "zh")})
	}
	return out
}

// finishOnboarding saves the confirmed profile: the worker now gets
// pushes, starting with the open postings that already fit (backfill).
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
	// The profile is saved either way; a backfill that fails costs only
	// the postings already open, so signing up does not fail with it.
	coming, err := t.e.Backfill(t.ctx, *w)
	if err != nil {
		t.e.log.Error("backfill", slog.Any("user", t.msg.User), slog.String("error", err.Error()))
	}
	t.leave()
	t.say("worker.saved", templates.Saved{Editing: o.Saved, Coming: coming, Profile: t.profileView(w.Profile, !w.Active())})
	t.menu()
	return nil
}
