using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Divisions;

/// <summary>What an import would do to one division.</summary>
public enum DivisionChange
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>One division as it will be stored, and how it differs from what is stored now.</summary>
public sealed record PlannedDivision(
    string Code,
    string Name,
    string OfficialName,
    string? ParentCode,
    JurisdictionLevel Level,
    string Kind,
    string Path,
    MultiPolygon Boundary,
    Point InteriorPoint,
    string BoundarySource,
    DivisionChange Change,
    bool Moved,
    bool Reshaped);

/// <summary>
/// The validation report and the divisions an import would write: nothing is written when <see cref="HasErrors"/>.
/// <see cref="Retained"/> counts stored divisions the file does not list (kept as they are).
/// </summary>
public sealed record DivisionPlan(IReadOnlyList<PlannedDivision> Divisions, IReadOnlyList<DivisionIssue> Issues, int Retained)
{
    public bool HasErrors => Issues.Any(i => i.Severity == DivisionIssueSeverity.Error);

    public int Count(DivisionChange change) => Divisions.Count(d => d.Change == change);

    public int Generated => Divisions.Count(d => d.BoundarySource == DivisionPlanner.Generated && d.Change != DivisionChange.Unchanged);
}
