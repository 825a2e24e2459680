using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Trends;

namespace NeedsMap.Api.Areas;

/// <summary>
/// Demand for places: the trend and forecast of needs inside a service area in a category, by month or year, with
/// the history counted up to today (months without needs are zeros) and, besides the forecast's own drivers, the
/// communities inside the area whose needs grew most over the last 12 months.
/// </summary>
public sealed class ServiceAreaDemand(NeedsMapDbContext db, TrendReader trends, ForecastBuilder forecasts, NeedStatsReader stats, CityDays days,
    ReferenceData reference)
{
    public async Task<ServiceArea> RequireAsync(string code, CancellationToken cancellationToken) =>
        await db.Set<ServiceArea>().AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, cancellationToken)
            ?? throw new DomainException(ErrorCodes.NotFound, $"No service area has the code \"{code}\".");

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(string code, string? category, TrendInterval interval, CancellationToken cancellationToken)
    {
        var area = await RequireAsync(code, cancellationToken);
        var points = await trends.ReadAsync(Filter(area, category), interval, cancellationToken);
        return TrendReader.ExtendTo(points, interval, Weather.Trends.ForecastPeriods.Containing(days.Today, interval));
    }

    public async Task<Forecast> ForecastAsync(string code, string? category, TrendInterval interval, int horizon, CancellationToken cancellationToken)
    {
        if (interval is not (TrendInterval.Month or TrendInterval.Year))
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A service area's demand is forecast by MONTH or YEAR.");
        }
        var area = await RequireAsync(code, cancellationToken);
        var forecast = await forecasts.BuildAsync(Filter(area, category), interval, horizon, extendToToday: true, cancellationToken);
        if (await PlacesAsync(area, category, cancellationToken) is { } places)
        {
            forecast = forecast with { Drivers = [.. forecast.Drivers, places] };
        }
        return forecast;
    }

    private static NeedFilter Filter(ServiceArea area, string? category) =>
        new() { Within = area.Boundary, CategoryIn = category is null ? null : [category] };

    /// <summary>The communities inside the area whose needs changed most between the 12 months before today and the 12 before those.</summary>
    private async Task<ForecastDriver?> PlacesAsync(ServiceArea area, string? category, CancellationToken cancellationToken)
    {
        var today = days.StartOf(days.Today);
        async Task<Dictionary<string, int>> CountAsync(DateTimeOffset from, DateTimeOffset before) =>
            (await stats.ReadAsync(Filter(area, category) with { ReceivedFrom = from, ReceivedBefore = before }, NeedStatsGrouping.Jurisdiction,
                CategoryLevel.Leaf, JurisdictionLevel.Community, cancellationToken)).Groups.ToDictionary(g => g.Key, g => g.Count);
        var recent = await CountAsync(today.AddYears(-1), today);
        var earlier = await CountAsync(today.AddYears(-2), today.AddYears(-1));
        var changes = recent.Keys.Union(earlier.Keys)
            .Select(k => (Code: k, Change: recent.GetValueOrDefault(k) - earlier.GetValueOrDefault(k), Recent: recent.GetValueOrDefault(k)))
            .Where(c => c.Change != 0).OrderByDescending(c => Math.Abs(c.Change)).ThenBy(c => c.Code, StringComparer.Ordinal).Take(3).ToList();
        if (changes.Count == 0)
        {
            return null;
        }
        var snapshot = reference.Current;
        string Name(string code) => snapshot.FindJurisdiction(code)?.Name ?? code;
        var zh = "变化主要来自" + string.Join("、", changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Name(c.Code)}（近12个月{c.Recent}件，{(c.Change > 0 ? "+" : "−")}{Math.Abs(c.Change)}）")));
        var en = "the change comes mostly from " + string.Join(", ", changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Name(c.Code)} ({c.Recent} in the last 12 months, {(c.Change > 0 ? "+" : "−")}{Math.Abs(c.Change)})")));
        return new ForecastDriver("places", zh, en, changes[0].Change);
    }
}
