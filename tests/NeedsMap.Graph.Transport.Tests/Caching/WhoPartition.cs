using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport.Tests.Caching;

/// <summary>Callers share answers by their X-Who name; "nobody" gets no partition, so nothing of theirs is cached.</summary>
public sealed class WhoPartition : ICallerPartition
{
    public string? KeyOf(HttpContext httpContext, IDictionary<string, object?> userContext) =>
        (userContext.TryGetValue("who", out var who) ? who : null) switch
        {
            "nobody" => null,
            string name => "who:" + name,
            _ => "anonymous",
        };
}
