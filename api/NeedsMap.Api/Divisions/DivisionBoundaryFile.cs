using System.Text.Json;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Sdk.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Esri;

namespace NeedsMap.Api.Divisions;

/// <summary>
/// Reads a city's boundaries: a GeoJSON FeatureCollection or an Esri Shapefile, one Polygon or MultiPolygon per division,
/// keyed by the attribute <c>code</c> (or the feature's <c>id</c>). Coordinates in WGS-84 unless told GCJ-02 or BD-09
/// (consumer maps' offsets), which are converted vertex by vertex with the SDK's inverse; every boundary ends on the
/// 1e-7° grid (about 1 cm) as a valid MultiPolygon with SRID 4326.
/// </summary>
public static class DivisionBoundaryFile
{
    public const int MaxFeatures = 200_000;
    private static readonly PrecisionModel Grid = new(1e7);
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), GeoJson.Srid);

    public sealed record Result(Dictionary<string, MultiPolygon> Boundaries, List<DivisionIssue> Issues);

    public static Result ReadGeoJson(string text, CoordinateSystem coordinates)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 }).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"The boundaries are not JSON: {ex.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "The boundaries must be a GeoJSON FeatureCollection with a features array.");
        }
        if (list.GetArrayLength() > MaxFeatures)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"The boundaries hold more than {MaxFeatures} features.");
        }
        var features = new List<(int Index, string? Code, Func<Geometry> Geometry)>();
        var index = 0;
        foreach (var feature in list.EnumerateArray())
        {
            index++;
            string? code = null;
            if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("code", out var c) && c.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                code = c.ToString().Trim();
            }
            else if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                code = id.ToString().Trim();
            }
            var g = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var geometry) ? geometry : default;
            features.Add((index, code, () => Surface(g)));
        }
        return Collect(features, coordinates);
    }

    /// <summary>A Shapefile (the .shp beside its .dbf): the code from the attribute <paramref name="codeField"/>.</summary>
    public static Result ReadShapefile(string shpPath, CoordinateSystem coordinates, string codeField = "code")
    {
        NetTopologySuite.Features.Feature[] all;
        try
        {
            all = Shapefile.ReadAllFeatures(shpPath);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"The shapefile cannot be read: {ex.Message}");
        }
        var features = all.Select((f, i) =>
        {
            var name = f.Attributes.GetNames().FirstOrDefault(n => string.Equals(n, codeField, StringComparison.OrdinalIgnoreCase));
            var code = name is null ? null : Convert.ToString(f.Attributes[name], System.Globalization.CultureInfo.InvariantCulture)?.Trim();
            return (i + 1, code, (Func<Geometry>)(() => f.Geometry));
        }).ToList();
        return Collect(features, coordinates);
    }

    private static Result Collect(List<(int Index, string? Code, Func<Geometry> Geometry)> features, CoordinateSystem coordinates)
    {
        var boundaries = new Dictionary<string, MultiPolygon>(StringComparer.Ordinal);
        var issues = new List<DivisionIssue>();
        foreach (var (index, code, read) in features)
        {
            if (string.IsNullOrEmpty(code))
            {
                issues.Add(DivisionIssue.Error("INVALID_BOUNDARY", null, $"boundary feature {index} has no properties.code (nor id)."));
                continue;
            }
            Geometry geometry;
            try
            {
                geometry = read();
            }
            catch (DomainException ex)
            {
                issues.Add(DivisionIssue.Error("INVALID_BOUNDARY", code, $"boundary feature {index}: {ex.Message}"));
                continue;
            }
            if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
            {
                issues.Add(DivisionIssue.Error("INVALID_BOUNDARY", code, $"boundary feature {index} must be a non-empty Polygon or MultiPolygon, not a {geometry.GeometryType}."));
                continue;
            }
            if (!boundaries.TryAdd(code, Normalize(geometry, coordinates)))
            {
                issues.Add(DivisionIssue.Error("DUPLICATE_BOUNDARY", code, $"{code} has more than one boundary feature."));
            }
        }
        return new Result(boundaries, issues);
    }

    /// <summary>
    /// To WGS-84, each vertex on the 1e-7° grid, made valid: a self-touching ring from a hand-drawn file is repaired, not
    /// refused. Rounding vertex by vertex (not snap-rounding) leaves a boundary already on the grid exactly as it was, so a
    /// re-import of unchanged files changes nothing.
    /// </summary>
    public static MultiPolygon Normalize(Geometry geometry, CoordinateSystem coordinates)
    {
        var copy = geometry.Copy();
        copy.Apply(new Converter(coordinates));
        copy.GeometryChanged();
        var valid = copy.IsValid ? copy : GeometryFixer.Fix(copy);
        var polygons = Enumerable.Range(0, valid.NumGeometries).Select(valid.GetGeometryN).OfType<Polygon>()
            .Select(p => (Polygon)Factory.CreateGeometry(p)).ToArray();
        return Factory.CreateMultiPolygon(polygons);
    }

    private sealed class Converter(CoordinateSystem from) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = (seq.GetX(i), seq.GetY(i));
                if (from != CoordinateSystem.Wgs84)
                {
                    var wgs = CoordinateConverter.ToWgs84(new GeoPoint(x, y), from);
                    (x, y) = (wgs.Longitude, wgs.Latitude);
                }
                seq.SetX(i, Grid.MakePrecise(x));
                seq.SetY(i, Grid.MakePrecise(y));
            }
        }
    }

    /// <summary>
    /// A Polygon or MultiPolygon as written, without the API's validity check (GeoJson.Read refuses a self-touching ring):
    /// real outlines often have one, and <see cref="Normalize"/> repairs it.
    /// </summary>
    private static Geometry Surface(JsonElement g)
    {
        try
        {
            if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("type", out var type) || !g.TryGetProperty("coordinates", out var c))
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, "a geometry needs a type and coordinates.");
            }
            LinearRing Ring(JsonElement ring)
            {
                var points = ring.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToList();
                if (points.Count > 0 && !points[0].Equals2D(points[^1]))
                {
                    points.Add(points[0].Copy());
                }
                return Factory.CreateLinearRing([.. points]);
            }
            Polygon Polygon(JsonElement rings)
            {
                var all = rings.EnumerateArray().Select(Ring).ToArray();
                return Factory.CreatePolygon(all[0], all[1..]);
            }
            return type.GetString() switch
            {
                "Polygon" => Polygon(c),
                "MultiPolygon" => Factory.CreateMultiPolygon([.. c.EnumerateArray().Select(Polygon)]),
                var other => throw new DomainException(ErrorCodes.InvalidGeometry, $"a {other}, not a Polygon or MultiPolygon."),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or IndexOutOfRangeException or ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DomainException(ErrorCodes.InvalidGeometry, $"coordinates that do not make a polygon ({ex.Message}).");
        }
    }
}
