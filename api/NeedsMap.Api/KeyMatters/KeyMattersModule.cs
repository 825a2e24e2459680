using NeedsMap.Api.Graph;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.KeyMatters.Graph;
using NeedsMap.Api.KeyMatters.Portraits;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.KeyMatters.Topics;
using NeedsMap.Api.Needs.Ingestion;

namespace NeedsMap.Api.KeyMatters;

/// <summary>Understanding needs (issue #4): topics, key matters (a write hook), the demand list and group portraits.</summary>
public static class KeyMattersModule
{
    public static IServiceCollection AddNeedsMapKeyMatters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(KeyMatterEventOptions.Section).Get<KeyMatterEventOptions>() ?? new KeyMatterEventOptions());
        services.AddSingleton<TopicVocabulary>();
        services.AddSingleton<TopicLearner>();
        services.AddSingleton<KeyMatterRollupWriter>();
        services.AddSingleton<INeedWriteHook>(sp => sp.GetRequiredService<KeyMatterRollupWriter>());
        services.AddScoped<KeyMatterRebuilder>();
        services.AddScoped<KeyMatterReader>();
        services.AddScoped<DemandListReader>();
        services.AddScoped<GroupPortraitReader>();
        services.AddScoped<CategoryWeights>();
        services.AddSingleton<KeyMattersChangeHub>();
        services.AddSingleton<PublicKeyMattersChangeHub>();
        services.AddSingleton<PublicKeyMattersFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicKeyMattersFeed>());
        services.AddHostedService<KeyMattersChangeListener>();
        services.AddHostedService<TopicVocabularyLoader>();
        services.AddSingleton<IQueryFields, KeyMatterQueries>();
        services.AddSingleton<IMutationFields, KeyMatterMutations>();
        services.AddSingleton<ISubscriptionFields, KeyMatterSubscriptions>();
        return services;
    }
}
