using NeedsMap.Api.Weather.Warnings.Risk;

namespace NeedsMap.Api.Tests.Foresight;

public sealed class RiskTestTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    private static RiskNeed Need(int resident, string text, bool repeat = false) =>
        new("330782002005", "employment.wage_arrears", Day, $"r{resident}", text, repeat);

    [Fact]
    public void Tails_match_known_values()
    {
        Assert.Equal(0.0546875, RiskTest.BinomialUpperTail(8, 10, 0.5), 9);
        Assert.Equal(1, RiskTest.BinomialUpperTail(0, 10, 0.3));
        Assert.Equal(0, RiskTest.BinomialUpperTail(11, 10, 0.3));
        Assert.Equal(Math.Exp(-4.95) * 5.95, RiskTest.ChiSquareUpperTail(9.9, 4), 12);
        Assert.Equal(Math.Exp(-1), RiskTest.ChiSquareUpperTail(2, 2), 12);
    }

    [Fact]
    public void Workers_acting_together_raise_a_social_risk_and_a_plain_crowd_does_not()
    {
        var baseline = RiskCounts.Of(Enumerable.Range(0, 6).Select(i => Need(100 + i, "工资没发")));
        var shares = new RiskTest.Shares(0.05, 0.05, 0);
        var collective = RiskCounts.Of(Enumerable.Range(0, 8).Select(i => Need(i, i % 2 == 0 ? "我们工友们一起来讨薪" : "拖了半年了，忍无可忍")));
        var assessment = RiskTest.Assess(collective, baseline, shares);
        Assert.True(assessment.Raised, string.Join("; ", assessment.Signals));
        Assert.True(assessment.PValue < RiskTest.Alpha);
        var plain = RiskCounts.Of(Enumerable.Range(0, 30).Select(i => Need(i, "工资没发")));
        var crowd = RiskTest.Assess(plain, baseline, shares);
        Assert.False(crowd.Raised, "a crowd without words, anger or repeats is a surge, not a social risk");
        Assert.True(crowd.Signals[0].PValue < 1e-6);
    }

    [Fact]
    public void Words_routine_in_a_matter_raise_nothing_by_themselves()
    {
        // 联名 in every other need for two months: a window like it is no news.
        var baseline = RiskCounts.Of(Enumerable.Range(0, 40).Select(i => Need(100 + i, i % 2 == 0 ? "我们5户居民联名反映：工资拖欠" : "工资拖欠")));
        var window = RiskCounts.Of(Enumerable.Range(0, 6).Select(i => Need(i, i % 2 == 0 ? "我们5户居民联名反映：工资拖欠" : "工资拖欠")));
        Assert.False(RiskTest.Assess(window, baseline, new RiskTest.Shares(0.5, 0, 0)).Raised);
    }

    [Fact]
    public void Counts_keep_one_resident_once_and_report_words_not_texts()
    {
        var counts = RiskCounts.Of([Need(1, "联名讨薪！！"), Need(1, "还是没人管"), Need(2, "工资", repeat: true), new RiskNeed("c", "k", Day, null, "x", false)], withWords: true);
        Assert.Equal((4, 3, 1, 2, 1), (counts.Needs, counts.Residents, counts.Collective, counts.Angry, counts.Repeats));
        Assert.Equal(new[] { "联名", "讨薪", "没人管", "！！" }.Order(StringComparer.Ordinal), counts.Words.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(counts.Words.Keys, k => k.Contains("工资", StringComparison.Ordinal));
    }
}
