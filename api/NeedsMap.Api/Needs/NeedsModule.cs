using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Filtering;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Needs.Stats;

namespace NeedsMap.Api.Needs;

/// <summary>Needs: the filter, reading and statistics, the one ingestion pipeline, the rollup queue and the change events.</summary>
public static class NeedsModule
{
    public static IServiceCollection AddNeedsMapNeeds(this IServiceCollection services)
    {
        services.AddSingleton<NeedFilterSql>();
        services.AddSingleton<NeedFilterMatcher>();
        services.AddScoped<NeedReader>();
        services.AddScoped<NeedStatsReader>();
        services.AddSingleton<NeedPreparer>();
        services.AddSingleton<BatchIngestion>();
        services.AddSingleton<RollupApplier>();
        services.AddSingleton<INeedWriteHook, NeedStatRollup>();
        services.AddHostedService<RollupApplierService>();
        services.AddScoped<NeedIngestion>();
        services.AddSingleton<NeedBulkWriter>();
        services.AddSingleton<NeedChangeHub>();
        services.AddSingleton<NeedDataVersion>();
        services.AddHostedService<NeedChangeListener>();
        services.AddSingleton<IQueryFields, NeedQueries>();
        services.AddSingleton<IMutationFields, NeedMutations>();
        services.AddSingleton<ISubscriptionFields, NeedSubscriptions>();
        return services;
    }
}
