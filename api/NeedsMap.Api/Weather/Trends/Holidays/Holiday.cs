namespace NeedsMap.Api.Weather.Trends.Holidays;

/// <summary>
/// A row of the city's holiday table (节假日表): one holiday kind in one year, with the days off as the city
/// observes them. Seeded from <see cref="ChineseHolidays"/>; the city corrects it with setHoliday and removeHoliday.
/// </summary>
public sealed class Holiday
{
    public long Id { get; init; }
    public required HolidayKind Kind { get; init; }
    public required int Year { get; init; }
    public required string Name { get; set; }
    public required DateOnly FirstDay { get; set; }
    public required DateOnly LastDay { get; set; }
    /// <summary>"computed" for a seeded row, "city" once a person set it.</summary>
    public required string Source { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public HolidaySpan ToSpan() => new(Kind, Name, FirstDay, LastDay);
}

/// <summary>setHoliday's input: the days off of one holiday kind in one year.</summary>
public sealed record SetHolidayInput(HolidayKind Kind, int Year, string? Name, DateOnly FirstDay, DateOnly LastDay);
