package bot

import (
	"testing"
)

// TestRestWords: what workers say at rest beyond commands is answered,
// not met with "没看懂".
func TestRestWords(t *testing.T) {
	h := newHarness(t)
	h.publishAs("boss", "招力工3名 西青张家窝 一天260 电话13812345678") // no. 1
	h.publishAs("boss", cleanerPosting)                    // no. 2: 河西, 150 a day
	h.onboard("w", "保洁", "河西区", "10公里", "200")
	h.play("w", []exchange{
		// Asked in passing; nothing pays the worker's 200, so the closest.
		{send: "附近有活吗", has: []string{"没有工钱在每天200元以上的活", "河西保洁（编号 2）"}},
		{send: "有没有日结的？", has: []string{"河西保洁"}},
		// A place alone widens to any work there.
		{send: "西青有活没", has: []string{"暂时没有你登记的那类活", "西青力工（编号 1）"}},
		// "举报 1" right after that list: the first listed, no. 1.
		{send: "举报 1", has: []string{"收到你的举报：西青力工（编号 1）"}},
		{send: "有嘛活", has: []string{"河西保洁（编号 2）"}},
		// The first listed is no. 2: "举报 1" means it, "举报 2" too.
		{send: "举报 1", has: []string{"收到你的举报：河西保洁（编号 2）"}},
		{send: "好的", says: []string{"worker.ack"}},
		{send: "谢谢！", says: []string{"worker.ack"}},
		{send: "转人工", says: []string{"worker.human"}},
		{send: "他让我先交押金", says: []string{"worker.scam_advice"}},
		{send: "这是不是骗子", says: []string{"worker.scam_advice"}},
		{send: "干完活老板不给钱", says: []string{"worker.wage_help"}},
		{send: "你是机器人吗", says: []string{"worker.human"}},
		{send: "这是干啥的", has: []string{"我能帮你"}},
		{send: "谢了", says: []string{"worker.ack"}},
		{send: "[抱拳]", says: []string{"worker.ack"}},
		{send: "👍", says: []string{"worker.ack"}},
		// A number right after a list picks from it; the menu's "3"
		// (pause) is not pressed.
		{send: "有活不", has: []string{"河西保洁（编号 2）"}},
		{send: "1", has: []string{"河西保洁（编号 2）", "电话：13812345678"}},
		{send: "有木有活", has: []string{"河西保洁（编号 2）"}},
		{send: "举报第一个", has: []string{"你已经举报过"}},
		// After another message, numbers are the menu's again.
		{send: "1", has: []string{"你的资料"}},
		{send: "这两天先别发", says: []string{"worker.paused"}},
		{send: "找工作 电焊", has: []string{"推送现在是暂停的"}},
		{send: "开启推送", says: []string{"worker.resumed"}},
	})
}

// TestSearchWidensFarther: nothing near the worker, the same work
// elsewhere in the city.
func TestSearchWidensFarther(t *testing.T) {
	h := newHarness(t)
	h.publishAs("boss", "招力工3名 西青张家窝 一天260 电话13812345678")
	h.onboard("w", "力工", "河西区", "3公里", "跳过")
	h.play("w", []exchange{{send: "找工作", has: []string{"附近暂时没有，远一点的有这些", "西青力工"}}})
}
