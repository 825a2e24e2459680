using NeedsMap.DemoCity.Divisions;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;

namespace NeedsMap.DemoCity.Boundaries;

/// <summary>
/// Generates boundaries for Yiwu's 14 streets and 544 communities inside its real outline. Deterministic: no random
/// numbers, no hash order; the same input gives the same coordinates every run.
/// </summary>
/// <remarks>
/// Exact tiling comes from building ONE planar subdivision: the outline and every community's Voronoi edge are noded
/// together once with snap rounding on a fixed 1e-7° grid and polygonized into faces. Each face goes to the
/// community whose seed is nearest; a community is the union of its faces, a street the union of its communities'
/// faces, the city the union of all. Every shared edge is then the same sequence of grid points on both sides, so
/// areas add up exactly and nothing overlaps. Clipping cells one by one against the outline instead would snap each
/// crossing separately and leave centimetre slivers.
/// </remarks>
public static class DemoBoundaryGenerator
{
    /// <summary>The grid (1e-7°, about 1 cm) the outline's vertices, the seeds and the Voronoi vertices are put on.</summary>
    public static PrecisionModel Grid { get; } = new(1e7);

    /// <summary>
    /// The factory of every output geometry: SRID 4326 and floating precision, because the points where internal
    /// boundaries cross the outline are computed, not rounded (rounding them would move the outline).
    /// </summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    private const double CityCentreLongitude = 120.075; // 稠城
    private const double CityCentreLatitude = 29.305;
    private const double KmPerDegreeLatitude = 111.2;
    private const long MaxHaltonDraws = 5_000_000;

    private static readonly Lazy<DemoBoundaries> Cached = new(Generate);

    /// <summary>Generated once per process and shared; the instance is immutable.</summary>
    public static DemoBoundaries Yiwu => Cached.Value;

    public static DemoBoundaries Generate()
    {
        var outline = OutlineReader.ToWgs84(OutlineReader.ReadGcj02());
        var communities = YiwuDivisions.Communities;
        var seeds = PlaceCommunitySeeds(outline, communities);
        var faces = Subdivide(outline, seeds);

        var communityBoundaries = new List<JurisdictionBoundary>(communities.Count);
        for (var i = 0; i < communities.Count; i++)
        {
            var geometry = Union(faces[i]);
            var seed = Factory.CreatePoint(seeds[i]);
            var representative = geometry.Covers(seed) ? seed : (Point)geometry.InteriorPoint;
            communityBoundaries.Add(new JurisdictionBoundary(communities[i], geometry, representative));
        }

        var streetBoundaries = new List<JurisdictionBoundary>();
        foreach (var street in YiwuDivisions.Streets)
        {
            var streetFaces = Enumerable.Range(0, communities.Count)
                .Where(i => communities[i].ParentCode == street.Code)
                .SelectMany(i => faces[i]);
            var geometry = Union(streetFaces);
            var centre = StreetSeed.Yiwu.Single(s => s.Code == street.Code);
            streetBoundaries.Add(new JurisdictionBoundary(street, geometry,
                Representative(geometry, centre.Longitude, centre.Latitude)));
        }

        var cityGeometry = Union(faces.SelectMany(f => f));
        var city = new JurisdictionBoundary(YiwuDivisions.City, cityGeometry,
            Representative(cityGeometry, CityCentreLongitude, CityCentreLatitude));
        return new DemoBoundaries(outline, city, streetBoundaries, communityBoundaries);
    }

    /// <summary>
    /// One seed per community, in the order of <paramref name="communities"/>. Halton points inside the outline go to
    /// the street whose centre is nearest by distance ÷ weight, thinned with distance from that centre so urban
    /// cores get small communities; a street takes points until it has one per community. Its 社区 take the points
    /// nearest its centre, its villages the rest.
    /// </summary>
    internal static Coordinate[] PlaceCommunitySeeds(Polygon outline, IReadOnlyList<Jurisdiction> communities)
    {
        var locator = new IndexedPointInAreaLocator(outline);
        var envelope = outline.EnvelopeInternal;
        var streets = StreetSeed.Yiwu;
        var wanted = streets.Select(s => communities.Count(c => c.ParentCode == s.Code)).ToArray();
        var taken = streets.Select(_ => new List<Coordinate>()).ToArray();
        var remaining = wanted.Sum();

        for (long n = 1; remaining > 0; n++)
        {
            if (n > MaxHaltonDraws)
            {
                throw new InvalidOperationException("Could not place a seed for every community; check the street seeds.");
            }
            var p = new Coordinate(
                envelope.MinX + Halton.At(n, 2) * envelope.Width,
                envelope.MinY + Halton.At(n, 3) * envelope.Height);
            Grid.MakePrecise(p);
            if (locator.Locate(p) != Location.Interior)
            {
                continue;
            }
            var s = NearestStreet(p.X, p.Y);
            if (taken[s].Count == wanted[s])
            {
                continue;
            }
            var distanceKm = DistanceKm(p.X, p.Y, streets[s].Longitude, streets[s].Latitude);
            var density = 0.12 + 0.88 * Math.Exp(-distanceKm / streets[s].SpreadKm);
            if (Halton.At(n, 5) >= density)
            {
                continue;
            }
            taken[s].Add(p);
            remaining--;
        }

        var seeds = new Coordinate[communities.Count];
        for (var s = 0; s < streets.Count; s++)
        {
            var street = streets[s];
            var points = taken[s]
                .OrderBy(p => DistanceKm(p.X, p.Y, street.Longitude, street.Latitude))
                .ThenBy(p => p.X).ThenBy(p => p.Y)
                .ToList();
            // Codes of 社区 (0xx) sort before those of villages (2xx, 3xx), so code order hands the centre to the 社区.
            var members = Enumerable.Range(0, communities.Count)
                .Where(i => communities[i].ParentCode == street.Code)
                .OrderBy(i => communities[i].Kind == JurisdictionKind.Community ? 0 : 1)
                .ThenBy(i => communities[i].Code, StringComparer.Ordinal)
                .ToList();
            for (var k = 0; k < members.Count; k++)
            {
                seeds[members[k]] = points[k];
            }
        }
        return seeds;
    }

    internal static int NearestStreet(double longitude, double latitude)
    {
        var best = -1;
        var bestScore = double.MaxValue;
        for (var s = 0; s < StreetSeed.Yiwu.Count; s++)
        {
            var seed = StreetSeed.Yiwu[s];
            var score = DistanceKm(longitude, latitude, seed.Longitude, seed.Latitude) / seed.Weight;
            if (score < bestScore)
            {
                bestScore = score;
                best = s;
            }
        }
        return best;
    }

    internal static double DistanceKm(double lon1, double lat1, double lon2, double lat2)
    {
        var dx = (lon1 - lon2) * Math.Cos(lat1 * Math.PI / 180.0);
        var dy = lat1 - lat2;
        return Math.Sqrt(dx * dx + dy * dy) * KmPerDegreeLatitude;
    }

    /// <summary>The faces of the noded subdivision, grouped by the seed they belong to.</summary>
    internal static List<Polygon>[] Subdivide(Geometry outline, Coordinate[] seeds)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds);
        var clip = new Envelope(outline.EnvelopeInternal);
        clip.ExpandBy(0.05);
        builder.ClipEnvelope = clip;
        var cells = builder.GetDiagram(Factory);

        var lines = new List<LineString>();
        foreach (var polygon in Enumerable.Range(0, outline.NumGeometries).Select(outline.GetGeometryN).OfType<Polygon>())
        {
            lines.Add(polygon.ExteriorRing);
            lines.AddRange(polygon.InteriorRings);
        }
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var ring = ((Polygon)cells.GetGeometryN(i)).ExteriorRing.Coordinates;
            foreach (var c in ring)
            {
                Grid.MakePrecise(c);
            }
            lines.Add(Factory.CreateLineString(ring));
        }
        // Floating-point noding: a crossing of a Voronoi edge with an outline segment stays on that segment (to
        // 1e-16°), so the faces add up to the outline's own area.
        var noded = OverlayNGRobust.Union((Geometry)Factory.CreateMultiLineString(lines.ToArray()));

        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var insideOutline = new IndexedPointInAreaLocator(outline);
        var nearest = new SeedIndex(seeds);
        var faces = seeds.Select(_ => new List<Polygon>()).ToArray();
        foreach (var face in polygonizer.GetPolygons().Cast<Polygon>())
        {
            var inside = face.InteriorPoint.Coordinate;
            if (insideOutline.Locate(inside) == Location.Exterior)
            {
                continue;
            }
            faces[nearest.Nearest(inside)].Add(face);
        }
        for (var i = 0; i < faces.Length; i++)
        {
            if (faces[i].Count == 0)
            {
                throw new InvalidOperationException($"Community seed {i} received no face.");
            }
        }
        GiveDetachedFacesToNeighbours(faces, seeds);
        return faces;
    }

    /// <summary>
    /// Where the outline is concave, a Voronoi cell can fall apart into pieces; real communities are one piece, so
    /// every face not connected to the one holding the seed goes to the community it shares the longest edge with.
    /// </summary>
    private static void GiveDetachedFacesToNeighbours(List<Polygon>[] faces, Coordinate[] seeds)
    {
        var owners = new Dictionary<Polygon, int>(ReferenceEqualityComparer.Instance);
        var index = new NetTopologySuite.Index.Strtree.STRtree<Polygon>();
        for (var i = 0; i < faces.Length; i++)
        {
            foreach (var face in faces[i])
            {
                owners[face] = i;
                index.Insert(face.EnvelopeInternal, face);
            }
        }
        for (var i = 0; i < faces.Length; i++)
        {
            if (faces[i].Count < 2)
            {
                continue;
            }
            var union = Union(faces[i]);
            if (union.NumGeometries < 2)
            {
                continue;
            }
            var seed = Factory.CreatePoint(seeds[i]);
            var home = Enumerable.Range(0, union.NumGeometries).Select(union.GetGeometryN).First(p => p.Covers(seed));
            foreach (var face in faces[i].Where(f => !home.Covers(f.InteriorPoint)).ToList())
            {
                var neighbour = index.Query(face.EnvelopeInternal)
                    .Where(other => owners[other] != i)
                    .Select(other => (Owner: owners[other], Shared: face.Intersection(other).Length))
                    .Where(c => c.Shared > 0)
                    .OrderByDescending(c => c.Shared).ThenBy(c => c.Owner)
                    .FirstOrDefault();
                if (neighbour.Shared > 0)
                {
                    faces[i].Remove(face);
                    faces[neighbour.Owner].Add(face);
                    owners[face] = neighbour.Owner;
                }
            }
        }
    }

    internal static MultiPolygon Union(IEnumerable<Polygon> faces)
    {
        var list = faces.ToArray();
        var union = list.Length == 1
            ? list[0]
            : OverlayNGRobust.Union((Geometry)Factory.CreateMultiPolygon(list));
        var polygons = Enumerable.Range(0, union.NumGeometries)
            .Select(union.GetGeometryN)
            .OfType<Polygon>()
            .Where(p => !p.IsEmpty)
            .Select(p => (Polygon)p.Normalized())
            .OrderBy(p => p.EnvelopeInternal.MinX).ThenBy(p => p.EnvelopeInternal.MinY)
            .ToArray();
        return Factory.CreateMultiPolygon(polygons);
    }

    private static Point Representative(MultiPolygon geometry, double longitude, double latitude)
    {
        var centre = new Coordinate(longitude, latitude);
        Grid.MakePrecise(centre);
        var point = Factory.CreatePoint(centre);
        return geometry.Covers(point) ? point : (Point)geometry.InteriorPoint;
    }

    /// <summary>Nearest seed by plain squared distance in degrees, as the Voronoi diagram measures it.</summary>
    private sealed class SeedIndex(Coordinate[] seeds)
    {
        public int Nearest(Coordinate p)
        {
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var i = 0; i < seeds.Length; i++)
            {
                var dx = seeds[i].X - p.X;
                var dy = seeds[i].Y - p.Y;
                var d = dx * dx + dy * dy;
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = i;
                }
            }
            return best;
        }
    }
}
