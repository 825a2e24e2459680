using NeedsMap.Api.Categories;
using NeedsMap.Api.Channels;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Data.Seeding;
using NeedsMap.Api.Data.Seeding.Story;
using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Jurisdictions.Import;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Filtering;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Security;

namespace NeedsMap.Api.Extensions;

internal static class FeatureExtensions
{
    public static IServiceCollection AddNeedsMapFeatures(this IServiceCollection services)
    {
        services.AddScoped<AccessScope>();

        services.AddSingleton<AddressGazetteer>();
        services.AddScoped<JurisdictionImporter>();
        services.AddScoped<DemoCityLoader>();
        services.AddSingleton<DemoTimeline>();
        services.AddScoped<JurisdictionBoundaryLoader>();
        services.AddSingleton<IQueryFields, NodeQueries>();
        services.AddSingleton<IQueryFields, JurisdictionQueries>();
        services.AddSingleton<IQueryFields, CategoryQueries>();
        services.AddSingleton<IQueryFields, ChannelQueries>();

        services.AddSingleton<NeedFilterSql>();
        services.AddSingleton<NeedFilterMatcher>();
        services.AddScoped<NeedReader>();
        services.AddScoped<NeedStatsReader>();
        services.AddSingleton<ITextCategorizer, ClassifierCategorizer>();
        services.AddSingleton<NeedPreparer>();
        services.AddSingleton<BatchIngestion>();
        services.AddSingleton<RollupApplier>();
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
