package bot

// intent is what a message asks for, whichever words, number or button it
// came as. Intents double as the values of the choices the engine offers,
// which Telegram sends back as the message text.
type intent string

// The intents the engine recognises.
const (
	intentNone        intent = ""
	intentYes         intent = "yes"
	intentEdit        intent = "edit" // no, change what was shown
	intentCancel      intent = "cancel"
	intentMenu        intent = "menu"
	intentHelp        intent = "help"
	intentRegister    intent = "register"
	intentProfile     intent = "profile"
	intentEditProfile intent = "edit_profile"
	intentPause       intent = "pause"
	intentResume      intent = "resume"
	intentUnsubscribe intent = "unsubscribe"
	intentSearch      intent = "search"
	intentPost        intent = "post"
	intentAnnounce    intent = "announce_fair"
	intentFairs       intent = "fairs"
	intentFairList    intent = "fair_list" // a question about fairs ("最近有招聘会吗"): the list, for staff too
	intentKeep        intent = "keep"      // keep the current value
	intentAny         intent = "any"       // no limit (distance, pay, district)
	intentSkip        intent = "skip"
	intentRestart     intent = "restart"       // start the current dialog over
	intentBack        intent = "back"          // back to the previous question ("上一步")
	intentDelivery    intent = "delivery"      // the delivery settings ("推送设置")
	intentInstant     intent = "instant"       // each posting as it comes
	intentDigest      intent = "digest"        // one digest a day
	intentQuiet       intent = "quiet"         // set the quiet hours
	intentCap         intent = "cap"           // set the daily cap
	intentDone        intent = "done"          // leave the settings
	intentClose       intent = "close_posting" // an employer closes a posting ("招满了")
	intentFairJoin    intent = "fair_register" // a worker registers for a fair ("报名")
	intentFairCounts  intent = "fair_counts"   // staff count the registrations
	intentFairLeave   intent = "fair_leave"    // a worker withdraws ("取消报名")

	// Trust and safety (safety.go, review.go).
	intentReport     intent = "report"      // a worker reports a posting ("举报")
	intentForget     intent = "forget"      // a user deletes their data ("删除我的信息")
	intentReviewList intent = "review_list" // staff list held postings ("待审核")
	intentApprove    intent = "approve"     // staff publish a held posting ("通过 12")
	intentReject     intent = "reject"      // staff refuse a posting ("拒绝 12 原因")
	intentBlacklist  intent = "blacklist"   // staff block an employer ("拉黑 …")
	intentVerify     intent = "verify"      // staff verify an employer ("认证 …")
)

// Choice values that carry an id: a button on a notice or a list. They
// come back as the message text, so they are read like keywords, and the
// id is checked against the store like anything else a user types.
const (
	valueFairJoin      = "fair:register:"
	valueClosePosting  = "posting:close:"
	valueReportPosting = "posting:report:"
	valueApprove       = "review:approve:"
	valueReject        = "review:reject:"
)

// intentWords are the words people type for each intent. A message means
// an intent only when it is one of these words as a whole (after
// folding width and case and trimming punctuation), so "招聘保洁2名…" is a
// posting, not the command "招聘". The English words are also what the
// English help text tells people to type.
var intentWords = map[intent][]string{
	intentYes: {"确认", "确定", "对", "对的", "好", "好的", "是", "是的", "没错", "没问题",
		"可以", "行", "嗯", "同意", "正确", "确认发布", "发布", "ok", "okay", "yes", "y", "confirm", "publish"},
	intentEdit: {"修改", "改", "改一下", "不对", "不是", "错了", "重新", "重新填写", "重填", "重写",
		"change", "edit", "rewrite", "redo", "no", "n"},
	intentRestart:     {"重来", "重新来", "从头来", "重头来", "从头开始", "重新开始", "再来一遍", "restart", "start over"},
	intentBack:        {"上一步", "上一个", "上一题", "上一个问题", "返回", "返回上一步", "回到上一步", "回去", "后退", "退回", "back"},
	intentCancel:      {"取消", "算了", "退出", "不要了", "不用了", "不发了", "cancel", "quit", "exit"},
	intentMenu:        {"菜单", "主菜单", "功能", "开始", "你好", "您好", "在吗", "在不在", "menu", "start", "hi", "hello"},
	intentHelp:        {"帮助", "怎么用", "说明", "使用说明", "help"},
	intentRegister:    {"登记", "注册", "register", "signup", "sign up"},
	intentProfile:     {"我的资料", "资料", "我的信息", "查看资料", "profile"},
	intentEditProfile: {"修改资料", "改资料", "更新资料", "edit profile", "edit_profile"},
	intentPause: {"暂停", "暂停推送", "别推了", "先别推了", "不要推了", "别发了", "不要发了", "别再发了", "不要再发了",
		"别给我发了", "不要给我发了", "别推送了", "不要推送了", "别再推了", "不要再推了", "停止推送", "别发", "不要发",
		"别推", "这几天别发", "这周别发", "最近别发", "停一下", "暂停一下", "找到工作了", "找到活了", "不找了",
		"暂时不找了", "停", "停了", "取消推送", "关掉推送", "关闭推送", "不想收了", "先不用了", "这两天别发", "这两天先别发",
		"别给我推了", "turn off notifications", "stop sending", "pause", "stop"},
	intentResume: {"恢复", "恢复推送", "继续推送", "继续发", "继续推", "接着发", "开始推送", "打开推送", "可以发了",
		"重新推送", "恢复发送", "又想找活了", "开启推送", "又要找活了", "重新开始推送", "发吧", "可以推了",
		"resume"},
	intentUnsubscribe: {"退订", "取消订阅", "取消关注", "td", "unsubscribe"},
	intentSearch:      {"找工作", "找活", "找活儿", "搜索", "search", "jobs"},
	intentPost: {"发布招聘", "招聘", "招人", "我要招人", "我想招人", "招工", "发布招工", "怎么发布", "怎么发招聘", "怎么招人",
		"如何发布", "怎么发招工", "post", "hire"},
	intentAnnounce: {"发布招聘会", "announce_fair"},
	intentFairs:    {"招聘会", "fairs"},
	intentKeep:     {"不变", "不改", "不用改", "保持", "一样", "还是这样", "keep"},
	intentAny:      {"不限", "都行", "随便", "无所谓", "全市", "全部", "any"},
	intentSkip:     {"跳过", "不填", "skip"},
	intentDelivery: {"推送设置", "推送方式", "设置", "我的设置", "查看设置", "看看设置", "消息设置", "提醒设置", "通知设置",
		"推送时间", "修改推送", "改推送", "settings", "delivery"},
	intentInstant: {"马上发", "有活马上发", "有活就发", "有活马上发给我", "实时推送", "及时推送", "一条一条发", "instant"},
	intentDigest:  {"每天发一次", "每天汇总", "每天汇总一次", "汇总", "一天发一次", "一天一次", "digest"},
	intentQuiet:   {"免打扰", "免打扰时间", "设置免打扰", "勿扰", "quiet", "quiet hours"},
	intentCap:     {"每天条数", "条数", "每天最多几条", "每天几条", "cap"},
	intentDone:    {"完成", "好了", "就这样", "设置好了", "done"},
	intentClose: {"招满了", "招满", "已招满", "满了", "人招够了", "招够了", "人够了", "不招了", "不招人了", "关闭招聘",
		"停止招聘", "结束招聘", "下架", "撤下", "close", "close_posting"},
	intentFairJoin:   {"报名", "我要报名", "报名参加", "参加", "我要参加", "join", "register for the fair", "fair_register"},
	intentFairLeave:  {"取消报名", "不去了", "不参加了", "不去招聘会了", "取消参加", "退出报名", "not going", "withdraw", "cancel registration", "fair_leave"},
	intentFairCounts: {"报名人数", "报名情况", "多少人报名", "几个人报名", "registrations", "fair_counts"},
	intentReport:     {"举报", "我要举报", "举报这条", "举报这个", "投诉", "report"},
	intentForget: {"删除我的信息", "删除我的资料", "删除我的数据", "删除信息", "删除资料", "删掉我的信息", "删掉我的资料",
		"注销", "注销账号",
		"delete my data", "forget me", "forget"},
	intentReviewList: {"待审核", "审核", "审核列表", "review", "review_list"},
}

// switching are the intents that change what a user is doing, which a
// short sentence means even with words around them ("我想先找工作",
// "算了，我要招人"): see phraseIntent.
var switching = map[intent]bool{
	intentCancel: true, intentMenu: true, intentHelp: true, intentRegister: true, intentProfile: true,
	intentEditProfile: true, intentPause: true, intentResume: true, intentUnsubscribe: true,
	intentSearch: true, intentPost: true, intentAnnounce: true, intentFairs: true, intentFairList: true, intentRestart: true,
	intentDelivery: true, intentClose: true, intentFairJoin: true, intentFairCounts: true, intentFairLeave: true,
	intentForget: true,
}

// leadFillers and tailFillers are the words around a command that do not
// change it: "我想先|找工作", "还是|招人|吧". Longer ones come first.
var (
	leadFillers = []string{"那我还是", "我还是", "那就", "我想要", "我想先", "我要先", "我先", "我想", "我要",
		"还是", "帮我", "给我", "麻烦", "请你", "已经", "现在", "那", "我", "想", "要", "先", "请", "再", "就"}
	tailFillers = []string{"一下吧", "一下", "吧", "了吧", "啊", "呢", "呀", "吗", "哈", "哦"}
)

// fairStems, in a short message, make it about job fairs: "最近有招聘会吗"
// asks for the list, "我想报名招聘会" registers.
var fairStems = []string{"招聘会", "招聘大会", "双选会", "job fair"}

// closeStems, anywhere in a short message, mean an employer is done
// hiring: "人已经招满了", "今天不招了".
var closeStems = []string{"招满", "招够", "人够了", "不招了", "不招人了", "关闭招聘", "停止招聘", "结束招聘",
	"招齐", "人齐了", "停招", "招到人了", "已招到", "找到人了", "满员", "人满了"}

// phraseMaxRunes bounds the sentences read for a command inside other
// words: a posting or a long answer is never a command.
const phraseMaxRunes = 16

// searchPrefixes start a search that names what and where: "找工作 保洁
// 河西". Longer prefixes come first so "找活儿" is not read as "找活" + "儿".
var searchPrefixes = []string{"找工作", "找活儿", "找活", "搜索", "search", "jobs"}

// chineseNumbers are the numerals people type for a menu number.
var chineseNumbers = map[string]int{
	"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}

// keywords maps each folded word to its intent.
var keywords = func() map[string]intent {
	m := map[string]intent{}
	for in, words := range intentWords {
		for _, w := range words {
			m[fold(w)] = in
		}
	}
	return m
}()
