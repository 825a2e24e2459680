using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Needs.Stats;

/// <summary>
/// Whether <see cref="NeedStatRollup"/>'s rows answer a needStats question exactly as the needs do: every condition of the
/// filter (the caller's scope included) must hold for all needs of a rollup row or for none. That is so for categories,
/// channels and statuses (a row has one of each), jurisdictions down to the street (a row has one street) and time
/// bounds at the start of a city day (a day row is one day). Month rows are read only for months no time bound cuts.
/// Distinct reporters, texts, places and reporter keys are not in the rollup: such questions read the needs.
/// </summary>
public static class NeedStatRollupQuestion
{
    public static bool CanAnswer(NeedFilter? filter, NeedStatsGrouping grouping, JurisdictionLevel jurisdictionLevel, ReferenceSnapshot snapshot,
        TimeZoneInfo zone) =>
        (grouping != NeedStatsGrouping.Jurisdiction || (int)jurisdictionLevel <= NeedStatRollup.DeepestLevel) && Kept(filter, snapshot, zone, 0);

    private static bool Kept(NeedFilter? f, ReferenceSnapshot snapshot, TimeZoneInfo zone, int depth)
    {
        if (f is null)
        {
            return true;
        }
        if (depth > NeedFilterSql.MaxDepth)
        {
            // Too deep to translate at all: the needs path gives the documented error.
            return false;
        }
        if (f.TextContains is not null || f.MaskedTextContains is not null || f.Within is not null || f.Intersects is not null
            || f.Near is not null || f.Bbox is not null || f.ReporterKeyIn is not null)
        {
            return false;
        }
        // An unknown code is refused by the translation on either path, with the same error.
        if (f.JurisdictionIn?.Any(code => snapshot.FindJurisdiction(code) is { } j && Depth(j.Path) > NeedStatRollup.DeepestLevel) == true)
        {
            return false;
        }
        if (!OnDayStart(f.ReceivedFrom, zone) || !OnDayStart(f.ReceivedBefore, zone))
        {
            return false;
        }
        return (f.And ?? []).All(c => Kept(c, snapshot, zone, depth + 1)) && (f.Or ?? []).All(c => Kept(c, snapshot, zone, depth + 1))
            && Kept(f.Not, snapshot, zone, depth + 1);
    }

    private static int Depth(string path) => path.Count(c => c == '.');

    private static bool OnDayStart(DateTimeOffset? bound, TimeZoneInfo zone) =>
        bound is not { } b || PublicQuestion.DayStart(b, zone, roundUp: false) == b;

    /// <summary>Whether any condition of the filter, however nested, bounds the time.</summary>
    public static bool HasTimeBounds(NeedFilter? f) => f is not null
        && (f.ReceivedFrom is not null || f.ReceivedBefore is not null || (f.And ?? []).Concat(f.Or ?? []).Append(f.Not).Any(HasTimeBounds));

    /// <summary>
    /// Whether the city-wide day rows (<see cref="NeedStatRollup.CityDays"/>) answer: nothing groups by jurisdiction and no
    /// condition of the filter, however nested, names one (a street officer's or deputy's scope does).
    /// </summary>
    public static bool CityWide(NeedFilter? filter, NeedStatsGrouping grouping) =>
        grouping != NeedStatsGrouping.Jurisdiction && !HasJurisdictions(filter);

    private static bool HasJurisdictions(NeedFilter? f) => f is not null
        && (f.JurisdictionIn is not null || (f.And ?? []).Concat(f.Or ?? []).Append(f.Not).Any(HasJurisdictions));

    /// <summary>
    /// The city months some time bound of the filter falls inside (not on their first instant), as their first instants: their
    /// month rows would mix needs on both sides of the bound, so those months are read from the day rows.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> CutMonths(NeedFilter? filter, TimeZoneInfo zone)
    {
        var months = new SortedSet<DateOnly>();
        void Walk(NeedFilter? f)
        {
            if (f is null)
            {
                return;
            }
            foreach (var bound in new[] { f.ReceivedFrom, f.ReceivedBefore }.OfType<DateTimeOffset>())
            {
                var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bound, zone).DateTime);
                var first = new DateOnly(local.Year, local.Month, 1);
                if (PublicQuestion.StartOf(first, zone) != bound)
                {
                    months.Add(first);
                }
            }
            foreach (var child in (f.And ?? []).Concat(f.Or ?? []).Append(f.Not))
            {
                Walk(child);
            }
        }
        Walk(filter);
        return [.. months.Select(m => (PublicQuestion.StartOf(m, zone), PublicQuestion.StartOf(m.AddMonths(1), zone)))];
    }
}
