using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Needs;

public sealed class NeedStatsTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Query = """
        query($where: NeedFilter, $groupBy: NeedStatsGrouping!, $categoryLevel: CategoryLevel, $jurisdictionLevel: JurisdictionLevel) {
          needStats(where: $where, groupBy: $groupBy, categoryLevel: $categoryLevel, jurisdictionLevel: $jurisdictionLevel) {
            totalCount groups { key label count weight distinctReporters }
          }
        }
        """;

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        var jms = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var cc = TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity);
        // Jimingshan: night construction noise from three residents (one of them twice), one square-dance complaint, one parking.
        await TestNeeds.AddAsync(host, "夜间施工噪音", "noise.construction", jms, reporter: "r1", receivedAt: TestNeeds.BaseTime);
        await TestNeeds.AddAsync(host, "半夜打桩", "noise.construction", jms, reporter: "r1", receivedAt: TestNeeds.BaseTime.AddDays(1));
        await TestNeeds.AddAsync(host, "工地晚上施工", "noise.construction", jms, reporter: "r2", receivedAt: TestNeeds.BaseTime.AddDays(8));
        await TestNeeds.AddAsync(host, "凌晨还在浇混凝土", "noise.construction", jms, reporter: "r3", channel: "zheliban",
            receivedAt: TestNeeds.BaseTime.AddDays(35));
        await TestNeeds.AddAsync(host, "广场舞太吵", "noise.square_dance", jms, reporter: "r4", receivedAt: TestNeeds.BaseTime.AddDays(2));
        await TestNeeds.AddAsync(host, "停车难", "traffic.parking", jms, reporter: "r5", receivedAt: TestNeeds.BaseTime.AddDays(2));
        await TestNeeds.AddAsync(host, "学位紧张", "education.enrollment", cc, reporter: "r6", receivedAt: TestNeeds.BaseTime.AddDays(3));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Total, List<(string Key, string? Label, int Count, double Weight, int Reporters)> Groups)> StatsAsync(object variables)
    {
        var result = await host.GraphQLAsync(Query, variables);
        Assert.Null(result["errors"]);
        var stats = result["data"]!["needStats"]!;
        var groups = stats["groups"]!.AsArray().Select(g => (
            g!["key"]!.GetValue<string>(), g["label"]?.GetValue<string>(), g["count"]!.GetValue<int>(),
            g["weight"]!.GetValue<double>(), g["distinctReporters"]!.GetValue<int>())).ToList();
        return (stats["totalCount"]!.GetValue<int>(), groups);
    }

    [Fact]
    public async Task Jimingshan_by_leaf_category_puts_construction_noise_first_with_distinct_residents()
    {
        var (total, groups) = await StatsAsync(new { where = new { jurisdictionIn = new[] { TestNeeds.Jimingshan } }, groupBy = "CATEGORY" });
        Assert.Equal(6, total);
        Assert.Equal(("noise.construction", "施工噪声", 4), (groups[0].Key, groups[0].Label, groups[0].Count));
        Assert.Equal(3, groups[0].Reporters);
        Assert.Equal(1.0 * 3 + 2.0, groups[0].Weight, 6);
    }

    [Fact]
    public async Task Top_level_grouping_sums_the_leaves_and_counts_residents_once()
    {
        var (_, groups) = await StatsAsync(new
        {
            where = new { jurisdictionIn = new[] { TestNeeds.Jimingshan } }, groupBy = "CATEGORY", categoryLevel = "TOP",
        });
        Assert.Equal(("noise", "噪声扰民", 5, 4), (groups[0].Key, groups[0].Label, groups[0].Count, groups[0].Reporters));
    }

    [Fact]
    public async Task Jurisdiction_grouping_rolls_up_to_the_level_asked()
    {
        var (_, streets) = await StatsAsync(new { groupBy = "JURISDICTION", jurisdictionLevel = "STREET" });
        Assert.Equal([(TestNeeds.Jiangdong, 6), (TestNeeds.Choucheng, 1)], streets.Select(g => (g.Key, g.Count)));
        var (_, communities) = await StatsAsync(new { groupBy = "JURISDICTION" });
        Assert.Equal(TestNeeds.Jimingshan, communities[0].Key);
        Assert.Equal("鸡鸣山社区", communities[0].Label);
    }

    [Fact]
    public async Task Channel_and_status_grouping_count_every_need()
    {
        var (_, channels) = await StatsAsync(new { groupBy = "CHANNEL" });
        Assert.Equal([("12345", 6), ("zheliban", 1)], channels.Select(g => (g.Key, g.Count)));
        var (_, statuses) = await StatsAsync(new { groupBy = "STATUS" });
        Assert.Equal([("NEW", 7)], statuses.Select(g => (g.Key, g.Count)));
    }

    [Fact]
    public async Task Time_grouping_uses_city_days_weeks_and_months_in_order()
    {
        var where = new { categoryIn = new[] { "noise.construction" } };
        var (_, months) = await StatsAsync(new { where, groupBy = "MONTH" });
        Assert.Equal([("2026-06-01", 3), ("2026-07-01", 1)], months.Select(g => (g.Key, g.Count)));
        var (_, weeks) = await StatsAsync(new { where, groupBy = "WEEK" });
        Assert.Equal(["2026-06-01", "2026-06-08", "2026-07-06"], weeks.Select(g => g.Key));
        var (_, days) = await StatsAsync(new { where, groupBy = "DAY" });
        Assert.Equal("2026-06-01", days[0].Key);
    }
}
