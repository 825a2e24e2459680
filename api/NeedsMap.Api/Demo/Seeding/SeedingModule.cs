using NeedsMap.Api.Demo.Seeding.Story;

namespace NeedsMap.Api.Demo.Seeding;

/// <summary>The demo city: its divisions and needs (<see cref="DemoCitySeed"/>, run by Data's database initializer) and its story.</summary>
public static class SeedingModule
{
    /// <summary>After the departments' seeder: the story's hosted service starts right after it, and needs the departments.</summary>
    public static IServiceCollection AddNeedsMapDemoCity(this IServiceCollection services)
    {
        services.AddScoped<DemoCityLoader>();
        services.AddSingleton<Data.IDatabaseSeed, DemoCitySeed>();
        services.AddSingleton<DemoTimeline>();
        services.AddHostedService<DemoStoryLoader>();
        return services;
    }
}
