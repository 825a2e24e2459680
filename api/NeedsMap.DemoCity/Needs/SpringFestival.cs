namespace NeedsMap.DemoCity.Needs;

/// <summary>The Spring Festival (春节) dates the demo's calendar needs.</summary>
internal static class SpringFestival
{
    private static readonly DateTime[] Dates =
    [
        new(2015, 2, 19), new(2016, 2, 8), new(2017, 1, 28), new(2018, 2, 16), new(2019, 2, 5), new(2020, 1, 25), new(2021, 2, 12),
        new(2022, 2, 1), new(2023, 1, 22), new(2024, 2, 10), new(2025, 1, 29), new(2026, 2, 17), new(2027, 2, 6),
        new(2028, 1, 26), new(2029, 2, 13), new(2030, 2, 3), new(2031, 1, 23), new(2032, 2, 11),
    ];

    /// <summary>Days from the nearest Spring Festival to <paramref name="localDate"/> (negative before it).</summary>
    public static int DaysFrom(DateTime localDate)
    {
        var best = int.MaxValue;
        foreach (var date in Dates)
        {
            var days = (int)(localDate.Date - date).TotalDays;
            if (Math.Abs(days) < Math.Abs(best))
            {
                best = days;
            }
        }
        return best;
    }
}
