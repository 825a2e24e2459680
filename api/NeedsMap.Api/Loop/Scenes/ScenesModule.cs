using NeedsMap.Api.Graph;
using NeedsMap.Api.Loop.Scenes.Effect;
using NeedsMap.Api.Loop.Scenes.Graph;

namespace NeedsMap.Api.Loop.Scenes;

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
