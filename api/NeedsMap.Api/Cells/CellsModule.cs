using NeedsMap.Api.Cells.Caching;
using NeedsMap.Api.Cells.Events;
using NeedsMap.Api.Cells.Graph;
using NeedsMap.Api.Cells.Grid;
using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Cells.Tiles;
using NeedsMap.Api.Cells.Trends;
using NeedsMap.Api.Cells.Trends.Holidays;
using NeedsMap.Api.Cells.Warnings;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Needs.Ingestion;

namespace NeedsMap.Api.Cells;

/// <summary>
/// The demand weather map (issue #5): hexagon cells, rollups (a write hook), tiles, trends, forecasts, warnings and the
/// public's cells. The folder is still called Cells; "weather" is the same feature.
/// </summary>
public static class CellsModule
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
        services.AddSingleton<WarningHub>();
        services.AddHostedService<WeatherEventListener>();
        services.AddHostedService<WarningDetectorService>();
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
