using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Graph;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Divisions;

/// <summary>
/// 磐安县 (Pan'an, 330727) instead of Yiwu, as <c>scripts/run --city 330727</c> serves it: its real divisions (14 streets and
/// towns, 236 communities and villages) and outline from the npm packages Yiwu came from (Data/panan, made by
/// scripts/lib/city-from-npm.mjs), loaded through the divisions import with generated inner boundaries, and a small
/// year of generated needs.
/// </summary>
public sealed class SecondCountyHost : NeedsMapHost
{
    // Its settings seed something else than the default host's first start.
    public SecondCountyHost()
        : base(seeded: false)
    {
    }

    public const string DemoNow = "2026-11-20T00:00:00Z";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Demo:CityData", Path.Combine(SchemaTests.RepositoryRoot(), "tests", "NeedsMap.Api.Tests", "Divisions", "Data", "panan"));
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "true");
        builder.UseSetting("NeedsMap:DemoNeedCount", "3000");
        builder.UseSetting("NeedsMap:DemoNow", DemoNow);
        // As scripts/run sets it (appsettings.json): Yiwu's school-place demand must not be drawn on another county.
        builder.UseSetting("NeedsMap:LoadDemoSchoolDemand", "true");
    }
}

public sealed class SecondCountyTests(SecondCountyHost host) : IClassFixture<SecondCountyHost>
{
    private const string Window = """window: { lastDay: "2026-11-19", days: 90 }""";

    [Fact]
    public async Task Pan_an_holds_its_14_streets_and_236_communities_with_generated_boundaries_inside_its_outline()
    {
        var result = await host.GraphQLAsync("{ jurisdictions { code name boundarySource children { code boundarySource children { code } } } }");
        var city = Assert.Single(result["data"]!["jurisdictions"]!.AsArray())!;
        Assert.Equal("330727", city["code"]!.GetValue<string>());
        Assert.Equal("磐安县", city["name"]!.GetValue<string>());
        Assert.Equal("official", city["boundarySource"]!.GetValue<string>());
        var streets = city["children"]!.AsArray();
        Assert.Equal(14, streets.Count);
        Assert.Equal(236, streets.Sum(s => s!["children"]!.AsArray().Count));
        Assert.All(streets, s => Assert.Equal("generated", s!["boundarySource"]!.GetValue<string>()));
        Assert.Equal(0, await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM jurisdictions WHERE code LIKE '330782%'"));
    }

    [Fact]
    public async Task A_need_submitted_inside_a_village_is_located_there()
    {
        var village = host.Service<NeedsMap.Api.Reference.ReferenceData>().Current.Jurisdictions.First(j => j.Kind == "village");
        var result = await host.GraphQLAsync("""
            mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { locatedBy jurisdiction { code parent { code parent { code } } } } errors { __typename ... on Error { code message } } } }
            """, new { input = new { text = "村口的路灯坏了好几天，晚上出行不安全", location = new { type = "Point", coordinates = new[] { village.InteriorLongitude, village.InteriorLatitude } } } });
        Assert.Null(result["errors"]);
        var jurisdiction = result["data"]!["submitNeed"]!["need"]!["jurisdiction"]!;
        Assert.Equal(village.Code, jurisdiction["code"]!.GetValue<string>());
        Assert.Equal("330727", jurisdiction["parent"]!["parent"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_generated_year_fills_cells_and_key_matters_of_pan_an()
    {
        var needs = await host.GraphQLAsync("{ needs(first: 1) { totalCount } }");
        Assert.True(needs["data"]!["needs"]!["totalCount"]!.GetValue<int>() >= 3000);
        var cells = await host.GraphQLAsync($$"""{ cells(resolution: R2500, {{Window}}) { jurisdictionCode count } }""");
        Assert.Null(cells["errors"]);
        var list = cells["data"]!["cells"]!.AsArray();
        Assert.NotEmpty(list);
        Assert.All(list, c => Assert.StartsWith("330727", c!["jurisdictionCode"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.True(list.Sum(c => c!["count"]!.GetValue<int>()) > 0);
        var matters = await host.GraphQLAsync($$"""{ keyMatters({{Window}}) { records jurisdiction { code } categories { category { code } } } }""");
        Assert.Null(matters["errors"]);
        Assert.Equal("330727", matters["data"]!["keyMatters"]!["jurisdiction"]!["code"]!.GetValue<string>());
        Assert.True(matters["data"]!["keyMatters"]!["records"]!.GetValue<int>() > 0);
        Assert.NotEmpty(matters["data"]!["keyMatters"]!["categories"]!.AsArray());
    }
}
