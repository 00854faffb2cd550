package matcher

import (
	"strings"
	"unicode/utf8"
)

// Chinese numerals. 两, 俩 and 仨 are everyday forms of 2 and 3.
var cnDigit = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9, '壹': 1, '贰': 2, '叁': 3, '肆': 4,
	'伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
}

var cnUnit = map[rune]int{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000, '万': 10000}

// measureWords follow a number as its measure ("一天", "两个人"); a 一 or 两
// right before one belongs to it, not to the number before (两百一天 is
// 200 a day, not 210).
const measureWords = "天个人名位月周次件单晚早日小点年斤趟车"

func isCnNumeral(r rune) bool {
	_, d := cnDigit[r]
	_, u := cnUnit[r]
	return d || u || r == '俩' || r == '仨'
}

// digitize rewrites Chinese numerals in normalised text as Arabic digits:
// 两百 → 200, 三公里 → 3公里, 二百五 → 250, 一千二 → 1200, 十五 → 15,
// 五六个 → 5-6个, 一三八… → 138…. Runs that are words rather than numbers
// (千万, 万一, 一点儿, 一下) are left alone. Place and skill names are matched
// before this step, so 二号桥 and 八里台 are not disturbed.
func digitize(s string) string {
	if !hasCnNumeral(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := rune(0)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isCnNumeral(r) {
			b.WriteRune(r)
			prev = r
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !isCnNumeral(r2) {
				break
			}
			j += sz
		}
		run := s[i:j]
		next, _ := utf8.DecodeRuneInString(s[j:])
		out := numeralRun(run, prev, next)
		// Keep converted figures apart from Arabic ones: 300一天 must not
		// become 3001天.
		if out != run && prev >= '0' && prev <= '9' && out[0] >= '0' && out[0] <= '9' {
			b.WriteByte(' ')
		}
		b.WriteString(out)
		if out != run && next >= '0' && next <= '9' {
			b.WriteByte(' ')
		}
		prev, _ = utf8.DecodeLastRuneInString(run)
		i = j
	}
	return b.String()
}

func hasCnNumeral(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && isCnNumeral(r) {
			return true
		}
	}
	return false
}

// numeralRun converts one maximal run of numeral characters.
func numeralRun(run string, prev, next rune) string {
	rs := []rune(run)
	// A run that starts with a unit right after Arabic digits belongs to
	// them: 2千五 is 2千5, 1万2 is 12000 (readFigure reads the unit).
	if u, ok := cnUnit[rs[0]]; ok && u >= 100 && prev >= '0' && prev <= '9' && len(rs) > 1 {
		if len(rs) == 2 && (rs[1] == '一' || rs[1] == '两') && strings.ContainsRune(measureWords, next) {
			return string(rs[0]) + " " + numeralRun(string(rs[1:]), 0, next) // 2百一天
		}
		return string(rs[0]) + numeralRun(string(rs[1:]), rs[0], next)
	}
	// 五六千, 两三百, 七八十: a range of round figures.
	if len(rs) == 3 {
		d0, ok0 := cnDigit[rs[0]]
		d1, ok1 := cnDigit[rs[1]]
		u, oku := cnUnit[rs[2]]
		if ok0 && ok1 && oku && d0 > 0 && d1 == d0+1 {
			return itoa(d0*u) + "-" + itoa(d1*u)
		}
	}
	// A trailing 一/两 before a measure word is its own number: 两百一天.
	if n := len(rs); n >= 2 && (rs[n-1] == '一' || rs[n-1] == '两') && strings.ContainsRune(measureWords, next) {
		_, whole := cnValue(rs)
		if u, ok := cnUnit[rs[n-2]]; ok && u >= 100 || !whole {
			head := numeralRun(string(rs[:n-1]), prev, rs[n-1])
			return head + " " + numeralRun(string(rs[n-1:]), 0, next)
		}
	}
	if len(rs) == 1 {
		switch rs[0] {
		case '俩':
			return "2"
		case '仨':
			return "3"
		case '一':
			// 一点 is "a little" unless a time of day precedes (下午一点, not 早一点);
			// 一下, 一些, 一起 … are words.
			if next == '点' && !strings.ContainsRune("午晨上晚", prev) ||
				strings.ContainsRune("下些起般样直定切律旦共致向会边半", next) || prev == '万' || prev == '统' || prev == '唯' {
				return run
			}
		case '万':
			if prev == '过' || prev == '上' {
				return "10000" // 月入过万
			}
			return run
		case '千', '百', '拾', '佰', '仟':
			return run
		}
	}
	if v, ok := cnValue(rs); ok {
		return itoa(v)
	}
	// Bare digits: 五六 is "five or six", 一三八 spells digits out.
	allDigits := true
	for _, r := range rs {
		if _, ok := cnDigit[r]; !ok {
			allDigits = false
		}
	}
	if allDigits {
		if len(rs) == 2 && cnDigit[rs[1]] == cnDigit[rs[0]]+1 {
			return itoa(cnDigit[rs[0]]) + "-" + itoa(cnDigit[rs[1]])
		}
		// 三五个, 三五天: "a few", said as three to five.
		if len(rs) == 2 && rs[0] == '三' && rs[1] == '五' && strings.ContainsRune(measureWords+"公里条块元", next) {
			return "3-5"
		}
		var b strings.Builder
		for _, r := range rs {
			b.WriteByte(byte('0' + cnDigit[r]))
		}
		return b.String()
	}
	return run
}

// cnValue reads a numeral with units (一千二百五十, 二百五, 一万五). ok is
// false for runs that are not one number (千万, 五六十).
func cnValue(rs []rune) (int, bool) {
	total, section, digit := 0, 0, -1
	lastUnit := 0
	hasUnit := false
	for k, r := range rs {
		if d, ok := cnDigit[r]; ok {
			if digit >= 0 && digit != 0 && d != 0 {
				return 0, false // two digits in a row: 五六十
			}
			digit = d
			if k == len(rs)-1 && lastUnit >= 100 && rs[k-1] != '零' {
				// Colloquial: 二百五 = 250, 一千二 = 1200, 一万五 = 15000.
				section += d * lastUnit / 10
				digit = -1
			}
			continue
		}
		u := cnUnit[r]
		hasUnit = true
		if u == 10000 {
			if digit > 0 {
				section += digit
			}
			if section == 0 && total == 0 {
				return 0, false
			}
			total = (total + section) * 10000
			section, digit, lastUnit = 0, -1, u
			continue
		}
		if digit < 0 {
			if u != 10 || section != 0 || total != 0 || k != 0 {
				return 0, false // 千, 百 with no digit before: a word
			}
			digit = 1 // 十五 = 15
		}
		section += digit * u
		digit, lastUnit = -1, u
	}
	if !hasUnit {
		return 0, false
	}
	if digit > 0 {
		section += digit
	}
	return total + section, true
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := v < 0
	if neg {
		v = -v
	}
	for v > 0 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// number is one figure found in digitised text, possibly a range.
type number struct {
	start, end int     // byte span in the text, the range included
	lo, hi     float64 // equal when not a range
	digits     int     // digit count of the first figure (a phone has 11)
	money      bool    // written with a money word inside: 5毛, 1块5

	// Set by classify when it can tell skill words (in a posting):
	job  bool // a job is named between the figure before and this one
	each int  // for a count after 各: the jobs named before 各
}

// numbers finds every figure in digitised text: 300, 1.5万, 5k, 5-6千,
// 200~300, 200到300, 300+ and 10多 (read as 10).
func numbers(s string) []number {
	var out []number
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		lo, end, digits := readFigure(s, i)
		n := number{start: i, end: end, lo: lo, hi: lo, digits: digits}
		// A range: 200-300, 200~300, 200到300, 5-6k.
		j := end
		for j < len(s) && s[j] == ' ' {
			j++
		}
		// Minutes (8:00-17:00) never open a range.
		if sep, ok := hasAnyPrefix(s[j:], "-", "~", "到", "至"); ok && !(i >= 2 && s[i-1] == ':' && isDigit(s[i-2])) {
			k := j + len(sep)
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && isDigit(s[k]) {
				hi, end2, _ := readFigure(s, k)
				// 5-6k: the multiplier of the second figure applies to both.
				for _, mult := range []float64{10000, 1000} {
					if hi >= mult && lo < mult && lo*mult <= hi {
						lo *= mult
						break
					}
				}
				if hi >= lo {
					n.hi, n.lo, n.end = hi, lo, end2
				}
			}
		}
		readFen(s, &n)
		// 300+, 300多, 10余, 10来, 10几: about that much; read the figure.
		if p, ok := hasAnyPrefix(s[n.end:], "+", "多", "余", "来", "几"); ok && !strings.HasPrefix(s[n.end:], "来自") {
			n.end += len(p)
		}
		out = append(out, n)
		i = n.end
	}
	return out
}

// readFen reads the small change after a figure: 5毛 and 2角 are tenths
// of a yuan, 1块5 and 3元5角 a yuan and tenths (piece rates are paid so).
func readFen(s string, n *number) {
	if n.lo != n.hi || n.lo >= 100 || n.lo != float64(int(n.lo)) {
		return
	}
	rest := s[n.end:]
	if p, ok := hasAnyPrefix(rest, "毛", "角"); ok {
		if r, _ := utf8.DecodeRuneInString(rest[len(p):]); strings.ContainsRune("巾坯衣利重料", r) {
			return // 毛巾, 毛利: not money
		}
		n.lo /= 10
		n.hi = n.lo
		n.end += len(p)
		n.money = true
		return
	}
	p, ok := hasAnyPrefix(rest, "块", "元")
	if !ok || len(rest) < len(p)+1 || !isDigit(rest[len(p)]) {
		return
	}
	tail := rest[len(p)+1:]
	fen, _ := hasAnyPrefix(tail, "毛", "角")
	// Only 块 drops the 毛 (1块5); 35元1平 and 10块5人 are per one 平 and
	// for five people.
	if fen == "" && (p != "块" || tail != "" && !strings.ContainsRune(" ,.;!?\n", rune(tail[0]))) {
		return
	}
	n.lo += float64(rest[len(p)]-'0') / 10
	n.hi = n.lo
	n.end += len(p) + 1 + len(fen)
	n.money = true
}

// readFigure reads digits at s[i:], an optional decimal part and an
// optional multiplier (k, 千, w, 万, 百).
func readFigure(s string, i int) (v float64, end, digits int) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		v = v*10 + float64(s[j]-'0')
		j++
		digits++
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		f := 0.1
		for j++; j < len(s) && isDigit(s[j]); j++ {
			v += float64(s[j]-'0') * f
			f /= 10
		}
	}
	if digits > 9 {
		return v, j, digits // a phone or an id: no multiplier
	}
	if p, ok := hasAnyPrefix(s[j:], "千", "万", "百", "k", "w"); ok {
		after := s[j+len(p):]
		// "5k" must not be the start of a latin word.
		if (p == "k" || p == "w") && after != "" && isASCIIAlnum(after[0]) && !isDigit(after[0]) {
			return v, j, digits
		}
		switch p {
		case "千", "k":
			v *= 1000
		case "万", "w":
			v *= 10000
		case "百":
			v *= 100
		}
		j += len(p)
		// 6千5 = 6500, 2百5 = 250 (one digit after the multiplier, as
		// people say it).
		if j < len(s) && isDigit(s[j]) && (j+1 >= len(s) || !isDigit(s[j+1])) {
			switch p {
			case "百":
				v += float64(s[j]-'0') * 10
			case "千", "k":
				v += float64(s[j]-'0') * 100
			case "万", "w":
				v += float64(s[j]-'0') * 1000
			}
			j++
		}
	}
	return v, j, digits
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Distance reads a travel distance ("3公里", "三公里", "5km", "500米").
// A bare number is kilometres. "不限", "都行", "无所谓" and the like mean any
// distance: 0 with ok.
func (m *Matcher) Distance(text string) (km float64, ok bool) {
	s := digitize(Normalize(text))
	if isAnyAnswer(s) {
		return 0, true
	}
	for _, n := range numbers(s) {
		rest := skipSpace(s[n.end:])
		v := n.hi
		switch unit, _ := hasAnyPrefix(rest, "公里", "km", "千米", "里地", "里路", "里", "米", "m", "站"); unit {
		case "公里", "km", "千米":
		case "里地", "里路", "里":
			v /= 2 // a Chinese li is half a kilometre
		case "米", "m":
			v /= 1000
		case "站":
			continue // metro stops: not a distance we can use
		default:
			if _, time := hasAnyPrefix(rest, "点", "小时", "分钟", "岁", "元", "块", "天", "号", "月", "人", "名"); time {
				continue
			}
		}
		if v <= 0 || v > 1000 {
			continue
		}
		return v, true
	}
	return 0, false
}

// isAnyAnswer reports whether a reply means "no limit" (不限, 都行, 无所谓).
func isAnyAnswer(s string) bool {
	s = strings.TrimSpace(s)
	if runeLen(s) > 12 {
		return false
	}
	return containsAny(s, "不限", "都行", "无所谓", "随便", "没要求", "都可以", "多少都行", "多远都行", "都可", "均可", "不在乎", "没关系", "哪都行", "不挑")
}
