using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Loop.Scenes;

/// <summary>
/// 场景: an intervention placed on an area (sensors, patrols, a rule), aimed at some categories, from a start
/// instant. Its effect is measured on the needs table; a scene judged NO_EFFECT is flagged for re-planning.
/// </summary>
public sealed class Scene
{
    public long Id { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>A Polygon or MultiPolygon, WGS-84.</summary>
    public required Geometry Area { get; init; }
    public required List<string> CategoryCodes { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public long? ConsultationId { get; set; }
    public SceneVerdict? Verdict { get; set; }
    public DateTimeOffset? EvaluatedAt { get; set; }
    public bool NeedsReplanning { get; set; }
}

public enum SceneVerdict
{
    Effective,
    NoEffect,
    TooEarly,
}
