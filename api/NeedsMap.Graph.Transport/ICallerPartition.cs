using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport;

/// <summary>
/// Decides which callers may be served one execution: cached query responses over HTTP, and one shared run of an identical
/// subscription over WebSocket. Asked with the user context the <see cref="IGraphQLUserContextBuilder"/> returned, before
/// <see cref="GraphQLTransportOptions.ConfigureExecution"/> runs: a cache hit or a joined subscription runs neither that hook nor
/// validation, so whatever they decide per caller must follow from this key.
/// </summary>
public interface ICallerPartition
{
    /// <summary>
    /// Callers with equal keys get each other's results, so the key must hold everything that changes what a caller may see
    /// or how it is shown (role, jurisdiction, masking, and the person itself where records are personal).
    /// Null keeps this caller to executions of its own.
    /// </summary>
    string? KeyOf(HttpContext httpContext, IDictionary<string, object?> userContext);
}

/// <summary>Without a partition from the host nothing is shared: only the host knows which callers may share answers.</summary>
internal sealed class NoCallerPartition : ICallerPartition
{
    public string? KeyOf(HttpContext httpContext, IDictionary<string, object?> userContext) => null;
}
