using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport;

/// <summary>
/// Builds the <c>ExecutionOptions.UserContext</c> of an operation. Return a subclass of
/// <see cref="Dictionary{TKey,TValue}"/> to give resolvers a typed user context.
/// Resolved from the request's service scope, so it may depend on scoped services.
/// </summary>
public interface IGraphQLUserContextBuilder
{
    /// <summary>The user context of one HTTP request.</summary>
    ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext httpContext, CancellationToken cancellationToken);

    /// <summary>
    /// The user context of a WebSocket connection, built once at <c>connection_init</c> and shared by every
    /// operation on that socket. <paramref name="connectionInitPayload"/> is empty when the client sent none.
    /// </summary>
    ValueTask<IDictionary<string, object?>> BuildForWebSocketAsync(
        HttpContext httpContext,
        IReadOnlyDictionary<string, object?> connectionInitPayload,
        CancellationToken cancellationToken)
        => BuildAsync(httpContext, cancellationToken);
}
