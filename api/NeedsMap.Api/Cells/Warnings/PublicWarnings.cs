using System.Text.Json.Nodes;
using NeedsMap.Api.Cells.Grid;
using NeedsMap.Api.Cells.Rollups;
using NeedsMap.Api.Security;

namespace NeedsMap.Api.Cells.Warnings;

/// <summary>
/// Warnings as the public sees them: only rises of at least the small-group minimum of needs, in cells the public may
/// see (<see cref="PublicCells"/>) or in jurisdictions and categories, with the evidence's baseline counts under the
/// minimum withheld (null). Decided from values, so a subscription's events are judged without its ended scope.
/// </summary>
public static class PublicWarnings
{
    public static bool Shows(DemandWarning warning, int minimumGroup) =>
        warning.Observed >= minimumGroup
        && (warning.Scope != WarningScope.Cell || (HexCell.TryParse(warning.ScopeKey, out var cell) && cell.Resolution >= PublicCells.MinimumResolution));

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
