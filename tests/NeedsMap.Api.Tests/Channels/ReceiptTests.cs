using System.Text;
using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Channels.Faults;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>A sender reconciles what it pushed record by record: receipts, outcome counters, one quarantine entry per bad record.</summary>
public sealed class ReceiptTests(IntakeHost host) : IClassFixture<IntakeHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE quarantined_records; UPDATE channels SET accepted_count = 0, revised_count = 0, unchanged_count = 0, rejected_count = 0");
        await host.WaitForPluginAsync("open311");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<(int Status, JsonNode? Body)> PushAsync(string json, string contentType = "application/json", string channel = "open311") =>
        host.PushBytesAsync(channel, Encoding.UTF8.GetBytes(json), contentType);

    // Five requests and one without a description, which the plugin refuses under its id.
    private string Delivery(string prefix, int version = 0)
    {
        var page = JsonNode.Parse(host.Deliveries.Page(prefix, 0, 5, version))!.AsArray();
        page.Add(new JsonObject
        {
            ["service_request_id"] = $"{prefix}-bad", ["requested_datetime"] = "2026-11-27T09:00:00+08:00", ["address"] = "义乌市稠城街道",
        });
        return page.ToJsonString();
    }

    private static Dictionary<string, JsonNode> ByExternalId(JsonNode body) =>
        body["records"]!.AsArray().ToDictionary(r => r!["externalId"]!.GetValue<string>(), r => r!);

    private async Task<JsonNode> CountersAsync()
    {
        var result = await host.GraphQLAsync("{ channels { code acceptedCount revisedCount unchangedCount rejectedCount } }");
        return result["data"]!["channels"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "open311")!;
    }

    [Fact]
    public async Task Each_record_gets_a_receipt_with_the_global_id_graphql_uses_and_a_redelivery_is_unchanged_and_counted_once()
    {
        var (status, first) = await PushAsync(Delivery("rc"));
        Assert.Equal(200, status);
        Assert.Equal((5, 5, 0, 0, 1, 1), (first!["accepted"]!.GetValue<int>(), first["stored"]!.GetValue<int>(), first["revised"]!.GetValue<int>(),
            first["unchanged"]!.GetValue<int>(), first["quarantined"]!.GetValue<int>(), first["rejected"]!.GetValue<int>()));
        var receipts = ByExternalId(first);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal("stored", receipts[Open311Deliveries.Id("rc", i)]["outcome"]!.GetValue<string>()));
        var bad = receipts["rc-bad"];
        Assert.Equal(("quarantined", "missing_field"), (bad["outcome"]!.GetValue<string>(), bad["reason"]!.GetValue<string>()));
        Assert.Null(bad["needId"]);

        var stored = await host.GraphQLAsync("""{ needs(first: 10, where: { channelIn: ["open311"] }) { edges { node { id externalId } } } }""");
        var graphIds = stored["data"]!["needs"]!["edges"]!.AsArray().ToDictionary(e => e!["node"]!["externalId"]!.GetValue<string>(), e => e!["node"]!["id"]!.GetValue<string>());
        Assert.Equal(5, graphIds.Count);
        Assert.All(graphIds, g => Assert.Equal(g.Value, receipts[g.Key]["needId"]!.GetValue<string>()));
        Assert.Equal(graphIds.Values.Order(), first["needIds"]!.AsArray().Select(n => n!.GetValue<string>()).Order());

        var (again, second) = await PushAsync(Delivery("rc"));
        Assert.Equal(200, again);
        Assert.Equal((5, 0, 5, 1), (second!["accepted"]!.GetValue<int>(), second["stored"]!.GetValue<int>(), second["unchanged"]!.GetValue<int>(),
            second["quarantined"]!.GetValue<int>()));
        var repeated = ByExternalId(second);
        Assert.All(graphIds, g => Assert.Equal(("unchanged", g.Value), (repeated[g.Key]["outcome"]!.GetValue<string>(), repeated[g.Key]["needId"]!.GetValue<string>())));
        Assert.Equal(bad["quarantineId"]!.GetValue<long>(), repeated["rc-bad"]["quarantineId"]!.GetValue<long>());

        var counters = await CountersAsync();
        Assert.Equal((5, 0, 5, 1), (counters["acceptedCount"]!.GetValue<long>(), counters["revisedCount"]!.GetValue<long>(),
            counters["unchangedCount"]!.GetValue<long>(), counters["rejectedCount"]!.GetValue<long>()));
        var quarantine = await host.GraphQLAsync("{ rejectedRecords(channel: \"open311\") { id externalId reasonCode deliveries lastReceivedAt } }");
        var entry = Assert.Single(quarantine["data"]!["rejectedRecords"]!.AsArray())!;
        Assert.Equal(("rc-bad", 2), (entry["externalId"]!.GetValue<string>(), entry["deliveries"]!.GetValue<int>()));
        Assert.NotNull(entry["lastReceivedAt"]);
    }

    [Fact]
    public async Task A_newer_version_is_revised_and_an_older_one_unchanged_and_each_is_told_apart()
    {
        await PushAsync(host.Deliveries.Page("rv", 0, 3, version: 10));
        var mixed = new JsonArray(
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(host.Deliveries.Request("rv", 0, version: 20))),
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(host.Deliveries.Request("rv", 1, version: 5))),
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(host.Deliveries.Request("rv", 2, version: 10))),
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(host.Deliveries.Request("rv", 3, version: 10))));

        var (status, body) = await PushAsync(mixed.ToJsonString());

        Assert.Equal(200, status);
        var receipts = ByExternalId(body!);
        Assert.Equal(["revised", "unchanged", "unchanged", "stored"],
            Enumerable.Range(0, 4).Select(i => receipts[Open311Deliveries.Id("rv", i)]["outcome"]!.GetValue<string>()));
        var counters = await CountersAsync();
        Assert.Equal((4, 1, 2, 0), (counters["acceptedCount"]!.GetValue<long>(), counters["revisedCount"]!.GetValue<long>(),
            counters["unchangedCount"]!.GetValue<long>(), counters["rejectedCount"]!.GetValue<long>()));
        var history = await host.GraphQLAsync("query($id: ID!) { needHistory(id: $id) { kind } }", new { id = receipts["rv-000000"]["needId"]!.GetValue<string>() });
        Assert.Equal(["created", "revised"], history["data"]!["needHistory"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_content_type_the_plugin_does_not_declare_is_refused_with_415_and_stores_nothing()
    {
        var (status, body) = await PushAsync(host.Deliveries.Page("ct", 0, 2), "application/xml");

        Assert.Equal(415, status);
        Assert.Equal(["application/json", "text/json"], body!["acceptedFormats"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(0, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs"));
        Assert.Equal(415, (await PushAsync(host.Deliveries.Page("ct", 0, 2), "text/plain")).Status);
        Assert.Equal(200, (await PushAsync(host.Deliveries.Page("ct", 0, 2), "text/json; charset=utf-8")).Status);
    }

    [Fact]
    public async Task Pushes_are_limited_per_channel_key_so_one_channels_flood_leaves_the_others_their_budget()
    {
        await host.WaitForPluginAsync("wechat");
        var wechat = File.ReadAllBytes(PluginFolder.Samples("NeedsMap.Channels.WeChat", "valid").First());
        var statuses = new List<int>();
        for (var i = 0; i < IntakeHost.WeChatPushesPerMinute + 2; i++)
        {
            statuses.Add((await host.PushBytesAsync("wechat", wechat, "application/xml")).Status);
        }
        Assert.Equal(Enumerable.Repeat(200, IntakeHost.WeChatPushesPerMinute).Concat([429, 429]), statuses);

        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/channels/wechat/inbox") { Content = new ByteArrayContent(wechat) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        request.Headers.Add("X-Channel-Key", ChannelHost.KeyOf("wechat"));
        using var limited = await client.SendAsync(request);
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null, "429 without Retry-After");
        Assert.Contains("RATE_LIMITED", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(401, (await host.PushBytesAsync("wechat", wechat, "application/xml", key: "guessed")).Status); // not the channel's budget
        for (var i = 0; i < IntakeHost.WeChatPushesPerMinute + 2; i++)
        {
            Assert.Equal(200, (await PushAsync(host.Deliveries.Page("rl", i, 1))).Status);
        }
    }

    [Fact]
    public async Task A_record_from_the_future_or_before_2000_is_quarantined_as_the_sdk_s_check_would_refuse_it_and_the_rest_is_stored()
    {
        var page = JsonNode.Parse(host.Deliveries.Page("when", 0, 4))!.AsArray();
        page[0]!["requested_datetime"] = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        page[1]!["requested_datetime"] = "9999-12-31T23:00:00+08:00";
        page[2]!["requested_datetime"] = "1999-12-31T08:00:00+08:00";
        var (status, body) = await PushAsync(page.ToJsonString());

        Assert.Equal(200, status);
        var receipts = ByExternalId(body!);
        foreach (var i in new[] { 0, 1, 2 })
        {
            var receipt = receipts[Open311Deliveries.Id("when", i)];
            Assert.Equal(("quarantined", "INVALID_INPUT"), (receipt["outcome"]!.GetValue<string>(), receipt["reason"]!.GetValue<string>()));
            Assert.Contains("before 2000 or more than 24 hours past", receipt["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal("stored", receipts[Open311Deliveries.Id("when", 3)]["outcome"]!.GetValue<string>());
        // Counting goes on: the stored one is counted, and nothing from the future reached the needs.
        var counted = await host.GraphQLAsync("""{ needs(first: 1, where: { channelIn: ["open311"] }) { totalCount } }""");
        Assert.Equal(1, counted["data"]!["needs"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_deliveries_of_one_record_with_different_call_times_at_once_both_answer_and_store_it_once()
    {
        var pairs = Enumerable.Range(0, 8).Select(async i =>
        {
            var first = host.Deliveries.Request("race", i);
            var second = host.Deliveries.Request("race", i, version: 1);
            second["requested_datetime"] = "2026-11-02T11:00:00+08:00";
            var answers = await Task.WhenAll(
                PushAsync(System.Text.Json.JsonSerializer.Serialize(new[] { first })),
                PushAsync(System.Text.Json.JsonSerializer.Serialize(new[] { second })));
            return answers.Select(a => a.Status).ToArray();
        });
        var statuses = (await Task.WhenAll(pairs)).SelectMany(s => s).ToList();

        Assert.All(statuses, status => Assert.Equal(200, status));
        var stored = await host.GraphQLAsync("""{ needs(first: 20, where: { channelIn: ["open311"] }) { totalCount } }""");
        Assert.Equal(8, stored["data"]!["needs"]!["totalCount"]!.GetValue<int>());
    }
}
