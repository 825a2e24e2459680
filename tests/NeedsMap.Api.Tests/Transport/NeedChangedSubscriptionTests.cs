using System.Text.Json;
using System.Text.Json.Nodes;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>npm's graphql-ws client subscribes to needChanged, receives exactly the matching needs and completes.</summary>
public sealed class NeedChangedSubscriptionTests(KestrelHost host) : IClassFixture<KestrelHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_graphql_ws_subscriber_receives_new_needs_in_its_community_and_nothing_else()
    {
        const string subscription = """
            subscription { needChanged(where: { jurisdictionIn: ["330782002005"], categoryIn: ["noise"] }) {
              kind need { text category { code } jurisdiction { code } } } }
            """;
        var hub = host.Service<NeedChangeHub>();
        var before = hub.SubscriberCount;
        var client = NodeScripts.RunAsync("ws-roundtrip.mjs", [host.WebSocketUrl.ToString(), subscription, "--take", "2"], TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => hub.SubscriberCount > before || client.IsCompleted, "The subscriber never registered.", TimeSpan.FromSeconds(30));

        var jms = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        await TestNeeds.AddAsync(host, "别处的噪音", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity));
        await TestNeeds.AddAsync(host, "停车难", "traffic.parking", jms);
        await TestNeeds.AddAsync(host, "半夜打桩", "noise.construction", jms, externalId: "night-1");
        await TestNeeds.AddAsync(host, "半夜打桩，还在继续", "noise.construction", jms, externalId: "night-1", version: 2);

        var run = await client;
        Assert.True(run.ExitCode == 0, $"ws-roundtrip.mjs exited {run.ExitCode}:\n{run.StandardOutput}\n{run.StandardError}");
        var events = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var changes = events.Where(e => e["type"]!.GetValue<string>() == "next").Select(e => e["payload"]!["data"]!["needChanged"]!).ToList();
        Assert.Equal(["CREATED", "UPDATED"], changes.Select(c => c["kind"]!.GetValue<string>()));
        // Each event carries the need as it stands when the event is delivered.
        Assert.All(changes, c => Assert.Equal("330782002005", c["need"]!["jurisdiction"]!["code"]!.GetValue<string>()));
        Assert.Equal("半夜打桩，还在继续", changes[^1]["need"]!["text"]!.GetValue<string>());
        Assert.Equal("complete", events[^1]["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subscription_with_an_unknown_category_is_refused_with_its_code()
    {
        var run = await NodeScripts.RunAsync("ws-roundtrip.mjs",
            [host.WebSocketUrl.ToString(), """subscription { needChanged(where: { categoryIn: ["nope"] }) { kind } }"""], TimeSpan.FromMinutes(1));
        var events = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains("UNKNOWN_CATEGORY", events[0].ToJsonString(new JsonSerializerOptions()));
    }
}
