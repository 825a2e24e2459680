using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>A raw graphql-transport-ws client on <see cref="ClientWebSocket"/>, for tests that break the protocol on purpose.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;

    private WsTestClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    public static async Task<WsTestClient> ConnectAsync(Uri url, string? subProtocol = SubProtocol)
    {
        var socket = new ClientWebSocket();
        if (subProtocol != null)
            socket.Options.AddSubProtocol(subProtocol);
        using var timeout = new CancellationTokenSource(DefaultWait);
        await socket.ConnectAsync(url, timeout.Token);
        return new WsTestClient(socket);
    }

    /// <summary>Connects, sends connection_init and waits for connection_ack.</summary>
    public static async Task<WsTestClient> ConnectAndInitAsync(Uri url, object? payload = null)
    {
        var client = await ConnectAsync(url);
        await client.SendAsync(new { type = "connection_init", payload });
        var ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", ack?["type"]?.GetValue<string>());
        return client;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultWait);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { type = "subscribe", id, payload = new { query, variables } });

    /// <summary>The next message, or null once the server has closed (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
                return JsonNode.Parse(message.ToArray());
        }
    }

    /// <summary>Reads until the server closes, failing on any message on the way, and returns the close code.</summary>
    public async Task<int?> ReceiveCloseAsync(TimeSpan? wait = null)
    {
        var message = await ReceiveAsync(wait);
        Assert.True(message == null, $"Expected the server to close, got {message?.ToJsonString()}");
        return (int?)_socket.CloseStatus;
    }

    /// <summary>Reads messages until one of the given type arrives, skipping server pings.</summary>
    public async Task<JsonNode> ReceiveOfTypeAsync(string type, TimeSpan? wait = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(wait) ?? throw new InvalidOperationException(
                $"The server closed ({(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}) while a '{type}' was expected.");
            if (message["type"]?.GetValue<string>() == type)
                return message;
            if (message["type"]?.GetValue<string>() != "ping")
                throw new InvalidOperationException($"Expected '{type}', got {message.ToJsonString()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already gone; nothing to tidy.
            }
        }
        _socket.Dispose();
    }
}
