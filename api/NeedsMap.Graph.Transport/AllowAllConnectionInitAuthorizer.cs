using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport;

internal sealed class AllowAllConnectionInitAuthorizer : IConnectionInitAuthorizer
{
    public ValueTask<bool> AuthorizeAsync(
        HttpContext httpContext,
        IReadOnlyDictionary<string, object?> connectionInitPayload,
        IDictionary<string, object?> userContext,
        CancellationToken cancellationToken)
        => ValueTask.FromResult(true);
}
