using GraphQL;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Graph.Validation;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.GraphEdge;

/// <summary>
/// The schema root and the edge: GraphQL.NET with every graph type of the assembly, the limits, the one place where a
/// domain error becomes a GraphQL error, the transport on <c>/graphql</c>, the response cache and <c>node</c>.
/// </summary>
public static class GraphModule
{
    /// <summary>Default budget of the GraphQL response cache (NeedsMap:ResponseCache:MaxBytes; 0 turns it off).</summary>
    public const long ResponseCacheBytes = 64L * 1024 * 1024;

    public static IServiceCollection AddNeedsMapGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGraphQL(b => b
            .AddSchema<NeedsMapSchema>()
            .AddGraphTypes(typeof(NeedsMapSchema).Assembly)
            .AddSystemTextJson(o => o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddComplexityAnalyzer(QueryLimits.Configure)
            // Checks variables, so it runs on cached documents too.
            .AddValidationRule(NulFreeTextRule.Instance, useForCachedDocuments: true)
            .AddExecutionStrategySelector<GraphQL.Execution.DefaultExecutionStrategySelector>()
            // A request's resolvers share one scoped DbContext, which runs one command at a time: the parallel default
            // failed the second of two database-backed root fields with INVALID_OPERATION. Batched loads still batch.
            .AddExecutionStrategy<GraphQL.Execution.SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            .ConfigureExecution(async (options, next) =>
            {
                options.UnhandledExceptionDelegate = DomainErrors.Translate;
                var result = await next(options);
                // The one place where an internal fault is logged (with its field and operation) and turned into INTERNAL_ERROR.
                ErrorCodeNormalizer.Normalize(result, options.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(ErrorCodeNormalizer.LogCategory),
                    options.OperationName);
                return result;
            }));
        services.AddGraphQLTransport();
        var responseCacheBytes = configuration.GetValue("NeedsMap:ResponseCache:MaxBytes", ResponseCacheBytes);
        if (responseCacheBytes > 0)
        {
            services.AddGraphQLResponseCache(o => o.MaxBytes = responseCacheBytes);
        }
        services.AddSingleton<IQueryFields, NodeQueries>();
        return services;
    }

    public static WebApplication MapNeedsMapGraph(this WebApplication app)
    {
        app.MapGraphQLTransport("/graphql");
        return app;
    }
}
