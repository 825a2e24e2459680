using System.Linq.Expressions;
using System.Text.Json.Nodes;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.Weather.Warnings;

/// <summary>
/// Warnings as the public sees them: only rises of at least the small-group minimum of needs, in cells the public may
/// see (<see cref="PublicCells"/>) or in jurisdictions and categories, with the evidence's baseline counts under the
/// minimum withheld (null). Decided from values, so a subscription's events are judged without its ended scope.
/// </summary>
public static class PublicWarnings
{
    /// <summary><see cref="ShownToPublic"/> compiled once per minimum, so events and queries judge by one rule.</summary>
    public static bool Shows(DemandWarning warning, int minimumGroup) =>
        Compiled.GetOrAdd(minimumGroup, static m => ShownToPublic(m).Compile())(warning);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Func<DemandWarning, bool>> Compiled = new();

    /// <summary>
    /// <see cref="Shows"/> for the database, so that a page and its <c>totalCount</c> hold only what the public is shown:
    /// a cell warning's key starts with its resolution (<c>r500:</c>), so "500 m and up" is a choice of prefixes.
    /// <see cref="Shows"/> compiles this same expression for the events path.
    /// </summary>
    public static Expression<Func<DemandWarning, bool>> ShownToPublic(int minimumGroup)
    {
        var w = Expression.Parameter(typeof(DemandWarning), "w");
        var key = Expression.Property(w, nameof(DemandWarning.ScopeKey));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression publicCell = Expression.NotEqual(Expression.Property(w, nameof(DemandWarning.Scope)), Expression.Constant(WarningScope.Cell));
        foreach (var resolution in Enum.GetValues<HexResolution>().Where(r => r >= PublicCells.MinimumResolution))
        {
            publicCell = Expression.OrElse(publicCell, Expression.Call(key, startsWith, Expression.Constant($"r{(int)resolution}:")));
        }
        var large = Expression.GreaterThanOrEqual(Expression.Property(w, nameof(DemandWarning.Observed)), Expression.Constant(minimumGroup));
        return Expression.Lambda<Func<DemandWarning, bool>>(Expression.AndAlso(large, publicCell), w);
    }

    /// <summary>The warning for a caller: unchanged for everyone but the public, whose evidence hides the small counts.</summary>
    public static DemandWarning For(DemandWarning warning, bool isPublic, int minimumGroup) =>
        !isPublic ? warning : new DemandWarning
        {
            Id = warning.Id, Scope = warning.Scope, ScopeKey = warning.ScopeKey, JurisdictionCode = warning.JurisdictionCode,
            JurisdictionPath = warning.JurisdictionPath, WindowStart = warning.WindowStart, WindowEnd = warning.WindowEnd,
            Observed = warning.Observed, Expected = warning.Expected, PValue = warning.PValue, Test = warning.Test,
            Evidence = Redact(warning.Evidence, minimumGroup), RaisedAt = warning.RaisedAt,
        };

    public static IEnumerable<DemandWarning> Filter(IEnumerable<DemandWarning> warnings, AccessScope scope) =>
        !scope.IsPublic ? warnings : warnings.Where(w => Shows(w, scope.SuppressGroupsBelow)).Select(w => For(w, true, scope.SuppressGroupsBelow));

    private static string Redact(string evidence, int minimumGroup)
    {
        if (JsonNode.Parse(evidence) is not JsonObject document || document["windowCounts"] is not JsonArray counts)
        {
            return "{}";
        }
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] is JsonValue v && v.TryGetValue<int>(out var n) && n < minimumGroup)
            {
                counts[i] = null;
            }
        }
        document["suppressedBelow"] = minimumGroup;
        return document.ToJsonString();
    }
}
