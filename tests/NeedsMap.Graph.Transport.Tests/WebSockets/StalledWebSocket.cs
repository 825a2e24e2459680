using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace NeedsMap.Graph.Transport.Tests.WebSockets;

/// <summary>A socket whose sends wait until released, standing in for a client that stopped reading.</summary>
internal sealed class StalledWebSocket : WebSocket
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocketState _state = WebSocketState.Open;

    public ConcurrentQueue<string> Sent { get; } = new();

    public TaskCompletionSource<WebSocketCloseStatus> ClosedWith { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override WebSocketCloseStatus? CloseStatus => null;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string? SubProtocol => "graphql-transport-ws";

    public void Release() => _release.TrySetResult();

    public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        await _release.Task.WaitAsync(cancellationToken);
        Sent.Enqueue(Encoding.UTF8.GetString(buffer));
    }

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        _state = WebSocketState.CloseSent;
        ClosedWith.TrySetResult(closeStatus);
        return Task.CompletedTask;
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public override void Abort() => _state = WebSocketState.Aborted;

    public override void Dispose() => _state = WebSocketState.Closed;
}
