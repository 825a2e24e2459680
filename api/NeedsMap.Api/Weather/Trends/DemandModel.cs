using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>A fitted <see cref="DemandForecaster"/>: its state after the last period, and its in-sample errors for intervals.</summary>
public sealed class DemandModel
{
    private const double Z80 = 1.2815515655446004;
    private const double Z95 = 1.959963984540054;
    private const int MinErrors = 10;
    private readonly IReadOnlyList<double>[] _errors;

    internal DemandModel(ForecastSettings settings, int seasonLength, int length, double level, double trend, double[] season, double[] effects,
        double[] effectDays, IReadOnlyList<double>[] errors)
    {
        Settings = settings;
        SeasonLength = seasonLength;
        Length = length;
        Level = level;
        Trend = trend;
        Season = season;
        Effects = effects;
        EffectDays = effectDays;
        _errors = errors;
    }

    public ForecastSettings Settings { get; }
    public int SeasonLength { get; }
    /// <summary>How many periods it was fitted on; period <see cref="Length"/> is the first ahead.</summary>
    public int Length { get; }
    public double Level { get; }
    /// <summary>The trend per period at the end of the history (damped ahead).</summary>
    public double Trend { get; }
    /// <summary>Seasonal indices by phase (period index modulo the season length), about 1 on average.</summary>
    public IReadOnlyList<double> Season { get; }
    /// <summary>The factor each holiday effect multiplies demand by (<see cref="HolidayCalendar.EffectNames"/>; 1 when never seen).</summary>
    public IReadOnlyList<double> Effects { get; }
    /// <summary>How many periods' worth of each effect the history held.</summary>
    public IReadOnlyList<double> EffectDays { get; }

    public static double PointFrom(double level, double trend, double phi, double season, int h, double[] shares, ReadOnlySpan<double> effects)
    {
        var damped = 0.0;
        var power = 1.0;
        for (var i = 1; i <= h; i++)
        {
            power *= phi;
            damped += power;
        }
        var value = (level + damped * trend) * season;
        for (var k = 0; k < shares.Length; k++)
        {
            if (shares[k] > 0)
            {
                value *= 1 + (effects[k] - 1) * shares[k];
            }
        }
        return Math.Max(value, 0);
    }

    /// <summary>The expected count <paramref name="h"/> periods after the history, for a period with these holiday shares.</summary>
    public double Point(int h, double[] shares) =>
        PointFrom(Level, Trend, Settings.Phi, Season[(Length - 1 + h) % SeasonLength], h, shares, (double[])Effects);

    /// <summary>The forecast with its 80% and 95% intervals.</summary>
    public ForecastPoint Forecast(int h, double[] shares)
    {
        var value = Point(h, shares);
        var (l80, u80, l95, u95) = Bands(h, value);
        return new ForecastPoint(h, value, l80, u80, l95, u95);
    }

    private (double, double, double, double) Bands(int h, double value)
    {
        var (errors, widen) = ErrorsFor(h);
        if (errors is null)
        {
            // Too short a history for empirical errors: Poisson noise at the least, widened like a random walk.
            var sd = Math.Sqrt(Math.Max(value, 1)) * Math.Sqrt(h);
            return (Math.Max(0, value - Z80 * sd), value + Z80 * sd, Math.Max(0, value - Z95 * sd), value + Z95 * sd);
        }
        var sorted = errors.Order().ToArray();
        var median = Quantile(sorted, 0.5);
        double At(double p) => Math.Max((value + 1) * Math.Exp(median + DemandForecaster.IntervalWidening * widen * (Quantile(sorted, p) - median)) - 1, 0);
        return (At(0.1), At(0.9), At(0.025), At(0.975));
    }

    private (IReadOnlyList<double>? Errors, double Widen) ErrorsFor(int h)
    {
        if (h <= _errors.Length && _errors[h - 1].Count >= MinErrors)
        {
            return (_errors[h - 1], 1);
        }
        for (var j = Math.Min(h, _errors.Length); j >= 1; j--)
        {
            if (_errors[j - 1].Count >= MinErrors)
            {
                return (_errors[j - 1], Math.Sqrt((double)h / j));
            }
        }
        return (null, 1);
    }

    internal static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
