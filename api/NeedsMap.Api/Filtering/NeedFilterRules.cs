using System.Globalization;

namespace NeedsMap.Api.Filtering;

/// <summary>
/// What a client's filter must be, checked while its input is coerced (as a variable, a literal or a tile's <c>where</c>),
/// so a bad filter is refused before anything runs, on every door alike: no empty list (<c>jurisdictionIn: []</c> would
/// mean "nowhere" to SQL and "anywhere" to an <c>or</c>), no nesting deeper than <see cref="NeedFilterSql.MaxDepth"/>,
/// text searches of 1 to <see cref="NeedFilterSql.MaxTextLength"/> characters. <see cref="NeedFilterSql"/> keeps its own
/// checks for filters built in code.
/// </summary>
public static class NeedFilterRules
{
    public static NeedFilter Check(NeedFilter filter)
    {
        NotEmpty(filter.And, "and");
        NotEmpty(filter.Or, "or");
        NotEmpty(filter.CategoryIn, "categoryIn");
        NotEmpty(filter.ChannelIn, "channelIn");
        NotEmpty(filter.StatusIn, "statusIn");
        NotEmpty(filter.JurisdictionIn, "jurisdictionIn");
        if (filter.TextContains is { } text && (text.Length == 0 || text.Length > NeedFilterSql.MaxTextLength))
        {
            throw Invalid($"textContains takes 1 to {NeedFilterSql.MaxTextLength} characters.");
        }
        InRange(filter.ReceivedFrom, "receivedFrom");
        InRange(filter.ReceivedBefore, "receivedBefore");
        if (Depth(filter, 0) > NeedFilterSql.MaxDepth + 1)
        {
            throw Invalid($"Filters nest at most {NeedFilterSql.MaxDepth} levels deep.");
        }
        // A value named twice means nothing more; kept, it would be a condition more on every row (4,000 copies of 32
        // jurisdiction codes held PostgreSQL for seconds).
        return filter with
        {
            CategoryIn = Distinct(filter.CategoryIn),
            ChannelIn = Distinct(filter.ChannelIn),
            StatusIn = Distinct(filter.StatusIn),
            JurisdictionIn = Distinct(filter.JurisdictionIn),
        };
    }

    public static NearFilter Check(NearFilter near)
    {
        if (!double.IsFinite(near.Meters) || near.Meters <= 0 || near.Meters > NeedFilterSql.MaxNearMeters)
        {
            throw Invalid($"near.meters must be above 0 and at most {NeedFilterSql.MaxNearMeters.ToString(CultureInfo.InvariantCulture)}.");
        }
        return near;
    }

    public static BoundingBox Check(BoundingBox box)
    {
        if (!(box.West < box.East && box.South < box.North && box.West >= -180 && box.East <= 180 && box.South >= -90 && box.North <= 90))
        {
            throw Invalid("bbox needs west < east and south < north, within WGS-84 ranges.");
        }
        return box;
    }

    /// <summary>
    /// The instants a time bound may name. Every day-based path (the public's whole days, the daily rollups, the city's
    /// time zone) can add a day and a zone offset to these without leaving what .NET and PostgreSQL represent, so an
    /// "unset" sentinel such as <c>0001-01-01T00:00:00Z</c> or <c>9999-12-31</c> is refused with a reason instead of failing deep inside.
    /// </summary>
    public static readonly DateTimeOffset EarliestBound = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc cref="EarliestBound"/>
    public static readonly DateTimeOffset LatestBound = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static void InRange(DateTimeOffset? bound, string name)
    {
        if (bound is { } instant && (instant < EarliestBound || instant > LatestBound))
        {
            throw Invalid($"{name} must lie between 1900-01-01T00:00:00Z and 3000-01-01T00:00:00Z; leave it out for no bound.");
        }
    }

    // Children were checked when they were coerced, so the depth is counted only as far as the limit.
    private static int Depth(NeedFilter filter, int level)
    {
        if (level > NeedFilterSql.MaxDepth + 1)
        {
            return level;
        }
        var children = (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not).OfType<NeedFilter>();
        return children.Select(child => Depth(child, level + 1)).DefaultIfEmpty(level + 1).Max();
    }

    private static IReadOnlyList<T>? Distinct<T>(IReadOnlyList<T>? list) => list is null ? null : list.Distinct().ToList();

    private static void NotEmpty<T>(IReadOnlyList<T>? list, string name)
    {
        if (list is { Count: 0 })
        {
            throw Invalid($"{name} is an empty list; leave it out, or give at least one value.");
        }
    }

    private static DomainException Invalid(string message) => new(ErrorCodes.InvalidFilter, message);
}
