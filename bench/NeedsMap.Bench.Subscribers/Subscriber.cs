using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace NeedsMap.Bench.Subscribers;

/// <summary>
/// One graphql-transport-ws client subscribed to needChanged with its own document and variables: it records the external id
/// of every need it is told about, the moment it was read off the socket (<see cref="Stopwatch.GetTimestamp"/>, the machine's
/// monotonic clock, so comparable across the bench's processes), and how long after the need was stored (its updatedAt, stamped
/// by the server inside the storing transaction; client and server share this machine's clock).
/// </summary>
internal sealed class Subscriber(int index, string query, JsonElement variables, string token)
{
    private readonly ClientWebSocket _socket = new();
    private readonly Lock _gate = new();

    public int Index { get; } = index;
    public List<(string ExternalId, long At, double SinceStoredMs)> Received { get; } = [];
    public string? Failure { get; private set; }
    public Task Reading { get; private set; } = Task.CompletedTask;

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
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
        Reading = Task.Run(() => ReadLoopAsync(CancellationToken.None), CancellationToken.None);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return Received.Count;
            }
        }
    }

    /// <summary>Whether any need whose external id starts with <paramref name="prefix"/> has arrived.</summary>
    public bool HasReceivedAny(string prefix)
    {
        lock (_gate)
        {
            return Received.Exists(r => r.ExternalId.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    // One buffer per socket and a forward-only scan of each message: the client shares the server's two cores, so it
    // reads the three values it needs without building a document or a string per message.
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
                    Failure ??= $"closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    return;
                }
                var (type, externalId, stored) = Scan(buffer.AsSpan(0, length));
                if (type == "next" && externalId is not null && stored is { } storedAt)
                {
                    lock (_gate)
                    {
                        Received.Add((externalId, at, (now - storedAt).TotalMilliseconds));
                    }
                }
                else if (type == "ping")
                {
                    await SendAsync(new { type = "pong" }, cancellationToken);
                }
                else if (type is "error" or "complete" or "next")
                {
                    Failure ??= $"{type}: {Encoding.UTF8.GetString(buffer, 0, length)}";
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
            Failure ??= e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>The message's type and, in a needChanged event, the need's externalId and updatedAt.</summary>
    private static (string? Type, string? ExternalId, DateTimeOffset? UpdatedAt) Scan(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        string? type = null, externalId = null;
        DateTimeOffset? updatedAt = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("type"u8) && reader.CurrentDepth == 1)
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("externalId"u8))
            {
                reader.Read();
                externalId = reader.GetString();
            }
            else if (reader.ValueTextEquals("updatedAt"u8))
            {
                reader.Read();
                updatedAt = reader.GetDateTimeOffset();
            }
        }
        return (type, externalId, updatedAt);
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

    private readonly SemaphoreSlim _sending = new(1, 1);

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

    public async Task CloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
    }
}
