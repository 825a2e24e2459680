using System.Globalization;

namespace NeedsMap.Api.Weather.Trends.Holidays;

/// <summary>
/// The default holiday table, computed rather than typed in: the lunar holidays from .NET's
/// <see cref="ChineseLunisolarCalendar"/> (春节 on the first day of the first month, 端午 on 5/5, 中秋 on 8/15), 清明 from
/// the solar-term formula for the 21st century, the fixed ones by date. Spans follow the usual State Council
/// arrangement (春节 from New Year's Eve for 8 days, 国庆 1–7 October, 劳动节 1–5 May, the others 3 days around the
/// day); the city corrects a year's real arrangement in the table (setHoliday), which is what forecasts read.
/// </summary>
public static class ChineseHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    public static IReadOnlyList<HolidaySpan> For(int fromYear, int toYear)
    {
        var spans = new List<HolidaySpan>();
        for (var year = fromYear; year <= toYear; year++)
        {
            spans.Add(new(HolidayKind.NewYear, "元旦", new DateOnly(year, 1, 1), new DateOnly(year, 1, 1)));
            var eve = LunarDate(year, 1, 1).AddDays(-1);
            spans.Add(new(HolidayKind.SpringFestival, "春节", eve, eve.AddDays(7)));
            var qingming = new DateOnly(year, 4, QingmingDay(year));
            spans.Add(new(HolidayKind.Qingming, "清明节", qingming.AddDays(-1), qingming.AddDays(1)));
            spans.Add(new(HolidayKind.LabourDay, "劳动节", new DateOnly(year, 5, 1), new DateOnly(year, 5, 5)));
            var dragonBoat = LunarDate(year, 5, 5);
            spans.Add(new(HolidayKind.DragonBoat, "端午节", dragonBoat.AddDays(-1), dragonBoat.AddDays(1)));
            var midAutumn = LunarDate(year, 8, 15);
            spans.Add(new(HolidayKind.MidAutumn, "中秋节", midAutumn.AddDays(-1), midAutumn.AddDays(1)));
            spans.Add(new(HolidayKind.NationalDay, "国庆节", new DateOnly(year, 10, 1), new DateOnly(year, 10, 7)));
        }
        return spans;
    }

    /// <summary>The Gregorian date of a (non-leap) lunar month and day in the lunar year that starts in <paramref name="year"/>.</summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>清明 (the sun at 15°) in April: ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋ with Y the year within the century (2001–2099).</summary>
    public static int QingmingDay(int year)
    {
        var y = year % 100;
        return (int)Math.Floor(y * 0.2422 + 4.81) - y / 4;
    }
}
