using System.Globalization;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>Says what drives a forecast, from the fitted model's own parts: level, trend, season, holidays, the last year, the backtest.</summary>
public static class ForecastExplainer
{
    private static readonly string[] WeekdaysZh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    private static readonly string[] WeekdaysEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static List<ForecastDriver> Explain(DemandModel model, TrendInterval unit, IReadOnlyList<TrendPoint> history, IReadOnlyList<PeriodForecast> ahead,
        BacktestScores backtest, HolidayCalendar calendar)
    {
        var (unitZh, unitEn, perYear) = unit switch
        {
            TrendInterval.Day => ("天", "day", 365.25),
            TrendInterval.Week => ("周", "week", 52.18),
            _ => ("月", "month", 12.0),
        };
        var drivers = new List<ForecastDriver>();
        if (history.Count == 0)
        {
            drivers.Add(new("history", "没有历史诉求，预测为零", "no history, so the forecast is zero", 0));
            return drivers;
        }
        drivers.Add(new("level", F($"当前水平约每{unitZh}{model.Level:0.#}件（已去除季节与节假日）"),
            F($"current level about {model.Level:0.#} a {unitEn} (season and holidays taken out)"), Math.Round(model.Level, 3)));
        if (model.Settings.HasTrend && model.Level > 0)
        {
            var yearly = model.Trend * perYear / model.Level;
            drivers.Add(new("trend", F($"趋势每年{Signed(yearly)}（阻尼外推，越远越平）"),
                F($"trend {Signed(yearly)} a year (damped: it flattens further out)"), Math.Round(yearly, 4)));
        }
        else
        {
            drivers.Add(new("trend", "近期无持续趋势", "no lasting trend recently", 0));
        }
        if (model.SeasonLength > 1)
        {
            drivers.Add(Season(model, history, unit));
        }
        var holidayNames = ahead.SelectMany(p => p.Holidays).DistinctBy(h => (h.Kind, h.First)).ToList();
        foreach (var span in holidayNames)
        {
            var effect = model.Effects[(int)span.Kind];
            var seen = model.EffectDays[(int)span.Kind] >= DemandForecaster.HolidayEvidenceDays;
            drivers.Add(new("holiday", seen ? F($"{span.Name}（{span.First:M月d日}–{span.Last:M月d日}）需求约为平日的{effect:P0}")
                    : F($"{span.Name}（{span.First:M月d日}–{span.Last:M月d日}）历史中未见，按平日预测"),
                seen ? F($"{span.Kind} ({span.First:MMM d}–{span.Last:MMM d}) runs at about {effect:P0} of a usual day")
                    : F($"{span.Kind} ({span.First:MMM d}–{span.Last:MMM d}) not seen in the history, forecast as usual days"),
                seen ? Math.Round(effect, 4) : null));
        }
        if (unit == TrendInterval.Month && history.Count >= 24)
        {
            var last = history.Skip(history.Count - 12).Sum(p => p.Count);
            var before = history.Skip(history.Count - 24).Take(12).Sum(p => p.Count);
            var change = before > 0 ? (double)last / before - 1 : (double?)null;
            drivers.Add(new("lastYear", change is { } c ? F($"近12个月{last}件，比此前12个月{Signed(c)}") : F($"近12个月{last}件"),
                change is { } e ? F($"{last} in the last 12 months, {Signed(e)} on the 12 before") : F($"{last} in the last 12 months"), change));
        }
        if (backtest.Of(ForecastBacktest.Model) is { Forecasts: > 0 } score && double.IsFinite(score.Mase))
        {
            var naive = backtest.Of(ForecastBacktest.SeasonalNaive)!.Mase;
            var mean = backtest.Of(ForecastBacktest.SeasonalMean)!.Mase;
            drivers.Add(new("backtest", F($"回测（{backtest.Origins}个起点）MASE {score.Mase:0.00}，同期朴素法 {naive:0.00}，近4期同期均值 {mean:0.00}"),
                F($"backtest over {backtest.Origins} origins: MASE {score.Mase:0.00} vs {naive:0.00} seasonal naive and {mean:0.00} seasonal mean of 4"),
                Math.Round(score.Mase, 4)));
        }
        return drivers;
    }

    private static ForecastDriver Season(DemandModel model, IReadOnlyList<TrendPoint> history, TrendInterval unit)
    {
        // Phase p of the model is period index p modulo m from the first fitted period: name it by the calendar.
        var m = model.SeasonLength;
        var named = Enumerable.Range(0, m).Select(p => (Index: model.Season[p], Label: Label(history[0].Period, p, unit))).ToList();
        var mean = named.Average(n => n.Index);
        var peaks = named.Where(n => n.Index / mean >= 1.15).OrderByDescending(n => n.Index).Take(3).ToList();
        var lows = named.Where(n => n.Index / mean <= 0.85).OrderBy(n => n.Index).Take(3).ToList();
        var zh = peaks.Count == 0 && lows.Count == 0 ? "季节起伏不大"
            : string.Join("，", new[]
            {
                peaks.Count > 0 ? "高峰在" + string.Join("、", peaks.Select(p => F($"{p.Label.Zh}（×{p.Index / mean:0.00}）"))) : null,
                lows.Count > 0 ? "低谷在" + string.Join("、", lows.Select(p => F($"{p.Label.Zh}（×{p.Index / mean:0.00}）"))) : null,
            }.OfType<string>());
        var en = peaks.Count == 0 && lows.Count == 0 ? "little seasonal swing"
            : string.Join(", ", new[]
            {
                peaks.Count > 0 ? "peaks in " + string.Join(", ", peaks.Select(p => F($"{p.Label.En} (×{p.Index / mean:0.00})"))) : null,
                lows.Count > 0 ? "lows in " + string.Join(", ", lows.Select(p => F($"{p.Label.En} (×{p.Index / mean:0.00})"))) : null,
            }.OfType<string>());
        return new ForecastDriver("season", zh, en, peaks.Count > 0 ? Math.Round(peaks[0].Index / mean, 4) : null);
    }

    private static (string Zh, string En) Label(DateOnly first, int phase, TrendInterval unit)
    {
        switch (unit)
        {
            case TrendInterval.Day:
                var weekday = ((int)first.AddDays(phase).DayOfWeek + 6) % 7;
                return (WeekdaysZh[weekday], WeekdaysEn[weekday]);
            case TrendInterval.Month:
                var month = first.AddMonths(phase).Month;
                return (F($"{month}月"), CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month));
            default:
                var week = first.AddDays(7 * phase);
                return (F($"{week:M月d日}所在周"), F($"the week of {week:MMM d}"));
        }
    }

    private static string Signed(double share) => (share >= 0 ? "+" : "−") + Math.Abs(share).ToString("P0", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
