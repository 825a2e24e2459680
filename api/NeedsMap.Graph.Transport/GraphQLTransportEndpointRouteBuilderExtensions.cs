using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeedsMap.Graph.Transport.Http;
using NeedsMap.Graph.Transport.WebSockets;

namespace NeedsMap.Graph.Transport;

public static class GraphQLTransportEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves GraphQL over HTTP (GET and POST) and graphql-transport-ws (WebSocket upgrade) on one path.
    /// The WebSocket middleware is part of the endpoint, so the host needs no <c>UseWebSockets()</c>.
    /// Returns the convention builder, so the host can add <c>RequireAuthorization()</c>, CORS and the like.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLTransport(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        // The protocol's own pings (KeepAliveWheel, one timer for all sockets) keep sockets alive; the WebSocket layer's
        // keep-alive would add a timer per socket, so it runs only when the host turned the protocol's pings off.
        var pings = endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLTransportOptions>>().Value.KeepAliveInterval;
        pipeline.UseWebSockets(new WebSocketOptions { KeepAliveInterval = pings is null ? TimeSpan.FromMinutes(2) : TimeSpan.Zero });
        pipeline.Run(HandleAsync);
        return endpoints.Map(path, pipeline.Build())
            .WithDisplayName("GraphQL " + path);
    }

    private static Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        return context.WebSockets.IsWebSocketRequest
            ? services.GetRequiredService<GraphQLWebSocketHandler>().HandleAsync(context)
            : services.GetRequiredService<GraphQLHttpHandler>().HandleAsync(context);
    }
}
