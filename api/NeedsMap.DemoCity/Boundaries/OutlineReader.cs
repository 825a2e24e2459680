using System.Text.Json;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Precision;

namespace NeedsMap.DemoCity.Boundaries;

/// <summary>Reads Yiwu's published outline (GCJ-02) and brings it to WGS-84.</summary>
public static class OutlineReader
{
    /// <summary>The outline as published: GCJ-02, so SRID 0 (GCJ-02 has no EPSG code), repeated points removed.</summary>
    public static Polygon ReadGcj02()
    {
        using var document = JsonDocument.Parse(EmbeddedData.ReadText("outline.gcj02.geojson"));
        var geometry = document.RootElement.GetProperty("features")[0].GetProperty("geometry");
        if (geometry.GetProperty("type").GetString() != "Polygon")
        {
            throw new InvalidDataException("The Yiwu outline is expected to be one Polygon.");
        }
        var factory = new GeometryFactory(new PrecisionModel(), 0);
        var rings = geometry.GetProperty("coordinates").EnumerateArray()
            .Select(ring => factory.CreateLinearRing(WithoutRepeats(ring.EnumerateArray()
                .Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())))))
            .ToList();
        return factory.CreatePolygon(rings[0], rings.Skip(1).ToArray());
    }

    /// <summary>
    /// Converts every vertex with the iterative GCJ-02 → WGS-84 inverse, puts it on the 1e-7° grid and repairs what
    /// that may break; returns the largest polygon should the repair split it. SRID 4326.
    /// </summary>
    public static Polygon ToWgs84(Polygon gcj02)
    {
        var factory = DemoBoundaryGenerator.Factory;
        var converted = factory.CreatePolygon(
            ConvertRing(gcj02.ExteriorRing, factory),
            gcj02.InteriorRings.Select(r => ConvertRing(r, factory)).ToArray());
        Geometry valid = converted.IsValid ? converted : GeometryFixer.Fix(converted);
        valid = GeometryPrecisionReducer.Reduce(valid, DemoBoundaryGenerator.Grid);
        var largest = Enumerable.Range(0, valid.NumGeometries)
            .Select(valid.GetGeometryN)
            .OfType<Polygon>()
            .OrderByDescending(p => p.Area)
            .First();
        return (Polygon)factory.CreateGeometry(largest);
    }

    private static LinearRing ConvertRing(LineString ring, GeometryFactory factory)
    {
        var coordinates = ring.Coordinates.Select(c =>
        {
            var wgs = CoordinateConverter.Gcj02ToWgs84(new GeoPoint(c.X, c.Y));
            var converted = new Coordinate(wgs.Longitude, wgs.Latitude);
            DemoBoundaryGenerator.Grid.MakePrecise(converted);
            return converted;
        });
        return factory.CreateLinearRing(WithoutRepeats(coordinates));
    }

    private static Coordinate[] WithoutRepeats(IEnumerable<Coordinate> coordinates)
    {
        var list = new List<Coordinate>();
        foreach (var c in coordinates)
        {
            if (list.Count == 0 || !list[^1].Equals2D(c))
            {
                list.Add(c);
            }
        }
        if (!list[0].Equals2D(list[^1]))
        {
            list.Add(list[0].Copy());
        }
        return list.ToArray();
    }
}
