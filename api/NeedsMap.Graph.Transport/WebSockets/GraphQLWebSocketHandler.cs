using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeedsMap.Graph.Transport.Execution;
using NeedsMap.Graph.Transport.Sharing;

namespace NeedsMap.Graph.Transport.WebSockets;

/// <summary>Accepts WebSocket upgrades that ask for graphql-transport-ws, and refuses all others before upgrading.</summary>
internal sealed class GraphQLWebSocketHandler(
    GraphQLOperationRunner runner,
    SharedSubscriptions sharing,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLTransportOptions> options,
    IHostApplicationLifetime lifetime,
    KeepAliveWheel keepAlive,
    ILogger<GraphQLWebSocketHandler> logger)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"WebSocket requests must ask for the '{SubProtocol}' subprotocol.", context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = SubProtocol });
        var connection = new TransportWsConnection(socket, context, runner, sharing, serializer, options.Value, keepAlive, logger);
        await connection.RunAsync(lifetime.ApplicationStopping);
    }
}
