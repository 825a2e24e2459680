using GraphQL;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>Forwards a subscription's events to the socket as <c>next</c>, and its end as <c>complete</c>.</summary>
internal sealed class StreamObserver(TransportWsConnection connection, WebSocketOperation operation) : IObserver<ExecutionResult>
{
    public void OnNext(ExecutionResult value) => connection.SendNext(operation, value);

    public void OnError(Exception error)
    {
        connection.SendNext(operation, TransportWsConnection.UnexpectedErrorResult("STREAM_ERROR", "The event stream failed."));
        _ = connection.FinishAsync(operation, sendComplete: true);
    }

    public void OnCompleted() => _ = connection.FinishAsync(operation, sendComplete: true);
}
