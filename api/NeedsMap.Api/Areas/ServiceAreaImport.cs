using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Scalars;
using NeedsMap.Api.Security.Auth;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Areas;

/// <summary>importServiceAreas' input: a GeoJSON FeatureCollection whose features carry properties.code and properties.name.</summary>
public sealed record ImportServiceAreasInput(ServiceAreaKind Kind, string GeoJson, string? Source);

/// <summary>
/// Imports areas from a GeoJSON FeatureCollection: every feature a Polygon or MultiPolygon with a code and a name;
/// an area whose code exists is replaced (its kind, name and boundary), others are added. All or nothing: one bad
/// feature rejects the file (INVALID_GEOMETRY or INVALID_INPUT, naming the feature) and writes nothing.
/// </summary>
public sealed class ServiceAreaImport(NeedsMapDbContext db, AccessScope scope, TimeProvider time)
{
    public const int MaxFeatures = 2_000;
    public const int MaxBytes = 8 * 1024 * 1024;

    public async Task<List<ServiceArea>> ImportAsync(ImportServiceAreasInput input, CancellationToken cancellationToken)
    {
        var features = Parse(input.GeoJson);
        var now = time.GetUtcNow();
        var source = string.IsNullOrWhiteSpace(input.Source) ? "import" : input.Source.Trim();
        if (source.Length > 200)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "source takes at most 200 characters.");
        }
        var codes = features.Select(f => f.Code).ToList();
        var existing = await db.Set<ServiceArea>().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
        var result = new List<ServiceArea>();
        foreach (var (code, name, boundary) in features)
        {
            if (existing.TryGetValue(code, out var area))
            {
                (area.Name, area.Kind, area.Boundary, area.Source) = (name, input.Kind, boundary, source);
            }
            else
            {
                area = new ServiceArea { Code = code, Name = name, Kind = input.Kind, Boundary = boundary, Source = source };
                db.Add(area);
            }
            (area.ImportedAt, area.ImportedBy) = (now, scope.Actor);
            result.Add(area);
        }
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public static List<(string Code, string Name, Geometry Boundary)> Parse(string geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson) || geoJson.Length > MaxBytes)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"geoJson must be a FeatureCollection of at most {MaxBytes / 1024 / 1024} MiB.");
        }
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(geoJson, new JsonDocumentOptions { MaxDepth = 64 }).RootElement;
        }
        catch (JsonException ex)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"geoJson is not JSON: {ex.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "FeatureCollection" || !root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "geoJson must be a FeatureCollection with a features array.");
        }
        if (list.GetArrayLength() is 0 or > MaxFeatures)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"a FeatureCollection of 1 to {MaxFeatures} features.");
        }
        var result = new List<(string, string, Geometry)>();
        var index = 0;
        foreach (var feature in list.EnumerateArray())
        {
            index++;
            var code = Text(feature, "code", 64, index);
            var name = Text(feature, "name", 100, index);
            if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("geometry", out var g))
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, $"feature {index} ({code}) has no geometry.");
            }
            Geometry boundary;
            try
            {
                boundary = GeoJson.Read(Plain(g));
            }
            catch (DomainException ex)
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, $"feature {index} ({code}): {ex.Message}");
            }
            if (boundary is not (Polygon or MultiPolygon))
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, $"feature {index} ({code}) must be a Polygon or MultiPolygon, not a {boundary.GeometryType}.");
            }
            boundary.SRID = GeoJson.Srid;
            result.Add((code, name, boundary));
        }
        var duplicate = result.GroupBy(r => r.Item1, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"the code {duplicate.Key} appears {duplicate.Count()} times.");
        }
        return result;
    }

    private static string Text(JsonElement feature, string property, int max, int index)
    {
        if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            var text = value.ToString().Trim();
            if (text.Length is > 0 && text.Length <= max)
            {
                return text;
            }
        }
        throw new DomainException(ErrorCodes.InvalidInput, $"feature {index} needs properties.{property} of 1 to {max} characters.");
    }

    /// <summary>The plain object tree GeoJson.Read takes (what GraphQL would hand it).</summary>
    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
