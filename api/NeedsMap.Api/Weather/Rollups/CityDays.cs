using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>Turns instants into the city's calendar days, the buckets rollups and windows count in.</summary>
public sealed class CityDays(CityClock clock)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(clock.TimeZoneId);

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    public DateOnly Today => DayOf(clock.Now);

    /// <summary>The instant the city day begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
