using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.WebSockets;

public sealed class OperationTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private readonly Uri _url = fixture.Server.WebSocketUrl;

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var client = await WsTestClient.ConnectAsync(_url);
        await client.SendAsync(new { type = "ping", payload = new { at = 1 } });

        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_pong_from_the_client_needs_no_answer()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SendAsync(new { type = "pong" });
        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task The_server_pings_at_the_keep_alive_interval_after_the_ack()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(100));
        await using var client = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl);

        Assert.Equal("ping", (await client.ReceiveAsync(TimeSpan.FromSeconds(5)))?["type"]?.GetValue<string>());
        await client.SendAsync(new { type = "pong" });
        Assert.Equal("ping", (await client.ReceiveAsync(TimeSpan.FromSeconds(5)))?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_mutation_is_one_next_then_complete()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("m", "mutation($by: Int!) { increment(by: $by) }", new { by = 1 });

        var next = await client.ReceiveOfTypeAsync("next");
        Assert.Equal("m", next["id"]?.GetValue<string>());
        Assert.NotNull(next["payload"]?["data"]?["increment"]);
        Assert.Equal("m", (await client.ReceiveOfTypeAsync("complete"))["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_field_error_arrives_in_next_not_error()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("q", "{ hello boom }");

        var next = await client.ReceiveOfTypeAsync("next");
        Assert.Equal("Hello, world!", next["payload"]?["data"]?["hello"]?.GetValue<string>());
        Assert.NotEmpty(next["payload"]!["errors"]!.AsArray());
        await client.ReceiveOfTypeAsync("complete");
    }

    [Theory]
    [InlineData("{ noSuchField }")]
    [InlineData("{ hello")]
    [InlineData("subscription { countdown }")]
    public async Task A_request_that_cannot_execute_gets_error_and_no_complete(string query)
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("bad", query);

        var error = await client.ReceiveOfTypeAsync("error");
        Assert.Equal("bad", error["id"]?.GetValue<string>());
        Assert.NotEmpty(error["payload"]!.AsArray());

        // The socket stays usable, and nothing else arrives for that id.
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_subscription_streams_every_event_then_completes()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("s", "subscription { countdown(count: 3) }");

        for (var expected = 3; expected > 0; expected--)
            Assert.Equal(expected, (await client.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["countdown"]?.GetValue<int>());
        Assert.Equal("s", (await client.ReceiveOfTypeAsync("complete"))["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Client_complete_stops_the_stream_at_the_source_and_gets_nothing_back()
    {
        var tag = Guid.NewGuid().ToString();
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("s", $"subscription {{ countdown(count: 1000, delayMs: 20, tag: \"{tag}\") }}");
        await client.ReceiveOfTypeAsync("next");

        await client.SendAsync(new { type = "complete", id = "s" });
        // Events queued before the complete was read may still arrive; after a ping round trip, none may.
        await client.SendAsync(new { type = "ping" });
        while ((await client.ReceiveAsync())?["type"]?.GetValue<string>() is "next")
        {
        }
        await Eventually.TrueAsync(() => CountdownObservable.RunningWithTag(tag) == 0, "the stream still runs after complete");
        await Task.Delay(100);
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task Operations_on_one_socket_run_concurrently_and_each_completes()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("slow", "subscription { countdown(count: 2, delayMs: 500) }");
        await client.SubscribeAsync("fast", "{ hello }");

        var first = await client.ReceiveOfTypeAsync("next");
        Assert.Equal("fast", first["id"]?.GetValue<string>());
        var completed = new List<string>();
        while (completed.Count < 2)
        {
            var message = await client.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            if (message["type"]?.GetValue<string>() == "complete")
                completed.Add(message["id"]!.GetValue<string>());
        }
        Assert.Equal(["fast", "slow"], completed);
    }

    [Fact]
    public async Task Operations_beyond_the_per_socket_limit_get_an_error()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.MaxSubscriptionsPerSocket = 1);
        await using var client = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl);
        await client.SubscribeAsync("one", "subscription { countdown(count: 100, delayMs: 100) }");
        await client.ReceiveOfTypeAsync("next");
        await client.SubscribeAsync("two", "{ hello }");

        JsonNodeAssert(await ReceiveSkippingIdAsync(client, "one"), "error", "two", "TOO_MANY_OPERATIONS");
    }

    [Fact]
    public async Task Each_operation_gets_its_own_service_scope_and_the_init_user_context()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url, new { who = "carol" });
        await client.SubscribeAsync("a", "{ scopeId userContextValue }");
        var a = (await client.ReceiveOfTypeAsync("next"))["payload"]!["data"]!;
        await client.ReceiveOfTypeAsync("complete");
        await client.SubscribeAsync("b", "{ scopeId }");
        var b = (await client.ReceiveOfTypeAsync("next"))["payload"]!["data"]!;

        Assert.Equal("carol", a["userContextValue"]?.GetValue<string>());
        Assert.NotEqual(a["scopeId"]!.GetValue<string>(), b["scopeId"]!.GetValue<string>());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ReceiveSkippingIdAsync(WsTestClient client, string skippedId)
    {
        while (true)
        {
            var message = await client.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            if (message["id"]?.GetValue<string>() != skippedId)
                return message;
        }
    }

    private static void JsonNodeAssert(System.Text.Json.Nodes.JsonNode message, string type, string id, string code)
    {
        Assert.Equal(type, message["type"]?.GetValue<string>());
        Assert.Equal(id, message["id"]?.GetValue<string>());
        Assert.Equal(code, message["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }
}
