using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NeedsMap.Api.Tests.Security;

/// <summary>A bare graphql-transport-ws client for the security suites.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<WsClient> ConnectAsync(Uri uri, object? initPayload)
    {
        var client = new WsClient();
        client._socket.Options.AddSubProtocol("graphql-transport-ws");
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        await client.SendAsync(initPayload is null ? new { type = "connection_init" } : new { type = "connection_init", payload = initPayload });
        return client;
    }

    /// <summary>Connects with a bearer token, waits for the ack and subscribes under <paramref name="id"/>.</summary>
    public static async Task<WsClient> SubscribedAsync(Uri uri, string token, string id, string query)
    {
        var client = await ConnectAsync(uri, new { authorization = "Bearer " + token });
        Assert.Equal("connection_ack", (await client.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.GetValue<string>());
        await client.SendAsync(new { id, type = "subscribe", payload = new { query } });
        return client;
    }

    public Task SendAsync(object message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null when the socket closed or nothing came in time.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan timeout)
    {
        _reader ??= Task.Run(ReadLoopAsync);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    private readonly System.Threading.Channels.Channel<JsonObject> _messages = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
    private Task? _reader;

    // Cancelling a pending receive aborts a ClientWebSocket, so one loop reads and the tests wait on a queue.
    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                text.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var node = JsonNode.Parse(text.ToArray())!.AsObject();
                text.SetLength(0);
                if (node["type"]?.GetValue<string>() == "ping")
                {
                    await SendAsync(new { type = "pong" });
                    continue;
                }
                _messages.Writer.TryWrite(node);
            }
        }
        catch (WebSocketException)
        {
        }
        _messages.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        _socket.Dispose();
    }
}
