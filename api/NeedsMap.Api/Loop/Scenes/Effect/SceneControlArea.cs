using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>
/// The comparison area for a scene: the other communities of the street its area lies in (those whose interiors
/// the area does not reach), minus every scene's area, so no treated place is counted as a control. When a
/// street has no such community, a ring of about 1 km around the area stands in.
/// </summary>
public sealed class SceneControlArea(NeedsMapDbContext db)
{
    public const double RingDegrees = 0.01;
    private const double OverlapTolerance = 1e-9;

    public sealed record Control(Geometry Area, IReadOnlyList<string> CommunityCodes, string Kind);

    public async Task<Control> BuildAsync(Scene scene, CancellationToken cancellationToken)
    {
        var inside = scene.Area.InteriorPoint;
        inside.SRID = 4326;
        var street = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Community && j.Boundary.Contains(inside))
            .Select(j => j.ParentCode).FirstOrDefaultAsync(cancellationToken);
        var siblings = street is null ? [] : await db.Jurisdictions.AsNoTracking()
            .Where(j => j.ParentCode == street && j.Level == JurisdictionLevel.Community)
            .OrderBy(j => j.Code).Select(j => new { j.Code, j.Boundary }).ToListAsync(cancellationToken);
        var others = siblings.Where(s => s.Boundary.Intersection(scene.Area).Area < OverlapTolerance).ToList();
        var scenes = await db.Set<Scene>().AsNoTracking().Select(s => s.Area).ToListAsync(cancellationToken);
        var treated = UnaryUnionOp.Union([scene.Area, .. scenes]);
        var (area, kind) = others.Count > 0
            ? (UnaryUnionOp.Union(others.Select(o => (Geometry)o.Boundary).ToList()), "SIBLING_COMMUNITIES")
            : (scene.Area.Buffer(RingDegrees), "RING");
        var control = area.Difference(treated);
        control.SRID = 4326;
        return new Control(control, others.Select(o => o.Code).ToList(), kind);
    }
}
