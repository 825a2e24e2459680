#!/usr/bin/env python3
"""Generates Data/training.csv from the fragments in training_fragments.py.

Deterministic (fixed seed): rerunning it reproduces the committed file byte for byte.
    python3 generate_training.py [texts_per_category]   (default 160)

Each text = optional channel prefix / greeting / self-introduction / irrelevant filler, then one or two issue
sentences of the category with optional details and a request, then an optional closing. Some texts get a second,
unrelated issue appended (the label stays the first issue), some get typos, some lose their punctuation, so the model
sees the messiness real complaints have.
"""
import csv, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from training_fragments import F  # noqa: E402
from training_fragments_colloquial import X  # noqa: E402

for _code, _sentences in X.items():
    F[_code]["i"] += "|" + _sentences

HERE = os.path.dirname(os.path.abspath(__file__))



def _bigrams(text):
    cjk = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    return {cjk[i:i + 2] for i in range(len(cjk) - 1)}


def drop_near_copies():
    """The fragments were written by the same author just after development.csv. A fragment of 8+ Chinese characters
    whose bigrams sit mostly (>= 60%) inside one hand-written text is a near-copy of that text: drop it, so the training
    corpus does not carry a hand-written sentence into the model. Short generic phrases ("很危险") are kept."""
    held_out = []
    # Only the development set: the blind evaluation set was written after this corpus was frozen and must not shape it.
    with open(os.path.join(HERE, "development.csv"), encoding="utf-8") as fh:
        held_out += [_bigrams(row["text"]) for row in csv.DictReader(fh)]
    dropped = 0
    for spec in F.values():
        for key in ("i", "d", "a"):
            kept = []
            for fragment in spec[key].split("|"):
                grams = _bigrams(fragment)
                if len(grams) >= 7 and any(len(grams & h) >= 0.6 * len(grams) for h in held_out):
                    dropped += 1
                    continue
                kept.append(fragment)
            spec[key] = "|".join(kept)
    return dropped

SEED = 20261127
PER_CATEGORY = int(sys.argv[1]) if len(sys.argv) > 1 else 220

ESTATES = "阳光花园 金色家园 东湖小区 幸福里 春晖苑 西城名邸 和谐家园 翠竹园 兴华小区 丽景湾 南苑新村 龙湖天街 锦江公寓 桂花园 华府小区 红旗新村 水岸名都 世纪花城 南湖一号 文昌小区 建新村 纺织厂宿舍 铁路新村 城中村".split()
ROADS = "人民路 建设路 胜利街 解放大道 长江路 黄河路 文化路 中山路 北京路 光明街 新华路 迎宾大道 工业路 学院路 环城东路 滨河路 朝阳路 东风路".split()
SHOPS = "KTV 酒吧 烧烤店 超市 饭店 棋牌室 奶茶店 服装店 歌厅 健身房 网吧 水果店".split()
TIMES = "晚上十一点 凌晨一点 半夜 凌晨三四点 每天早上六点 深夜 晚上 周末 每天中午 夜里十二点多".split()
NUMBERS = "两 三 五 七 十 十几 二十多 好几".split()

CHANNEL_PREFIX = ["", "", "", "", "市民来电反映：", "来电人称，", "群众反映：", "网友留言：", "居民通过微信反映，", "报警人称，", "信访人反映：", "【社区留言板】", "【12345工单】市民反映："]
GREETING = ["", "", "", "您好，", "你好，", "领导好，", "喂，你好，", "打扰了，", "您好！", "12345你好，", "工作人员你好，", "书记您好，"]
INTRO = ["", "", "", "我是{P}的业主，", "我是住在{R}附近的居民，", "我家住{P}{N}号楼，", "本人是{P}的住户，", "我们是{P}的居民，",
         "我是在{R}上班的，", "我是{P}的老住户了，", "我姓王，住{P}，", "我是外地来打工的，住在{P}，", "我是一位退休老人，", "我是宝妈，家住{P}，"]
FILLER = ["", "", "", "", "我平时上班很忙，", "这个事情说了不止一次了，", "我在这里住了十几年了，", "说实话我也不想麻烦你们，",
          "周围的邻居也都很有意见，", "之前也打过电话，", "我家里有老人和小孩，", "我今天特意请假打这个电话，",
          "昨天我还跟社区的人说过，", "我们这一片住的大多是老人，", "可能你们也接到过类似的反映，", "不知道这个归不归你们管，",
          "我家孩子今年读初三，", "我老公常年在外地跑车，", "我们是去年才搬过来的，", "我身体不太好，前段时间刚住院，", "我在网上也发过帖子，",
          "这事我跟家里人商量了好久才决定打电话，", "我是做小生意的，每天起早贪黑，", "我们家三代人住在一起，"]
AFTER = ["", "", "", "", "真的是没办法了，", "我们也是实在忍不了了，", "邻居们都在群里说这个事，", "问了好几个部门都说不归他们管，",
         "我们都是普通老百姓，", "说起来都是泪，", "这种情况在别的地方也有吧，", "我都打了好几次电话了，"]
CLOSING = ["", "", "谢谢。", "希望尽快处理。", "麻烦相关部门管一管，谢谢！", "请给个答复。", "盼回复。", "拜托了！", "希望能得到解决。",
           "谢谢你们了。", "能不能派人来看看？", "希望政府重视一下。", "急！", "等你们的消息。"]
CONNECT = ["另外，", "还有就是，", "顺便说一下，", "再一个，", "而且", "同时"]
JOIN = ["，", "，", "，", "。", "；", "，而且"]

# Common IME slips: homophones and near-shapes residents actually type.
TYPOS = {"的": "地", "在": "再", "吵": "炒", "噪": "燥", "已": "以", "坏": "怀", "做": "作", "那": "哪", "反映": "反应",
         "希望": "希忘", "辛": "幸", "部门": "部们", "处理": "处里", "楼": "搂", "垃圾": "拉圾", "厉害": "利害", "安装": "按装"}


def fill(rng, text):
    return (text.replace("{P}", rng.choice(ESTATES)).replace("{R}", rng.choice(ROADS)).replace("{S}", rng.choice(SHOPS))
            .replace("{T}", rng.choice(TIMES)).replace("{N}", rng.choice(NUMBERS)))


def parts(spec, key):
    return spec[key].split("|")


def issue_block(rng, spec):
    issues = rng.sample(parts(spec, "i"), k=min(len(parts(spec, "i")), rng.choice([1, 1, 1, 2])))
    block = rng.choice(JOIN).join(fill(rng, s) for s in issues)
    details = rng.sample(parts(spec, "d"), k=2)
    if rng.random() < 0.6:
        block += "，" + fill(rng, details[0])
        if rng.random() < 0.3:
            block += "，" + fill(rng, details[1])
    if rng.random() < 0.6:
        block += "，" + fill(rng, rng.choice(parts(spec, "a")))
    return block


def add_typos(rng, text):
    for right, wrong in TYPOS.items():
        if right in text and rng.random() < 0.25:
            text = text.replace(right, wrong, 1)
    return text


def compose(rng, code, codes):
    spec = F[code]
    text = fill(rng, rng.choice(CHANNEL_PREFIX) + rng.choice(GREETING) + rng.choice(INTRO) + rng.choice(FILLER))
    text += issue_block(rng, spec)
    after = rng.choice(AFTER)
    if after:
        text += "，" + after.rstrip("，")
    if rng.random() < 0.10:
        other = rng.choice([c for c in codes if c.split(".")[0] != code.split(".")[0]])
        text += "。" + rng.choice(CONNECT) + fill(rng, rng.choice(parts(F[other], "i")))
    closing = rng.choice(CLOSING)
    text += ("。" + closing) if closing else "。"
    if rng.random() < 0.15:
        text = add_typos(rng, text)
    if rng.random() < 0.10:
        text = text.replace("，", " ").replace("。", " ")
    return text.replace("，，", "，").replace("。。", "。")


def main():
    dropped = drop_near_copies()
    print(f"dropped {dropped} fragments that nearly copy a hand-written text")
    rng = random.Random(SEED)
    codes = sorted(F)
    rows, seen = [], set()
    for code in codes:
        made, attempts = 0, 0
        while made < PER_CATEGORY and attempts < PER_CATEGORY * 20:
            attempts += 1
            text = compose(rng, code, codes)
            if text in seen:
                continue
            seen.add(text)
            rows.append((text, code))
            made += 1
    rng.shuffle(rows)
    out = os.path.join(HERE, "training.csv")
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["text", "category"])
        writer.writerows(rows)
    print(f"{len(rows)} texts, {len(codes)} categories -> {out}")


if __name__ == "__main__":
    main()
