using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>Every filter of the needs connection, each against needs placed to sit on either side of it.</summary>
public sealed class NeedFilterTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Query = """
        query($where: NeedFilter, $first: Int) {
          needs(where: $where, first: $first) { totalCount nodes { externalId } }
        }
        """;

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        var jms = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var cc = TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity);
        await TestNeeds.AddAsync(host, "半夜工地打桩，吵得睡不着", "noise.construction", jms, externalId: "jms-noise", channel: "12345",
            receivedAt: TestNeeds.BaseTime);
        await TestNeeds.AddAsync(host, "小区门口停车难，车位太少", "traffic.parking", TestNeeds.Offset(jms, 300, 0), externalId: "jms-parking",
            channel: "wechat", receivedAt: TestNeeds.BaseTime.AddDays(3));
        await TestNeeds.AddAsync(host, "孩子入学学位紧张", "education.enrollment", cc, externalId: "cc-school", channel: "zheliban",
            receivedAt: TestNeeds.BaseTime.AddDays(10));
        await TestNeeds.AddAsync(host, "广场舞音响太吵", "noise.square_dance", cc, externalId: "cc-dance", channel: "board",
            receivedAt: TestNeeds.BaseTime.AddDays(20));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string[]> IdsAsync(object where)
    {
        var result = await host.GraphQLAsync(Query, new { where, first = 100 });
        Assert.Null(result["errors"]);
        var needs = result["data"]!["needs"]!;
        var ids = needs["nodes"]!.AsArray().Select(n => n!["externalId"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(ids.Length, needs["totalCount"]!.GetValue<int>());
        return ids;
    }

    [Fact]
    public async Task A_top_level_category_takes_its_children_with_it() =>
        Assert.Equal(["cc-dance", "jms-noise"], await IdsAsync(new { categoryIn = new[] { "noise" } }));

    [Fact]
    public async Task A_leaf_category_matches_only_itself() =>
        Assert.Equal(["jms-noise"], await IdsAsync(new { categoryIn = new[] { "noise.construction" } }));

    [Fact]
    public async Task Channel_filter_matches_the_channels_named() =>
        Assert.Equal(["cc-school", "jms-parking"], await IdsAsync(new { channelIn = new[] { "wechat", "zheliban" } }));

    [Fact]
    public async Task A_street_takes_its_communities_with_it() =>
        Assert.Equal(["jms-noise", "jms-parking"], await IdsAsync(new { jurisdictionIn = new[] { TestNeeds.Jiangdong } }));

    [Fact]
    public async Task The_city_takes_everything() =>
        Assert.Equal(4, (await IdsAsync(new { jurisdictionIn = new[] { "330782" } })).Length);

    [Fact]
    public async Task Time_range_includes_its_start_and_excludes_its_end() =>
        Assert.Equal(["cc-school", "jms-parking"], await IdsAsync(new
        {
            receivedFrom = TestNeeds.BaseTime.AddDays(3),
            receivedBefore = TestNeeds.BaseTime.AddDays(20),
        }));

    [Fact]
    public async Task Text_contains_is_a_substring_match_and_treats_wildcards_literally()
    {
        Assert.Equal(["jms-noise"], await IdsAsync(new { textContains = "打桩" }));
        Assert.Empty(await IdsAsync(new { textContains = "%" }));
    }

    [Fact]
    public async Task Status_filter_matches_new_needs() =>
        Assert.Equal(4, (await IdsAsync(new { statusIn = new[] { "NEW" } })).Length);

    [Fact]
    public async Task Near_measures_metres_on_the_ground()
    {
        var jms = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var point = new { type = "Point", coordinates = new[] { jms.Longitude, jms.Latitude } };
        Assert.Equal(["jms-noise"], await IdsAsync(new { near = new { point, meters = 200.0 } }));
        Assert.Equal(["jms-noise", "jms-parking"], await IdsAsync(new { near = new { point, meters = 350.0 } }));
    }

    [Fact]
    public async Task Within_a_polygon_excludes_points_outside_it()
    {
        var jms = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var sw = TestNeeds.Offset(jms, -100, -100);
        var ne = TestNeeds.Offset(jms, 150, 100);
        var polygon = new
        {
            type = "Polygon",
            coordinates = new[] { new[]
            {
                new[] { sw.Longitude, sw.Latitude }, new[] { ne.Longitude, sw.Latitude }, new[] { ne.Longitude, ne.Latitude },
                new[] { sw.Longitude, ne.Latitude }, new[] { sw.Longitude, sw.Latitude },
            } },
        };
        Assert.Equal(["jms-noise"], await IdsAsync(new { within = polygon }));
        Assert.Equal(["jms-noise"], await IdsAsync(new { intersects = polygon }));
        Assert.Equal(["jms-noise"], await IdsAsync(new { bbox = new { west = sw.Longitude, south = sw.Latitude, east = ne.Longitude, north = ne.Latitude } }));
    }

    [Fact]
    public async Task And_or_not_combine_filters()
    {
        Assert.Equal(["cc-dance", "jms-parking"], await IdsAsync(new
        {
            or = new object[] { new { categoryIn = new[] { "traffic" } }, new { channelIn = new[] { "board" } } },
        }));
        Assert.Equal(["jms-noise"], await IdsAsync(new
        {
            and = new object[] { new { categoryIn = new[] { "noise" } }, new { jurisdictionIn = new[] { TestNeeds.Jiangdong } } },
        }));
        Assert.Equal(["cc-school", "jms-parking"], await IdsAsync(new { not = new { categoryIn = new[] { "noise" } } }));
    }

    [Theory]
    [InlineData("""{"categoryIn":["no.such"]}""", "UNKNOWN_CATEGORY")]
    [InlineData("""{"channelIn":["99999"]}""", "UNKNOWN_CHANNEL")]
    [InlineData("""{"jurisdictionIn":["110101"]}""", "UNKNOWN_JURISDICTION")]
    [InlineData("""{"bbox":{"west":121,"south":29,"east":120,"north":30}}""", "INVALID_FILTER")]
    [InlineData("""{"near":{"point":{"type":"Point","coordinates":[120,29]},"meters":-5}}""", "INVALID_FILTER")]
    [InlineData("""{"within":{"type":"Polygon","coordinates":[[[120,29],[121,29],[121,30]]]}}""", "INVALID_GEOMETRY")]
    [InlineData("""{"within":{"type":"Polygon","coordinates":[[[120,29],[121,30],[121,29],[120,30],[120,29]]]}}""", "INVALID_GEOMETRY")]
    [InlineData("""{"within":{"type":"Point","coordinates":[200,29]}}""", "INVALID_GEOMETRY")]
    [InlineData("""{"within":{"type":"Blob","coordinates":[]}}""", "INVALID_GEOMETRY")]
    [InlineData("""{"within":"POINT(120 29)"}""", "INVALID_GEOMETRY")]
    public async Task Bad_filters_get_a_stable_error_code(string where, string code)
    {
        var result = await host.GraphQLAsync(Query, new { where = JsonNode.Parse(where) });
        var error = Assert.Single(result["errors"]!.AsArray());
        Assert.Equal(code, error!["extensions"]!["code"]!.GetValue<string>());
    }
}
