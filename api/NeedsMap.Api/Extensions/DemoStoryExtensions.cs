using NeedsMap.Api.Data.Seeding.Story;

namespace NeedsMap.Api.Extensions;

/// <summary>The demo city's story (issue #15): registered last, so it starts after the schema, the reference data and the departments.</summary>
internal static class DemoStoryExtensions
{
    public static IServiceCollection AddNeedsMapDemoStory(this IServiceCollection services) => services.AddHostedService<DemoStoryLoader>();
}
