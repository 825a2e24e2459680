using NeedsMap.Api.Tests.Needs;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>The demo city as scripts/run serves it: its key matters come from the rollups its loader built once.</summary>
[Collection(DemoCityCollection.Name)]
public sealed class KeyMatterDemoTests(DemoCityHost host)
{
    private const string Window = """window: { lastDay: "2026-11-19", days: 30 }""";

    [Fact]
    public async Task Jimingshan_key_matters_put_night_construction_noise_first_and_say_why()
    {
        var result = await host.GraphQLAsync($$"""
            { keyMatters(jurisdictionCode: "330782002005", {{Window}}, top: 5) {
                jurisdiction { name } records cases residents formula
                categories { rank category { code name } demandIndex explanation explanationEn
                  components { records cases residents weightedCount previousWeightedCount growth growthFactor meanWeight demandIndex arithmetic } } } }
            """);
        Assert.Null(result["errors"]);
        var km = result["data"]!["keyMatters"]!;
        Assert.Equal("鸡鸣山社区", km["jurisdiction"]!["name"]!.GetValue<string>());
        var first = km["categories"]![0]!;
        Assert.Equal("noise.construction", first["category"]!["code"]!.GetValue<string>());
        var c = first["components"]!;
        var records = c["records"]!.GetValue<int>();
        var cases = c["cases"]!.GetValue<int>();
        var residents = c["residents"]!.GetValue<int>();
        Assert.True(records >= cases && cases >= 1 && residents >= 1, c.ToJsonString());
        // Every number is explained: the index is its own formula applied to the components shown.
        var expected = c["meanWeight"]!.GetValue<double>() * (cases + residents) / 2 * c["growthFactor"]!.GetValue<double>();
        Assert.Equal(expected, c["demandIndex"]!.GetValue<double>(), 2);
        var second = km["categories"]![1]!;
        Assert.True(first["demandIndex"]!.GetValue<double>() > second["demandIndex"]!.GetValue<double>());
        var explanation = first["explanation"]!.GetValue<string>();
        Assert.StartsWith("第1位：施工噪声", explanation, StringComparison.Ordinal);
        Assert.Contains($"{records}条诉求", explanation, StringComparison.Ordinal);
        Assert.Contains($"{cases}件", explanation, StringComparison.Ordinal);
        Assert.Contains("居首：高于第2位", explanation, StringComparison.Ordinal);
        Assert.Contains($"{records} records from {residents} residents", first["explanationEn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(km["records"]!.GetValue<int>() >= records);
    }

    [Fact]
    public async Task The_demand_list_shows_evidence_places_and_the_departments_that_answer()
    {
        var result = await host.GraphQLAsync($$"""
            { demandList(jurisdictionCode: "330782002", {{Window}}, top: 3) {
                keyMatters { jurisdiction { code } }
                items { matter { rank category { code } components { records } } sampleNeeds { text category { code } }
                        communities { code name records } cells { code records } services { name departments { code } } } } }
            """);
        Assert.Null(result["errors"]);
        var items = result["data"]!["demandList"]!["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        var noise = items.First(i => i!["matter"]!["category"]!["code"]!.GetValue<string>() == "noise.construction")!;
        Assert.NotEmpty(noise["sampleNeeds"]!.AsArray());
        Assert.All(noise["sampleNeeds"]!.AsArray(), n => Assert.Equal("noise.construction", n!["category"]!["code"]!.GetValue<string>()));
        Assert.Equal("330782002005", noise["communities"]![0]!["code"]!.GetValue<string>());
        Assert.StartsWith("r250:", noise["cells"]![0]!["code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(noise["services"]!.AsArray());
    }

    [Fact]
    public async Task Topics_are_phrases_of_the_category_ranked_like_key_matters()
    {
        var result = await host.GraphQLAsync($$"""
            { topics(jurisdictionCode: "330782002005", categoryCode: "noise", {{Window}}, top: 5) {
                kind topic category { code } components { records } explanation } }
            """);
        Assert.Null(result["errors"]);
        var topics = result["data"]!["topics"]!.AsArray();
        Assert.NotEmpty(topics);
        Assert.All(topics, t => Assert.Equal("TOPIC", t!["kind"]!.GetValue<string>()));
        Assert.All(topics, t => Assert.StartsWith("noise.", t!["category"]!["code"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_city_s_top_topics_are_those_counting_every_topic_s_residents_gives()
    {
        async Task<List<string>> TopicsAsync(int top)
        {
            var result = await host.GraphQLAsync($$"""
                { keyMatters({{Window}}, top: {{top}}) { topics { rank topic category { code } demandIndex components { records cases residents } } } }
                """);
            Assert.Null(result["errors"]);
            return result["data"]!["keyMatters"]!["topics"]!.AsArray().Select(t => t!.ToJsonString()).ToList();
        }
        // Asked for three, only the topics whose bound can beat the third get their residents counted; asked for
        // a hundred, every topic does. The first three must be the same, residents and all.
        var all = await TopicsAsync(100);
        Assert.True(all.Count > 6, $"only {all.Count} topics: the pruning would not be exercised");
        Assert.Equal(all.Take(3), await TopicsAsync(3));
        Assert.Equal(all.Take(10), await TopicsAsync(10));
    }

    [Fact]
    public async Task Group_portraits_of_the_city_show_only_groups_of_at_least_five_needs()
    {
        var result = await host.GraphQLAsync("""
            { groupPortraits(window: { lastDay: "2026-11-19", days: 365 }) { minimumGroup groups { dimension value label needs residents
                topCategories { code needs } topPlaces { code needs } } } }
            """);
        Assert.Null(result["errors"]);
        var portraits = result["data"]!["groupPortraits"]!;
        Assert.Equal(5, portraits["minimumGroup"]!.GetValue<int>());
        var groups = portraits["groups"]!.AsArray();
        Assert.Contains(groups, g => g!["value"]!.GetValue<string>() == "migrant_worker");
        Assert.All(groups, g =>
        {
            Assert.True(g!["needs"]!.GetValue<int>() >= 5);
            Assert.All(g["topCategories"]!.AsArray(), s => Assert.True(s!["needs"]!.GetValue<int>() >= 5));
            Assert.All(g["topPlaces"]!.AsArray(), s => Assert.True(s!["needs"]!.GetValue<int>() >= 5));
        });
    }
}
