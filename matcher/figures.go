package matcher

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// numRole is what a figure in a posting stands for, read from the words
// around it.
type numRole uint8

const (
	roleOther     numRole = iota
	roleID                // 7+ digits: a phone, a QQ number, an id
	roleAge               // 18-45岁
	roleMonth             // 11 in 11月28日
	roleDay               // 28 in 11月28日, or 28号
	roleWeekday           // 6 in 周6 (周六)
	roleHour              // 7 in 7点, 7:30, 早7
	roleMinute            // 30 in 7:30, 7点30
	roleDate              // 11.28: month and day in one figure
	roleDistance          // 3公里
	roleDuration          // 3天, 8小时, 3个月
	roleHeadcount         // 2名, 3-5人
	roleMoney             // 300元, 日结300, 25/小时
)

// headcountWords follow a figure that counts people.
var headcountWords = []string{"对夫妻", "对", "名", "人", "位", "个人", "个工人", "个师傅", "个阿姨", "个大姐", "个小伙", "个壮", "个年轻", "个帮手", "个男", "个女", "工人", "男", "女", "口人"}

// classify gives each figure its role. skillAt, when set, tells whether a
// skill word starts at a byte offset, for "要3个力工".
//
// With skillAt, classify also marks in nums where jobs are named (the job
// and each fields), for pay per job and counts after 各.
func classify(s string, nums []number, skillAt func(i int) bool) []numRole {
	roles := make([]numRole, len(nums))
	if skillAt != nil {
		markJobs(s, nums, skillAt)
	}
	list := listMarkers(s, nums)
	for k := 0; k < len(nums); k++ {
		n := nums[k]
		before := trimSpaceRight(s[:n.start])
		after := skipSpace(s[n.end:])
		single := n.lo == n.hi
		small := single && n.digits <= 2 && n.lo == float64(int(n.lo))
		nextAt := func(skip string) bool { // the next figure follows right after skip
			return k+1 < len(nums) && strings.HasPrefix(after, skip) &&
				strings.TrimSpace(s[n.end:nums[k+1].start]) == skip
		}
		switch {
		case n.digits >= 7:
			roles[k] = roleID
		case hasSuffix(before, measuredWords...):
			roles[k] = roleOther // 身高165, 体重60
		case list != nil && list[k]:
			roles[k] = roleOther // 1.电焊工5名 2.力工10名: an item's number
		case n.money:
			roles[k] = roleMoney // 5毛, 1块5
		case dateFigure(s, nums, k):
			roles[k] = roleDate
			if k+1 < len(nums) && nums[k+1].start < dateEnd(s, n.start) {
				k++
				roles[k] = roleOther // the day of 12/5: read with the month
			}
		case ageRange(n, before, after):
			roles[k] = roleAge
		case n.hi <= 20 && hasSuffix(before, "夫妻"):
			roles[k] = roleHeadcount // 夫妻俩
		case n.lo == 1 && hasPrefix(after, "人", "位", "个") && k > 0 && roles[k-1] == roleMoney &&
			strings.TrimSpace(s[nums[k-1].end:n.start]) == "":
			roles[k] = roleOther // 200 1人, 5毛1个: per person, per piece
		case perUnit(s, n, after, skillAt):
			roles[k] = roleDuration
		case feeBefore(before) || feeAfter(s[n.end:]):
			roles[k] = roleOther // 押金200, 住宿费每月200, 100元工牌费: paid by the worker
		case dayList(s, nums, k):
			end := dayListEnd(s, nums, k)
			for ; k < len(nums) && nums[k].start < end; k++ {
				roles[k] = roleDay // 28,29两天, 28,29号: the first is the start
			}
			k--
		case hasPrefix(after, "岁", "周岁"):
			roles[k] = roleAge
		case small && n.lo >= 1 && n.lo <= 7 && n.digits == 1 && hasSuffix(before, "周", "星期", "礼拜") &&
			!hasSuffix(before, "1周") && !(hasSuffix(before, "每周", "每星期", "每个星期", "每礼拜") && weeklyOff(after)) &&
			!hasPrefix(after, "次", "天", "个", "小时", "晚") &&
			!hasSuffix(before, "到周", "至周", "-周", "到星期", "至星期") && !weekdayRange(after):
			roles[k] = roleWeekday
		case small && n.lo >= 1 && n.lo <= 12 && nextAt("月"):
			roles[k] = roleMonth
			rest := skipSpace(s[nums[k+1].end:])
			if nums[k+1].lo >= 1 && nums[k+1].lo <= 31 && !hasPrefix(rest, "元", "块", "人", "名") {
				k++
				roles[k] = roleDay
			}
		case small && n.lo >= 1 && n.lo <= 31 && hasPrefix(after, "号", "日") &&
			!hasPrefix(after, "日结", "日薪", "日工资", "日赚", "日入") && !numberedThing(after) &&
			!hasSuffix(before, "周", "星期", "礼拜"): // 周6日: Saturday and Sunday
			roles[k] = roleDay
		case small && n.lo <= 24 && (hasPrefix(after, "点", "时") && !hasPrefix(after, "时薪", "点位") || nextAt(":")):
			roles[k] = roleHour
			if k+1 < len(nums) && nums[k+1].digits <= 2 && nums[k+1].lo < 60 && nums[k+1].lo == nums[k+1].hi &&
				(nextAt(":") || s[n.end:nums[k+1].start] == "点") &&
				!hasPrefix(skipSpace(s[nums[k+1].end:]), headcountWords...) {
				k++
				roles[k] = roleMinute
			}
		case small && n.lo <= 12 && hasSuffix(before, "早", "晚", "早上", "晚上", "下午", "上午") && !hasPrefix(after, "元", "块", "天", "小时", "个"):
			roles[k] = roleHour // 早8晚5
		case hasPrefix(after, "公里", "km", "千米", "里地", "里路", "米"):
			roles[k] = roleDistance
		case (countsPeople(n, before, after) || countedOnItsOwn(nums, roles, k, before, after) || manyPeople(n, before, after)) &&
			hasPrefix(after, headcountWords...) && !hasPrefix(after, "男", "女", "工人"):
			// Before the pay words: in "300/天 2人" and "日结 200-250一天 3名"
			// the 天 belongs to the pay before, and 人 says what 2 counts
			// (but 日结200男女不限 is pay).
			roles[k] = roleHeadcount
		case isMoney(before, after):
			roles[k] = roleMoney
		case hasPrefix(after, "天", "小时", "个小时", "个月", "年", "周", "星期", "个星期", "礼拜", "分钟", "晚", "次", "层", "楼", "平", "斤", "吨", "箱", "件", "车"):
			roles[k] = roleDuration
		case askingPrice(n, before, after):
			roles[k] = roleMoney // 电焊 要350: the day's price, not 350 people
		case countsPeople(n, before, after) &&
			hasSuffix(trimFillers(before), "人数", "名额", "招", "需要", "需", "要", "夫妻") && !hasPrefix(after, "个"):
			roles[k] = roleHeadcount
		case n.lo >= 1000 && n.digits <= 6 && !hasPrefix(after, "年", "米", "号", "室", "平", "元/件", "人", "名", "位") && (n.end == len(s) || !isASCIIAlnum(s[n.end])):
			roles[k] = roleMoney // 26天13800: thousands in a posting are pay (1000人 are people)
		case n.hi <= 500 && n.digits <= 3 && strings.HasPrefix(after, "个") &&
			(skillAt != nil && skillAt(len(s)-len(after)+len("个")) || endsClause(after[len("个"):]) || about(after[len("个"):])):
			roles[k] = roleHeadcount
		case single && n.lo >= 100 && n.lo < 1000 && skillAt != nil && skillRightBefore(s, n.start, skillAt):
			roles[k] = roleMoney // 钢筋工350 木工400: each trade's pay
		}
	}
	return roles
}

// countsPeople reports a figure that may count people: small, not "每2人"
// or "1人200" (per person) or "1位老人" (the person cared for).
func countsPeople(n number, before, after string) bool {
	return n.hi <= 500 && n.digits <= 3 && !hasSuffix(before, "/", "每") && !perPerson(n, after) && !cared(after)
}

// measuredWords before a figure make it a body measure or a size, never
// pay or a count.
var measuredWords = []string{"身高", "体重", "年龄", "年纪", "面积", "身高要求", "楼层"}

// ageRange reports an age range without 岁: "男18-45 女18-40",
// "年龄18-50". Gig postings never hire 18-45 people.
func ageRange(n number, before, after string) bool {
	if n.lo == n.hi || n.lo < 16 || n.hi > 70 || n.hi-n.lo < 10 || n.digits != 2 {
		return false
	}
	if hasPrefix(after, "人", "名", "位", "个", "元", "块", "/") {
		return false
	}
	return hasSuffix(before, "男", "女", "男性", "女性", "男工", "女工", "年龄", "年龄要求", "年龄:")
}

// atoiASCII reads a short run of ASCII digits; -1 when there is none or
// something else is there.
func atoiASCII(s string) int {
	if s == "" || len(s) > 4 {
		return -1
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return -1
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// numberedThing reports "2号桥", "3号线", "5号楼": a numbered place or
// thing, not a day of the month.
func numberedThing(after string) bool {
	if !strings.HasPrefix(after, "号") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after[len("号"):])
	return strings.ContainsRune("桥路门院楼线地码库厂车仓口街道位店机房台柜窗层室", r)
}

// weeklyOff reports what follows 每周N when it is no working day: a day
// off (每周6休息), a payday (每周5发工资, 每周1结) or more days named
// (每周6日, 每周6和周日).
func weeklyOff(after string) bool {
	return hasPrefix(after, "休", "结", "发", "放", "日", "天", "和", "及", ",", "-", "~", "到", "至", "或")
}

// weekdayRange reports "周1到周5": working days, not a start.
func weekdayRange(after string) bool {
	return hasPrefix(after, "到周", "至周", "-周", "到星期", "至星期", "~周")
}

// endsClause reports whether nothing but a break follows ("招小工 五个 …").
func endsClause(s string) bool {
	return s == "" || strings.ContainsRune(" ,.;!?\n", rune(s[0]))
}

// perPerson reports "1人200": a price per person follows, not a count
// ("5名 1天300" is a count followed by a day rate).
func perPerson(n number, after string) bool {
	if n.lo != 1 {
		return false
	}
	// "1名" is always a count: nobody prices work per 名.
	_, rest := cutAnyPrefix(after, "个人", "人", "位")
	if len(rest) == len(after) {
		return false
	}
	rest = skipSpace(rest)
	if hasPrefix(rest, "¥") {
		return true
	}
	// 1个人1天200: per person and per day.
	if _, r := cutAnyPrefix(rest, "1天", "每天", "1日", "每日", "1晚", "1个月", "每月", "1小时", "1个小时", "每小时"); len(r) < len(rest) {
		return isDigitStart(skipSpace(r))
	}
	j := 0
	for j < len(rest) && isDigit(rest[j]) {
		j++
	}
	if j == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[j:])
	return j == len(rest) || strings.ContainsRune("元块/ ,.;!?\n\t", r)
}

// cared reports "1位老人": the person cared for, not a worker.
func cared(after string) bool {
	_, rest := cutAnyPrefix(after, "个", "位", "名")
	return hasPrefix(rest, "老人", "孩子", "宝宝", "小孩", "老太太", "老爷子", "病人", "患者", "客人", "顾客", "学生", "老师")
}

// dayList reports days of the month in a list ("28,29两天", "28,29号"):
// small figures joined by commas, the list ending in 号/日 or in as many
// days as it names.
func dayList(s string, nums []number, k int) bool {
	return dayListEnd(s, nums, k) > nums[k].start
}

// dayListEnd is where the day list starting at nums[k] ends, or
// nums[k].start when none starts there.
func dayListEnd(s string, nums []number, k int) int {
	none := nums[k].start
	if k > 0 && strings.TrimSpace(s[nums[k-1].end:nums[k].start]) == "," {
		return none // inside a list that started before
	}
	j := k
	for ; ; j++ {
		n := nums[j]
		if n.lo != n.hi || n.digits > 2 || n.lo < 1 || n.lo > 31 || n.money || j > k && n.lo <= nums[j-1].lo {
			return none
		}
		if j+1 == len(nums) || strings.TrimSpace(s[n.end:nums[j+1].start]) != "," {
			break
		}
	}
	if j == k {
		return none
	}
	after := skipSpace(s[nums[j].end:])
	if hasPrefix(after, "号", "日") && !hasPrefix(after, "日结", "日薪") {
		return nums[j].end
	}
	// 28,29两天: the count of days right after the list.
	if j+1 < len(nums) && strings.TrimSpace(s[nums[j].end:nums[j+1].start]) == "" &&
		nums[j+1].lo == float64(j-k+1) && strings.HasPrefix(s[nums[j+1].end:], "天") {
		return nums[j].end
	}
	return none
}

// isMoney reports whether the words around a figure say it is money.
func isMoney(before, after string) bool {
	// 8小时, 3天: a length of time, not money (4小时80元: 80 is).
	if hasPrefix(after, "小时", "个小时", "分钟", "天", "个月", "个星期") {
		return false
	}
	// 1天100多件, 每天5-6套: a count of things done, not money.
	if hasPrefix(after, itemCounts...) {
		return false
	}
	// 168 日薪500: the pay word after belongs to the next figure.
	if p, ok := hasAnyPrefix(after, "日结", "日薪"); ok && isDigitStart(skipSpace(strings.TrimPrefix(after[len(p):], ":"))) {
		return false
	}
	if hasPrefix(after, moneyMarks...) || hasPrefix(after, "日结", "日薪", "包吃", "管吃", "包住", "/人", "1人", "每人", "1位") {
		return true
	}
	if strings.HasPrefix(before, "¥") || hasSuffix(before, "¥", "$") {
		return true
	}
	if u, ok := payUnitAfter(after); ok && u != "" && !hasPrefix(after, "天", "日", "小时", "时", "月", "个月") {
		return true
	}
	_, any := payUnitBefore(before)
	return any
}

func isDigitStart(s string) bool { return s != "" && isDigit(s[0]) }

func hasPrefix(s string, ps ...string) bool {
	_, ok := hasAnyPrefix(s, ps...)
	return ok
}

func hasSuffix(s string, ps ...string) bool {
	_, ok := hasAnySuffix(s, ps...)
	return ok
}

// maskPhones blanks phone numbers in digitised text (so their digits are
// not read as pay or dates) and reports one, digits only: the first
// mainland mobile, else the first Tianjin landline as 022 and its eight
// digits ("02224351234", the same eleven digits as a mobile). Mobiles may
// have spaces or dashes inside (138 1234 5678, 1 3 8 …) and a +86 in front;
// landlines are 022-2435 1234, (022)24351234, or eight digits right after
// 电话 or 座机.
func maskPhones(s string, phone *string) string {
	var b []byte
	mask := func(from, to int) {
		if b == nil {
			b = []byte(s)
		}
		for k := from; k < to; k++ {
			b[k] = ' '
		}
	}
	for i := 0; i+11 <= len(s); i++ {
		if s[i] != '1' || i > 0 && isDigit(s[i-1]) && !strings.HasSuffix(s[:i], "86") {
			continue
		}
		digits, j := readDigits(s, i, 11)
		if j < 0 || digits[1] < '3' || digits[1] > '9' {
			continue
		}
		if strings.HasSuffix(s[:i], "86") && i >= 2 && (i == 2 || !isDigit(s[i-3])) {
			i -= 2 // swallow the country code too
		}
		if phone != nil && *phone == "" {
			*phone = digits
		}
		mask(i, j)
		i = j - 1
	}
	if b != nil {
		s = string(b)
	}
	found := ""
	for i := 0; i < len(s); i++ {
		from, to, digits := landlineAt(s, i)
		if to < 0 {
			continue
		}
		if found == "" {
			found = digits
		}
		mask(from, to)
		i = to - 1
	}
	if phone != nil && *phone == "" {
		*phone = found
	}
	if b == nil {
		return s
	}
	return string(b)
}

// readDigits reads exactly n digits from s[i:], allowing one space or dash
// between two of them, and not followed by another digit; j is past the
// last digit, or -1.
func readDigits(s string, i, n int) (digits string, j int) {
	out := make([]byte, 0, n)
	for j = i; j < len(s) && len(out) < n; {
		c := s[j]
		switch {
		case isDigit(c):
			out = append(out, c)
			j++
		case (c == ' ' || c == '-') && len(out) > 0 && j+1 < len(s) && isDigit(s[j+1]):
			j++
		default:
			return "", -1
		}
	}
	if len(out) < n || j < len(s) && isDigit(s[j]) {
		return "", -1
	}
	return string(out), j
}

// landlineWords say the figures after them are a phone number.
var landlineWords = []string{"联系电话", "电话", "座机", "固话", "tel"}

// landlineAt reads a Tianjin landline starting at s[i]: the area code 022
// (maybe in brackets) and eight digits, or eight digits right after one of
// landlineWords. from and to span what to blank; to is -1 when there is
// none.
func landlineAt(s string, i int) (from, to int, digits string) {
	if i > 0 && (isDigit(s[i-1]) || isASCIIAlnum(s[i-1])) {
		return 0, -1, ""
	}
	j := i
	if strings.HasPrefix(s[i:], "(022)") {
		j += len("(022)")
	} else if strings.HasPrefix(s[i:], "022") {
		j += len("022")
		if j < len(s) && (s[j] == ' ' || s[j] == '-') {
			j++
		}
	} else if w, ok := hasAnyPrefix(s[i:], landlineWords...); ok {
		j += len(w)
		for {
			for j < len(s) && s[j] == ' ' {
				j++
			}
			f, ok := hasAnyPrefix(s[j:], ":", "号码", "是")
			if !ok {
				break
			}
			j += len(f)
		}
		if j < len(s) && s[j] == '0' {
			return 0, -1, "" // 022…: read from there
		}
		i = j
	} else {
		return 0, -1, ""
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || s[j] < '2' || s[j] > '9' {
		return 0, -1, "" // Tianjin numbers start 2 to 9
	}
	d, end := readDigits(s, j, 8)
	if end < 0 {
		return 0, -1, ""
	}
	return i, end, "022" + d
}

// gradeWords name a kind of worker without a trade: 大工 is the skilled
// hand, 小工 his helper.
var gradeWords = []string{"大工", "中工", "小工", "男工", "女工"}

// jobsIn counts the jobs named in s[from:to]: skill words (a word inside
// another, 焊工 in 电焊工, counts once) and grade words.
func jobsIn(s string, from, to int, skillAt func(i int) bool) int {
	count, inSkill := 0, false
	for i := from; i < to; {
		if g, ok := hasAnyPrefix(s[i:to], gradeWords...); ok {
			count++
			i += len(g)
			inSkill = false
			continue
		}
		hit := skillAt(i)
		if hit && !inSkill {
			count++
		}
		inSkill = hit
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return count
}

// markJobs sets job on each figure with a job or a shift named between it
// and the figure before, and each on a figure after 各 to the jobs named in
// its clause ("大工小工各1名": two), or to the shifts named in its line
// ("白班 200/天 夜班 240/天 各10人": two).
func markJobs(s string, nums []number, skillAt func(i int) bool) {
	prev := 0
	for k := range nums {
		n := &nums[k]
		n.job = jobsIn(s, prev, n.start, skillAt) > 0 || shiftsIn(s[prev:n.start]) > 0
		if before := trimSpaceRight(s[prev:n.start]); strings.HasSuffix(before, "各") {
			from := prev + strings.LastIndexAny(before, ",.;:!?\n") + 1
			n.each = jobsIn(s, from, prev+len(before)-len("各"), skillAt)
			line := s[:prev+len(before)-len("各")]
			line = line[strings.LastIndexAny(line, ";!?\n")+1:]
			n.each = max(n.each, shiftsIn(line))
		}
		prev = n.end
	}
}

// skillRightBefore reports a skill, grade or shift word in the run of Han
// characters right before s[at:] ("钢筋工350", "木工 400"), at most six
// back.
func skillRightBefore(s string, at int, skillAt func(i int) bool) bool {
	at = len(trimSpaceRight(s[:at]))
	if hasSuffix(s[:at], gradeWords...) || hasSuffix(s[:at], shiftNames...) {
		return true // 大工400 小工250, 白班 200
	}
	i := at
	for range 6 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if size == 0 || !unicode.Is(unicode.Han, r) {
			break
		}
		i -= size
		if skillAt(i) {
			return true
		}
	}
	return false
}

// listMarkers finds the numbers of a numbered list ("1.电焊工5名 2.力工10名",
// "1、…2、…"): a small figure at the start of a line or after a space or
// a colon, with a dot, comma or bracket and then words, next to another
// such figure one apart.
func listMarkers(s string, nums []number) []bool {
	type marker struct {
		sep byte
		v   int
	}
	var seps []byte // nil until a figure looks like a marker
	seen := map[marker]bool{}
	for k, n := range nums {
		if n.lo != n.hi || n.digits > 2 || n.lo < 1 || n.lo > 20 || n.money || n.end+1 >= len(s) ||
			!strings.ContainsRune(".,)", rune(s[n.end])) || isDigit(s[n.end+1]) || s[n.end+1] == ' ' {
			continue
		}
		if n.start > 0 && !strings.ContainsRune(" \n:,;!]", rune(s[n.start-1])) {
			continue
		}
		if seps == nil {
			seps = make([]byte, len(nums))
		}
		seps[k] = s[n.end]
		seen[marker{seps[k], int(n.lo)}] = true
	}
	if seps == nil {
		return nil
	}
	out := make([]bool, len(nums))
	for k, n := range nums {
		v := int(n.lo)
		out[k] = seps[k] != 0 && (seen[marker{seps[k], v - 1}] || seen[marker{seps[k], v + 1}])
	}
	return out
}
