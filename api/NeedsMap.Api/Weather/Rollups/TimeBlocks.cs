namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// Aligned blocks of 1, 7 and 28 city days (counted from Monday 2000-01-03) for <c>cell_demand_blocks</c>. Any
/// range of days is a few blocks: 150 days are about 5 + 3 + 6 of them instead of 150 days, which is what makes
/// a whole-city cells query a small GROUP BY.
/// </summary>
public static class TimeBlocks
{
    public static readonly DateOnly Epoch = new(2000, 1, 3);
    public static readonly short[] Sizes = [28, 7, 1];

    public static DateOnly StartOf(DateOnly day, short size) => Epoch.AddDays((int)Math.Floor((day.DayNumber - Epoch.DayNumber) / (double)size) * size);

    /// <summary>The fewest aligned blocks covering <paramref name="first"/>..<paramref name="last"/>, both included.</summary>
    public static IEnumerable<(short Size, DateOnly Start)> Cover(DateOnly first, DateOnly last)
    {
        var day = first;
        while (day <= last)
        {
            foreach (var size in Sizes)
            {
                if (StartOf(day, size) == day && day.AddDays(size - 1) <= last)
                {
                    yield return (size, day);
                    day = day.AddDays(size);
                    break;
                }
            }
        }
    }
}
