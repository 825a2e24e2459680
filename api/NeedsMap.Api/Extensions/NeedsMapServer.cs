namespace NeedsMap.Api.Extensions;

/// <summary>
/// The whole server, feature by feature: Program and the benchmarks compose it from here, so a feature added once
/// runs (and is measured) everywhere.
/// </summary>
public static class NeedsMapServer
{
    public static IServiceCollection AddNeedsMap(this IServiceCollection services, IConfiguration configuration) => services
        .AddNeedsMapData(configuration)
        .AddNeedsMapFeatures()
        .AddNeedsMapChannels(configuration)
        .AddNeedsMapLoop(configuration)
        .AddNeedsMapGraph(configuration)
        .AddNeedsMapSecurity(configuration)
        .AddNeedsMapWeather()
        .AddNeedsMapWeb(configuration)
        .AddNeedsMapClassification(configuration)
        .AddNeedsMapKeyMatters(configuration);

    public static WebApplication MapNeedsMap(this WebApplication app)
    {
        app.UseNeedsMapSecurity();
        app.MapNeedsMapWeb();
        app.MapNeedsMapGraph();
        app.MapNeedsMapChannels();
        app.MapNeedsMapWeather();
        app.MapNeedsMapClassification();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
