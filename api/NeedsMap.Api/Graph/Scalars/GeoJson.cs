using System.Globalization;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Graph.Scalars;

/// <summary>
/// GeoJSON geometries (RFC 7946) to and from NetTopologySuite, over the plain object trees GraphQL hands us
/// (dictionaries, lists, numbers). Every problem comes back as INVALID_GEOMETRY with the reason.
/// </summary>
public static class GeoJson
{
    public const int Srid = 4326;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), Srid);

    public static Geometry Read(object? value)
    {
        if (value is not IDictionary<string, object?> obj)
        {
            throw Invalid("a GeoJSON geometry must be an object with \"type\" and \"coordinates\"");
        }
        var type = obj.TryGetValue("type", out var t) ? t as string : null;
        if (type is null)
        {
            throw Invalid("the geometry has no \"type\"");
        }
        if (type == "GeometryCollection")
        {
            var members = AsList(obj.TryGetValue("geometries", out var g) ? g : null, "geometries");
            return Factory.CreateGeometryCollection(members.Select(Read).ToArray());
        }
        if (!obj.TryGetValue("coordinates", out var coordinates))
        {
            throw Invalid($"the {type} has no \"coordinates\"");
        }
        Geometry geometry = type switch
        {
            "Point" => Factory.CreatePoint(Position(coordinates)),
            "MultiPoint" => Factory.CreateMultiPointFromCoords(Positions(coordinates, 1)),
            "LineString" => Factory.CreateLineString(Positions(coordinates, 2)),
            "MultiLineString" => Factory.CreateMultiLineString(
                AsList(coordinates, "coordinates").Select(l => Factory.CreateLineString(Positions(l, 2))).ToArray()),
            "Polygon" => ReadPolygon(coordinates),
            "MultiPolygon" => Factory.CreateMultiPolygon(AsList(coordinates, "coordinates").Select(ReadPolygon).ToArray()),
            _ => throw Invalid($"unknown geometry type \"{type}\""),
        };
        if (!geometry.IsValid)
        {
            var reason = new NetTopologySuite.Operation.Valid.IsValidOp(geometry).ValidationError;
            throw Invalid($"the {type} is not valid: {reason?.Message ?? "unknown reason"}");
        }
        return geometry;
    }

    public static Dictionary<string, object?> Write(Geometry geometry) => geometry switch
    {
        Point p => Shape("Point", Position(p.Coordinate)),
        MultiPoint mp => Shape("MultiPoint", mp.Coordinates.Select(Position).ToList()),
        LineString l => Shape("LineString", l.Coordinates.Select(Position).ToList()),
        MultiLineString ml => Shape("MultiLineString", ml.Geometries.Select(l => l.Coordinates.Select(Position).ToList()).ToList()),
        Polygon pg => Shape("Polygon", Rings(pg)),
        MultiPolygon mpg => Shape("MultiPolygon", mpg.Geometries.Cast<Polygon>().Select(Rings).ToList()),
        GeometryCollection gc => new Dictionary<string, object?>
        {
            ["type"] = "GeometryCollection",
            ["geometries"] = gc.Geometries.Select(Write).ToList(),
        },
        _ => throw new ArgumentException($"Unsupported geometry {geometry.GeometryType}", nameof(geometry)),
    };

    private static Dictionary<string, object?> Shape(string type, object coordinates) =>
        new() { ["type"] = type, ["coordinates"] = coordinates };

    private static List<List<double[]>> Rings(Polygon polygon) =>
        new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings)
            .Select(r => r.Coordinates.Select(Position).ToList()).ToList();

    private static double[] Position(Coordinate c) => [Math.Round(c.X, 7), Math.Round(c.Y, 7)];

    private static Polygon ReadPolygon(object? value)
    {
        var rings = AsList(value, "polygon rings");
        if (rings.Count == 0)
        {
            throw Invalid("a Polygon needs at least one ring");
        }
        var linear = rings.Select(r =>
        {
            var positions = Positions(r, 4);
            if (!positions[0].Equals2D(positions[^1]))
            {
                throw Invalid("a Polygon ring must end where it starts");
            }
            return Factory.CreateLinearRing(positions);
        }).ToArray();
        return Factory.CreatePolygon(linear[0], linear[1..]);
    }

    private static Coordinate[] Positions(object? value, int minimum)
    {
        var list = AsList(value, "coordinates");
        if (list.Count < minimum)
        {
            throw Invalid($"expected at least {minimum} positions, got {list.Count}");
        }
        return list.Select(Position).ToArray();
    }

    private static Coordinate Position(object? value)
    {
        var list = AsList(value, "position");
        if (list.Count is < 2 or > 3)
        {
            throw Invalid("a position is [longitude, latitude] (an optional altitude is ignored)");
        }
        var lon = Number(list[0]);
        var lat = Number(list[1]);
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw Invalid($"position [{lon.ToString(CultureInfo.InvariantCulture)}, {lat.ToString(CultureInfo.InvariantCulture)}] is outside WGS-84 longitude/latitude ranges");
        }
        return new Coordinate(lon, lat);
    }

    private static double Number(object? value) => value switch
    {
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        System.Numerics.BigInteger b => (double)b,
        _ => throw Invalid("a coordinate must be a finite number"),
    };

    private static List<object?> AsList(object? value, string what) => value switch
    {
        IEnumerable<object?> e => e.ToList(),
        _ => throw Invalid($"{what} must be an array"),
    };

    private static DomainException Invalid(string reason) => new(ErrorCodes.InvalidGeometry, "Invalid GeoJSON geometry: " + reason + ".");
}
