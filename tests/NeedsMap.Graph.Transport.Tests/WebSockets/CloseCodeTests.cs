using System.Net;
using System.Net.WebSockets;
using NeedsMap.Graph.Transport.Tests.Infrastructure;

namespace NeedsMap.Graph.Transport.Tests.WebSockets;

public sealed class CloseCodeTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private readonly Uri _url = fixture.Server.WebSocketUrl;

    [Theory]
    [InlineData("graphql-ws")]
    [InlineData(null)]
    public async Task An_upgrade_without_the_graphql_transport_ws_subprotocol_is_refused(string? subProtocol)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (subProtocol != null)
            socket.Options.AddSubProtocol(subProtocol);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_url, CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"type":"unknown"}""")]
    [InlineData("""{"type":"next","id":"1","payload":{}}""")]
    [InlineData("""{"type":"connection_init","payload":"x"}""")]
    public async Task An_invalid_message_closes_with_4400(string message)
    {
        await using var client = await WsTestClient.ConnectAsync(_url);
        await client.SendTextAsync(message);

        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ hello }"}}""")]
    [InlineData("""{"type":"subscribe","id":"","payload":{"query":"{ hello }"}}""")]
    [InlineData("""{"type":"subscribe","id":"1"}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":1}}""")]
    [InlineData("""{"type":"complete","id":5}""")]
    public async Task A_malformed_subscribe_or_complete_closes_with_4400_even_after_ack(string message)
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SendTextAsync(message);

        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_with_4401()
    {
        await using var client = await WsTestClient.ConnectAsync(_url);
        await client.SubscribeAsync("1", "{ hello }");

        Assert.Equal(4401, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task An_init_the_authorizer_refuses_closes_with_4403()
    {
        await using var client = await WsTestClient.ConnectAsync(_url);
        await client.SendAsync(new { type = "connection_init", payload = new { deny = true } });

        Assert.Equal(4403, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task No_init_within_the_timeout_closes_with_4408()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.ConnectionInitTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await WsTestClient.ConnectAsync(server.WebSocketUrl);

        Assert.Equal(4408, await client.ReceiveCloseAsync());
        Assert.Equal("Connection initialisation timeout", client.CloseStatusDescription);
    }

    [Fact]
    public async Task An_init_in_time_is_not_closed_by_the_timeout()
    {
        await using var server = await TransportTestServer.StartAsync(o => o.ConnectionInitTimeout = TimeSpan.FromSeconds(1));
        await using var client = await WsTestClient.ConnectAndInitAsync(server.WebSocketUrl);
        await Task.Delay(1500);
        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_second_subscribe_with_a_running_id_closes_with_4409()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SubscribeAsync("same", "subscription { countdown(count: 100, delayMs: 100) }");
        await client.ReceiveOfTypeAsync("next");
        await client.SubscribeAsync("same", "subscription { countdown(count: 100, delayMs: 100) }");

        Assert.Equal(4409, await ReceiveCloseSkippingNextAsync(client));
        Assert.Equal("Subscriber for same already exists", client.CloseStatusDescription);
    }

    [Fact]
    public async Task An_id_may_be_reused_once_its_operation_completed()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        for (var i = 0; i < 2; i++)
        {
            await client.SubscribeAsync("again", "{ hello }");
            await client.ReceiveOfTypeAsync("next");
            await client.ReceiveOfTypeAsync("complete");
        }
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await WsTestClient.ConnectAndInitAsync(_url);
        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, await client.ReceiveCloseAsync());
    }

    private static async Task<int?> ReceiveCloseSkippingNextAsync(WsTestClient client)
    {
        while (await client.ReceiveAsync() is { } message)
            Assert.Equal("next", message["type"]?.GetValue<string>());
        return (int?)client.CloseStatus;
    }
}
