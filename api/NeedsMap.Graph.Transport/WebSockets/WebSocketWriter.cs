using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// The only code that sends on a socket: everything else queues frames here and one task drains them,
/// since <see cref="WebSocket.SendAsync(ArraySegment{byte}, WebSocketMessageType, bool, CancellationToken)"/>
/// must never run twice at once.
/// </summary>
internal sealed class WebSocketWriter
{
    private readonly Channel<OutgoingFrame> _frames = Channel.CreateUnbounded<OutgoingFrame>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly WebSocket _socket;
    private int _closing;

    public WebSocketWriter(WebSocket socket, CancellationToken aborted)
    {
        _socket = socket;
        Completion = Task.Run(() => DrainAsync(aborted));
    }

    /// <summary>Ends when the close frame is sent, the socket fails, or <see cref="Complete"/> is called.</summary>
    public Task Completion { get; }

    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    public bool Send(string message) => !IsClosing && _frames.Writer.TryWrite(OutgoingFrame.Message(message));

    /// <summary>Queues the close frame after what is already queued; later sends are dropped. False if already closing.</summary>
    public bool Close(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
            return false;
        _frames.Writer.TryWrite(OutgoingFrame.Close(code, reason));
        _frames.Writer.TryComplete();
        return true;
    }

    public void Complete() => _frames.Writer.TryComplete();

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
                if (_socket.State != WebSocketState.Open)
                    continue;
                await _socket.SendAsync(Encoding.UTF8.GetBytes(frame.Text!), WebSocketMessageType.Text, true, aborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; the read loop sees the same and ends the connection.
        }
    }
}
