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

namespace NeedsMap.Api.Extensions;

/// <summary>The demand weather map (issue #5): hexagon cells, rollups, tiles, trends, forecasts and warnings.</summary>
internal static class WeatherExtensions
{
    public static IServiceCollection AddNeedsMapWeather(this IServiceCollection services)
    {
        services.AddSingleton<IHexGrid, LaeaHexGrid>();
        services.AddSingleton<CityDays>();
        services.AddSingleton<CellAnswerCache>();
        services.AddSingleton<CellResponseVersion>();
        services.AddSingleton<CellDirectory>();
        services.AddSingleton<WarningDetectorTrigger>();
        services.AddSingleton<INeedWriteHook, CellRollupWriter>();
        services.AddScoped<CellRollupRebuilder>();
        services.AddScoped<CellReader>();
        services.AddScoped<TrendReader>();
        services.AddScoped<HolidayTable>();
        services.AddScoped<ForecastBuilder>();
        services.AddHostedService<HolidaySeeder>();
        services.AddSingleton<IQueryFields, HolidayQueries>();
        services.AddSingleton<IMutationFields, HolidayMutations>();
        services.AddScoped<WarningDetector>();
        services.AddScoped<Cells.Warnings.Risk.SocialRiskDetector>();
        services.AddSingleton<NeedFilterJson>();
        services.AddSingleton<CellChangeHub>();
        services.AddSingleton<WarningHub>();
        services.AddHostedService<WeatherEventListener>();
        services.AddHostedService<WarningDetectorService>();
        services.AddSingleton<IQueryFields, CellQueries>();
        services.AddSingleton<IMutationFields, CellMutations>();
        services.AddSingleton<ISubscriptionFields, CellSubscriptions>();
        return services;
    }

    public static WebApplication MapNeedsMapWeather(this WebApplication app)
    {
        TileEndpoints.Map(app);
        return app;
    }
}
