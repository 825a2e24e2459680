using System.Globalization;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>
/// A time series for any filter, bucketed by <see cref="NeedStatsReader"/> (the one bucketing by city day, week or
/// month), with the periods that had no needs filled in as zeros.
/// </summary>
public sealed class TrendReader(NeedStatsReader stats)
{
    public const int MaxPoints = 3660;

    public async Task<IReadOnlyList<TrendPoint>> ReadAsync(NeedFilter? where, TrendInterval interval, CancellationToken cancellationToken)
    {
        if (interval == TrendInterval.Year)
        {
            return [.. (await ReadAsync(where, TrendInterval.Month, cancellationToken))
                .GroupBy(p => p.Period.Year)
                .Select(g => new TrendPoint(new DateOnly(g.Key, 1, 1), g.Sum(p => p.Count), g.Sum(p => p.Weight)))];
        }
        var grouping = interval switch
        {
            TrendInterval.Day => NeedStatsGrouping.Day,
            TrendInterval.Week => NeedStatsGrouping.Week,
            _ => NeedStatsGrouping.Month,
        };
        var result = await stats.ReadAsync(where, grouping, CategoryLevel.Leaf, JurisdictionLevel.Community, cancellationToken);
        var byPeriod = result.Groups.ToDictionary(
            g => DateOnly.ParseExact(g.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), g => (g.Count, g.Weight));
        if (byPeriod.Count == 0)
        {
            return [];
        }
        var points = new List<TrendPoint>();
        for (var period = byPeriod.Keys.Min(); period <= byPeriod.Keys.Max(); period = Next(period, interval))
        {
            var (count, weight) = byPeriod.GetValueOrDefault(period);
            points.Add(new TrendPoint(period, count, weight));
            if (points.Count > MaxPoints)
            {
                throw new DomainException(ErrorCodes.InvalidInput, $"A trend has at most {MaxPoints} points; use a longer interval or a narrower filter.");
            }
        }
        return points;
    }

    public static DateOnly Next(DateOnly period, TrendInterval interval) => ForecastPeriods.Next(period, interval);

    /// <summary>The points with zero periods added up to and including <paramref name="last"/> (a series that went quiet).</summary>
    public static List<TrendPoint> ExtendTo(IReadOnlyList<TrendPoint> points, TrendInterval interval, DateOnly last)
    {
        var extended = points.ToList();
        if (extended.Count == 0)
        {
            return extended;
        }
        for (var period = Next(extended[^1].Period, interval); period <= last && extended.Count <= MaxPoints; period = Next(period, interval))
        {
            extended.Add(new TrendPoint(period, 0, 0));
        }
        return extended;
    }
}
