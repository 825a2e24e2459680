using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>Refuses a connection whose init payload carries "deny": true.</summary>
public sealed class TestConnectionInitAuthorizer : IConnectionInitAuthorizer
{
    public ValueTask<bool> AuthorizeAsync(
        HttpContext httpContext,
        IReadOnlyDictionary<string, object?> connectionInitPayload,
        IDictionary<string, object?> userContext,
        CancellationToken cancellationToken)
        => ValueTask.FromResult(!(connectionInitPayload.TryGetValue("deny", out var deny) && deny is true));
}
