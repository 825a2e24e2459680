using NeedsMap.Classification.Topics;

namespace NeedsMap.Classification.Tests.Topics;

public sealed class TopicExtractorTests
{
    private static readonly string[] VaccinationTexts =
    [
        "社区医院打疫苗排队要排三个小时，只有一个窗口",
        "周六带孩子去打疫苗排队排到中午还没轮到",
        "打疫苗排队的人太多了，能不能多开几个接种台",
        "老人打疫苗排队站不住，希望给老人设个座位",
        "九价疫苗预约不上，好不容易约上了打疫苗排队又要半天",
        "接种点打疫苗排队秩序混乱，有人插队",
        "宝宝的疫苗断货了，等了一个月",
        "疫苗接种本丢了不知道去哪里补办",
    ];

    [Fact]
    public void Adjacent_tokens_merge_into_the_phrase_residents_repeat()
    {
        var topics = new TopicExtractor().Extract(VaccinationTexts, 5);

        var top = topics[0];
        Assert.Equal("打疫苗排队", top.Phrase);
        Assert.Equal(6, top.DocumentCount);
    }

    [Fact]
    public void A_sub_phrase_absorbed_by_the_longer_phrase_is_not_listed_separately()
    {
        var topics = new TopicExtractor().Extract(VaccinationTexts, 10);

        Assert.DoesNotContain(topics, t => t.Phrase == "打疫苗");
        Assert.Contains(topics, t => t.Phrase.Contains("疫苗", StringComparison.Ordinal));
    }

    [Fact]
    public void Stop_words_and_politeness_never_become_topics()
    {
        var texts = Enumerable.Range(0, 5).Select(i => $"您好，麻烦相关部门处理一下，谢谢，小区第{i}栋停水了").ToList();

        var topics = new TopicExtractor().Extract(texts, 10);

        Assert.Contains(topics, t => t.Phrase.Contains("停水", StringComparison.Ordinal));
        Assert.DoesNotContain(topics, t => t.Phrase is "您好" or "麻烦" or "谢谢" or "相关部门");
    }

    [Fact]
    public void Groups_get_their_own_topics()
    {
        var texts = VaccinationTexts.Select(t => ("health.vaccination", t))
            .Concat(new[] { "夜间施工吵得睡不着", "工地夜间施工噪音太大", "又是夜间施工，凌晨还在打桩" }.Select(t => ("noise.construction", t)));

        var byGroup = new TopicExtractor().ExtractByGroup(texts, 3);

        Assert.Equal("打疫苗排队", byGroup["health.vaccination"][0].Phrase);
        Assert.Equal("夜间施工", byGroup["noise.construction"][0].Phrase);
    }
}
