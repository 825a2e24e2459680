using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Needs;

public sealed class SubmitNeedTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Submit = """
        mutation($input: SubmitNeedInput!) {
          submitNeed(input: $input) { need {
            id externalId text status locatedBy location category { code } channel { code }
            jurisdiction { code name parent { code } }
          } errors { __typename ... on Error { code message } } }
        }
        """;

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Point(GeoPoint p) => new { type = "Point", coordinates = new[] { p.Longitude, p.Latitude } };

    private async Task<long> CountNeedsAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM needs", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_located_need_is_stored_in_the_smallest_jurisdiction_containing_it()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var result = await host.GraphQLAsync(Submit, new { input = new { text = "工地每天晚上十一点后还在施工，噪音很大", categoryCode = "noise.construction", location = Point(at) } });
        Assert.Null(result["errors"]);
        var need = result["data"]!["submitNeed"]!["need"]!;
        Assert.Equal(TestNeeds.Jimingshan, need["jurisdiction"]!["code"]!.GetValue<string>());
        Assert.Equal(TestNeeds.Jiangdong, need["jurisdiction"]!["parent"]!["code"]!.GetValue<string>());
        Assert.Equal("COORDINATES", need["locatedBy"]!.GetValue<string>());
        Assert.Equal("NEW", need["status"]!.GetValue<string>());
        Assert.Equal("app", need["channel"]!["code"]!.GetValue<string>());
        Assert.Equal(1, await CountNeedsAsync());
    }

    [Fact]
    public async Task A_need_without_a_category_is_classified_from_its_chinese_text()
    {
        var result = await host.GraphQLAsync("""
            mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { category { code parent { code } } categoryConfidence classifierVersion } errors { __typename ... on Error { code message } } } }
            """, new { input = new { text = "隔壁工地每天半夜还在打桩施工，噪音太大了，吵得孩子睡不着觉", location = Point(TestNeeds.InteriorOf(host, TestNeeds.Jimingshan)) } });
        Assert.Null(result["errors"]);
        var need = result["data"]!["submitNeed"]!["need"]!;
        Assert.Equal("noise", need["category"]!["parent"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(need["classifierVersion"]!.GetValue<string>()));
        Assert.InRange(need["categoryConfidence"]!.GetValue<double>(), 0.0, 1.0);
    }

    [Fact]
    public async Task A_gcj02_location_is_stored_as_wgs84()
    {
        var wgs = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var gcj = CoordinateConverter.Wgs84ToGcj02(wgs);
        var result = await host.GraphQLAsync(Submit, new
        {
            input = new { text = "路灯坏了", categoryCode = "utilities.streetlight", location = Point(gcj), coordinateSystem = "GCJ02" },
        });
        Assert.Null(result["errors"]);
        var coordinates = result["data"]!["submitNeed"]!["need"]!["location"]!["coordinates"]!.AsArray();
        var metresOff = Math.Sqrt(Math.Pow((coordinates[0]!.GetValue<double>() - wgs.Longitude) * 97_000, 2)
            + Math.Pow((coordinates[1]!.GetValue<double>() - wgs.Latitude) * 110_574, 2));
        Assert.True(metresOff < 0.05, $"stored point is {metresOff:F3} m from the WGS-84 truth");
    }

    [Fact]
    public async Task An_address_only_need_is_placed_by_the_gazetteer()
    {
        var result = await host.GraphQLAsync(Submit, new { input = new { text = "楼道灯不亮", address = "义乌市江东街道鸡鸣山社区某小区3幢" } });
        Assert.Null(result["errors"]);
        var need = result["data"]!["submitNeed"]!["need"]!;
        Assert.Equal(TestNeeds.Jimingshan, need["jurisdiction"]!["code"]!.GetValue<string>());
        Assert.Equal("ADDRESS_GAZETTEER", need["locatedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submitting_the_same_external_id_twice_stores_one_need()
    {
        var input = new
        {
            text = "小区垃圾没人清运", categoryCode = "environment.garbage", externalId = "app-42",
            location = Point(TestNeeds.InteriorOf(host, TestNeeds.Jimingshan))
        };
        var first = await host.GraphQLAsync(Submit, new { input });
        var second = await host.GraphQLAsync(Submit, new { input });
        Assert.Equal(first["data"]!["submitNeed"]!["need"]!["id"]!.GetValue<string>(), second["data"]!["submitNeed"]!["need"]!["id"]!.GetValue<string>());
        Assert.Equal(1, await CountNeedsAsync());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { """{"text":"噪音","location":{"type":"Point","coordinates":[116.39,39.9]}}""", "OUTSIDE_CITY" },
        { """{"text":"噪音"}""", "LOCATION_REQUIRED" },
        { """{"text":"噪音","address":"火星基地"}""", "ADDRESS_NOT_FOUND" },
        { """{"text":"   ","location":{"type":"Point","coordinates":[120.1,29.3]}}""", "INVALID_INPUT" },
        { """{"text":"噪音","categoryCode":"nope","location":{"type":"Point","coordinates":[120.1,29.3]}}""", "UNKNOWN_CATEGORY" },
        { """{"text":"噪音","channelCode":"fax","location":{"type":"Point","coordinates":[120.1,29.3]}}""", "UNKNOWN_CHANNEL" },
        { """{"text":"噪音","location":{"type":"LineString","coordinates":[[120.1,29.3],[120.2,29.3]]}}""", "INVALID_GEOMETRY" },
        { """{"text":"噪音","location":{"type":"Point","coordinates":[120.1]}}""", "INVALID_GEOMETRY" },
        { """{"text":"噪音","location":{"type":"Point","coordinates":["a","b"]}}""", "INVALID_GEOMETRY" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_stable_error_code_and_writes_nothing(string input, string code)
    {
        var result = await host.GraphQLAsync(Submit, new { input = JsonNode.Parse(input) });
        Assert.Equal(code, Payloads.Code(result));
        Assert.Equal(0, await CountNeedsAsync());
    }

    [Fact]
    public async Task Too_long_a_text_is_refused()
    {
        var result = await host.GraphQLAsync(Submit, new
        {
            input = new { text = new string('吵', 4001), location = Point(TestNeeds.InteriorOf(host, TestNeeds.Jimingshan)) },
        });
        Assert.Equal("INVALID_INPUT", Payloads.Code(result));
        Assert.Equal(0, await CountNeedsAsync());
    }
}
