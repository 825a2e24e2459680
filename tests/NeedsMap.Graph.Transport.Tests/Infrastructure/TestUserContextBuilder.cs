using Microsoft.AspNetCore.Http;

namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

/// <summary>Puts the caller's name under "who": from the X-Who header over HTTP, from the init payload over WebSocket.</summary>
public sealed class TestUserContextBuilder : IGraphQLUserContextBuilder
{
    public ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var context = new Dictionary<string, object?>();
        if (httpContext.Request.Headers.TryGetValue("X-Who", out var who))
            context["who"] = who.ToString();
        return ValueTask.FromResult<IDictionary<string, object?>>(context);
    }

    public ValueTask<IDictionary<string, object?>> BuildForWebSocketAsync(
        HttpContext httpContext,
        IReadOnlyDictionary<string, object?> connectionInitPayload,
        CancellationToken cancellationToken)
    {
        var context = new Dictionary<string, object?>();
        if (connectionInitPayload.TryGetValue("who", out var who))
            context["who"] = who;
        return ValueTask.FromResult<IDictionary<string, object?>>(context);
    }
}
