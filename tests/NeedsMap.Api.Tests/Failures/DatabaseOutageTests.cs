using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NeedsMap.Api.Tests.Failures;

/// <summary>
/// The database goes away under a running server (its host stops answering: connections refused, open ones reset): every
/// door says so with 503, <c>SERVICE_UNAVAILABLE</c> and <c>Retry-After</c>, names no exception, and answers again once the
/// database is back.
/// </summary>
public sealed class DatabaseOutageTests(OutageHost host, ITestOutputHelper output) : IClassFixture<OutageHost>
{
    private static readonly string[] InternalNames = ["POSTGRES", "NPGSQL", "INVALID_OPERATION", "SOCKET", "Npgsql", "Exception"];

    [Fact]
    public async Task With_the_database_out_of_reach_every_door_answers_503_SERVICE_UNAVAILABLE_with_Retry_After_and_recovers()
    {
        using var client = host.CreateClient();
        var admin = host.Token(RoleRights.CityAdmin);
        await WaitForPluginAsync(client, admin);
        var jimingshan = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var submit = $$"""mutation { submitNeed(input: { text: "工地半夜还在打桩", location: { type: "Point", coordinates: [{{jimingshan.Longitude}}, {{jimingshan.Latitude}}] }, categoryCode: "noise" }) { need { id } errors { __typename ... on Error { code message } } } }""";

        var before = await Doors.PostAsync(client, "{ needStats(groupBy: CHANNEL) { totalCount } }", token: admin);
        Assert.True(before.Status == 200, before.ToString());

        host.Proxy.Stop();
        var answers = new List<DoorAnswer>();
        try
        {
            // Each asks for something new, so no cached answer can stand in for the database.
            answers.Add(await Doors.PostAsync(client, "{ needStats(groupBy: CATEGORY) { totalCount } }", token: admin));
            answers.Add(await Doors.PostAsync(client, "{ needStats(groupBy: STATUS) { totalCount } }"));
            answers.Add(await Doors.GetAsync(client, "{ needs(first: 3) { totalCount } }", token: admin));
            answers.Add(await Doors.PostAsync(client, submit, token: admin));
            answers.Add(await Doors.WebSocketAsync(host.WebSocketUrl, "{ needs(first: 2) { totalCount } }", token: admin));
            answers.Add(await Doors.RouteAsync(client, "/tiles/needs/14/13656/6795.mvt", admin));
            answers.Add(await Doors.RouteAsync(client, "/tiles/cells/12/3414/1698.mvt?days=17"));
            answers.Add(await Doors.InboxAsync(client, OutageHost.Channel, OutageHost.ChannelKey, OutageHost.SamplePayload));
            // A page on another origin (Security/CrossOrigin) can read this refusal too, though the failure replaced the response.
            using var fromApp = new HttpRequestMessage(HttpMethod.Get, "/tiles/cells/12/3414/1698.mvt?days=19");
            fromApp.Headers.Add("Origin", "https://app.example.org");
            using var crossOrigin = await client.SendAsync(fromApp);
            Assert.Equal(503, (int)crossOrigin.StatusCode);
            Assert.Equal("*", Assert.Single(crossOrigin.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Contains("Retry-After", string.Join(",", crossOrigin.Headers.GetValues("Access-Control-Expose-Headers")));
        }
        finally
        {
            host.Proxy.Start();
        }
        foreach (var answer in answers)
        {
            output.WriteLine(answer.ToString());
        }
        var failures = new List<string>();
        foreach (var answer in answers)
        {
            var websocket = answer.Door.StartsWith("WS", StringComparison.Ordinal);
            if ((!websocket && (answer.Status != 503 || answer.RetryAfter is null)) || answer.Code != "SERVICE_UNAVAILABLE")
            {
                failures.Add("expected 503 SERVICE_UNAVAILABLE with Retry-After: " + answer);
            }
            if (InternalNames.FirstOrDefault(name => answer.Body.Contains(name, StringComparison.Ordinal)) is { } leaked)
            {
                failures.Add($"names {leaked}: {answer}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // Back: the pool's broken connections are dropped and new ones made.
        DoorAnswer after = before;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            after = await Doors.PostAsync(client, "{ needStats(groupBy: CHANNEL) { totalCount } }", token: admin);
            if (after.Status == 200)
            {
                break;
            }
            await Task.Delay(200);
        }
        Assert.True(after.Status == 200, after.ToString());
        var pushed = await Doors.InboxAsync(client, OutageHost.Channel, OutageHost.ChannelKey, OutageHost.SamplePayload);
        Assert.True(pushed.Status == 200, pushed.ToString());
    }

    private static async Task WaitForPluginAsync(HttpClient client, string admin)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var plugins = await Doors.PostAsync(client, "{ channelPlugins { channelCodes } }", token: admin);
            if (plugins.Body.Contains($"\"{OutageHost.Channel}\"", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The 12345 plugin never loaded.");
    }
}
