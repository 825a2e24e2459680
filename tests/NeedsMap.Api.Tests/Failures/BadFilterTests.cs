using System.Text.Json;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Failures;

/// <summary>
/// Input a filter cannot mean (an empty list, nesting past the limit, a number out of range) is refused before anything
/// runs, with 400 and INVALID_FILTER or INVALID_INPUT, on every door that takes a filter, for the public and for the city.
/// </summary>
public sealed class BadFilterTests(SecuredKestrelHost host, ITestOutputHelper output) : IClassFixture<SecuredKestrelHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await TestNeeds.AddAsync(host, "工地半夜还在打桩", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> EmptyLists => new() { "jurisdictionIn", "categoryIn", "channelIn", "statusIn", "and", "or" };

    [Theory]
    [MemberData(nameof(EmptyLists))]
    public async Task An_empty_list_is_INVALID_FILTER_400_on_every_door_for_the_public_and_the_city(string field)
    {
        var where = new Dictionary<string, object> { [field] = Array.Empty<string>() };
        var whereJson = JsonSerializer.Serialize(where);
        var literal = "{ " + field + ": [] }";
        using var client = host.CreateClient();
        var answers = new List<DoorAnswer>();
        foreach (var token in new[] { null, host.Token(RoleRights.CityAdmin) })
        {
            answers.Add(await Doors.PostAsync(client, "{ needStats(groupBy: CHANNEL, where: " + literal + ") { totalCount } }", token: token));
            answers.Add(await Doors.PostAsync(client, "query($w: NeedFilter) { needStats(groupBy: CHANNEL, where: $w) { totalCount } }", new { w = where }, token));
            answers.Add(await Doors.GetAsync(client, "query($w: NeedFilter) { needStats(groupBy: CHANNEL, where: $w) { totalCount } }",
                JsonSerializer.Serialize(new { w = where }), token));
            answers.Add(await Doors.RouteAsync(client, "/tiles/cells/12/3414/1698.mvt?where=" + Uri.EscapeDataString(whereJson), token));
        }
        var admin = host.Token(RoleRights.CityAdmin);
        answers.Add(await Doors.PostAsync(client, "{ needs(where: " + literal + ") { totalCount } }", token: admin));
        answers.Add(await Doors.RouteAsync(client, "/tiles/needs/14/13656/6795.mvt?where=" + Uri.EscapeDataString(whereJson), admin));
        var webSocket = new List<DoorAnswer>
        {
            await Doors.WebSocketAsync(host.WebSocketUrl, "subscription { needChanged(where: " + literal + ") { kind } }", token: admin),
            await Doors.WebSocketAsync(host.WebSocketUrl, "subscription($w: NeedFilter) { needChanged(where: $w) { kind } }", new { w = where }, admin),
            await Doors.WebSocketAsync(host.WebSocketUrl, "{ needStats(groupBy: CHANNEL, where: " + literal + ") { totalCount } }", token: host.Token(RoleRights.Resident)),
        };
        foreach (var answer in answers.Concat(webSocket))
        {
            output.WriteLine(answer.ToString());
        }
        Assert.All(answers, a => Assert.True(a.Status == 400 && a.Code == "INVALID_FILTER", a.ToString()));
        // Over WebSocket a refusal before execution is an 'error' message, never a subscription that matches nothing.
        Assert.All(webSocket, a => Assert.True(a.Json?["type"]?.GetValue<string>() == "error" && a.Code == "INVALID_FILTER", a.ToString()));
    }

    [Fact]
    public async Task A_filter_nested_40_deep_is_400_written_as_a_literal_or_as_a_variable()
    {
        object variable = new Dictionary<string, object> { ["categoryIn"] = new[] { "noise" } };
        var literal = "{ categoryIn: [\"noise\"] }";
        for (var i = 0; i < 40; i++)
        {
            // "not" adds one level of JSON per level of filter, so the variable stays within the JSON reader's 64 levels.
            variable = new Dictionary<string, object> { ["not"] = variable };
            literal = "{ and: [" + literal + "] }";
        }
        var shallow = "{ categoryIn: [\"noise\"] }";
        for (var i = 0; i < 12; i++)
        {
            shallow = "{ not: " + shallow + " }";
        }
        using var client = host.CreateClient();
        var admin = host.Token(RoleRights.CityAdmin);
        var deepLiteral = await Doors.PostAsync(client, "{ needStats(groupBy: CHANNEL, where: " + literal + ") { totalCount } }", token: admin);
        var deepVariable = await Doors.PostAsync(client, "query($w: NeedFilter) { needStats(groupBy: CHANNEL, where: $w) { totalCount } }", new { w = variable }, admin);
        var publicLiteral = await Doors.PostAsync(client, "{ needStats(groupBy: CHANNEL, where: " + literal + ") { totalCount } }");
        var twelve = await Doors.PostAsync(client, "{ needs(where: " + shallow + ") { totalCount } }", token: admin);
        var tile = await Doors.RouteAsync(client, "/tiles/needs/14/13656/6795.mvt?where=" + Uri.EscapeDataString(JsonSerializer.Serialize(variable)), admin);
        foreach (var answer in new[] { deepLiteral, deepVariable, publicLiteral, twelve, tile })
        {
            output.WriteLine(answer.ToString());
            Assert.True(answer.Status == 400 && answer.Code is "INVALID_FILTER" or "INVALID_INPUT", answer.ToString());
            Assert.DoesNotContain("MAX_DEPTH_EXCEEDED", answer.Body, StringComparison.Ordinal);
        }
        Assert.Equal("INVALID_FILTER", deepVariable.Code);
        Assert.Equal("INVALID_FILTER", twelve.Code);
    }

    [Fact]
    public async Task Numbers_out_of_range_are_400_with_a_code()
    {
        using var client = host.CreateClient();
        var admin = host.Token(RoleRights.CityAdmin);
        var point = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var near = "query($m: Float!) { needs(where: { near: { point: { type: \"Point\", coordinates: [" + point.Longitude + ", " + point.Latitude + "] }, meters: $m } }) { totalCount } }";
        var cases = new (string Query, object? Variables, string Code)[]
        {
            (near, new { m = -1.0 }, "INVALID_FILTER"),
            (near, new { m = 1e12 }, "INVALID_FILTER"),
            ("{ needs(where: { bbox: { west: 121, south: 29, east: 120, north: 30 } }) { totalCount } }", null, "INVALID_FILTER"),
            ("{ needs(first: -1) { totalCount } }", null, "INVALID_PAGING"),
            ("{ needs(first: 100000) { totalCount } }", null, "PAGE_TOO_LARGE"),
            ("{ keyMatters(top: 0) { cases } }", null, "INVALID_INPUT"),
            ("{ keyMatters(top: 1000000) { cases } }", null, "INVALID_INPUT"),
        };
        foreach (var (query, variables, code) in cases)
        {
            var answer = await Doors.PostAsync(client, query, variables, admin);
            output.WriteLine(answer.ToString());
            Assert.True(answer.Status == 400 && answer.Code == code, $"expected 400 {code}: {answer}");
        }
        // Beyond a 32-bit Int the literal itself is refused by validation: 400 with GraphQL's own documented code.
        var huge = await Doors.PostAsync(client, "{ needs(first: 99999999999) { totalCount } }", token: admin);
        Assert.True(huge.Status == 400 && huge.Code is not null, huge.ToString());
    }

    [Theory]
    [InlineData("/tiles/cells/12/3414/1698.mvt?days=abc", "INVALID_INPUT")]
    [InlineData("/tiles/cells/12/3414/1698.mvt?days=0", "INVALID_INPUT")]
    [InlineData("/tiles/cells/12/3414/1698.mvt?days=99999999999", "INVALID_INPUT")]
    [InlineData("/tiles/cells/12/3414/1698.mvt?lastDay=2026-13-45", "INVALID_INPUT")]
    [InlineData("/tiles/cells/12/3414/1698.mvt?lastDay=0001-01-01", "INVALID_INPUT")]
    [InlineData("/tiles/cells/12/3414/1698.mvt?resolution=R7", "INVALID_INPUT")]
    [InlineData("/tiles/cells/12/3414/1698.mvt?where=%7B", "INVALID_FILTER")]
    [InlineData("/tiles/needs/99/1/1.mvt", "INVALID_TILE")]
    [InlineData("/tiles/needs/x/y/z.mvt", "INVALID_TILE")]
    public async Task A_tile_with_bad_parameters_is_400_with_a_JSON_body_and_a_code(string url, string code)
    {
        using var client = host.CreateClient();
        var answer = await Doors.RouteAsync(client, url, host.Token(RoleRights.CityAdmin));
        output.WriteLine(answer.ToString());
        Assert.True(answer.Status == 400 && answer.Code == code, answer.ToString());
    }
}
