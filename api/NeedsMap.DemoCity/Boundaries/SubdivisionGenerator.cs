using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace NeedsMap.DemoCity.Boundaries;

/// <summary>
/// Generated boundaries for any division whose children have none (an outline-only city, a street without its
/// communities): the children tile the parent exactly, one piece each, the same way the demo city's are made (Voronoi
/// cells of deterministic seeds noded once with the parent's rings). They are plausible, never official: store them as
/// <c>generated</c>.
/// </summary>
public static class SubdivisionGenerator
{
    /// <summary>
    /// Splits <paramref name="parent"/> (WGS-84, polygonal) into <paramref name="count"/> pieces, in a fixed order (west
    /// to east by seed, so the same codes get the same pieces every run). Each piece comes with a point inside it.
    /// </summary>
    public static IReadOnlyList<(MultiPolygon Boundary, Point Interior)> Subdivide(Geometry parent, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (parent.IsEmpty || parent.Dimension != Dimension.Surface)
        {
            throw new ArgumentException("The parent must be a non-empty polygon or multipolygon.", nameof(parent));
        }
        if (count == 1)
        {
            var whole = AsMultiPolygon(parent);
            return [(whole, InteriorOf(whole))];
        }
        var seeds = Seeds(parent, count);
        var faces = DemoBoundaryGenerator.Subdivide(parent, seeds);
        var result = new List<(MultiPolygon, Point)>(count);
        for (var i = 0; i < count; i++)
        {
            var geometry = DemoBoundaryGenerator.Union(faces[i]);
            var seed = DemoBoundaryGenerator.Factory.CreatePoint(seeds[i]);
            result.Add((geometry, geometry.Covers(seed) ? seed : InteriorOf(geometry)));
        }
        return result;
    }

    /// <summary>A point inside, on the 1e-7° grid when that stays inside.</summary>
    public static Point InteriorOf(Geometry geometry)
    {
        var point = geometry.InteriorPoint;
        return DemoBoundaryGenerator.Factory.CreatePoint(point.Coordinate.Copy());
    }

    /// <summary>
    /// Halton points inside the parent, thinned so that no two are closer than a share of the spacing an even spread
    /// would give: seeds spread over every piece of the parent instead of bunching where the sequence starts.
    /// </summary>
    private static Coordinate[] Seeds(Geometry parent, int count)
    {
        var locator = new IndexedPointInAreaLocator(parent);
        var envelope = parent.EnvelopeInternal;
        var spacing = Math.Sqrt(parent.Area / count);
        for (var share = 0.7; ; share *= 0.8)
        {
            var minimum = spacing * share;
            var seeds = new List<Coordinate>(count);
            for (long n = 1; n < 200_000 && seeds.Count < count; n++)
            {
                var p = new Coordinate(envelope.MinX + Halton.At(n, 2) * envelope.Width, envelope.MinY + Halton.At(n, 3) * envelope.Height);
                DemoBoundaryGenerator.Grid.MakePrecise(p);
                if (locator.Locate(p) != Location.Interior || seeds.Any(s => s.Distance(p) < minimum))
                {
                    continue;
                }
                seeds.Add(p);
            }
            if (seeds.Count == count)
            {
                return [.. seeds.OrderBy(s => s.X).ThenBy(s => s.Y)];
            }
            if (share < 1e-4)
            {
                throw new InvalidOperationException($"Could not place {count} seeds inside the parent.");
            }
        }
    }

    private static MultiPolygon AsMultiPolygon(Geometry geometry) => geometry switch
    {
        MultiPolygon m => m,
        Polygon p => DemoBoundaryGenerator.Factory.CreateMultiPolygon([p]),
        _ => DemoBoundaryGenerator.Factory.CreateMultiPolygon(
            Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().ToArray()),
    };
}
