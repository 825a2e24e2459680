using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Security;

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
        var token = ReadToken(initPayload);
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

    private static string? ReadToken(IReadOnlyDictionary<string, object?> payload)
    {
        foreach (var name in (string[])["authorization", "Authorization", "token"])
        {
            if (payload.TryGetValue(name, out var value) && value is string { Length: > 0 } text)
            {
                return text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text[7..].Trim() : text.Trim();
            }
        }
        return null;
    }
}

/// <summary>With authentication on, connection_init must carry a valid token (close 4403 otherwise), unless an anonymous test role is configured.</summary>
internal sealed class SecurityConnectionInitAuthorizer(AuthSettings settings) : IConnectionInitAuthorizer
{
    public ValueTask<bool> AuthorizeAsync(HttpContext context, IReadOnlyDictionary<string, object?> initPayload,
        IDictionary<string, object?> userContext, CancellationToken cancellationToken)
    {
        var ctx = userContext as NeedsMapUserContext;
        var allowed = ctx is not null && !ctx.TokenRejected
            && (!ctx.TokenMissing || settings.AnonymousRole != RoleRights.Public);
        return ValueTask.FromResult(allowed);
    }
}
