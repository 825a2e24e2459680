using System.Text;
using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Weather;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>
/// What an outside review (session 28: an attacker, a frontend developer, an integrator, each against a server started by
/// scripts/run) found, driven the way they drove it: signed in through <c>/demo/sign-in</c> or as the public, over HTTP.
/// </summary>
public sealed class OutsideReviewTests(FrontDoorHost host) : IClassFixture<FrontDoorHost>, IAsyncLifetime
{
    private const string Piling = "鸡鸣山工地半夜还在打桩，吵得睡不着";
    private static readonly DateTimeOffset T0 = new(2026, 6, 10, 14, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        // One complaint from two residents two days apart, 50 m from each other: one case of two needs.
        await TestNeeds.AddManyAsync(host, [
            new TestNeed(Piling, "noise.construction", at, ReceivedAt: T0, Reporter: ReporterKeys.ForSubject("case-resident-1")),
            new TestNeed("鸡鸣山工地半夜还在打桩，吵得人睡不着觉", "noise.construction", TestNeeds.Offset(at, 50, 0), Channel: "wechat",
                ReceivedAt: T0.AddDays(2), Reporter: ReporterKeys.ForSubject("case-resident-2")),
            .. Enumerable.Range(0, 6).Select(i => new TestNeed($"路灯不亮第{i}次", "utilities.streetlight", TestNeeds.Offset(at, 0, 20 * i),
                ReceivedAt: T0.AddHours(i))),
        ]);
        await WeatherTestData.WaitUntilSettledAsync(host);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string? Code(JsonObject? body) => body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    private static string? Message(JsonObject? body) => body?["errors"]?[0]?["message"]?.GetValue<string>();

    [Theory]
    [InlineData("receivedFrom", "0001-01-01T00:00:00Z")]
    [InlineData("receivedBefore", "9999-12-31T23:59:59Z")]
    public async Task A_time_bound_no_calendar_can_shift_is_refused_with_INVALID_FILTER_on_every_door(string bound, string instant)
    {
        foreach (var persona in new[] { "public", "city_admin" })
        {
            var token = await host.SignInAsync(persona);
            var (status, body, _) = await host.PostAsync($$"""{ needStats(groupBy: CATEGORY, where: { {{bound}}: "{{instant}}" }) { totalCount } }""",
                token: token);
            Assert.True(Code(body) == "INVALID_FILTER", $"{persona}: {status} {body?.ToJsonString()}");
            Assert.Contains("1900", Message(body), StringComparison.Ordinal);
        }
        var where = Uri.EscapeDataString($$"""{"{{bound}}":"{{instant}}"}""");
        foreach (var path in new[] { $"/tiles/cells/12/3414/1699.mvt?where={where}", $"/export/need-stats.csv?groupBy=CATEGORY&where={where}" })
        {
            var (status, bytes, _) = await host.GetAsync(path);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.True(status == 400 && text.Contains("INVALID_FILTER", StringComparison.Ordinal), $"{path}: {status} {text}");
        }
    }

    [Fact]
    public async Task A_shape_sent_as_a_variable_is_refused_with_the_reason_it_would_get_written_in_the_query()
    {
        var admin = await host.SignInAsync("city_admin");
        var bowTie = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = JsonNode.Parse("[[[120.0,29.3],[120.1,29.4],[120.1,29.3],[120.0,29.4],[120.0,29.3]]]"),
        };
        var (_, body, _) = await host.PostAsync("query($w: NeedFilter) { needs(first: 1, where: $w) { totalCount } }",
            new { w = new JsonObject { ["within"] = bowTie } }, admin);
        Assert.Equal("INVALID_GEOMETRY", Code(body));
        Assert.Contains("Self-intersection", Message(body), StringComparison.Ordinal);
        Assert.Contains("$w", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_s_counters_arrivals_errors_and_plugin_are_for_administrators_and_its_integrator()
    {
        const string Operations = "{ channels { code acceptedCount lastReceivedAt lastError plugin { name } } }";
        // Everyone may list the channels by name.
        var (_, names, _) = await host.PostAsync("{ channels { code name } }");
        Assert.True(names?["errors"] is null && names!["data"]!["channels"]!.AsArray().Count > 5, names?.ToJsonString());
        foreach (var persona in new[] { "public", "resident", "deputy", "department_staff" })
        {
            var (_, body, _) = await host.PostAsync(Operations, token: await host.SignInAsync(persona));
            Assert.True(Code(body) == "FORBIDDEN", $"{persona}: {body?.ToJsonString()}");
            Assert.All(body!["data"]!["channels"]!.AsArray(), c => Assert.Null(c!["acceptedCount"]));
        }
        var admin = await host.PostAsync(Operations, token: await host.SignInAsync("city_admin"));
        Assert.True(admin.Body?["errors"] is null, admin.Body?.ToJsonString());
        var hotline = admin.Body!["data"]!["channels"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "12345")!;
        Assert.True(hotline["acceptedCount"] is JsonValue, hotline.ToJsonString());

        var integrator = host.Token(RoleRights.ChannelIntegrator, channel: "12345", subject: "hotline-integrator");
        var own = await host.PostAsync(Operations, token: integrator);
        var channels = own.Body!["data"]!["channels"]!.AsArray();
        Assert.Equal(hotline["acceptedCount"]!.GetValue<long>(),
            channels.Single(c => c?["code"]?.GetValue<string>() == "12345")!["acceptedCount"]!.GetValue<long>());
        // Another channel's figures are refused to it, field by field: null, with FORBIDDEN at its path.
        Assert.All(channels.Where(c => c?["code"]?.GetValue<string>() != "12345"), c => Assert.Null(c!["acceptedCount"]));
        Assert.All(own.Body["errors"]!.AsArray(), e => Assert.Equal("FORBIDDEN", e!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal(4 * (channels.Count - 1), own.Body["errors"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_query_parameter_that_does_not_bind_is_named_without_a_dotnet_type()
    {
        var (status, bytes, _) = await host.GetAsync("/tiles/cells/12/3414/1699.mvt?days=abc");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(400, status);
        Assert.Contains("INVALID_INPUT", text, StringComparison.Ordinal);
        Assert.Contains("\\\"days\\\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", text, StringComparison.Ordinal);

        var (exportStatus, exportBytes, _) = await host.GetAsync("/export/need-stats.csv?groupBy=CATEGORY&where=%5B1%2C2%5D");
        var exportText = Encoding.UTF8.GetString(exportBytes);
        Assert.Equal(400, exportStatus);
        Assert.DoesNotContain("GraphQL.", exportText, StringComparison.Ordinal);
        Assert.Contains("INVALID_FILTER", exportText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_named_many_times_is_one_condition_in_the_answer_and_in_the_price()
    {
        var codes = new JsonArray([.. Enumerable.Repeat(TestNeeds.Jimingshan, 4_000).Select(c => (JsonNode)c!)]);
        var query = "query($w: NeedFilter) { needStats(groupBy: CATEGORY, where: $w) { totalCount } }";
        var admin = await host.SignInAsync("city_admin");
        var once = await host.PostAsync(query, new { w = new JsonObject { ["jurisdictionIn"] = new JsonArray(TestNeeds.Jimingshan) } }, admin);
        var repeated = await host.PostAsync(query, new { w = new JsonObject { ["jurisdictionIn"] = codes } }, admin);
        Assert.True(repeated.Body?["errors"] is null, repeated.Body?.ToJsonString());
        Assert.True(once.Body!["data"]!["needStats"]!["totalCount"]!.GetValue<int>() > 0, once.Body.ToJsonString());
        Assert.Equal(once.Body.ToJsonString(), repeated.Body!.ToJsonString());
    }

    [Fact]
    public async Task A_case_shows_a_resident_only_what_their_own_needs_say()
    {
        const string Query = "{ needs(first: 10, where: { categoryIn: [\"noise\"] }) { nodes { receivedAt case { needCount openedAt lastReceivedAt jurisdiction { code } needs { id } } } } }";
        var admin = await host.PostAsync(Query, token: host.Token(RoleRights.CityAdmin, subject: "case-admin"));
        var whole = admin.Body!["data"]!["needs"]!["nodes"]!.AsArray();
        Assert.Equal(2, whole.Count);
        Assert.All(whole, n => Assert.Equal(2, n!["case"]!["needCount"]!.GetValue<int>()));

        // The first resident's case reaches a need of the second: the resident learns neither that it exists nor when.
        var first = await host.PostAsync(Query, token: host.Token(RoleRights.Resident, subject: "case-resident-1"));
        var own = first.Body!["data"]!["needs"]!["nodes"]!.AsArray().Single()!;
        var seen = own["case"]!;
        Assert.Equal(1, seen["needCount"]!.GetValue<int>());
        Assert.Single(seen["needs"]!.AsArray());
        Assert.Equal(own["receivedAt"]!.GetValue<string>(), seen["openedAt"]!.GetValue<string>());
        Assert.Equal(own["receivedAt"]!.GetValue<string>(), seen["lastReceivedAt"]!.GetValue<string>());
        Assert.Equal(TestNeeds.Jimingshan, seen["jurisdiction"]!["code"]!.GetValue<string>());

        var second = await host.PostAsync(Query, token: host.Token(RoleRights.Resident, subject: "case-resident-2"));
        var theirs = second.Body!["data"]!["needs"]!["nodes"]!.AsArray().Single()!;
        Assert.Equal(1, theirs["case"]!["needCount"]!.GetValue<int>());
        Assert.Equal(theirs["receivedAt"]!.GetValue<string>(), theirs["case"]!["openedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Key_matters_of_a_street_beside_the_officer_s_own_are_refused_not_answered_with_zeros()
    {
        var officer = host.Token(RoleRights.StreetOfficer, "330782002", subject: "jiangdong-officer");
        const string Window = "window: { lastDay: \"2026-06-30\", days: 30 }";
        var (_, beside, _) = await host.PostAsync($$"""{ keyMatters(jurisdictionCode: "330782001", {{Window}}) { jurisdiction { code } records } }""", token: officer);
        Assert.Equal("FORBIDDEN", Code(beside));
        // Asked about the city, the officer is answered for the part they may see, and told which part that is.
        var (_, city, _) = await host.PostAsync($$"""{ keyMatters({{Window}}) { jurisdiction { code } records } }""", token: officer);
        Assert.True(city?["errors"] is null, city?.ToJsonString());
        Assert.Equal("330782002", city!["data"]!["keyMatters"]!["jurisdiction"]!["code"]!.GetValue<string>());
        Assert.True(city["data"]!["keyMatters"]!["records"]!.GetValue<int>() > 0, city.ToJsonString());
    }
}
