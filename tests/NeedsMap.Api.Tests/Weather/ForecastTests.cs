using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Trends;

namespace NeedsMap.Api.Tests.Weather;

public sealed class ForecastTests
{
    /// <summary>A weekly pattern (quiet weekends, busy Mondays) with a slow rise and Poisson noise, seeded.</summary>
    internal static List<double> SeasonalSeries(int days, int seed)
    {
        var random = new Random(seed);
        double[] weekday = [30, 24, 22, 21, 20, 9, 7];
        return [.. Enumerable.Range(0, days).Select(t => (double)random.NextPoisson(weekday[t % 7] * (1 + t / 365.0)))];
    }


    [Fact]
    public void Seasonal_method_beats_the_naive_forecast_on_a_weekly_series()
    {
        var y = SeasonalSeries(180, 5);
        var errors = SeasonalForecaster.Backtest(y, 7, 7);
        Assert.True(errors.Forecasts > 1000);
        Assert.True(errors.Mae < 0.6 * errors.NaiveMae, $"MAE {errors.Mae:0.00} vs naive {errors.NaiveMae:0.00}");
        Assert.True(errors.Mape < errors.NaiveMape, $"MAPE {errors.Mape:0.0}% vs naive {errors.NaiveMape:0.0}%");
    }

    [Fact]
    public void Intervals_widen_with_the_horizon_and_cover_most_outcomes()
    {
        var y = SeasonalSeries(200, 11);
        var history = y.Take(172).ToList();
        var points = SeasonalForecaster.Forecast(history, 7, 28);
        Assert.True(points[27].Upper95 - points[27].Lower95 > points[0].Upper95 - points[0].Lower95);
        var inside = points.Count(p => y[171 + p.Step] >= p.Lower95 && y[171 + p.Step] <= p.Upper95);
        Assert.True(inside >= 24, $"{inside} of 28 inside the 95% interval");
        Assert.All(points, p => Assert.True(p.Lower80 >= p.Lower95 && p.Upper80 <= p.Upper95 && p.Lower95 >= 0));
    }
}

public sealed class TrendTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var y = ForecastTests.SeasonalSeries(35, 3);
        await TestNeeds.AddManyAsync(host, [
            .. Enumerable.Range(0, y.Count).SelectMany(day => Enumerable.Range(0, (int)y[day] / 4)
                .Select(i => new TestNeed("噪音", "noise.construction", at, ReceivedAt: TestNeeds.BaseTime.AddDays(day).AddMinutes(i)))),
            // A gap day and a need in another category the filter leaves out.
            new TestNeed("学位", "education.enrollment", at, ReceivedAt: TestNeeds.BaseTime.AddDays(40)),
        ]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Trend_buckets_by_city_day_and_fills_empty_days_with_zero()
    {
        var result = await host.GraphQLAsync("""
            { trend(interval: DAY) { period count } noise: trend(interval: WEEK, where: { categoryIn: ["noise"] }) { period count } }
            """);
        Assert.Null(result["errors"]);
        var days = result["data"]!["trend"]!.AsArray();
        Assert.Equal(41, days.Count);
        Assert.Equal("2026-06-01", days[0]!["period"]!.GetValue<string>());
        Assert.Equal(0, days[39]!["count"]!.GetValue<int>());
        var weeks = result["data"]!["noise"]!.AsArray();
        Assert.Equal("2026-06-01", weeks[0]!["period"]!.GetValue<string>());
        Assert.All(weeks.Skip(1), w => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(w!["period"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).DayOfWeek));
    }

    [Fact]
    public async Task Forecast_gives_intervals_and_its_backtest_against_naive()
    {
        var result = await host.GraphQLAsync("""
            { forecast(interval: DAY, horizon: 14, where: { categoryIn: ["noise"] }) {
                method seasonLength points { period count lower80 upper80 lower95 upper95 } backtest { forecasts mae naiveMae mape naiveMape } } }
            """);
        Assert.Null(result["errors"]);
        var forecast = result["data"]!["forecast"]!;
        Assert.Equal(7, forecast["seasonLength"]!.GetValue<int>());
        var points = forecast["points"]!.AsArray();
        Assert.Equal(14, points.Count);
        Assert.Equal("2026-07-06", points[0]!["period"]!.GetValue<string>());
        Assert.True(forecast["backtest"]!["forecasts"]!.GetValue<int>() > 0);
    }
}
