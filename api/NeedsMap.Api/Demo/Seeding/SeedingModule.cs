using NeedsMap.Api.Data.Seeding.Story;

namespace NeedsMap.Api.Data.Seeding;

/// <summary>The demo city: its divisions and needs (<see cref="DemoCityLoader"/>, run by the database initializer) and its story.</summary>
public static class SeedingModule
{
    /// <summary>After the departments' seeder: the story's hosted service starts right after it, and needs the departments.</summary>
    public static IServiceCollection AddNeedsMapDemoCity(this IServiceCollection services)
    {
        services.AddScoped<DemoCityLoader>();
        services.AddSingleton<DemoTimeline>();
        services.AddHostedService<DemoStoryLoader>();
        return services;
    }
}
