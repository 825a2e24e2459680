using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.KeyMatters;

/// <summary>
/// Where a key-matter question is answered from, given what the caller may see. The rollups hold whole
/// jurisdictions, so they serve every scope that is a jurisdiction subtree (the city, a street officer's street,
/// the public's city-wide aggregates); a scope of one's own records (a resident, a channel) is answered from
/// those needs alone. A jurisdiction outside the caller's subtree (not above it) is refused with FORBIDDEN.
/// </summary>
public abstract record KeyMatterSource
{
    public sealed record Nothing : KeyMatterSource;

    /// <summary>The rollup rows of one jurisdiction (its whole subtree).</summary>
    public sealed record Rollup(JurisdictionInfo Jurisdiction) : KeyMatterSource;

    /// <summary>The needs the scope filter lets through, under a jurisdiction.</summary>
    public sealed record Needs(JurisdictionInfo Jurisdiction, NeedFilter? Filter) : KeyMatterSource;

    public static KeyMatterSource Resolve(AccessScope scope, JurisdictionInfo requested, ReferenceSnapshot snapshot)
    {
        if (!scope.IsEstablished)
        {
            return new Nothing();
        }
        switch (scope.Right.Scope)
        {
            case DataScope.City:
            case DataScope.PublicAggregates:
                return new Rollup(requested);
            case DataScope.Subtree when scope.JurisdictionPath is { } own:
                if (requested.Path.StartsWith(own, StringComparison.Ordinal))
                {
                    return new Rollup(requested);
                }
                // Asked about an ancestor: the answer is the part the caller may see, its own subtree.
                // Asked about a jurisdiction beside it: refused, as the subscription is, rather than answered with zeros
                // that would read as a quiet street.
                return own.StartsWith(requested.Path, StringComparison.Ordinal)
                    && snapshot.FindJurisdiction(own.TrimEnd('.').Split('.')[^1]) is { } mine
                    ? new Rollup(mine)
                    : throw new DomainException(ErrorCodes.Forbidden, "This jurisdiction lies outside what you may see.");
            case DataScope.OwnRecords:
                return new Needs(requested, scope.Restrict(null));
            default:
                return new Nothing();
        }
    }

    /// <summary>Whether a change at <paramref name="path"/> can change what this source answers.</summary>
    public bool Overlaps(string path) => this switch
    {
        Rollup r => PathsOverlap(r.Jurisdiction.Path, path),
        _ => false,
    };

    /// <summary>Whether one jurisdiction path lies within the other: a change at either changes the other's key matters.</summary>
    public static bool PathsOverlap(string a, string b) =>
        a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);
}
