using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Trends;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Tests.Foresight;

public sealed class DemandForecasterTests
{
    /// <summary>
    /// Three years of days not shaped like the model: a weekly pattern, a level shift, bursts, the Spring Festival as a
    /// ramp (down from two weeks before, back over two weeks after) and negative-binomial noise.
    /// </summary>
    internal static (List<double> Y, List<DateOnly> Days) OtherSeries(int seed)
    {
        var random = new Random(seed);
        var first = new DateOnly(2023, 12, 1);
        double[] weekday = [1.2, 1.05, 1, 1, 0.95, 0.7, 0.6];
        var y = new List<double>();
        var days = new List<DateOnly>();
        DateOnly[] festivals = [new(2024, 2, 10), new(2025, 1, 29), new(2026, 2, 17)];
        for (var t = 0; t < 3 * 365; t++)
        {
            var day = first.AddDays(t);
            var k = festivals.Select(f => day.DayNumber - f.DayNumber).MinBy(Math.Abs);
            var festival = k is >= -14 and <= 20 ? 0.35 + 0.65 * Math.Abs(k) / (k < 0 ? 14.0 : 20.0) : 1;
            var mean = 40 * (t > 500 ? 1.4 : 1) * weekday[((int)day.DayOfWeek + 6) % 7] * festival * (t % 97 < 2 ? 3 : 1);
            var gamma = mean * Gamma(random, 20) / 20;
            y.Add(random.NextPoisson(gamma));
            days.Add(day);
        }
        return (y, days);
    }

    private static double Gamma(Random random, double shape)
    {
        var sum = 0.0;
        for (var i = 0; i < shape; i++)
        {
            sum -= Math.Log(1 - random.NextDouble());
        }
        return sum;
    }


    [Fact]
    public void The_model_beats_seasonal_naive_and_the_seasonal_mean_on_a_series_it_did_not_generate()
    {
        var (y, days) = OtherSeries(21);
        var shares = ForecastPeriods.Shares(new HolidayCalendar(ChineseHolidays.For(2023, 2027)), days, TrendInterval.Day);
        var scores = ForecastBacktest.Run(y, shares, 7, 14, 365, 14);
        var model = scores.Of(ForecastBacktest.Model)!;
        Assert.True(model.Mase < scores.Of(ForecastBacktest.SeasonalNaive)!.Mase, $"model {model.Mase:0.000} vs seasonal naive {scores.Of(ForecastBacktest.SeasonalNaive)!.Mase:0.000}");
        Assert.True(model.Mase < scores.Of(ForecastBacktest.SeasonalMean)!.Mase, $"model {model.Mase:0.000} vs seasonal mean {scores.Of(ForecastBacktest.SeasonalMean)!.Mase:0.000}");
        Assert.InRange(model.Coverage80!.Value, 0.65, 0.95);
        Assert.InRange(model.Coverage95!.Value, 0.85, 1.0);
    }

    [Fact]
    public void A_spring_festival_seen_before_is_forecast_as_a_dip()
    {
        var (y, days) = OtherSeries(5);
        var calendar = new HolidayCalendar(ChineseHolidays.For(2023, 2027));
        // Fit up to a week before the 2026 festival's eve (2026-02-16) and look 14 days ahead.
        var origin = days.IndexOf(new DateOnly(2026, 2, 9));
        var model = DemandForecaster.Fit(y.Take(origin).ToList(), ForecastPeriods.Shares(calendar, days.Take(origin), TrendInterval.Day), 7, 14);
        var ordinary = Enumerable.Range(1, 7).Average(h => model.Point(h, new double[HolidayCalendar.EffectCount]));
        var festival = Enumerable.Range(8, 7).Average(h => model.Forecast(h, calendar.Shares(days[origin - 1 + h], 1)).Value);
        Assert.True(festival < 0.75 * ordinary, $"festival week {festival:0.0} vs an ordinary week {ordinary:0.0}");
        Assert.True(model.EffectDays[(int)HolidayKind.SpringFestival] >= 16, "two festivals in the history");
    }

    [Fact]
    public void Intervals_widen_with_the_horizon_and_hold_the_point()
    {
        var (y, days) = OtherSeries(9);
        var model = DemandForecaster.Fit(y.Take(700).ToList(), ForecastPeriods.Shares(HolidayCalendar.None, days.Take(700), TrendInterval.Day), 7, 28);
        var none = new double[HolidayCalendar.EffectCount];
        var near = model.Forecast(1, none);
        var far = model.Forecast(28, none);
        Assert.True(far.Upper80 - far.Lower80 >= near.Upper80 - near.Lower80);
        Assert.All(new[] { near, far }, p => Assert.True(p.Lower95 <= p.Lower80 && p.Lower80 <= p.Value && p.Value <= p.Upper80 && p.Upper80 <= p.Upper95 && p.Lower95 >= 0, p.ToString()));
    }

    [Fact]
    public void An_empty_or_short_history_forecasts_without_failing()
    {
        var empty = DemandForecaster.Fit([], [], 1, 3);
        Assert.Equal(0, empty.Forecast(1, new double[HolidayCalendar.EffectCount]).Value);
        var shortModel = DemandForecaster.Fit([3, 4, 5], [.. Enumerable.Repeat(new double[HolidayCalendar.EffectCount], 3)], 1, 2);
        Assert.InRange(shortModel.Forecast(1, new double[HolidayCalendar.EffectCount]).Value, 2, 6);
    }
}
