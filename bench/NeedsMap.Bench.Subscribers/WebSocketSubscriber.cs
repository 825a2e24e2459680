using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace NeedsMap.Bench.Subscribers;

/// <summary>
/// A subscriber on .NET's <see cref="ClientWebSocket"/>, as an application would write it: an awaited receive per message,
/// each completion a thread-pool work item (<c>--client websocket</c>). About 10 µs of CPU per event on this machine's
/// loopback, which the clients take from the server's two cores; <see cref="EpollSubscriber"/> reads the same messages for less.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "CloseAsync disposes them; the client process closes every subscriber before it exits.")]
internal sealed class WebSocketSubscriber(int index, string query, JsonElement variables, string token) : SubscriberBase(index)
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);

    public override async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        _socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(uri, cancellationToken);
        await SendAsync(new { type = "connection_init", payload = new { token } }, cancellationToken);
        var ack = await ReceiveAsync(new byte[4096], cancellationToken);
        if (ack is null || !ack.Contains("\"connection_ack\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"subscriber {Index}: expected connection_ack, got {ack ?? _socket.CloseStatusDescription}");
        }
        await SendAsync(new { id = "1", type = "subscribe", payload = new { query, variables } }, cancellationToken);
        _ = Task.Run(() => ReadLoopAsync(CancellationToken.None), CancellationToken.None);
    }

    // One buffer per socket, grown when a message is larger.
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                var at = Stopwatch.GetTimestamp();
                var now = DateTimeOffset.UtcNow;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Fail($"closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }
                if (Take(buffer.AsSpan(0, length), at, now))
                {
                    await SendAsync(new { type = "pong" }, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
            Fail(e.GetType().Name + ": " + e.Message);
        }
    }

    private async Task<string?> ReceiveAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    public override async Task CloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        _socket.Dispose();
        _sending.Dispose();
    }
}
