using GraphQL;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Security;
using NeedsMap.Graph.Transport;

namespace NeedsMap.Api.Extensions;

internal static class GraphExtensions
{
    public static IServiceCollection AddNeedsMapGraph(this IServiceCollection services)
    {
        services.AddGraphQL(b => b
            .AddSchema<NeedsMapSchema>()
            .AddGraphTypes(typeof(NeedsMapSchema).Assembly)
            .AddSystemTextJson(o => o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddComplexityAnalyzer(QueryLimits.Configure)
            .AddExecutionStrategySelector<GraphQL.Execution.DefaultExecutionStrategySelector>()
            // A request's resolvers share one scoped DbContext, which runs one command at a time: the parallel default
            // failed the second of two database-backed root fields with INVALID_OPERATION. Batched loads still batch.
            .AddExecutionStrategy<GraphQL.Execution.SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            .ConfigureExecution(async (options, next) =>
            {
                var result = await next(options);
                ErrorCodeNormalizer.Normalize(result);
                return result;
            }));
        services.AddGraphQLTransport();
        return services;
    }

    public static WebApplication MapNeedsMapGraph(this WebApplication app)
    {
        app.MapGraphQLTransport("/graphql");
        return app;
    }
}
