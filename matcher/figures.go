package matcher

import (
	"strings"
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
var headcountWords = []string{"对夫妻", "对", "名", "人", "位", "个人", "个工人", "个师傅", "个阿姨", "个大姐", "个小伙", "个男", "个女", "工人", "男", "女", "口人"}

// classify gives each figure its role. skillAt, when set, tells whether a
// skill word starts at a byte offset, for "要3个力工".
func classify(s string, nums []number, skillAt func(i int) bool) []numRole {
	roles := make([]numRole, len(nums))
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
		case isDottedDate(s, n, after):
			roles[k] = roleDate
		case ageRange(n, before, after):
			roles[k] = roleAge
		case n.hi <= 20 && hasSuffix(before, "夫妻"):
			roles[k] = roleHeadcount // 夫妻俩
		case n.lo == 1 && hasPrefix(after, "人", "位") && k > 0 && roles[k-1] == roleMoney &&
			strings.TrimSpace(s[nums[k-1].end:n.start]) == "":
			roles[k] = roleOther // 200 1人: per person
		case perUnit(n, after):
			roles[k] = roleDuration
		case hasSuffix(trimFillers(before), feeWords...):
			roles[k] = roleOther
		case hasPrefix(after, "岁", "周岁"):
			roles[k] = roleAge
		case small && n.lo >= 1 && n.lo <= 7 && n.digits == 1 && hasSuffix(before, "周", "星期", "礼拜") &&
			!hasSuffix(before, "每周", "1周", "每星期", "每个星期", "每礼拜") && !hasPrefix(after, "次", "天", "个", "小时", "晚") &&
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
			!hasPrefix(after, "日结", "日薪", "日工资", "日赚", "日入") && !numberedThing(after):
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
		case isMoney(before, after):
			roles[k] = roleMoney
		case hasPrefix(after, "天", "小时", "个小时", "个月", "年", "周", "星期", "个星期", "礼拜", "分钟", "晚", "次", "层", "楼", "平", "斤", "吨", "箱", "件", "车"):
			roles[k] = roleDuration
		case n.hi <= 500 && n.digits <= 3 && !hasSuffix(before, "/", "每") && !perPerson(n, after) && !cared(after) &&
			(hasPrefix(after, headcountWords...) || hasSuffix(trimFillers(before), "人数", "名额", "招", "需要", "需", "要", "夫妻") && !hasPrefix(after, "个")):
			roles[k] = roleHeadcount
		case n.lo >= 1000 && n.digits <= 6 && !hasPrefix(after, "年", "米", "号", "室", "平", "元/件") && (n.end == len(s) || !isASCIIAlnum(s[n.end])):
			roles[k] = roleMoney // 26天13800: thousands in a posting are pay
		case n.hi <= 500 && n.digits <= 3 && strings.HasPrefix(after, "个") &&
			(skillAt != nil && skillAt(len(s)-len(after)+len("个")) || endsClause(after[len("个"):])):
			roles[k] = roleHeadcount
		}
	}
	return roles
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

// isDottedDate reports "11.28", "12.1": month and day written with a dot,
// as a start ("11.28进场"), not money or a size.
func isDottedDate(s string, n number, after string) bool {
	span := s[n.start:n.end]
	dot := strings.IndexByte(span, '.')
	if dot < 1 || dot > 2 || n.lo != n.hi {
		return false
	}
	month, day := atoiASCII(span[:dot]), atoiASCII(span[dot+1:])
	if month < 1 || month > 12 || day < 1 || day > 31 || len(span)-dot-1 > 2 {
		return false
	}
	if _, pay := payUnitBefore(s[:n.start]); pay {
		return false
	}
	return hasPrefix(after, startWords...) || hasSuffix(trimSpaceRight(s[:n.start]), "从", "于", "日期", "时间", "时间:", "日期:")
}

// startWords follow a date that says when work begins.
var startWords = []string{"进场", "开工", "到岗", "上岗", "上班", "入职", "开始", "号", "日", "集合", "报到", "前", "之前", "起", "当天"}

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
	j := 0
	for j < len(rest) && isDigit(rest[j]) {
		j++
	}
	if j == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[j:])
	return j == len(rest) || strings.ContainsRune("元块/ ,.;!", r)
}

// cared reports "1位老人": the person cared for, not a worker.
func cared(after string) bool {
	_, rest := cutAnyPrefix(after, "个", "位", "名")
	return hasPrefix(rest, "老人", "孩子", "宝宝", "小孩", "老太太", "老爷子", "病人", "患者", "客人", "顾客", "学生", "老师")
}

// perUnit reports "1天260", "1单80": a 1 that means "per" before a
// measure word with the price right after it.
func perUnit(n number, after string) bool {
	if n.lo != 1 || n.hi != 1 {
		return false
	}
	r, size := utf8.DecodeRuneInString(after)
	if !strings.ContainsRune("天单件车亩平方晚箱趟小周次斤吨桶袋包间米套户份", r) {
		return false
	}
	rest := skipSpace(strings.TrimPrefix(after[size:], "地"))
	return rest != "" && isDigit(rest[0])
}

// feeWords before a figure make it a fee asked of the worker, not pay.
var feeWords = []string{"押金", "费", "保证金", "罚款", "扣", "押"}

// isMoney reports whether the words around a figure say it is money.
func isMoney(before, after string) bool {
	// 8小时, 3天: a length of time, not money (4小时80元: 80 is).
	if hasPrefix(after, "小时", "个小时", "分钟", "天", "个月", "个星期") {
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

// maskPhones blanks mainland mobile numbers in digitised text (so their
// digits are not read as pay or dates) and reports the first one, digits
// only. It tolerates spaces and dashes inside (138 1234 5678, 138-1234-5678)
// and a +86 in front.
func maskPhones(s string, phone *string) string {
	var b []byte
	for i := 0; i+11 <= len(s); i++ {
		if s[i] != '1' || i > 0 && isDigit(s[i-1]) && !strings.HasSuffix(s[:i], "86") {
			continue
		}
		if i+1 >= len(s) || s[i+1] < '3' || s[i+1] > '9' {
			continue
		}
		var digits [11]byte
		n, j := 0, i
		for j < len(s) && n < 11 {
			c := s[j]
			switch {
			case isDigit(c):
				digits[n] = c
				n++
				j++
			case (c == ' ' || c == '-') && j+1 < len(s) && isDigit(s[j+1]) && n > 0:
				j++
			default:
				n = -1
			}
			if n < 0 {
				break
			}
		}
		if n != 11 || j < len(s) && isDigit(s[j]) {
			continue
		}
		if strings.HasSuffix(s[:i], "86") && i >= 2 && (i == 2 || !isDigit(s[i-3])) {
			i -= 2 // swallow the country code too
		}
		if phone != nil && *phone == "" {
			*phone = string(digits[:])
		}
		if b == nil {
			b = []byte(s)
		}
		for k := i; k < j; k++ {
			b[k] = ' '
		}
		i = j - 1
	}
	if b == nil {
		return s
	}
	return string(b)
}
