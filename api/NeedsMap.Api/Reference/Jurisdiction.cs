using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Reference;

public sealed class Jurisdiction
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string OfficialName { get; set; }
    public required JurisdictionLevel Level { get; init; }
    /// <summary>What the division is called locally: city, street, town, community, village.</summary>
    public required string Kind { get; set; }
    public string? ParentCode { get; init; }
    /// <summary>Codes from the city down, dot-separated and dot-terminated, so a subtree is one prefix match.</summary>
    public required string Path { get; init; }
    public required MultiPolygon Boundary { get; set; }
    public required Point InteriorPoint { get; set; }
    /// <summary>Where the boundary comes from: "official" when imported, "generated" for the demo city.</summary>
    public required string BoundarySource { get; set; }
}
