using NeedsMap.Api.Cases;
using NeedsMap.Api.Cases.Graph;
using NeedsMap.Api.Graph;
using NeedsMap.Api.KeyMatters;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.KeyMatters.Graph;
using NeedsMap.Api.KeyMatters.Portraits;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.KeyMatters.Topics;
using NeedsMap.Api.Needs.Ingestion;

namespace NeedsMap.Api.Extensions;

/// <summary>Understanding needs (issue #4): cases, topics, key matters, the demand list and group portraits.</summary>
internal static class KeyMatterExtensions
{
    public static IServiceCollection AddNeedsMapKeyMatters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CaseOptions.From(configuration));
        services.AddSingleton(configuration.GetSection(KeyMatterEventOptions.Section).Get<KeyMatterEventOptions>() ?? new KeyMatterEventOptions());
        services.AddSingleton<CaseLinker>();
        services.AddSingleton<TopicVocabulary>();
        services.AddSingleton<TopicLearner>();
        services.AddSingleton<KeyMatterRollupWriter>();
        services.AddSingleton<INeedWriteHook>(sp => sp.GetRequiredService<KeyMatterRollupWriter>());
        services.AddScoped<KeyMatterRebuilder>();
        services.AddScoped<KeyMatterReader>();
        services.AddScoped<DemandListReader>();
        services.AddScoped<GroupPortraitReader>();
        services.AddScoped<CaseReader>();
        services.AddScoped<CategoryWeights>();
        services.AddSingleton<KeyMattersChangeHub>();
        services.AddHostedService<KeyMattersChangeListener>();
        services.AddHostedService<TopicVocabularyLoader>();
        services.AddSingleton<IQueryFields, KeyMatterQueries>();
        services.AddSingleton<IQueryFields, CaseQueries>();
        services.AddSingleton<IMutationFields, KeyMatterMutations>();
        services.AddSingleton<ISubscriptionFields, KeyMatterSubscriptions>();
        return services;
    }
}
