using NetTopologySuite.Geometries;

namespace NeedsMap.DemoCity.Boundaries;

/// <summary>
/// Area of a lon/lat geometry in km². The sinusoidal projection is equal-area, so a planar area computed in it is
/// the area on the sphere; 6371.0072 km is the radius of the sphere with the WGS-84 ellipsoid's area.
/// </summary>
internal static class GeodesicArea
{
    private const double AuthalicRadiusKm = 6371.0072;
    private const double DegreesToRadians = Math.PI / 180.0;

    public static double SquareKilometres(Geometry geometry)
    {
        var total = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon polygon)
            {
                total += Math.Abs(RingArea(polygon.ExteriorRing.CoordinateSequence));
                foreach (var hole in polygon.InteriorRings)
                {
                    total -= Math.Abs(RingArea(hole.CoordinateSequence));
                }
            }
        }
        return total;
    }

    private static double RingArea(CoordinateSequence ring)
    {
        var sum = 0.0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            var (x0, y0) = Project(ring.GetX(i), ring.GetY(i));
            var (x1, y1) = Project(ring.GetX(i + 1), ring.GetY(i + 1));
            sum += x0 * y1 - x1 * y0;
        }
        return sum / 2.0;
    }

    // The sinusoidal projection bends meridians, so a straight lon/lat edge is not straight in it; at the edge
    // lengths here (≤ a few km) the difference is far below a square metre.
    private static (double X, double Y) Project(double lon, double lat)
    {
        var phi = lat * DegreesToRadians;
        return (AuthalicRadiusKm * lon * DegreesToRadians * Math.Cos(phi), AuthalicRadiusKm * phi);
    }
}
