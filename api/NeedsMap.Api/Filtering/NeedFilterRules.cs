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
        if (Depth(filter, 0) > NeedFilterSql.MaxDepth + 1)
        {
            throw Invalid($"Filters nest at most {NeedFilterSql.MaxDepth} levels deep.");
        }
        return filter;
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

    private static void NotEmpty<T>(IReadOnlyList<T>? list, string name)
    {
        if (list is { Count: 0 })
        {
            throw Invalid($"{name} is an empty list; leave it out, or give at least one value.");
        }
    }

    private static DomainException Invalid(string message) => new(ErrorCodes.InvalidFilter, message);
}
