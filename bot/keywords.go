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
	intentKeep        intent = "keep" // keep the current value
	intentAny         intent = "any"  // no limit (distance, pay, district)
	intentSkip        intent = "skip"
)

// intentWords are the words people type for each intent. A message means
// an intent only when it is one of these words as a whole (after
// folding width and case and trimming punctuation), so "招聘保洁2名…" is a
// posting, not the command "招聘". The English words are also what the
// English help text tells people to type.
var intentWords = map[intent][]string{
	intentYes: {"确认", "确定", "对", "对的", "好", "好的", "是", "是的", "没错", "没问题",
		"可以", "行", "嗯", "同意", "正确", "确认发布", "发布", "ok", "okay", "yes", "y", "confirm", "publish"},
	intentEdit: {"修改", "改", "改一下", "不对", "不是", "错了", "重来", "重新", "重新填写", "重填", "重写",
		"change", "edit", "rewrite", "redo", "no", "n"},
	intentCancel:      {"取消", "算了", "退出", "不要了", "不用了", "不发了", "cancel", "quit", "exit"},
	intentMenu:        {"菜单", "主菜单", "功能", "开始", "你好", "您好", "在吗", "在不在", "menu", "start", "hi", "hello"},
	intentHelp:        {"帮助", "怎么用", "说明", "使用说明", "help"},
	intentRegister:    {"登记", "注册", "register", "signup", "sign up"},
	intentProfile:     {"我的资料", "资料", "我的信息", "查看资料", "profile"},
	intentEditProfile: {"修改资料", "改资料", "更新资料", "edit_profile"},
	intentPause:       {"暂停", "暂停推送", "别推了", "先别推了", "不要推了", "pause"},
	intentResume:      {"恢复", "恢复推送", "继续推送", "resume"},
	intentUnsubscribe: {"退订", "取消订阅", "unsubscribe"},
	intentSearch:      {"找工作", "找活", "找活儿", "搜索", "search", "jobs"},
	intentPost:        {"发布招聘", "招聘", "招人", "我要招人", "招工", "发布招工", "post", "hire"},
	intentAnnounce:    {"发布招聘会", "announce_fair"},
	intentFairs:       {"招聘会", "fairs"},
	intentKeep:        {"不变", "不改", "不用改", "保持", "一样", "还是这样", "keep"},
	intentAny:         {"不限", "都行", "随便", "无所谓", "全市", "全部", "any"},
	intentSkip:        {"跳过", "不填", "skip"},
}

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
