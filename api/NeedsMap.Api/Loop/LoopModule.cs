using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop;

/// <summary>
/// Closing the loop (issue #6), what its parts share: the settings, the commit that announces a change, and the listener
/// that carries whistles and consultation activity to their hubs. Each part registers itself: Dispatch, Scenes,
/// Consultations, Lists.
/// </summary>
public static class LoopModule
{
    public static IServiceCollection AddNeedsMapLoop(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LoopOptions>(configuration.GetSection("NeedsMap:Loop"));
        services.AddScoped<LoopCommit>();
        services.AddHostedService<LoopChangeListener>();
        return services;
    }
}
