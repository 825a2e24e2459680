using GraphQL;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.Telemetry;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>
/// Forwards a subscription's events to the socket as <c>next</c>, and its end as <c>complete</c>: events of its own run as
/// results, events of a shared run as the payload serialised once for every member.
/// </summary>
internal sealed class StreamObserver(TransportWsConnection connection, WebSocketOperation operation) : IObserver<ExecutionResult>, ISharedSubscriber
{
    public void OnNext(ExecutionResult value)
    {
        connection.SendNext(operation, value);
        TransportTelemetry.EventsDelivered(1);
    }

    public void OnShared(byte[] payload) => connection.SendNext(operation, payload);

    public void OnError(Exception error)
    {
        connection.SendNext(operation, TransportWsConnection.UnexpectedErrorResult("STREAM_ERROR", "The event stream failed."));
        _ = connection.FinishAsync(operation, sendComplete: true);
    }

    public void OnCompleted() => _ = connection.FinishAsync(operation, sendComplete: true);
}
