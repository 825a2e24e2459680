using NeedsMap.Api.Security.Privacy;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// HTTP: the caller the security middleware established. WebSocket: the token in connection_init's payload
/// (<c>{"authorization": "Bearer ..."}</c> or <c>{"token": "..."}</c>), else the upgrade request's own bearer.
/// </summary>
internal sealed class SecurityUserContextBuilder(CallerResolver callers, TokenValidator tokens, AuthSettings settings) : IGraphQLUserContextBuilder
{
    public ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDictionary<string, object?>>(new NeedsMapUserContext { Caller = SecurityMiddleware.CallerOf(context, callers) });

    public async ValueTask<IDictionary<string, object?>> BuildForWebSocketAsync(HttpContext context,
        IReadOnlyDictionary<string, object?> initPayload, CancellationToken cancellationToken)
    {
        var token = ReadToken(initPayload, out var malformed);
        if (malformed && settings.Enabled)
        {
            // A credential that is there but not a string is a bad token, never the public view.
            return new NeedsMapUserContext { Caller = callers.Anonymous, TokenRejected = true };
        }
        if (token is null || !settings.Enabled)
        {
            var fromUpgrade = SecurityMiddleware.CallerOf(context, callers);
            return new NeedsMapUserContext { Caller = fromUpgrade, TokenMissing = settings.Enabled && !fromUpgrade.Authenticated };
        }
        var principal = await tokens.ValidateAsync(token, cancellationToken);
        return principal is null
            ? new NeedsMapUserContext { Caller = callers.Anonymous, TokenRejected = true }
            : new NeedsMapUserContext { Caller = callers.From(principal) };
    }

    private static string? ReadToken(IReadOnlyDictionary<string, object?> payload, out bool malformed)
    {
        malformed = false;
        foreach (var name in (string[])["authorization", "Authorization", "token"])
        {
            // Absent, null or empty: no credential (a page without a token may send it empty).
            if (!payload.TryGetValue(name, out var value) || value is null or "")
            {
                continue;
            }
            if (value is string { Length: > 0 } text)
            {
                return text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text[7..].Trim() : text.Trim();
            }
            malformed = true;
        }
        return null;
    }
}

/// <summary>
/// A token in connection_init must be valid (close 4403 otherwise). Without one the socket is the public's: it may follow
/// public aggregates within <see cref="PublicSockets"/>' limits (4403 over them), each subscribe within its own budget.
/// </summary>
internal sealed class SecurityConnectionInitAuthorizer(AuthSettings settings, PublicSockets publicSockets,
    Microsoft.Extensions.Options.IOptions<PublicViewOptions> publicView, TimeProvider time) : IConnectionInitAuthorizer
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The lease is disposed when the upgrade request (the socket) ends, registered just below.")]
    public ValueTask<bool> AuthorizeAsync(HttpContext context, IReadOnlyDictionary<string, object?> initPayload,
        IDictionary<string, object?> userContext, CancellationToken cancellationToken)
    {
        if (userContext is not NeedsMapUserContext ctx || ctx.TokenRejected)
        {
            return ValueTask.FromResult(false);
        }
        if (!ctx.TokenMissing || settings.AnonymousRole != RoleRights.Public)
        {
            return ValueTask.FromResult(true);
        }
        if (publicSockets.TryOpen(context.Connection.RemoteIpAddress?.ToString() ?? "unknown") is not { } lease)
        {
            return ValueTask.FromResult(false);
        }
        // Ends with the upgrade request, that is with the socket.
        context.Response.RegisterForDispose(lease);
        context.Items[PublicSubscribeBudget.ItemKey] = new PublicSubscribeBudget(publicView.Value.SubscribesPerMinute, time);
        return ValueTask.FromResult(true);
    }
}
