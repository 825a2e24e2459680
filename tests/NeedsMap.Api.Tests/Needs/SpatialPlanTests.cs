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
    public async Task Near_a_point_is_a_box_on_the_location_index_then_st_dwithin_on_the_spheroid()
    {
        var (sql, plan) = await ExplainAsync(new NeedFilter { Near = new NearFilter { Point = Factory.CreatePoint(new Coordinate(120.11, 29.30)), Meters = 300 } });
        Assert.Contains("n.location && (CASE WHEN", sql);
        Assert.Contains("ST_DWithin(n.location::geography", sql);
        Assert.Contains("ix_needs_location_top_category_received_at", plan);
        Assert.Contains("Index Cond: (location && ", plan);
    }

    [Fact]
    public async Task A_bounding_box_is_an_exact_intersection_answered_from_the_location_index()
    {
        var (sql, plan) = await ExplainAsync(new NeedFilter { Bbox = new BoundingBox { West = 120.10, South = 29.29, East = 120.12, North = 29.31 } });
        Assert.Contains("ST_Intersects(n.location, ST_MakeEnvelope(", sql);
        Assert.Contains("ix_needs_location", plan);
    }

    [Fact]
    public async Task The_near_box_holds_every_point_within_the_metres_the_poles_and_the_antimeridian_included()
    {
        // Points at the ends of 36 bearings, exactly the metres away on the spheroid (PostGIS's ST_Project), from centres in
        // the city, at high latitudes and beside ±180°: each must lie in the box, or the near filter would drop it.
        var sql = $"""
            SELECT count(*) FILTER (WHERE NOT (ST_Project(c.p::geography, m.metres, radians(b.bearing))::geometry && {MetreBox.Around("c.p", "m.metres")})),
              count(*),
              count(*) FILTER (WHERE ST_Equals({MetreBox.Around("c.p", "m.metres")}, ST_MakeEnvelope(-180, -90, 180, 90, 4326)))
            FROM (SELECT ST_SetSRID(ST_MakePoint(x, y), 4326) AS p FROM unnest(@lon) AS x, unnest(@lat) AS y) c
            CROSS JOIN generate_series(0, 350, 10) AS b(bearing)
            CROSS JOIN unnest(@metres) AS m(metres)
            """;
        await using var dataSource = new NpgsqlDataSourceBuilder(host.ConnectionString).UseNetTopologySuite().Build();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("lon", new[] { 120.11, 0.0, 179.99, -179.99 });
        command.Parameters.AddWithValue("lat", new[] { 29.30, 0.0, -33.9, 45.0, 60.0, 75.0, 85.0, 88.5, 89.5, -89.9 });
        command.Parameters.AddWithValue("metres", new[] { 1.0, 300.0, 5_000.0, NeedFilterSql.MaxNearMeters + NearFilter.ToleranceMeters });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(0, reader.GetInt64(0));
        Assert.Equal(4 * 10 * 36 * 4, reader.GetInt64(1));
        // Beside the poles and ±180° the box is the world (the geography test alone decides); in the city it is not.
        Assert.InRange(reader.GetInt64(2), 1, reader.GetInt64(1) / 2);
    }

    [Fact]
    public async Task In_the_city_the_near_box_is_a_few_per_cent_wider_than_the_circle()
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(host.ConnectionString).UseNetTopologySuite().Build();
        await using var command = dataSource.CreateCommand($"""
            SELECT ST_XMax(b) - ST_XMin(b), ST_YMax(b) - ST_YMin(b),
              ST_Distance(ST_SetSRID(ST_MakePoint(120.11, 29.30), 4326)::geography, ST_SetSRID(ST_MakePoint(ST_XMax(b), 29.30), 4326)::geography),
              ST_Distance(ST_SetSRID(ST_MakePoint(120.11, 29.30), 4326)::geography, ST_SetSRID(ST_MakePoint(120.11, ST_YMax(b)), 4326)::geography)
            FROM (SELECT {MetreBox.Around("ST_SetSRID(ST_MakePoint(120.11, 29.30), 4326)", "300.0")} AS b) x
            """);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.InRange(reader.GetDouble(0), 0.005, 0.0075);
        Assert.InRange(reader.GetDouble(1), 0.005, 0.006);
        // Half the box's width and height, in metres on the spheroid: more than the 300 m, by a few per cent.
        Assert.InRange(reader.GetDouble(2), 300, 320);
        Assert.InRange(reader.GetDouble(3), 300, 320);
    }
}
