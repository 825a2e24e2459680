using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport;

/// <summary>
/// Decides whether a WebSocket client may go on after <c>connection_init</c>; false closes the socket with 4403.
/// Runs after the user context is built, so it can look at what the builder found in the payload.
/// </summary>
public interface IConnectionInitAuthorizer
{
    ValueTask<bool> AuthorizeAsync(
        HttpContext httpContext,
        IReadOnlyDictionary<string, object?> connectionInitPayload,
        IDictionary<string, object?> userContext,
        CancellationToken cancellationToken);
}
