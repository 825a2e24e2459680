using NeedsMap.Classification.Topics;

namespace NeedsMap.Classification.Tests.Topics;

/// <summary>
/// The topic test set: groups of residents' texts (written for this test, with the distractors real groups have: sums of
/// money, adverbs, times of day, generic words) and the phrase a reader would put on a key-matters list for each group.
/// </summary>
public sealed class TopicTestSetTests
{
    public static TheoryData<string, string[], string[]> Cases => new()
    {
        {
            "vaccination queues",
            ["社区医院打疫苗排队要排三个小时，只有一个窗口", "周六带孩子去打疫苗排队排到中午还没轮到", "打疫苗排队的人太多了，能不能多开几个接种台",
             "老人打疫苗排队站不住，希望给老人设个座位", "好不容易约上了打疫苗排队又要半天", "接种点打疫苗排队秩序混乱，有人插队",
             "宝宝的疫苗断货了，等了一个月"],
            ["打疫苗排队"]
        },
        {
            "night construction",
            ["小区旁边工地夜间施工，晚上十一点还在干，噪音很大", "工地夜间施工吵得孩子睡不着", "又是工地夜间施工，凌晨两点还在打桩",
             "工地夜间施工有没有人管，晚上根本没法睡", "隔壁工地夜间施工，机器声音很大", "举报工地夜间施工，已经持续半个月了"],
            ["工地夜间施工", "夜间施工"]
        },
        {
            "prepaid cards",
            ["小区门口的美容店预付卡跑路了，我充了三千块", "健身房预付卡跑路，商家电话打不通", "理发店预付卡跑路，老板人不见了，卡里还有两千块",
             "店铺预付卡跑路，好多居民的钱都要不回来", "洗车店预付卡跑路了，商家连招牌都摘了", "游泳馆预付卡跑路，会员都在群里骂"],
            ["预付卡跑路"]
        },
        {
            "burning garbage",
            ["村口天天有人焚烧垃圾，烟很大", "晚上有人在河边焚烧垃圾，味道呛人", "垃圾焚烧的黑烟飘到小区里，窗户都不敢开",
             "又有人焚烧垃圾，整条街都是烟", "工地旁边有人焚烧垃圾，还烧塑料", "建议查处焚烧垃圾的行为，晚上最严重"],
            ["焚烧垃圾"]
        },
        {
            "e-bikes charging in stairwells",
            ["楼道里有人给电动车充电，太危险了", "有人把电瓶车推进楼道充电，晚上一排", "电动车楼道充电的问题物业不管",
             "楼道充电的电动车昨天冒烟了", "邻居天天在楼道给电动车充电，线拉得到处都是", "能不能禁止电动车在楼道充电"],
            ["电动车充电", "楼道充电"]
        },
        {
            "wage arrears",
            ["包工头拖欠工资两万块，过年回不了家", "老板拖欠工资三个月了", "工地拖欠工资，我们十几个人都没拿到钱",
             "饭店老板拖欠工资跑了", "公司一直拖欠工资，说下个月发", "拖欠工资的事情劳动监察管不管"],
            ["拖欠工资"]
        },
        {
            "water cuts",
            ["小区又停水了，一停就是一整天", "这个月第三次停水，也不提前通知", "停水了没法做饭，孩子放学回来饭都吃不上",
             "楼里停水两天了，物业说在修管子", "晚上突然停水，洗澡洗到一半", "经常停水，能不能提前贴个通知"],
            ["停水"]
        },
    };

    /// <summary>Fragments a key-matters list must never show: sums, adverbs with adjectives, bare times, generic words, cut-off phrases.</summary>
    private static readonly string[] Fragments = ["千块", "两千块", "三千块", "很大", "晚上", "商家", "店铺", "店铺预付卡跑", "小区", "一整天", "两万块", "很危险"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_expected_phrase_leads_and_no_fragment_is_listed(string group, string[] texts, string[] acceptable)
    {
        var topics = new TopicExtractor().Extract(texts, 10);

        Assert.True(topics.Take(2).Any(t => acceptable.Contains(t.Phrase)), $"{group}: {string.Join(", ", topics.Select(t => $"{t.Phrase}({t.DocumentCount})"))}");
        Assert.DoesNotContain(topics, t => Fragments.Contains(t.Phrase));
    }

    [Fact]
    public void Reordered_and_synonymous_wordings_are_one_topic()
    {
        var topics = new TopicExtractor().Extract(Cases.Select(c => (string[])c[1]).ElementAt(3), 10);

        var burning = Assert.Single(topics, t => t.Phrase == "焚烧垃圾");
        Assert.Contains("垃圾焚烧", burning.Variants);
        Assert.Equal(6, burning.DocumentCount);
        Assert.DoesNotContain(topics, t => t.Phrase == "垃圾焚烧");
    }

    [Fact]
    public void Numbers_with_measure_words_and_adverb_adjective_pairs_never_form_a_phrase()
    {
        var texts = Enumerable.Range(0, 6).Select(i => $"充了三千块的卡，店里的声音很大，晚上{i}点还开着").ToList();

        var topics = new TopicExtractor().Extract(texts, 10);

        Assert.DoesNotContain(topics, t => t.Phrase.Contains("千块", StringComparison.Ordinal) || t.Phrase.Contains("很大", StringComparison.Ordinal) || t.Phrase == "晚上");
    }
}
