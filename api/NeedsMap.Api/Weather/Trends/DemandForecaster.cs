using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>
/// Robust multiplicative Holt–Winters with holiday effects: a level (with an optional damped trend) times a
/// seasonal index (weekday for days, month for months) times one factor per holiday effect the period touches
/// (<see cref="HolidayCalendar"/>). Robust because a day far from its forecast (a burst of complaints about one
/// outage) moves the level only by a clipped amount, while three such days in a row in the same direction are
/// taken as a new level and followed quickly. Holiday days do not move the level until their effect has been
/// seen (two days' worth of it); each effect is the shrunken mean ratio of actual to expected on its days.
/// The smoothing weights are chosen per series from <see cref="ForecastSettings.Grid"/> by the in-sample errors
/// 1..h steps ahead; prediction intervals are the empirical quantiles of the in-sample h-step errors on a
/// log(1 + count) scale, so they follow the series' own noise, bursts and holiday misses
/// (bench/results/forecast.md measures their coverage on series this model did not generate).
/// </summary>
public static class DemandForecaster
{
    public const string Method = "robust multiplicative Holt–Winters with holiday effects (weights chosen per series); "
        + "intervals from the empirical quantiles of its in-sample h-step errors";

    /// <summary>Interval errors are collected up to this many periods ahead; further out they widen with √h.</summary>
    public const int MaxErrorHorizon = 28;

    /// <summary>Errors older than this many periods are not used for intervals.</summary>
    public const int ErrorWindow = 365;

    internal const double ClipScales = 3.5;
    internal const double ShiftScales = 2.5;
    internal const int ShiftRun = 3;
    internal const double ShiftAlpha = 0.5;
    internal const double ScaleRate = 0.03;
    internal const double HolidayEvidenceDays = 2;

    /// <summary>Widens the empirical quantiles around their median (1: as measured in-sample); calibrated on development series only.</summary>
    internal const double IntervalWidening = 1.0;

    /// <summary>
    /// Fits the model to <paramref name="y"/>; <paramref name="shares"/>[t] holds period t's holiday shares
    /// (<see cref="HolidayCalendar.Shares"/>, all zero when the interval has no holiday effects).
    /// </summary>
    public static DemandModel Fit(IReadOnlyList<double> y, IReadOnlyList<double[]> shares, int m, int horizon)
    {
        var hMax = Math.Clamp(horizon, 1, Math.Min(MaxErrorHorizon, Math.Max(2 * m, 7)));
        ForecastSettings? best = null;
        var bestScore = double.PositiveInfinity;
        foreach (var settings in ForecastSettings.Grid)
        {
            var score = HoltWintersRun.Execute(y, shares, m, settings, hMax, collect: false).Score;
            if (score < bestScore)
            {
                (best, bestScore) = (settings, score);
            }
        }
        var chosen = best ?? new ForecastSettings(0.15, 0.03, 0, 0);
        return HoltWintersRun.Execute(y, shares, m, chosen, hMax, collect: true).ToModel(chosen, m, y.Count);
    }
}
