using System.Text.Json.Nodes;
using NeedsMap.Graph.Transport.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.TestSchema;

namespace NeedsMap.Graph.Transport.Tests.WebSockets;

public sealed class EdgeCaseTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private readonly Uri _url = fixture.Server.WebSocketUrl;

    [Fact]
    public async Task A_failing_event_stream_reports_the_error_in_next_then_completes()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("f", "subscription { failAfter(count: 2) }");

        var messages = new List<JsonNode>();
        while (messages.LastOrDefault()?["type"]?.GetValue<string>() != "complete")
            messages.Add(await client.ReceiveAsync() ?? throw new InvalidOperationException("closed"));

        Assert.Equal(["next", "next", "next", "complete"], messages.Select(m => m["type"]!.GetValue<string>()));
        Assert.Equal(2, messages[0]["payload"]?["data"]?["failAfter"]?.GetValue<int>());
        Assert.NotEmpty(messages[2]["payload"]!["errors"]!.AsArray());
        Assert.DoesNotContain("broke", messages[2].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.MaxRequestBodyBytes = 200);
        await using var client = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl);
        await client.SubscribeAsync("big", "{ hello }", new { padding = new string('x', 300) });

        Assert.Equal(1009, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_long_non_ascii_id_still_gets_a_valid_4409_close()
    {
        var id = new string('订', 100);
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync(id, "subscription { countdown(count: 100, delayMs: 100) }");
        await client.ReceiveOfTypeAsync("next");
        await client.SubscribeAsync(id, "subscription { countdown(count: 100, delayMs: 100) }");

        while (await client.ReceiveAsync() is { } message)
            Assert.Equal("next", message["type"]?.GetValue<string>());
        Assert.Equal(4409, (int?)client.CloseStatus);
    }

    [Fact]
    public async Task A_persisted_document_runs_over_the_socket()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SendAsync(new { type = "subscribe", id = "p", payload = new { documentId = TestPersistedDocuments.DocumentId } });

        Assert.Equal("Hello, world!", (await client.ReceiveOfTypeAsync("next"))["payload"]?["data"]?["hello"]?.GetValue<string>());
        await client.ReceiveOfTypeAsync("complete");
    }

    [Fact]
    public async Task The_client_closing_stops_its_running_subscriptions_at_the_source()
    {
        var tag = Guid.NewGuid().ToString();
        var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("s", $"subscription {{ countdown(count: 1000, delayMs: 10, tag: \"{tag}\") }}");
        await client.ReceiveOfTypeAsync("next");
        Assert.Equal(1, CountdownObservable.RunningWithTag(tag));

        await client.DisposeAsync();

        await Eventually.TrueAsync(() => CountdownObservable.RunningWithTag(tag) == 0, "the stream still runs after the socket closed");
    }

    [Fact]
    public async Task Stopping_the_server_closes_open_sockets_with_1001()
    {
        var server = await TransportTestServer.StartAsync();
        await using var client = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl);
        await client.SubscribeAsync("s", "subscription { countdown(count: 1000, delayMs: 50) }");
        await client.ReceiveOfTypeAsync("next");

        var stopping = server.DisposeAsync().AsTask();
        while (await client.ReceiveAsync() is { } message)
            Assert.Equal("next", message["type"]?.GetValue<string>());

        Assert.Equal(1001, (int?)client.CloseStatus);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
