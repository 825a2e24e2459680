using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport;

/// <summary>Gives every operation an empty dictionary; the host replaces it to add the user and their scope.</summary>
internal sealed class DefaultUserContextBuilder : IGraphQLUserContextBuilder
{
    public ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext httpContext, CancellationToken cancellationToken)
        => ValueTask.FromResult<IDictionary<string, object?>>(new Dictionary<string, object?>());
}
