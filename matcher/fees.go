package matcher

import (
	"strings"
	"unicode"
)

// Fees and rent a worker pays (押金200, 住宿费每月200从工资扣, 100元工牌费)
// are figures too; these read them so that they are never taken for pay.

// feeWords before a figure make it a fee asked of the worker, not pay;
// 交 and 缴 are the worker paying in (入职交100元工牌费).
var feeWords = []string{"押金", "费", "保证金", "风险金", "质保金", "保障金", "罚款", "扣", "押", "租金", "房租", "月租", "车租", "份子钱", "交", "缴", "交纳", "缴纳"}

// feePeriods may stand between a fee word and its figure: 住宿费每月200,
// 租金每月3000.
var feePeriods = []string{"每个月", "每月", "1个月", "/月", "每天", "1天", "/天", "每人", "1人", "每年", "1年", "每次", "1次"}

// feeBefore reports a fee word right before a figure, maybe with a period
// between (押金200, 住宿费每月200, 租金每月3000), or a clause in which the
// worker pays in (需缴纳风险金500元) with no pay word right before the figure.
func feeBefore(before string) bool {
	b := trimFillers(before)
	if p, ok := hasAnySuffix(b, feePeriods...); ok {
		b = trimFillers(b[:len(b)-len(p)])
	}
	if hasSuffix(b, feeWords...) {
		return true
	}
	clause := b[strings.LastIndexAny(b, " ,.;!?\n")+1:]
	if _, pay := payUnitBefore(clause); pay || !containsAny(clause, "交", "缴") {
		return false
	}
	return !containsAny(clause, "交通", "社保", "五险", "保险", "公积金", "交接", "提交", "交付", "成交")
}

// feeAfter reports a fee named right after a figure (raw is the text after
// it): "100元工牌费", "300元工服押金", "200从工资扣", "120元,从首月工资扣除".
// A word with 免 or 包 before its 费 is a perk (200免费住宿); a fee in the
// next clause ("月综合6000 体检费自理") is not this figure's.
func feeAfter(raw string) bool {
	_, after := cutAnyPrefix(raw, moneyMarks...)
	after = strings.TrimPrefix(after, "的")
	if d := strings.TrimLeft(after, " ,"); hasPrefix(d, "从", "在") {
		// A deduction from wages, in this clause or the next.
		if i := strings.IndexAny(d, ",.;!?\n"); i >= 0 {
			d = d[:i]
		}
		return strings.Contains(d, "工资") && strings.Contains(d, "扣")
	}
	if hasPrefix(after, "押金", "保证金", "租金", "房租", "工资里扣", "工资中扣") {
		return true
	}
	k := 0 // runes read
	for i, r := range after {
		switch {
		case k > 4 || !unicode.Is(unicode.Han, r) || strings.ContainsRune("免包无不", r):
			return false
		case r == '费':
			return k > 0 // 工牌费, not 费用 alone
		case r == '押' || r == '租':
			return strings.HasPrefix(after[i+len("押"):], "金") // 工服押金
		}
		k++
	}
	return false
}
