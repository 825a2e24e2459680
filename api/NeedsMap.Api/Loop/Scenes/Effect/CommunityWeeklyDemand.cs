using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>
/// Every community's weekly needs in some categories around a scene's start (the donor panel matching draws
/// from), and the communities any scene reaches into (treated, so never a control).
/// </summary>
public sealed class CommunityWeeklyDemand(NpgsqlDataSource dataSource, NeedFilterSql filterSql, NeedsMapDbContext db)
{
    private const double OverlapTolerance = 1e-9;

    /// <summary>Counts per community for weeks −<paramref name="before"/> … <paramref name="after"/>−1 around <paramref name="anchor"/>.</summary>
    public async Task<Dictionary<string, int[]>> CountAsync(IReadOnlyList<string> categories, DateTimeOffset anchor, int before, int after,
        CancellationToken cancellationToken)
    {
        var filter = new NeedFilter
        {
            CategoryIn = categories, ReceivedFrom = anchor - before * WeeklyDemand.Week, ReceivedBefore = anchor + after * WeeklyDemand.Week,
        };
        var parameters = new SqlParameters();
        var where = filterSql.Where(filter, parameters);
        var start = parameters.Add(anchor.UtcDateTime, NpgsqlDbType.TimestampTz);
        var sql = $"SELECT n.jurisdiction_code, floor(extract(epoch FROM n.received_at - {start}) / 604800)::int AS week, count(*)::int "
            + $"FROM needs n WHERE {where} GROUP BY 1, 2";
        await using var command = dataSource.CreateCommand(sql);
        parameters.AddTo(command);
        var panel = new Dictionary<string, int[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = reader.GetInt32(1) + before;
            if (index < 0 || index >= before + after)
            {
                continue;
            }
            var code = reader.GetString(0);
            if (!panel.TryGetValue(code, out var counts))
            {
                panel[code] = counts = new int[before + after];
            }
            counts[index] = reader.GetInt32(2);
        }
        return panel;
    }

    /// <summary>The communities whose interiors some scene's area reaches (touching borders do not count).</summary>
    public async Task<HashSet<string>> TreatedAsync(CancellationToken cancellationToken)
    {
        var areas = await db.Set<Scene>().AsNoTracking().Select(s => s.Area).ToListAsync(cancellationToken);
        if (areas.Count == 0)
        {
            return [];
        }
        var treated = UnaryUnionOp.Union(areas);
        treated.SRID = 4326;
        var touching = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Community && j.Boundary.Intersects(treated))
            .Select(j => new { j.Code, j.Boundary }).ToListAsync(cancellationToken);
        return [.. touching.Where(j => j.Boundary.Intersection(treated).Area > OverlapTolerance).Select(j => j.Code)];
    }

    /// <summary>The union of some communities' boundaries, for showing the control on the map.</summary>
    public async Task<Geometry> AreaOfAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        var boundaries = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).Select(j => j.Boundary).ToListAsync(cancellationToken);
        var area = boundaries.Count == 0 ? new GeometryFactory(new PrecisionModel(), 4326).CreateMultiPolygon() : UnaryUnionOp.Union(boundaries.Cast<Geometry>().ToList());
        area.SRID = 4326;
        return area;
    }
}
