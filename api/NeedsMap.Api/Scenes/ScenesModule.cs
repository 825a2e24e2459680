using NeedsMap.Api.Graph;
using NeedsMap.Api.Scenes.Effect;
using NeedsMap.Api.Scenes.Graph;

namespace NeedsMap.Api.Scenes;

/// <summary>Scenes (场景) and their measured effect: difference in differences against matched control communities.</summary>
public static class ScenesModule
{
    public static IServiceCollection AddNeedsMapScenes(this IServiceCollection services)
    {
        services.AddScoped<SceneWriter>();
        services.AddScoped<SceneReader>();
        services.AddScoped<SceneControlArea>();
        services.AddSingleton<WeeklyDemand>();
        services.AddScoped<CommunityWeeklyDemand>();
        services.AddScoped<SceneEffectCalculator>();
        services.AddScoped<SceneEvaluation>();
        services.AddSingleton<IQueryFields, SceneQueries>();
        services.AddSingleton<IMutationFields, SceneMutations>();
        return services;
    }
}
