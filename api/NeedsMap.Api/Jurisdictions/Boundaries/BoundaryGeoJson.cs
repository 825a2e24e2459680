using System.IO.Compression;
using System.Security.Cryptography;
using NeedsMap.Api.Reference;
using Npgsql;

namespace NeedsMap.Api.Jurisdictions.Boundaries;

/// <summary>One level's (or every level's) boundaries as a GeoJSON FeatureCollection, with its ETag and a gzip copy.</summary>
public sealed record BoundaryDocument(byte[] Json, byte[] Gzip, string ETag);

/// <summary>
/// The boundaries the map draws, in one small document any caller may fetch (the city, its streets, its communities;
/// properties <c>code</c>, <c>name</c>, <c>level</c>, <c>parentCode</c>), instead of a GraphQL document of every
/// vertex, which cost more than most roles may ask. Simplified by PostGIS to about 10 m with 5 decimals (about 1 m),
/// built once per set of jurisdictions and kept: jurisdictions change only when reference data is reloaded.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds no handle until AvailableWaitHandle is read, which this code never does; it lives as long as its owner.")]
public sealed class BoundaryGeoJson(NpgsqlDataSource dataSource, ReferenceData reference)
{
    /// <summary>Tolerance of ST_SimplifyPreserveTopology in degrees, about 10 m at Yiwu's latitude.</summary>
    public const double Tolerance = 0.0001;
    private readonly SemaphoreSlim _building = new(1, 1);
    private (ReferenceSnapshot Snapshot, Dictionary<string, BoundaryDocument> Documents)? _cache;

    /// <param name="level">A <see cref="JurisdictionLevel"/> name, or null for every level.</param>
    public async Task<BoundaryDocument> GetAsync(JurisdictionLevel? level, CancellationToken cancellationToken)
    {
        var snapshot = reference.Current;
        var key = level?.ToString() ?? "all";
        if (_cache is { } cache && ReferenceEquals(cache.Snapshot, snapshot) && cache.Documents.TryGetValue(key, out var known))
        {
            return known;
        }
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_cache is not { } current || !ReferenceEquals(current.Snapshot, snapshot))
            {
                current = (snapshot, new Dictionary<string, BoundaryDocument>(StringComparer.Ordinal));
                _cache = current;
            }
            if (!current.Documents.TryGetValue(key, out var document))
            {
                document = Pack(await QueryAsync(level, cancellationToken));
                current.Documents[key] = document;
            }
            return document;
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<byte[]> QueryAsync(JurisdictionLevel? level, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($$"""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY level, code), '[]'::json))::text
            FROM (SELECT j.code, j.level,
                         json_build_object('type', 'Feature', 'id', j.code,
                             'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(j.boundary, {{Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}}), 5)::json,
                             'properties', json_build_object('code', j.code, 'name', j.name,
                                 'level', CASE j.level WHEN 1 THEN 'CITY' WHEN 2 THEN 'STREET' ELSE 'COMMUNITY' END,
                                 'parentCode', j.parent_code)) AS f
                  FROM jurisdictions j WHERE @level::smallint IS NULL OR j.level = @level) x
            """);
        command.Parameters.Add(new NpgsqlParameter("level", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = level is { } l ? (short)l : DBNull.Value });
        var text = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    private static BoundaryDocument Pack(byte[] json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(json);
        }
        return new BoundaryDocument(json, buffer.ToArray(), "\"" + Convert.ToHexString(SHA256.HashData(json))[..20].ToLowerInvariant() + "\"");
    }
}
