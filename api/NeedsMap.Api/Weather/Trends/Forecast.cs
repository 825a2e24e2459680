using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>A trend continued ahead: the history it was fitted on, the periods ahead with intervals, its backtest and what drives it.</summary>
public sealed record Forecast(
    string Method,
    TrendInterval Interval,
    int SeasonLength,
    ForecastSettings Settings,
    IReadOnlyList<TrendPoint> History,
    IReadOnlyList<PeriodForecast> Points,
    BacktestScores Backtest,
    IReadOnlyList<ForecastDriver> Drivers)
{
    public string Explanation => string.Join("；", Drivers.Select(d => d.Zh)) + "。";
    public string ExplanationEn => string.Join("; ", Drivers.Select(d => d.En)) + ".";
}

/// <summary>One period ahead. <see cref="ObservedSoFar"/> is set for the period still running (its count so far, not yet a count).</summary>
public sealed record PeriodForecast(DateOnly Period, ForecastPoint Point, IReadOnlyList<HolidaySpan> Holidays, int? ObservedSoFar);

/// <summary>One thing that drives a forecast, in both languages, with its number when it has one.</summary>
public sealed record ForecastDriver(string Kind, string Zh, string En, double? Value);
