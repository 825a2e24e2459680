using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// The only code that sends on a socket: everything else queues frames here and one task drains them,
/// since <see cref="WebSocket.SendAsync(ArraySegment{byte}, WebSocketMessageType, bool, CancellationToken)"/>
/// must never run twice at once. A client that lets more than the allowed backlog pile up is closed with 1008
/// rather than allowed to grow the server's memory without bound.
/// </summary>
internal sealed class WebSocketWriter
{
    private readonly Channel<OutgoingFrame> _frames = Channel.CreateUnbounded<OutgoingFrame>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly WebSocket _socket;
    private readonly int _maxBacklog;
    private readonly ILogger _logger;
    private int _backlog;
    private long _activity;
    private readonly TaskCompletionSource _closeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;

    public WebSocketWriter(WebSocket socket, int maxBacklog, ILogger logger, CancellationToken aborted)
    {
        _logger = logger;
        _socket = socket;
        _maxBacklog = maxBacklog;
        // The drain must start even if the socket is already aborted: it watches the token itself and completes Completion.
        Completion = Task.Run(() => DrainAsync(aborted), CancellationToken.None);
    }

    /// <summary>Ends when the close frame is sent, the socket fails, or <see cref="Complete"/> is called.</summary>
    public Task Completion { get; }

    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    /// <summary>Completes when a close frame is queued, by the connection or by the backlog limit.</summary>
    public Task CloseRequested => _closeRequested.Task;

    /// <summary>Changes whenever a message other than a keep-alive ping is queued (<see cref="KeepAliveWheel"/> skips sockets with traffic).</summary>
    public long LastActivity => Interlocked.Read(ref _activity);

    public bool Send(string message)
    {
        Interlocked.Increment(ref _activity);
        return Enqueue(OutgoingFrame.Message(message));
    }

    /// <summary>Queues a keep-alive <c>ping</c>; unlike other messages it does not count as traffic.</summary>
    public bool SendPing() => Enqueue(OutgoingFrame.Message(PingMessage));

    private const string PingMessage = """{"type":"ping"}""";

    /// <summary>Queues <paramref name="head"/> + <paramref name="body"/> + <c>}</c> as one text message; the arrays are not copied, so neither may change.</summary>
    public bool SendSpliced(byte[] head, byte[] body)
    {
        Interlocked.Increment(ref _activity);
        return Enqueue(OutgoingFrame.Spliced(head, body));
    }

    private bool Enqueue(OutgoingFrame frame)
    {
        if (IsClosing)
            return false;
        if (Interlocked.Increment(ref _backlog) > _maxBacklog)
        {
            Close((int)WebSocketCloseStatus.PolicyViolation, "Too many messages waiting: the client is not reading");
            return false;
        }
        return _frames.Writer.TryWrite(frame);
    }

    /// <summary>Queues the close frame after what is already queued; later sends are dropped. False if already closing.</summary>
    public bool Close(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
            return false;
        _frames.Writer.TryWrite(OutgoingFrame.Close(code, CloseReason.Fit(reason)));
        _frames.Writer.TryComplete();
        _closeRequested.TrySetResult();
        return true;
    }

    public void Complete() => _frames.Writer.TryComplete();

    private async Task SendSplicedAsync(byte[] head, byte[] body)
    {
        var length = head.Length + body.Length + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            head.CopyTo(buffer, 0);
            body.CopyTo(buffer, head.Length);
            buffer[length - 1] = (byte)'}';
            await _socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task DrainAsync(CancellationToken aborted)
    {
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(aborted))
            {
                if (frame.IsClose)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync((WebSocketCloseStatus)frame.CloseCode, frame.CloseReason, aborted);
                    return;
                }
                Interlocked.Decrement(ref _backlog);
                if (_socket.State != WebSocketState.Open)
                    continue;
                // Frames are sent without a token: ManagedWebSocket takes its allocation-free path only for a token that cannot
                // be cancelled (with one, every frame is an async state machine and a token registration: ~1 % of the machine
                // in the 19,500-socket profile, bench/results/subscribers-20000.md). Nothing waits forever without it: an
                // aborted connection fails the send, and a peer that stops reading is closed by the backlog limit and then
                // aborted by the connection once the close handshake's wait is over, which fails a send stuck on it.
                if (frame.Text != null)
                    await _socket.SendAsync(Encoding.UTF8.GetBytes(frame.Text), WebSocketMessageType.Text, true, CancellationToken.None);
                else
                {
                    await SendSplicedAsync(frame.Head!, frame.Body!);
                    Telemetry.TransportTelemetry.EventSent(frame.Queued);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; the read loop sees the same and ends the connection.
        }
        catch (Exception e)
        {
            // Nothing can be sent any more: end the socket so that the read loop ends too.
            _logger.LogError(e, "Sending on a graphql-transport-ws socket failed");
            _socket.Abort();
        }
    }
}
