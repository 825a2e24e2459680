namespace NeedsMap.Api.Weather.Trends;

/// <summary>How one method did in a backtest. MASE divides the errors by the in-sample error of the seasonal-naive forecast.</summary>
public sealed record MethodScore(string Method, int Forecasts, double Mae, double Mase, double Mape, double? Coverage80, double? Coverage95);

public sealed record BacktestScores(int Origins, int Horizon, int SeasonLength, IReadOnlyList<MethodScore> Methods)
{
    public MethodScore? Of(string method) => Methods.FirstOrDefault(m => m.Method == method);
}

/// <summary>
/// Rolling-origin backtest: from origins <c>firstOrigin</c>, + step, … each method is fitted on the values
/// before the origin only and forecasts 1..horizon periods ahead; errors are scaled by the mean absolute error of the
/// seasonal-naive forecast on the values before the first origin (Hyndman's MASE), so series of any size add up.
/// </summary>
public static class ForecastBacktest
{
    public const string Model = "model";
    public const string SeasonalNaive = "seasonal naive";
    public const string SeasonalMean = "seasonal mean of 4";
    public const string Naive = "naive";
    public const string Previous = "seasonal mean of 3 with drift (previous)";

    public static BacktestScores Run(IReadOnlyList<double> y, IReadOnlyList<double[]> shares, int m, int horizon, int firstOrigin, int step,
        bool includePrevious = false)
    {
        var methods = new List<string> { Model, SeasonalNaive, SeasonalMean, Naive };
        if (includePrevious)
        {
            methods.Add(Previous);
        }
        var scale = Scale(y, m, firstOrigin);
        var abs = new double[methods.Count];
        var ape = new double[methods.Count];
        var nonZero = 0;
        var in80 = new int[methods.Count];
        var in95 = new int[methods.Count];
        var forecasts = 0;
        var origins = 0;
        for (var n = Math.Max(firstOrigin, 1); n + 1 <= y.Count; n += Math.Max(step, 1))
        {
            var h = Math.Min(horizon, y.Count - n);
            var model = DemandForecaster.Fit(Slice(y, n), Slice(shares, n), m, horizon);
            var previous = includePrevious ? SeasonalForecaster.Forecast(Slice(y, n), m, h) : null;
            origins++;
            for (var step1 = 1; step1 <= h; step1++)
            {
                var actual = y[n - 1 + step1];
                nonZero += actual != 0 ? 1 : 0;
                var p = model.Forecast(step1, shares[n - 1 + step1]);
                Add(0, p.Value, p.Lower80, p.Upper80, p.Lower95, p.Upper95);
                Add(1, Baselines.SeasonalNaive(y, n, m, step1));
                Add(2, Baselines.SeasonalMean(y, n, m, step1));
                Add(3, Baselines.Naive(y, n));
                if (previous is not null)
                {
                    var q = previous[step1 - 1];
                    Add(4, q.Value, q.Lower80, q.Upper80, q.Lower95, q.Upper95);
                }
                forecasts++;

                void Add(int i, double f, double? l80 = null, double? u80 = null, double? l95 = null, double? u95 = null)
                {
                    abs[i] += Math.Abs(actual - f);
                    ape[i] += actual != 0 ? Math.Abs(actual - f) / Math.Abs(actual) : 0;
                    if (l80 <= actual && actual <= u80)
                    {
                        in80[i]++;
                    }
                    if (l95 <= actual && actual <= u95)
                    {
                        in95[i]++;
                    }
                }
            }
        }
        var scores = methods.Select((name, i) =>
        {
            var hasIntervals = name is Model or Previous;
            var mae = forecasts == 0 ? double.NaN : abs[i] / forecasts;
            return new MethodScore(name, forecasts, mae, scale > 0 ? mae / scale : double.NaN, nonZero == 0 ? double.NaN : 100 * ape[i] / nonZero,
                hasIntervals && forecasts > 0 ? (double)in80[i] / forecasts : null, hasIntervals && forecasts > 0 ? (double)in95[i] / forecasts : null);
        }).ToList();
        return new BacktestScores(origins, horizon, m, scores);
    }

    /// <summary>The in-sample mean absolute error of the seasonal-naive forecast over the first <paramref name="n"/> values.</summary>
    public static double Scale(IReadOnlyList<double> y, int m, int n)
    {
        double sum = 0;
        var count = 0;
        for (var t = m; t < Math.Min(n, y.Count); t++)
        {
            sum += Math.Abs(y[t] - y[t - m]);
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    private static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> values, int n) => values is List<T> list ? list.GetRange(0, n) : values.Take(n).ToList();
}
