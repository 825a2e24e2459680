using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Tests.Caching;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.Sharing;

/// <summary>Identical subscriptions of one caller partition (WhoPartition: the init payload's "who") share one run.</summary>
public sealed class SharedSubscriptionTests : IAsyncLifetime
{
    private const string Query = "subscription($t: String!) { broadcast(topic: $t) { text } }";
    private TransportTestServer _server = null!;

    private SharedSubscriptions Sharing => _server.Services.GetRequiredService<SharedSubscriptions>();

    private TestBroadcast Broadcast => _server.Services.GetRequiredService<TestBroadcast>();

    public async Task InitializeAsync() =>
        _server = await TransportTestServer.StartAsync(services: s => s.AddSingleton<ICallerPartition, WhoPartition>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Identical_subscriptions_of_one_partition_run_once_and_each_gets_every_event_under_its_own_id()
    {
        var clients = new List<WsTestClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
            await client.SubscribeAsync($"sub \"{i}\"", Query, new { t = "north" });
            clients.Add(client);
        }
        await Eventually.TrueAsync(() => Sharing.Members == 3 && Broadcast.ObserversOf("north") == 1, "three subscribes joined a running stream");

        Broadcast.Publish("north", "路灯不亮");
        Broadcast.Publish("north", "second");

        Assert.Equal(1, Sharing.Runs);
        Assert.Equal(1, Broadcast.ObserversOf("north"));
        for (var i = 0; i < 3; i++)
        {
            foreach (var text in new[] { "路灯不亮", "second" })
            {
                var next = await clients[i].ReceiveOfTypeAsync("next");
                Assert.Equal($"sub \"{i}\"", next["id"]?.GetValue<string>());
                Assert.Equal(text, next["payload"]?["data"]?["broadcast"]?["text"]?.GetValue<string>());
            }
        }
        Assert.Equal(2, Broadcast.Resolutions);
        foreach (var client in clients)
            await client.DisposeAsync();
    }

    [Fact]
    public async Task Different_partitions_or_variables_run_apart()
    {
        await using var ana = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await using var bo = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "bo" });
        await ana.SubscribeAsync("1", Query, new { t = "north" });
        await ana.SubscribeAsync("2", Query, new { t = "south" });
        await bo.SubscribeAsync("1", Query, new { t = "north" });
        await Eventually.TrueAsync(() => Sharing.Runs == 3 && Broadcast.ObserversOf("north") == 2 && Broadcast.ObserversOf("south") == 1, "three running streams");

        Broadcast.Publish("north", "n");
        Broadcast.Publish("south", "s");

        Assert.Equal("n", (await ana.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["broadcast"]?["text"]?.GetValue<string>());
        Assert.Equal("s", (await ana.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["broadcast"]?["text"]?.GetValue<string>());
        Assert.Equal("n", (await bo.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["broadcast"]?["text"]?.GetValue<string>());
        Assert.True(await NothingArrivesAsync(bo));
    }

    [Fact]
    public async Task A_member_that_completes_leaves_the_others_subscribed_and_the_last_one_out_ends_the_run()
    {
        await using var first = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await using var second = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await first.SubscribeAsync("a", Query, new { t = "east" });
        await second.SubscribeAsync("b", Query, new { t = "east" });
        await Eventually.TrueAsync(() => Sharing.Members == 2 && Broadcast.ObserversOf("east") == 1, "both joined a running stream");

        await first.SendAsync(new { type = "complete", id = "a" });
        await Eventually.TrueAsync(() => Sharing.Members == 1, "the first left");
        Broadcast.Publish("east", "still here");

        Assert.Equal("still here", (await second.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["broadcast"]?["text"]?.GetValue<string>());
        Assert.True(await NothingArrivesAsync(first));
        await second.DisposeAsync();
        await Eventually.TrueAsync(() => Sharing.Runs == 0 && Broadcast.ObserversOf("east") == 0, "the run ended with its last member");
    }

    [Fact]
    public async Task When_the_shared_stream_completes_every_member_gets_complete()
    {
        await using var first = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await using var second = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await first.SubscribeAsync("a", Query, new { t = "west" });
        await second.SubscribeAsync("b", Query, new { t = "west" });
        await Eventually.TrueAsync(() => Sharing.Members == 2 && Broadcast.ObserversOf("west") == 1, "both joined a running stream");

        Broadcast.Complete("west");

        Assert.Equal("a", (await first.ReceiveOfTypeAsync("complete"))["id"]?.GetValue<string>());
        Assert.Equal("b", (await second.ReceiveOfTypeAsync("complete"))["id"]?.GetValue<string>());
        await Eventually.TrueAsync(() => Sharing.Runs == 0, "the run is gone");
    }

    [Fact]
    public async Task A_refused_subscription_gives_each_subscriber_the_error_and_leaves_no_run()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await client.SubscribeAsync("bad", "subscription { broadcast(topic: 1) { text } }");

        var error = await client.ReceiveOfTypeAsync("error");
        Assert.Equal("bad", error["id"]?.GetValue<string>());
        await Eventually.TrueAsync(() => Sharing.Runs == 0, "no run is left");
    }

    [Fact]
    public async Task Per_caller_fields_queries_and_callers_without_a_partition_run_on_their_own()
    {
        await using var ana = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "ana" });
        await using var nobody = await WsTestClient.ConnectAndInitAsync(_server.WebSocketUrl, new { who = "nobody" });
        await ana.SubscribeAsync("who", "subscription { broadcast(topic: \"up\") { text who } }");
        await ana.SubscribeAsync("frag", "subscription { broadcast(topic: \"up\") { ...F } } fragment F on Broadcast { who }");
        await nobody.SubscribeAsync("plain", "subscription { broadcast(topic: \"up\") { text } }");
        await Eventually.TrueAsync(() => Broadcast.ObserversOf("up") == 3, "three streams of their own");

        Assert.Equal(0, Sharing.Runs);
        Broadcast.Publish("up", "x");
        Assert.Equal("ana", (await ana.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["broadcast"]?["who"]?.GetValue<string>());
        await ana.SubscribeAsync("q", "query { __typename }");
        Assert.Equal(0, Sharing.Runs);
    }

    // A timed-out receive aborts the client socket, so this is a socket's last read.
    private static async Task<bool> NothingArrivesAsync(WsTestClient client)
    {
        try
        {
            return await client.ReceiveAsync(TimeSpan.FromMilliseconds(300)) is null;
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            return true;
        }
    }
}
