using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using NeedsMap.Api.Weather.Trends;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Bench.Foresight.Forecast;

/// <summary>
/// The rolling-origin backtest of issue #21: every method fitted only on the days before each origin, forecasting
/// 1..14 days ahead, scored by MASE against seasonal naive and the mean of the same weekday over 4 weeks, and the
/// model's 80% / 95% intervals by how often they held the actual count.
/// </summary>
internal static class ForecastBench
{
    public const int Horizon = 14;
    public const int Step = 7;

    /// <summary>Seeds 1–40 are for development (tuning); 1001–1150 are held out and run once for the report.</summary>
    public static IEnumerable<int> Seeds(bool evaluation) => evaluation ? Enumerable.Range(1001, 150) : Enumerable.Range(1, 40);

    public sealed record SeriesResult(string Family, string Description, BacktestScores Scores);

    public static async Task<int> RunAsync(string[] args)
    {
        var evaluation = args.Contains("eval");
        var started = DateTime.UtcNow;
        var load = Machine.Load();
        var calendar = new HolidayCalendar(ChineseHolidays.For(2020, 2028));
        var results = new ConcurrentBag<SeriesResult>();
        var generated = Seeds(evaluation).Select(ComplaintSeriesGenerator.Generate).ToList();
        Parallel.ForEach(generated, new ParallelOptions { MaxDegreeOfParallelism = 2 }, s =>
            results.Add(new SeriesResult("generated", s.Description, Score(s, calendar, firstOrigin: 365))));
        var demo = DemoCitySeries.Build(evaluation ? 200_000 : 60_000);
        Parallel.ForEach(demo, new ParallelOptions { MaxDegreeOfParallelism = 2 }, s =>
            results.Add(new SeriesResult("demo city", s.Description, Score(s, calendar, firstOrigin: 119))));
        var elapsed = DateTime.UtcNow - started;

        var report = new StringBuilder();
        report.AppendLine("# Forecast backtest (issue #21)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalSeconds:0} s on 2 shared cores; load average at the start `{load}`, at the end `{Machine.Load()}`.");
        var command = "dotnet run -c Release --project bench/NeedsMap.Bench.Foresight -- forecast" + (evaluation ? " eval" : "");
        report.AppendLine().AppendLine("```").AppendLine(command).AppendLine("```").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Rolling origin: each method is fitted on the days before an origin only and forecasts 1..{Horizon} days ahead; origins every {Step} days. ");
        report.AppendLine("MASE = MAE / the in-sample MAE of seasonal naive before the first origin, per series, then averaged over series. "
            + "Seasonal naive = the same weekday last week; seasonal mean of 4 = the mean of the same weekday over the last 4 weeks; naive = the last day. "
            + "The model: " + DemandForecaster.Method + ". Holidays from `ChineseHolidays.For` (the table the server seeds).");
        report.AppendLine();
        foreach (var family in new[] { "generated", "demo city" })
        {
            var rows = results.Where(r => r.Family == family).ToList();
            Family(report, family, rows, evaluation);
        }
        Console.Write(report.ToString());
        if (evaluation)
        {
            await File.WriteAllTextAsync(BenchRepository.Results("forecast.md"), report.ToString());
            Console.WriteLine($"Wrote {BenchRepository.Results("forecast.md")}");
        }
        return 0;
    }

    private static BacktestScores Score(ComplaintSeriesGenerator.Series s, HolidayCalendar calendar, int firstOrigin) =>
        ForecastBacktest.Run(s.Values, ForecastPeriods.Shares(calendar, s.Dates, TrendInterval.Day), 7, Horizon, firstOrigin, Step, includePrevious: true);

    private static void Family(StringBuilder report, string family, List<SeriesResult> rows, bool evaluation)
    {
        var valid = rows.Where(r => r.Scores.Methods.All(m => double.IsFinite(m.Mase))).ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"## {(family == "generated" ? (evaluation ? "Generated series, held-out seeds 1001–1150" : "Generated series, development seeds 1–40") : "Demo city series (DemoNeedsGenerator, one year)")}").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{valid.Count} series ({rows.Count - valid.Count} left out for a zero MASE scale), {valid.Sum(r => r.Scores.Of(ForecastBacktest.Model)!.Forecasts):N0} forecasts per method.").AppendLine();
        report.AppendLine("| method | mean MASE | median MASE | series where the model is better | 80% interval held | 95% interval held |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var method in new[] { ForecastBacktest.Model, ForecastBacktest.SeasonalNaive, ForecastBacktest.SeasonalMean, ForecastBacktest.Naive, ForecastBacktest.Previous })
        {
            var mase = valid.Select(r => r.Scores.Of(method)!.Mase).Order().ToList();
            var better = method == ForecastBacktest.Model ? "–"
                : $"{valid.Count(r => r.Scores.Of(ForecastBacktest.Model)!.Mase < r.Scores.Of(method)!.Mase)} of {valid.Count}";
            var c80 = Coverage(valid, method, s => s.Coverage80);
            var c95 = Coverage(valid, method, s => s.Coverage95);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {method} | {mase.Average():0.000} | {mase[mase.Count / 2]:0.000} | {better} | {c80} | {c95} |");
        }
        report.AppendLine();
    }

    private static string Coverage(List<SeriesResult> rows, string method, Func<MethodScore, double?> pick)
    {
        var scores = rows.Select(r => r.Scores.Of(method)!).ToList();
        if (scores.Any(s => pick(s) is null))
        {
            return "–";
        }
        var held = scores.Sum(s => pick(s)!.Value * s.Forecasts);
        return (held / scores.Sum(s => s.Forecasts)).ToString("P1", CultureInfo.InvariantCulture);
    }
}
