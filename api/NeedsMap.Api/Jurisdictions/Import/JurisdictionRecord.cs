using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Jurisdictions.Import;

/// <summary>One jurisdiction to import: what a city's GeoJSON feature or the demo city provides.</summary>
public sealed record JurisdictionRecord(
    string Code,
    string Name,
    string OfficialName,
    string? ParentCode,
    string Kind,
    MultiPolygon Boundary,
    Point InteriorPoint,
    string BoundarySource);
