using NeedsMap.Api.Filtering;

namespace NeedsMap.Api.Security.Privacy;

/// <summary>
/// What the public may ask aggregates about: categories, channels, statuses, jurisdictions and whole city days, combined
/// with and, or and not. The public sees no records, so it may not count by what only records show: a text search would
/// test whether a name or a phone number occurs in any need (the padding attack of issue #17), and a polygon, circle or box
/// could be shrunk around one door, so both are refused. Time bounds are widened to whole city days, so windows cannot be
/// slid an instant at a time across one need. At most <see cref="MaxConditions"/> conditions, each a region of the
/// small-group rule (<see cref="SmallGroups"/>).
/// </summary>
public static class PublicQuestion
{
    public const int MaxConditions = 32;

    public static NeedFilter? Check(NeedFilter? filter, TimeZoneInfo zone)
    {
        if (filter is null)
        {
            return null;
        }
        var checkedFilter = Rewrite(filter, zone);
        var count = FilterConditions.Of(checkedFilter).Count;
        if (count > MaxConditions)
        {
            throw new DomainException(ErrorCodes.InvalidFilter,
                $"Public statistics combine at most {MaxConditions} conditions (codes in lists count one each); this filter has {count}.");
        }
        return checkedFilter;
    }

    private static NeedFilter Rewrite(NeedFilter f, TimeZoneInfo zone)
    {
        if (f.TextContains is not null || f.MaskedTextContains is not null)
        {
            throw new DomainException(ErrorCodes.Forbidden,
                "The public counts needs by category, channel, status, jurisdiction and day; searching their texts needs a token.");
        }
        if (f.Within is not null || f.Intersects is not null || f.Near is not null || f.Bbox is not null)
        {
            throw new DomainException(ErrorCodes.Forbidden,
                "The public counts needs by jurisdiction, not by polygon, circle or box (within, intersects, near, bbox need a token).");
        }
        return f with
        {
            ReceivedFrom = f.ReceivedFrom is { } from ? DayStart(from, zone, roundUp: false) : null,
            ReceivedBefore = f.ReceivedBefore is { } before ? DayStart(before, zone, roundUp: true) : null,
            And = f.And?.Select(c => Rewrite(c, zone)).ToList(),
            Or = f.Or?.Select(c => Rewrite(c, zone)).ToList(),
            Not = f.Not is { } not ? Rewrite(not, zone) : null,
        };
    }

    /// <summary>The start of the city day holding <paramref name="instant"/>, or of the next one when rounding up a bound inside a day.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset instant, TimeZoneInfo zone, bool roundUp)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (roundUp && local.TimeOfDay > TimeSpan.Zero)
        {
            day = day.AddDays(1);
        }
        return StartOf(day, zone);
    }

    /// <summary>The instant the city day begins.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
