using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>What an interval means to a forecast: its season, the days a period spans, its holiday shares.</summary>
public static class ForecastPeriods
{
    /// <summary>Periods per season (7 days, 52 weeks, 12 months, 1 year), or 1 when the history holds fewer than two seasons.</summary>
    public static int SeasonLength(TrendInterval interval, int length)
    {
        var m = interval switch { TrendInterval.Day => 7, TrendInterval.Week => 52, TrendInterval.Month => 12, _ => 1 };
        return length >= 2 * m ? m : 1;
    }

    /// <summary>Holidays are effects of days and weeks; a month's or a year's season already holds its holidays.</summary>
    public static bool HasHolidayEffects(TrendInterval interval) => interval is TrendInterval.Day or TrendInterval.Week;

    public static int Days(DateOnly start, TrendInterval interval) => interval switch
    {
        TrendInterval.Day => 1,
        TrendInterval.Week => 7,
        TrendInterval.Month => DateTime.DaysInMonth(start.Year, start.Month),
        _ => DateTime.IsLeapYear(start.Year) ? 366 : 365,
    };

    public static DateOnly Next(DateOnly period, TrendInterval interval) => interval switch
    {
        TrendInterval.Day => period.AddDays(1),
        TrendInterval.Week => period.AddDays(7),
        TrendInterval.Month => period.AddMonths(1),
        _ => period.AddYears(1),
    };

    /// <summary>The first day of the period holding <paramref name="day"/> (weeks start on Monday).</summary>
    public static DateOnly Containing(DateOnly day, TrendInterval interval) => interval switch
    {
        TrendInterval.Day => day,
        TrendInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TrendInterval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    public static double[] Shares(HolidayCalendar calendar, DateOnly start, TrendInterval interval) =>
        HasHolidayEffects(interval) ? calendar.Shares(start, Days(start, interval)) : new double[HolidayCalendar.EffectCount];

    public static List<double[]> Shares(HolidayCalendar calendar, IEnumerable<DateOnly> starts, TrendInterval interval) =>
        [.. starts.Select(s => Shares(calendar, s, interval))];
}
