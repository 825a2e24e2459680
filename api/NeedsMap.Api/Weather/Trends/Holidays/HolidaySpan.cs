namespace NeedsMap.Api.Weather.Trends.Holidays;

/// <summary>One holiday as the city observes it: its kind, its name and its first and last day off (both included).</summary>
public sealed record HolidaySpan(HolidayKind Kind, string Name, DateOnly First, DateOnly Last)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;
}

/// <summary>The public holidays of the Chinese calendar a forecast treats as effects.</summary>
public enum HolidayKind
{
    /// <summary>元旦.</summary>
    NewYear,
    /// <summary>春节: the week from New Year's Eve.</summary>
    SpringFestival,
    /// <summary>清明节.</summary>
    Qingming,
    /// <summary>劳动节.</summary>
    LabourDay,
    /// <summary>端午节.</summary>
    DragonBoat,
    /// <summary>中秋节.</summary>
    MidAutumn,
    /// <summary>国庆节: the golden week from 1 October.</summary>
    NationalDay,
}
