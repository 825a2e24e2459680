using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>A cell that has held demand, with its hexagon and the community containing its centre.</summary>
public sealed class CellRecord
{
    public short Resolution { get; init; }
    public int Q { get; init; }
    public int R { get; init; }
    public required string Id { get; init; }
    /// <summary>The community containing the centre; for a centre outside the city, the nearest community.</summary>
    public required string JurisdictionCode { get; set; }
    public required string JurisdictionPath { get; set; }
    public required Point Centre { get; init; }
    public required Polygon Boundary { get; init; }
}
