namespace NeedsMap.Api.Weather.Trends;

public sealed record ForecastPoint(int Step, double Value, double Lower80, double Upper80, double Lower95, double Upper95);

public sealed record BacktestErrors(int Forecasts, double Mae, double Mape, double NaiveMae, double NaiveMape);

/// <summary>
/// Seasonal mean with drift: the forecast for a period is the mean of the last <see cref="Seasons"/> values at the
/// same phase of the season (weekday for days, month of year for months), moved along the series' drift (the
/// change of the mean season from the first season to the last, per period). Prediction intervals are normal,
/// from the one-step errors the same method makes in-sample, widened by √(1 + ⌊(h−1)/m⌋) for h steps ahead and
/// clipped at zero. Too short a series for two seasons falls back to m = 1 (the mean of recent values plus drift).
/// </summary>
public static class SeasonalForecaster
{
    public const int Seasons = 3;
    private const double Z80 = 1.2815515655446004;
    private const double Z95 = 1.959963984540054;

    public static int SeasonLength(TrendInterval interval, int length)
    {
        var m = interval switch { TrendInterval.Day => 7, TrendInterval.Month => 12, TrendInterval.Week => 52, _ => 1 };
        return length >= 2 * m ? m : 1;
    }

    public static IReadOnlyList<ForecastPoint> Forecast(IReadOnlyList<double> y, int m, int horizon)
    {
        if (y.Count == 0)
        {
            return [.. Enumerable.Range(1, horizon).Select(h => new ForecastPoint(h, 0, 0, 0, 0, 0))];
        }
        var sigma = InSampleSigma(y, m);
        return [.. Enumerable.Range(1, horizon).Select(h =>
        {
            var value = Math.Max(0, PointForecast(y, y.Count, m, h));
            var sh = sigma * Math.Sqrt(1 + (h - 1) / m);
            return new ForecastPoint(h, value, Math.Max(0, value - Z80 * sh), value + Z80 * sh, Math.Max(0, value - Z95 * sh), value + Z95 * sh);
        })];
    }

    /// <summary>The forecast h steps after the first <paramref name="n"/> values.</summary>
    public static double PointForecast(IReadOnlyList<double> y, int n, int m, int h)
    {
        var target = n - 1 + h;
        double sum = 0, indexSum = 0;
        var used = 0;
        for (var t = target - m; t >= 0 && used < Seasons; t -= m)
        {
            if (t < n)
            {
                sum += y[t];
                indexSum += t;
                used++;
            }
        }
        if (used == 0)
        {
            return y[n - 1];
        }
        return sum / used + Drift(y, n, m) * (target - indexSum / used);
    }

    private static double Drift(IReadOnlyList<double> y, int n, int m)
    {
        if (n < 2 * m || n < 2)
        {
            return 0;
        }
        double first = 0, last = 0;
        for (var i = 0; i < m; i++)
        {
            first += y[i];
            last += y[n - m + i];
        }
        return (last - first) / m / (n - m);
    }

    private static double InSampleSigma(IReadOnlyList<double> y, int m)
    {
        double squares = 0;
        var count = 0;
        // From the second value on: a forecast needs at least one value behind it.
        for (var n = Math.Max(1, Math.Min(y.Count - 1, m + 1)); n < y.Count; n++)
        {
            var e = y[n] - PointForecast(y, n, m, 1);
            squares += e * e;
            count++;
        }
        return count == 0 ? 0 : Math.Sqrt(squares / count);
    }

    /// <summary>
    /// Rolling-origin backtest: from every origin that leaves at least two seasons behind it, forecast 1..horizon
    /// steps and compare with what happened, against the naive forecast (the last value). MAPE skips zero actuals.
    /// </summary>
    public static BacktestErrors Backtest(IReadOnlyList<double> y, int m, int horizon)
    {
        double ae = 0, ape = 0, naiveAe = 0, naiveApe = 0;
        int forecasts = 0, percentages = 0;
        for (var n = Math.Max(2 * m, 2); n + horizon <= y.Count; n++)
        {
            for (var h = 1; h <= horizon; h++)
            {
                var actual = y[n - 1 + h];
                var f = Math.Max(0, PointForecast(y, n, m, h));
                var naive = y[n - 1];
                ae += Math.Abs(actual - f);
                naiveAe += Math.Abs(actual - naive);
                forecasts++;
                if (actual != 0)
                {
                    ape += Math.Abs(actual - f) / Math.Abs(actual);
                    naiveApe += Math.Abs(actual - naive) / Math.Abs(actual);
                    percentages++;
                }
            }
        }
        return forecasts == 0
            ? new BacktestErrors(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new BacktestErrors(forecasts, ae / forecasts, percentages == 0 ? double.NaN : 100 * ape / percentages,
                naiveAe / forecasts, percentages == 0 ? double.NaN : 100 * naiveApe / percentages);
    }
}
