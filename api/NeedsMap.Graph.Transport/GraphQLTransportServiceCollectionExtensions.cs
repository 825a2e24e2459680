using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeedsMap.Graph.Transport.Caching;
using NeedsMap.Graph.Transport.Execution;
using NeedsMap.Graph.Transport.Http;
using NeedsMap.Graph.Transport.Sharing;
using NeedsMap.Graph.Transport.WebSockets;

namespace NeedsMap.Graph.Transport;

public static class GraphQLTransportServiceCollectionExtensions
{
    /// <summary>
    /// Registers the transport. The schema and executer come from GraphQL.NET's own <c>AddGraphQL(...)</c>.
    /// Replace <see cref="IGraphQLUserContextBuilder"/> or <see cref="IConnectionInitAuthorizer"/> by registering
    /// your own (before or after this call); both are resolved from the request's scope.
    /// </summary>
    public static IServiceCollection AddGraphQLTransport(this IServiceCollection services, Action<GraphQLTransportOptions>? configure = null)
    {
        var options = services.AddOptions<GraphQLTransportOptions>();
        if (configure != null)
            options.Configure(configure);
        options.Validate(
            o => o.MaxRequestBodyBytes > 0 && o.MaxSubscriptionsPerSocket > 0 && o.MaxQueuedMessagesPerSocket > 0
                && o.ConnectionInitTimeout > TimeSpan.Zero && (o.KeepAliveInterval ?? TimeSpan.MaxValue) > TimeSpan.Zero,
            "GraphQLTransportOptions: limits, the init timeout and the keep-alive interval must be positive.");

        services.TryAddSingleton<IGraphQLUserContextBuilder, DefaultUserContextBuilder>();
        services.TryAddSingleton<IConnectionInitAuthorizer, AllowAllConnectionInitAuthorizer>();
        services.TryAddSingleton<IGraphQLTextSerializer>(sp => new GraphQLSerializer(sp.GetService<IErrorInfoProvider>() ?? new ErrorInfoProvider()));
        services.TryAddSingleton<GraphQLOperationRunner>();
        services.TryAddSingleton<GraphQLHttpHandler>();
        services.TryAddSingleton<GraphQLWebSocketHandler>();
        services.TryAddSingleton(sp => new KeepAliveWheel(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLTransportOptions>>().Value.KeepAliveInterval));
        services.TryAddSingleton<ICallerPartition, NoCallerPartition>();
        services.TryAddSingleton<ShareableSubscriptions>();
        services.TryAddSingleton(sp => new SharedSubscriptions(sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IGraphQLTextSerializer>(), sp.GetRequiredService<ShareableSubscriptions>(), sp.GetRequiredService<ICallerPartition>()));
        return services;
    }

    /// <summary>
    /// Keeps the serialised responses of cacheable queries over HTTP (<see cref="GraphQLResponseCache"/>). Nothing is cached
    /// until the host registers an <see cref="ICallerPartition"/> (before or after this call) and declares fields with
    /// <see cref="ResponseCacheFieldExtensions.CacheResponse{TMetadataWriter}"/>.
    /// </summary>
    public static IServiceCollection AddGraphQLResponseCache(this IServiceCollection services, Action<GraphQLResponseCacheOptions>? configure = null)
    {
        var options = services.AddOptions<GraphQLResponseCacheOptions>();
        if (configure != null)
            options.Configure(configure);
        options.Validate(o => o.MaxBytes > 0 && o.MaxEntryBytes > 0 && o.MaxRememberedDocuments > 0,
            "GraphQLResponseCacheOptions: the byte budgets and the number of remembered documents must be positive.");
        services.TryAddSingleton<ICallerPartition, NoCallerPartition>();
        services.TryAddSingleton<GraphQLResponseCache>();
        return services;
    }
}
