using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Weather.Grid;

/// <summary>
/// The one place that knows how the city is cut into cells. Everything else asks it for a cell id, a polygon or
/// the cells over a box, so an H3 implementation could replace it without touching rollups, queries or tiles.
/// </summary>
public interface IHexGrid
{
    IReadOnlyList<HexResolution> Resolutions { get; }

    HexCell CellAt(double longitude, double latitude, HexResolution resolution);

    /// <summary>The cell's hexagon in WGS-84, SRID 4326, vertices counter-clockwise.</summary>
    Polygon Polygon(HexCell cell);

    Point Centre(HexCell cell);

    /// <summary>Every cell whose hexagon meets the box; throws when there would be more than <paramref name="limit"/>.</summary>
    IReadOnlyList<HexCell> Cover(double west, double south, double east, double north, HexResolution resolution, int limit);
}
