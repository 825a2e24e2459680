using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>connection_init, its timeout, and joining the keep-alive pings once acknowledged.</summary>
internal sealed partial class TransportWsConnection
{
    private async Task OnConnectionInitAsync(JsonElement root)
    {
        if (!HasValidOptionalPayload(root))
            return;
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            Close(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        await _initWait.CancelAsync();

        IReadOnlyDictionary<string, object?> payload = root.TryGetProperty("payload", out var element) && element.ValueKind == JsonValueKind.Object
            ? _serializer.ReadNode<Inputs>(element) ?? Inputs.Empty
            : Inputs.Empty;

        var services = _httpContext.RequestServices;
        var userContext = await services.GetRequiredService<IGraphQLUserContextBuilder>()
            .BuildForWebSocketAsync(_httpContext, payload, _lifetime.Token);
        var allowed = await services.GetRequiredService<IConnectionInitAuthorizer>()
            .AuthorizeAsync(_httpContext, payload, userContext, _lifetime.Token);
        if (!allowed)
        {
            Close(CloseCodes.Forbidden, "Forbidden");
            return;
        }

        Volatile.Write(ref _userContext, userContext);
        _writer.Send("""{"type":"connection_ack"}""");
        // One timer for every socket's pings (KeepAliveWheel), not one per socket; RunAsync takes it off the wheel at the end.
        Volatile.Write(ref _keepAlive, _keepAliveWheel.Add(_writer));
    }

    private async Task CloseIfNotInitialisedAsync()
    {
        try
        {
            await Task.Delay(_options.ConnectionInitTimeout, _initWait.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // Only the close frame is sent here; the read loop stays on to receive the client's answer, since
        // cancelling the pending receive would abort the socket and the client would see 1006, not 4408.
        if (Volatile.Read(ref _initReceived) == 0)
            Close(CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
    }
}
