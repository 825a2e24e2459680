using NeedsMap.Api.Export;
using NeedsMap.Api.Open311;
using NeedsMap.Api.OpenApi;
using NeedsMap.Api.Operations;
using NeedsMap.Api.Replica;
using NeedsMap.Api.Startup;

namespace NeedsMap.Api.Extensions;

/// <summary>
/// The whole server, feature by feature: Program and the benchmarks compose it from here, so a feature added once
/// runs (and is measured) everywhere.
/// </summary>
public static class NeedsMapServer
{
    public static IServiceCollection AddNeedsMap(this IServiceCollection services, IConfiguration configuration) => services
        .AddNeedsMapSettingsChecks(configuration)
        .AddNeedsMapResilience()
        .AddNeedsMapData(configuration)
        .AddNeedsMapReadReplica(configuration)
        .AddNeedsMapFeatures()
        .AddNeedsMapChannels(configuration)
        .AddNeedsMapLoop(configuration)
        .AddNeedsMapGraph(configuration)
        .AddNeedsMapSecurity(configuration)
        .AddNeedsMapPrivacy()
        .AddNeedsMapCost(configuration)
        .AddNeedsMapWeather()
        .AddNeedsMapWeb(configuration)
        .AddNeedsMapClassification(configuration)
        .AddNeedsMapKeyMatters(configuration)
        .AddNeedsMapDemo(configuration)
        .AddNeedsMapAreas()
        .AddNeedsMapDivisions()
        .AddNeedsMapOperations(configuration)
        .AddNeedsMapExport(configuration)
        .AddNeedsMapOpen311(configuration)
        .AddNeedsMapOpenApi();

    public static WebApplication MapNeedsMap(this WebApplication app)
    {
        app.UseNeedsMapOperations();
        app.UseNeedsMapFailures();
        app.UseNeedsMapSecurity();
        app.UseNeedsMapCost();
        app.MapNeedsMapWeb();
        app.MapNeedsMapGraph();
        app.MapNeedsMapChannels();
        app.MapNeedsMapWeather();
        app.MapNeedsMapDemo();
        app.MapNeedsMapOperations();
        app.MapNeedsMapExport();
        app.MapNeedsMapOpen311();
        app.MapNeedsMapOpenApi();
        app.MapNeedsMapClassification();
        return app;
    }
}
