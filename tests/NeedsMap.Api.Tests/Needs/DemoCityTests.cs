using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>The demo city as scripts/run serves it: Yiwu's divisions and a year of generated needs, pinned in time.</summary>
public sealed class DemoCityHost : NeedsMapHost
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "true");
        builder.UseSetting("NeedsMap:DemoNow", "2026-11-20T00:00:00Z");
    }
}

/// <summary>
/// The classes that only read the demo city share one server: loading and counting the year is most of a host's start
/// (~30 s of processor time on the CI machine), and none of them writes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoCityCollection : ICollectionFixture<DemoCityHost>
{
    public const string Name = "demo city, read only";
}

[Collection(DemoCityCollection.Name)]
public sealed class DemoCityTests(DemoCityHost host)
{
    [Fact]
    public async Task Jimingshan_grouped_by_category_puts_night_construction_noise_first()
    {
        var result = await host.GraphQLAsync("""
            { needStats(where: { jurisdictionIn: ["330782002005"] }, groupBy: CATEGORY, categoryLevel: TOP) {
                totalCount groups { key label count } } }
            """);
        var groups = result["data"]!["needStats"]!["groups"]!.AsArray();
        Assert.Equal("noise", groups[0]!["key"]!.GetValue<string>());
        Assert.Equal("噪声扰民", groups[0]!["label"]!.GetValue<string>());
        var leaf = await host.GraphQLAsync("""
            { needStats(where: { jurisdictionIn: ["330782002005"] }, groupBy: CATEGORY) { groups { key count } } }
            """);
        Assert.Equal("noise.construction", leaf["data"]!["needStats"]!["groups"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_city_holds_its_14_streets_and_544_communities_with_generated_boundaries()
    {
        var result = await host.GraphQLAsync("""
            { jurisdictions { code name boundarySource children { code boundarySource children { code } } } }
            """);
        var city = Assert.Single(result["data"]!["jurisdictions"]!.AsArray())!;
        Assert.Equal("330782", city["code"]!.GetValue<string>());
        var streets = city["children"]!.AsArray();
        Assert.Equal(14, streets.Count);
        Assert.Equal(544, streets.Sum(s => s!["children"]!.AsArray().Count));
        Assert.All(streets, s => Assert.Equal("generated", s!["boundarySource"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_demo_year_holds_about_twenty_thousand_needs()
    {
        var result = await host.GraphQLAsync("{ needs(first: 1) { totalCount } }");
        Assert.Equal(20_000, result["data"]!["needs"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Response_snapshot_of_jimingshan_noise_by_month()
    {
        var result = await host.GraphQLAsync("""
            { needStats(where: { jurisdictionIn: ["330782002005"], categoryIn: ["noise.construction"] }, groupBy: MONTH) {
                totalCount groups { key count distinctReporters } } }
            """);
        Snapshot.Match(result.ToJsonString(NeedsMapHost.Json));
    }

    [Fact]
    public async Task Response_snapshot_of_the_newest_needs_in_jimingshan()
    {
        var result = await host.GraphQLAsync("""
            { needs(first: 3, where: { jurisdictionIn: ["330782002005"] }) {
                totalCount nodes { externalId receivedAt text status category { code name } channel { code }
                  jurisdiction { code name parent { name } } location } } }
            """);
        Snapshot.Match(result.ToJsonString(NeedsMapHost.Json));
    }
}
