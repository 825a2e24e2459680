using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport.Caching;

/// <summary>
/// Decides which callers share cached responses. Resolved from the request's scope and asked with the user context the
/// <see cref="IGraphQLUserContextBuilder"/> returned, before <see cref="GraphQLTransportOptions.ConfigureExecution"/> runs: a
/// cache hit runs neither that hook nor validation, so whatever they decide per caller must follow from this key.
/// </summary>
public interface IResponseCachePartition
{
    /// <summary>
    /// Callers with equal keys get each other's cached responses, so the key must hold everything that changes what a
    /// caller may see or how it is shown (role, jurisdiction, masking, and the person itself where records are personal).
    /// Null keeps this caller's responses out of the cache.
    /// </summary>
    string? KeyOf(HttpContext httpContext, IDictionary<string, object?> userContext);
}

/// <summary>Without a partition from the host nothing is cached: only the host knows which callers may share answers.</summary>
internal sealed class NoResponseCachePartition : IResponseCachePartition
{
    public string? KeyOf(HttpContext httpContext, IDictionary<string, object?> userContext) => null;
}
