using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NetTopologySuite.Geometries;
using Npgsql;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>The spatial filters run in PostGIS on the GiST indexes: the SQL says so and the planner uses them.</summary>
[Collection(DemoCityCollection.Name)]
public sealed class SpatialPlanTests(DemoCityHost host)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private async Task<(string Sql, string Plan)> ExplainAsync(NeedFilter filter)
    {
        var parameters = new SqlParameters();
        var sql = "SELECT n.id FROM needs n WHERE " + host.Service<NeedFilterSql>().Where(filter, parameters);
        await using var dataSource = new NpgsqlDataSourceBuilder(host.ConnectionString).UseNetTopologySuite().Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE needs", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        parameters.AddTo(command);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return (sql, string.Join('\n', lines));
    }

    private static Polygon SmallSquare(double lon, double lat, double half) => Factory.CreatePolygon(
    [
        new(lon - half, lat - half), new(lon + half, lat - half), new(lon + half, lat + half), new(lon - half, lat + half), new(lon - half, lat - half),
    ]);

    [Fact]
    public async Task Within_a_polygon_is_st_within_answered_from_the_location_index()
    {
        var (sql, plan) = await ExplainAsync(new NeedFilter { Within = SmallSquare(120.11, 29.30, 0.002) });
        Assert.Contains("ST_Within(n.location, @p0)", sql);
        Assert.Contains("ix_needs_location", plan);
    }

    [Fact]
    public async Task Near_a_point_is_st_dwithin_on_the_geography_index()
    {
        var (sql, plan) = await ExplainAsync(new NeedFilter { Near = new NearFilter { Point = Factory.CreatePoint(new Coordinate(120.11, 29.30)), Meters = 300 } });
        Assert.Contains("ST_DWithin(n.location::geography", sql);
        Assert.Contains("ix_needs_location_geography", plan);
    }

    [Fact]
    public async Task A_bounding_box_is_an_exact_intersection_answered_from_the_location_index()
    {
        var (sql, plan) = await ExplainAsync(new NeedFilter { Bbox = new BoundingBox { West = 120.10, South = 29.29, East = 120.12, North = 29.31 } });
        Assert.Contains("ST_Intersects(n.location, ST_MakeEnvelope(", sql);
        Assert.Contains("ix_needs_location", plan);
    }
}
