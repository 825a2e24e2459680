using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Graph;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Tiles;
using NeedsMap.Api.Weather.Trends;
using NeedsMap.Api.Weather.Trends.Holidays;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Weather;

/// <summary>
/// The demand weather map (issue #5): hexagon cells, rollups (a write hook), tiles, trends, forecasts, warnings and the
/// public's cells. The folder is still called Cells; "weather" is the same feature.
/// </summary>
public static class WeatherModule
{
    public static IServiceCollection AddNeedsMapCells(this IServiceCollection services)
    {
        services.AddSingleton<IHexGrid, LaeaHexGrid>();
        services.AddSingleton<CityDays>();
        services.AddSingleton<CellAnswerCache>();
        services.AddSingleton<CellResponseVersion>();
        services.AddSingleton<CellDirectory>();
        services.AddSingleton<WarningDetectorTrigger>();
        services.AddSingleton<INeedWriteHook, CellRollupWriter>();
        services.AddSingleton<INeedWriteHook, NeedTileSquareWriter>();
        services.AddScoped<NeedTiles>();
        services.AddScoped<NeedsMap.Api.Needs.INeedCountShortcut, BoxCounts>();
        services.AddScoped<CellRollupRebuilder>();
        services.AddScoped<CellReader>();
        services.AddScoped<TrendReader>();
        services.AddScoped<HolidayTable>();
        services.AddScoped<ForecastBuilder>();
        services.AddHostedService<HolidaySeeder>();
        services.AddSingleton<IQueryFields, HolidayQueries>();
        services.AddSingleton<IMutationFields, HolidayMutations>();
        services.AddScoped<WarningDetector>();
        services.AddScoped<Warnings.Risk.SocialRiskDetector>();
        services.AddSingleton<NeedFilterJson>();
        services.AddSingleton<CellChangeHub>();
        services.AddSingleton<PublicCellChangeHub>();
        services.AddSingleton<PublicCellFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<PublicCellFeed>());
        services.AddSingleton<WarningHub>();
        services.AddHostedService<WeatherEventListener>();
        services.AddHostedService<WarningDetectorService>();
        services.AddHostedService<CellWindowTurnJob>();
        services.AddSingleton<IQueryFields, CellQueries>();
        services.AddSingleton<IMutationFields, CellMutations>();
        services.AddSingleton<ISubscriptionFields, CellSubscriptions>();
        services.AddSingleton<PublicCells>();
        return services;
    }

    public static WebApplication MapNeedsMapCells(this WebApplication app)
    {
        TileEndpoints.Map(app);
        return app;
    }
}
