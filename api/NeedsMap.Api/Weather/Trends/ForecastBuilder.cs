using NeedsMap.Api.Filtering;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>
/// Builds a <see cref="Forecast"/> for any filter: reads the trend, fits <see cref="DemandForecaster"/> with the
/// city's holiday table, forecasts, backtests against seasonal naive and the seasonal mean of 4, and explains.
/// Years are forecast by the monthly model and summed; their intervals add the months' bounds (as if the months'
/// errors moved together), which is wide rather than falsely narrow. The period still running is not fitted (its
/// count is partial): it is the first period forecast — its count so far plus the forecast for the time left in it.
/// </summary>
public sealed class ForecastBuilder(TrendReader trends, HolidayTable holidays, CityDays days, Reference.CityClock clock)
{
    public const int MaxHorizon = 366;
    public const int MaxYears = 10;

    public async Task<Forecast> BuildAsync(NeedFilter? where, TrendInterval interval, int horizon, bool extendToToday, CancellationToken cancellationToken)
    {
        if (horizon < 1 || horizon > (interval == TrendInterval.Year ? MaxYears : MaxHorizon))
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"horizon takes 1 to {MaxHorizon} ({MaxYears} for years).");
        }
        var unit = interval == TrendInterval.Year ? TrendInterval.Month : interval;
        var history = (await trends.ReadAsync(where, unit, cancellationToken)).ToList();
        var current = ForecastPeriods.Containing(days.Today, unit);
        if (extendToToday)
        {
            history = TrendReader.ExtendTo(history, unit, current);
        }
        var partial = history.Count > 0 && history[^1].Period == current ? history[^1] : null;
        var fitted = partial is null ? history : history[..^1];
        var start = partial?.Period ?? (fitted.Count > 0 ? ForecastPeriods.Next(fitted[^1].Period, unit) : current);
        var steps = interval == TrendInterval.Year ? 12 * (horizon - 1) + 13 - start.Month : horizon;

        var calendar = await holidays.CalendarAsync(cancellationToken);
        var y = fitted.Select(p => (double)p.Count).ToList();
        var shares = ForecastPeriods.Shares(calendar, fitted.Select(p => p.Period), unit);
        var m = ForecastPeriods.SeasonLength(unit, y.Count);
        var model = DemandForecaster.Fit(y, shares, m, steps);
        var ahead = new List<PeriodForecast>();
        var period = start;
        for (var h = 1; h <= steps; h++, period = ForecastPeriods.Next(period, unit))
        {
            var touching = ForecastPeriods.HasHolidayEffects(unit)
                ? calendar.Touching(period, period.AddDays(ForecastPeriods.Days(period, unit) - 1)).ToList()
                : [];
            var point = model.Forecast(h, ForecastPeriods.Shares(calendar, period, unit));
            ahead.Add(new PeriodForecast(period, h == 1 && partial is not null ? Remaining(point, partial, unit) : point, touching,
                h == 1 ? partial?.Count : null));
        }
        var backtest = Backtest(y, shares, m, unit, steps);
        var drivers = ForecastExplainer.Explain(model, unit, fitted, ahead, backtest, calendar);
        return interval == TrendInterval.Year
            ? new Forecast(DemandForecaster.Method + "; years are the monthly model's months summed", interval, m, model.Settings,
                ToYears(history), [.. Years(fitted, partial, ahead)], backtest, drivers)
            : new Forecast(DemandForecaster.Method, interval, m, model.Settings, history, ahead, backtest, drivers);
    }

    /// <summary>
    /// The period still running: what it holds so far plus the forecast for the share of it still to come (by time),
    /// so neither the count nor its bounds fall below what has already arrived.
    /// </summary>
    private ForecastPoint Remaining(ForecastPoint whole, TrendPoint soFar, TrendInterval unit)
    {
        var (start, end) = (days.StartOf(soFar.Period), days.StartOf(ForecastPeriods.Next(soFar.Period, unit)));
        var left = Math.Clamp((end - clock.Now) / (end - start), 0, 1);
        double Add(double value) => soFar.Count + left * value;
        return whole with
        {
            Value = Add(whole.Value),
            Lower80 = Add(whole.Lower80),
            Upper80 = Add(whole.Upper80),
            Lower95 = Add(whole.Lower95),
            Upper95 = Add(whole.Upper95),
        };
    }

    private static BacktestScores Backtest(List<double> y, List<double[]> shares, int m, TrendInterval unit, int steps)
    {
        var (horizon, step, season) = unit switch
        {
            TrendInterval.Day => (Math.Min(steps, 14), 7, 7),
            TrendInterval.Week => (Math.Min(steps, 8), 1, 52),
            _ => (Math.Min(steps, 12), 1, 12),
        };
        var first = Math.Max(Math.Min(2 * season, y.Count / 2), y.Count - 26 * step);
        return y.Count < 4 ? new BacktestScores(0, horizon, m, []) : ForecastBacktest.Run(y, shares, m, horizon, Math.Max(first, 2), step);
    }

    private static List<TrendPoint> ToYears(IEnumerable<TrendPoint> months) =>
        [.. months.GroupBy(p => p.Period.Year).Select(g => new TrendPoint(new DateOnly(g.Key, 1, 1), g.Sum(p => p.Count), g.Sum(p => p.Weight)))];

    private static IEnumerable<PeriodForecast> Years(IReadOnlyList<TrendPoint> fitted, TrendPoint? partial, List<PeriodForecast> months)
    {
        var index = 0;
        foreach (var year in months.GroupBy(p => p.Period.Year))
        {
            index++;
            var known = fitted.Where(p => p.Period.Year == year.Key).Sum(p => p.Count);
            var soFar = known + (partial is not null && partial.Period.Year == year.Key ? partial.Count : 0);
            var point = new ForecastPoint(index, known + year.Sum(p => p.Point.Value), known + year.Sum(p => p.Point.Lower80),
                known + year.Sum(p => p.Point.Upper80), known + year.Sum(p => p.Point.Lower95), known + year.Sum(p => p.Point.Upper95));
            yield return new PeriodForecast(new DateOnly(year.Key, 1, 1), point, [], known > 0 || partial is not null ? soFar : null);
        }
    }
}
