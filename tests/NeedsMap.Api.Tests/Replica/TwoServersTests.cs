using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NeedsMap.Api.Demo;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Api.Tests.FrontDoor;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Replica;

/// <summary>
/// Two API servers started as <c>scripts/run</c> starts one (Production, the demo's settings), on one primary with the
/// streaming standby behind them (NEEDSMAP_DB_REPLICA): a need pushed to server A's inbox reaches a subscriber on server B
/// (LISTEN/NOTIFY on the primary), and B's cells and key matters, read from the standby, count it once it is replayed.
/// </summary>
public sealed class TwoServersTests(ScriptRunFolder folder) : IClassFixture<ScriptRunFolder>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private ScriptRun Run(string url, string name) => ScriptRun.Start("bash",
        [Path.Combine(ScriptRun.RepositoryRoot, "scripts", "run"), "--NeedsMap:LoadDemoNeeds=false"],
        new Dictionary<string, string>
        {
            ["NEEDSMAP_DB"] = folder.ConnectionString,
            ["NEEDSMAP_DB_REPLICA"] = TestReplica.For(folder.ConnectionString, name),
            ["NEEDSMAP_URLS"] = url,
            ["NEEDSMAP_DATA"] = folder.Data,
            ["NEEDSMAP_NO_BUILD"] = "1",
            ["NEEDSMAP_DEMO"] = "0",
        });

    private JsonObject Settings => JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Data, "demo", DemoSetupCommand.SettingsFileName)))!.AsObject();

    private string AdminToken() => new TokenIssuer(new AuthSettings { SigningKey = Settings["NeedsMap"]!["Auth"]!["SigningKey"]!.GetValue<string>() })
        .Issue("replica-test", RoleRights.CityAdmin, null, null, TimeSpan.FromMinutes(30));

    [Fact]
    public async Task A_need_pushed_to_server_A_reaches_a_subscriber_on_server_B_whose_replica_reads_count_it()
    {
        var urlA = $"http://127.0.0.1:{ScriptRun.FreePort()}";
        var urlB = $"http://127.0.0.1:{ScriptRun.FreePort()}";
        await using var a = Run(urlA, "needsmap-server-a");
        await a.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), StartTimeout);
        // B second: A has migrated the database and written the demo's settings both share.
        await using var b = Run(urlB, "needsmap-server-b");
        await b.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), StartTimeout);
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken());
        var ready = await ReadyAsync(client, urlB);
        Assert.StartsWith("replica streaming", ready["checks"]!["read_replica"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        await using var socket = await WsClient.ConnectAsync(new Uri(urlB.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql"),
            new { authorization = "Bearer " + AdminToken() });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync(TimeSpan.FromSeconds(30)))!["type"]!.GetValue<string>());
        await socket.SendAsync(new { type = "subscribe", id = "b", payload = new { query = "subscription { needChanged { kind need { id receivedAt } } }" } });

        // B sets the subscription up off its read loop, with no acknowledgement in the protocol: a sample pushed before it listens
        // goes unheard, so a second, different sample is pushed if the first was not heard (both are real pushes to A).
        var samples = PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").ToList();
        JsonNode? heard = null;
        foreach (var sample in samples)
        {
            Assert.Equal(200, await PushAsync(client, urlA, sample));
            if (await socket.ReceiveAsync(TimeSpan.FromSeconds(20)) is { } message)
            {
                heard = message;
                break;
            }
        }
        Assert.True(heard is not null, "no needChanged event reached server B\n" + b.Output);
        Assert.Equal("next", heard["type"]!.GetValue<string>());
        var receivedAt = DateTimeOffset.Parse(heard["payload"]!["data"]!["needChanged"]!["need"]!["receivedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        // B's weather and key matters come from the standby: poll until it has replayed the need and its rollups.
        var lastDay = DateOnly.FromDateTime(receivedAt.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = $$"""
            { cells(resolution: R2500, window: { lastDay: "{{lastDay}}", days: 3 }) { count }
              keyMatters(window: { lastDay: "{{lastDay}}", days: 3 }) { records } }
            """;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var data = await GraphQLAsync(client, urlB, query);
            var cells = data["cells"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>());
            if (cells >= 1 && data["keyMatters"]!["records"]!.GetValue<int>() >= 1)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "B's replica reads never counted the need: " + data.ToJsonString());
            await Task.Delay(250);
        }
        var replica = TestReplica.For(folder.ConnectionString, "needsmap-tests");
        Assert.True(await TestReplica.ConnectionsOfAsync(replica, "needsmap-server-b") > 0, "B's reads did not reach the replica");
        Assert.Equal(0, await TestReplica.ConnectionsOfAsync(folder.ConnectionString, "needsmap-server-b"));
        Assert.False(a.HasExited || b.HasExited);
    }

    /// <summary>A channel's native sample to A's inbox with the channel's key from the demo settings, as the printed curl line does.</summary>
    private async Task<int> PushAsync(HttpClient client, string url, string file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/channels/12345/inbox")
        {
            Content = new ByteArrayContent(await File.ReadAllBytesAsync(file)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Channel-Key", Settings["NeedsMap"]!["Channels"]!["Keys"]!["12345"]!.GetValue<string>());
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<JsonNode> GraphQLAsync(HttpClient client, string url, string query)
    {
        using var response = await client.PostAsync(url + "/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!;
    }

    private static async Task<JsonNode> ReadyAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await client.GetAsync(url + "/health/ready");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.IsSuccessStatusCode && body["checks"]?["read_replica"]?["status"]?.GetValue<string>() == "ok")
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < deadline, "/health/ready: " + body.ToJsonString());
            await Task.Delay(250);
        }
    }
}
