namespace NeedsMap.Api.Weather.Trends;

/// <summary>The forecasts any forecaster must beat, h periods after the first n values.</summary>
public static class Baselines
{
    /// <summary>The last value.</summary>
    public static double Naive(IReadOnlyList<double> y, int n) => y[n - 1];

    /// <summary>The value one season before the target (the same weekday last week), from the last complete season.</summary>
    public static double SeasonalNaive(IReadOnlyList<double> y, int n, int m, int h)
    {
        var back = m * (int)Math.Ceiling((double)h / m);
        var t = n - 1 + h - back;
        return t >= 0 ? y[t] : y[n - 1];
    }

    /// <summary>The mean of the same phase over the last <paramref name="seasons"/> seasons (the same weekday over the last 4 weeks).</summary>
    public static double SeasonalMean(IReadOnlyList<double> y, int n, int m, int h, int seasons = 4)
    {
        var back = m * (int)Math.Ceiling((double)h / m);
        double sum = 0;
        var used = 0;
        for (var t = n - 1 + h - back; t >= 0 && used < seasons; t -= m)
        {
            sum += y[t];
            used++;
        }
        return used == 0 ? y[n - 1] : sum / used;
    }
}
