using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.KeyMatters;

public sealed class CaseLinkingTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => KeyMatterTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Piling = "鸡鸣山工地半夜还在打桩，吵得睡不着";

    private async Task SeedAsync()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var t0 = new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.Zero);
        await KeyMatterTestData.AddAsync(host, Piling, at, t0, reporter: "r1");
        // The same complaint two days later through WeChat, 50 m away, in other words: the same case.
        await KeyMatterTestData.AddAsync(host, "鸡鸣山工地半夜还在打桩，吵得人睡不着觉", TestNeeds.Offset(at, 50, 0), t0.AddDays(2), reporter: "r1", channel: "wechat");
        // The same words a kilometre away, or ten days later, or other words on the spot: other cases.
        await KeyMatterTestData.AddAsync(host, Piling, TestNeeds.Offset(at, 0, 1_000), t0.AddDays(1));
        await KeyMatterTestData.AddAsync(host, Piling, at, t0.AddDays(10));
        await KeyMatterTestData.AddAsync(host, "搅拌车凌晨进出，倒车喇叭一直响", at, t0.AddDays(1));
    }

    private async Task<JsonNode> NoiseAsync()
    {
        var result = await host.GraphQLAsync($$"""
            { keyMatters({{KeyMatterTestData.Window}}) {
                records cases residents categories { category { code } components { records cases residents anonymousRecords } } } }
            """);
        Assert.Null(result["errors"]);
        return result["data"]!["keyMatters"]!;
    }

    [Fact]
    public async Task The_same_complaint_from_the_same_place_within_days_through_two_channels_is_one_case()
    {
        await SeedAsync();
        var needs = await host.GraphQLAsync("""
            { needs(first: 10, order: RECEIVED_AT_ASC) { nodes { channel { code } case { needCount needs { channel { code } } } } } }
            """);
        Assert.Null(needs["errors"]);
        var nodes = needs["data"]!["needs"]!["nodes"]!.AsArray();
        var linked = nodes.Where(n => n!["case"] is JsonObject).ToList();
        Assert.Equal(2, linked.Count);
        Assert.All(linked, n => Assert.Equal(2, n!["case"]!["needCount"]!.GetValue<int>()));
        Assert.Equal(["12345", "wechat"], linked[0]!["case"]!["needs"]!.AsArray().Select(n => n!["channel"]!["code"]!.GetValue<string>()));

        var km = await NoiseAsync();
        Assert.Equal((5, 4, 4), (km["records"]!.GetValue<int>(), km["cases"]!.GetValue<int>(), km["residents"]!.GetValue<int>()));
        var c = km["categories"]![0]!["components"]!;
        Assert.Equal((5, 4, 4, 3), (c["records"]!.GetValue<int>(), c["cases"]!.GetValue<int>(), c["residents"]!.GetValue<int>(), c["anonymousRecords"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_rebuild_from_the_needs_gives_the_counts_ingestion_kept()
    {
        await SeedAsync();
        var incremental = (await NoiseAsync()).ToJsonString();
        var rebuilt = await host.GraphQLAsync("mutation { rebuildKeyMatters { rebuild { needs cases } errors { __typename ... on Error { code message } } } }");
        Assert.Null(rebuilt["errors"]);
        Assert.Equal((5, 1), (rebuilt["data"]!["rebuildKeyMatters"]!["rebuild"]!["needs"]!.GetValue<int>(), rebuilt["data"]!["rebuildKeyMatters"]!["rebuild"]!["cases"]!.GetValue<int>()));
        Assert.Equal(incremental, (await NoiseAsync()).ToJsonString());
    }

    [Fact]
    public async Task A_category_weight_reweighs_its_needs_and_their_key_matters()
    {
        await SeedAsync();
        var before = await host.GraphQLAsync($$"""{ keyMatters(jurisdictionCode: "{{TestNeeds.Jimingshan}}", {{KeyMatterTestData.Window}}) { categories { components { weightedCount } } } }""");
        var weight = before["data"]!["keyMatters"]!["categories"]![0]!["components"]!["weightedCount"]!.GetValue<double>();
        var set = await host.GraphQLAsync("""mutation { setCategoryWeight(input: { code: "noise.construction", weight: 2 }) { category { code weight } errors { __typename ... on Error { code message } } } }""");
        Assert.Null(set["errors"]);
        var after = await host.GraphQLAsync($$"""{ keyMatters(jurisdictionCode: "{{TestNeeds.Jimingshan}}", {{KeyMatterTestData.Window}}) { categories { components { weightedCount } } } }""");
        Assert.Equal(weight * 2, after["data"]!["keyMatters"]!["categories"]![0]!["components"]!["weightedCount"]!.GetValue<double>(), 6);
        var bad = await host.GraphQLAsync("""mutation { setCategoryWeight(input: { code: "noise.construction", weight: 0 }) { category { code } errors { __typename ... on Error { code message } } } }""");
        Assert.Equal("INVALID_INPUT", Payloads.Code(bad));
        var unknown = await host.GraphQLAsync("""mutation { setCategoryWeight(input: { code: "no.such", weight: 1 }) { category { code } errors { __typename ... on Error { code message } } } }""");
        Assert.Equal("UNKNOWN_CATEGORY", Payloads.Code(unknown));
        await host.GraphQLAsync("""mutation { setCategoryWeight(input: { code: "noise.construction", weight: 1 }) { category { code } errors { __typename ... on Error { code message } } } }""");
    }

    [Fact]
    public async Task Bad_arguments_have_codes()
    {
        var unknown = await host.GraphQLAsync("""{ keyMatters(jurisdictionCode: "999") { records } }""");
        Assert.Equal("UNKNOWN_JURISDICTION", Payloads.Code(unknown));
        var top = await host.GraphQLAsync("""{ keyMatters(top: 0) { records } }""");
        Assert.Equal("INVALID_INPUT", Payloads.Code(top));
        var category = await host.GraphQLAsync("""{ topics(categoryCode: "no.such") { topic } }""");
        Assert.Equal("UNKNOWN_CATEGORY", Payloads.Code(category));
    }
}
