using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Needs.Events;

/// <summary>
/// The jurisdiction paths a filter confines its needs to: every need it can match has a path starting with one of
/// them. Null when the filter can match anywhere. It may be wider than the filter, never narrower; the filter
/// itself still decides each event.
/// </summary>
public static class NeedRouting
{
    public static IReadOnlyList<string>? Paths(NeedFilter? filter, ReferenceSnapshot snapshot)
    {
        var paths = Confine(filter, snapshot);
        // A path not ending in '.' would not be found by the hub's lookup of a need's ancestors: route it anywhere.
        return paths is null || paths.Any(p => !p.EndsWith('.')) ? null : Outermost(paths);
    }

    private static List<string>? Confine(NeedFilter? filter, ReferenceSnapshot snapshot)
    {
        if (filter is null)
        {
            return null;
        }
        if (filter.JurisdictionIn is { } codes)
        {
            // An unknown code matches nothing (as in the matcher), so it adds no path.
            return codes.Select(code => snapshot.FindJurisdiction(code)?.Path).OfType<string>().ToList();
        }
        foreach (var child in filter.And ?? [])
        {
            if (Confine(child, snapshot) is { } confined)
            {
                return confined;
            }
        }
        if (filter.Or is { Count: > 0 } or)
        {
            var branches = or.Select(child => Confine(child, snapshot)).ToList();
            return branches.All(b => b is not null) ? branches.SelectMany(b => b!).ToList() : null;
        }
        return null;
    }

    /// <summary>Drops paths inside another of the set, so a subscriber is reached once per event.</summary>
    private static List<string> Outermost(List<string> paths) =>
        paths.Distinct(StringComparer.Ordinal)
            .Where(p => !paths.Any(other => other.Length < p.Length && p.StartsWith(other, StringComparison.Ordinal)))
            .ToList();
}
