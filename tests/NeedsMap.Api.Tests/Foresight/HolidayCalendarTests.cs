using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Tests.Foresight;

public sealed class HolidayCalendarTests
{
    [Theory]
    [InlineData(2023, "2023-01-22", "2023-04-05", "2023-06-22", "2023-09-29")]
    [InlineData(2024, "2024-02-10", "2024-04-04", "2024-06-10", "2024-09-17")]
    [InlineData(2025, "2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06")]
    [InlineData(2026, "2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25")]
    public void Computed_lunar_and_solar_term_holidays_match_the_published_calendar(int year, string springFestival, string qingming, string dragonBoat, string midAutumn)
    {
        var spans = ChineseHolidays.For(year, year).ToDictionary(s => s.Kind);
        Assert.Equal(DateOnly.Parse(springFestival, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1), spans[HolidayKind.SpringFestival].First);
        Assert.Equal(DateOnly.Parse(qingming, System.Globalization.CultureInfo.InvariantCulture), spans[HolidayKind.Qingming].First.AddDays(1));
        Assert.Equal(DateOnly.Parse(dragonBoat, System.Globalization.CultureInfo.InvariantCulture), spans[HolidayKind.DragonBoat].First.AddDays(1));
        Assert.Equal(DateOnly.Parse(midAutumn, System.Globalization.CultureInfo.InvariantCulture), spans[HolidayKind.MidAutumn].First.AddDays(1));
        Assert.Equal((new DateOnly(year, 10, 1), new DateOnly(year, 10, 7)), (spans[HolidayKind.NationalDay].First, spans[HolidayKind.NationalDay].Last));
        Assert.Equal(8, spans[HolidayKind.SpringFestival].Days);
    }

    [Fact]
    public void Shares_cover_the_spring_festival_with_the_week_before_and_two_weeks_after()
    {
        var calendar = new HolidayCalendar(ChineseHolidays.For(2026, 2026));
        var eve = new DateOnly(2026, 2, 16);
        var names = HolidayCalendar.EffectNames;
        double Share(DateOnly day, string effect) => calendar.Shares(day, 1)[names.ToList().IndexOf(effect)];
        Assert.Equal(1, Share(eve, nameof(HolidayKind.SpringFestival)));
        Assert.Equal(1, Share(eve.AddDays(-3), HolidayCalendar.SpringFestivalBefore));
        Assert.Equal(1, Share(eve.AddDays(9), HolidayCalendar.SpringFestivalAfter + 1));
        Assert.Equal(1, Share(eve.AddDays(16), HolidayCalendar.SpringFestivalAfter + 2));
        Assert.All(calendar.Shares(new DateOnly(2026, 3, 20), 1), s => Assert.Equal(0, s));
        // A week is a share: National Day covers 4 of the 7 days from Monday 28 September 2026... and Mid-Autumn 3 days before it.
        var week = calendar.Shares(new DateOnly(2026, 9, 28), 7);
        Assert.Equal(4 / 7.0, week[(int)HolidayKind.NationalDay], 9);
    }
}
