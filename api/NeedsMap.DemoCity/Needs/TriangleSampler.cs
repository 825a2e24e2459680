using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate.Polygon;

namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// Uniform points inside a polygon without rejection: triangulate once, pick a triangle by area, pick a point in
/// it. Points closer to a triangle's edge than a billionth of its size are drawn again, so rounding can never put
/// one on or across the polygon's boundary.
/// </summary>
internal sealed class TriangleSampler
{
    private const double EdgeMargin = 1e-9;
    private readonly double[] _vertices; // ax, ay, bx, by, cx, cy per triangle
    private readonly double[] _cumulativeArea;

    public TriangleSampler(Geometry polygonal)
    {
        var vertices = new List<double>();
        var cumulative = new List<double>();
        var total = 0.0;
        for (var i = 0; i < polygonal.NumGeometries; i++)
        {
            var triangles = ConstrainedDelaunayTriangulator.Triangulate(polygonal.GetGeometryN(i));
            for (var t = 0; t < triangles.NumGeometries; t++)
            {
                var c = triangles.GetGeometryN(t).Coordinates;
                var area = Math.Abs((c[1].X - c[0].X) * (c[2].Y - c[0].Y) - (c[2].X - c[0].X) * (c[1].Y - c[0].Y)) / 2;
                if (area <= 0)
                {
                    continue;
                }
                vertices.AddRange([c[0].X, c[0].Y, c[1].X, c[1].Y, c[2].X, c[2].Y]);
                total += area;
                cumulative.Add(total);
            }
        }
        _vertices = vertices.ToArray();
        _cumulativeArea = cumulative.ToArray();
    }

    public GeoPoint Sample(ref Rng rng)
    {
        var index = Array.BinarySearch(_cumulativeArea, rng.NextDouble() * _cumulativeArea[^1]);
        index = Math.Min(index < 0 ? ~index : index, _cumulativeArea.Length - 1);
        var v = index * 6;
        double r1, r2;
        do
        {
            r1 = rng.NextDouble();
            r2 = rng.NextDouble();
            if (r1 + r2 > 1)
            {
                r1 = 1 - r1;
                r2 = 1 - r2;
            }
        }
        while (r1 < EdgeMargin || r2 < EdgeMargin || 1 - r1 - r2 < EdgeMargin);
        return new GeoPoint(
            _vertices[v] + r1 * (_vertices[v + 2] - _vertices[v]) + r2 * (_vertices[v + 4] - _vertices[v]),
            _vertices[v + 1] + r1 * (_vertices[v + 3] - _vertices[v + 1]) + r2 * (_vertices[v + 5] - _vertices[v + 1]));
    }
}
