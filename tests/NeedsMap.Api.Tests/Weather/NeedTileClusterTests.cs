using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Api.Weather.Tiles;
using NeedsMap.Bench;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// Whether the host holds the busy tile's needs as loaded and counted, untouched since: the facts that only read share one
/// load (5,300 needs in 1.4 km, whose counting and case linking took 3-4 s of PostgreSQL a load in the suite), and a fact
/// that revises or marks anything says so first, so the next fact loads them again.
/// </summary>
public sealed class BusyTileLoad
{
    public bool Pristine { get; set; }
}

/// <summary>
/// Busy needs tiles at z12–z14 are clusters counted from <c>need_tile_squares</c>: per role, the clusters' counts add up to
/// the needs the same filter finds in the tile through GraphQL, and the squares kept by the writer equal a recount.
/// </summary>
public sealed class NeedTileClusterTests(SecuredHost host, BusyTileLoad load) : IClassFixture<SecuredHost>, IClassFixture<BusyTileLoad>, IAsyncLifetime
{
    private const int Busy = NeedTiles.SparseTile + 300;
    private GeoPoint _centre;
    private (int X, int Y) _tile14;

    public async Task InitializeAsync()
    {
        // The centre of the z14 tile over 鸡鸣山社区, and needs within 700 m of it (the tile is about 2.1 km across), so every
        // need lies well inside the tile at z12, z13 and z14 and the tile's bbox in GraphQL finds exactly them.
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        _tile14 = TileOf(at, 14);
        _centre = CentreOf(14, _tile14.X, _tile14.Y);
        if (load.Pristine)
        {
            return;
        }
        await host.ResetAsync();
        // The host's reset empties the needs; the counts derived from them go too (each test starts from the same needs).
        await host.ExecuteSqlAsync("TRUNCATE pending_rollups, need_tile_squares, cell_demand, cell_demand_blocks, cells");
        var random = new Random(18);
        string[] categories = ["noise.construction", "noise.construction", "utilities.streetlight", "traffic.parking"];
        string[] channels = ["12345", "12345", "zheliban"];
        var batch = Enumerable.Range(0, Busy).Select(i => new IncomingNeed(channels[random.Next(channels.Length)], $"cluster-{i}", 1,
            TestNeeds.BaseTime.AddHours(i % 700), "测试诉求", TestNeeds.Offset(_centre, random.Next(-700, 700), random.Next(-700, 700)),
            CoordinateSystem.Wgs84, null, categories[random.Next(categories.Length)], "test")).ToList();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None);
        }
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        load.Pristine = true;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Admin => host.Token(RoleRights.CityAdmin, subject: "root");

    private string Staff => host.Token(RoleRights.DepartmentStaff, department: "enforcement", subject: "zhao");

    private string StreetOfficer => host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "li");

    private string Resident => host.Token(RoleRights.Resident, subject: "alice");

    private string Integrator => host.Token(RoleRights.ChannelIntegrator, subject: "zlb", channel: "zheliban");

    private string CommunityWorker => host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "lin");

    public static TheoryData<int, string> Zooms() => new() { { 12, "" }, { 13, "" }, { 14, "" }, { 12, "noise" }, { 14, "noise" } };

    [Theory]
    [MemberData(nameof(Zooms))]
    public async Task The_clusters_of_a_busy_tile_add_up_to_the_needs_the_same_filter_finds(int z, string category)
    {
        var (x, y) = (_tile14.X >> (14 - z), _tile14.Y >> (14 - z));
        object filter = category.Length == 0 ? new { } : new { categoryIn = new[] { category } };
        foreach (var (role, token) in new[] { ("city_admin", Admin), ("department_staff", Staff), ("street_officer", StreetOfficer), ("integrator", Integrator), ("resident", Resident),
                     ("community_worker", CommunityWorker) })
        {
            var expected = await CountAsync(filter, z, x, y, token);
            var features = await FeaturesAsync(z, x, y, filter, token);
            var drawn = features.Sum(f => f.Properties.TryGetValue("count", out var n) ? Convert.ToInt32(n, System.Globalization.CultureInfo.InvariantCulture) : 1);
            Assert.True(expected == drawn, $"{role} at z{z} {category}: GraphQL finds {expected} needs, the tile draws {drawn}");
            // A busy tile under a filter the squares answer is clustered: far fewer features than needs, each one a square.
            // (A street's scope and a channel's are drawn need by need: the squares count categories only.)
            if (role is "city_admin" or "department_staff" && expected > NeedTiles.SparseTile)
            {
                Assert.All(features, f => Assert.Equal(true, f.Properties["cluster"]));
                Assert.True(features.Count < expected && features.Count <= TileSquares.Grid * TileSquares.Grid, $"{features.Count} features for {expected} needs");
                var step = TileSquares.Extent / TileSquares.Grid;
                Assert.All(features, f => Assert.Equal(step / 2, ((f.X % step) + step) % step));
            }
        }
    }

    [Fact]
    public async Task A_cluster_names_its_most_frequent_category()
    {
        var features = await FeaturesAsync(12, _tile14.X >> 2, _tile14.Y >> 2, new { }, Admin);
        Assert.Contains(features, f => (string)f.Properties["category"] == "noise.construction");
        Assert.All(features, f => Assert.Contains((string)f.Properties["category"], new[] { "noise.construction", "utilities.streetlight", "traffic.parking" }));
    }

    [Fact]
    public async Task The_public_gets_no_needs_tile_clustered_or_not()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync($"/tiles/needs/12/{_tile14.X >> 2}/{_tile14.Y >> 2}.mvt");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_REQUIRED", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_squares_kept_through_random_revisions_equal_a_recount()
    {
        load.Pristine = false;
        var random = new Random(2026);
        string[] categories = ["noise.construction", "utilities.streetlight", "traffic.parking", "education.enrollment"];
        for (var i = 0; i < 40; i++)
        {
            // Revisions move needs and change their category; new needs land beside them.
            var id = random.Next(Busy);
            await TestNeeds.AddAsync(host, "改了", categories[random.Next(categories.Length)], TestNeeds.Offset(_centre, random.Next(-900, 900), random.Next(-900, 900)),
                channel: "12345", externalId: $"cluster-{id}", version: 2 + i);
            await TestNeeds.AddAsync(host, "新的", categories[random.Next(categories.Length)], TestNeeds.Offset(_centre, random.Next(-3000, 3000), random.Next(-3000, 3000)));
        }
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        var kept = await SquaresAsync();
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await NeedTileSquareWriter.RebuildAsync(connection, CancellationToken.None);
        var recounted = await SquaresAsync(connection);
        await transaction.RollbackAsync();
        Assert.Equal(recounted.Count, kept.Count);
        Assert.Equal(recounted, kept);
        var needs = (long)(await host.Service<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM needs").ExecuteScalarAsync())!;
        Assert.True(needs > Busy + 40, "new needs were added beside the revisions");
        Assert.True(kept.Sum(k => k.Count) == TileSquares.Levels.Length * needs, "every need once at each level");
    }

    [Fact]
    public async Task An_unfiltered_tile_from_the_square_tops_equals_the_tile_from_the_category_rows_through_revisions()
    {
        load.Pristine = false;
        await AssertTopsDrawAsTheCategoryRowsAsync("counted");
        // Moves and recategorisations of counted needs, and new needs, while counting is held back and after it caught up.
        var random = new Random(77);
        string[] categories = ["noise.construction", "utilities.streetlight", "traffic.parking", "education.enrollment"];
        await using (await host.Service<RollupApplier>().HoldAsync(CancellationToken.None))
        {
            var batch = Enumerable.Range(0, 300).Select(i => i % 3 == 0
                    ? new IncomingNeed("12345", $"tops-new-{i}", 1, TestNeeds.BaseTime, "新的", TestNeeds.Offset(_centre, random.Next(-1500, 1500), random.Next(-1500, 1500)),
                        CoordinateSystem.Wgs84, null, categories[random.Next(categories.Length)], "test")
                    : new IncomingNeed("12345", $"cluster-{random.Next(Busy)}", 5 + i, TestNeeds.BaseTime, "改了", TestNeeds.Offset(_centre, random.Next(-900, 900), random.Next(-900, 900)),
                        CoordinateSystem.Wgs84, null, categories[random.Next(categories.Length)], "test"))
                .DistinctBy(n => n.ExternalId).ToList();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None, false);
            }
            Assert.True(await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM pending_rollups") > 0, "changes wait uncounted");
            await AssertTopsDrawAsTheCategoryRowsAsync("pending");
        }
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        await AssertTopsDrawAsTheCategoryRowsAsync("counted again");
    }

    [Fact]
    public async Task The_square_tops_equal_their_category_rows_and_the_needs_through_revisions_and_pending_changes()
    {
        load.Pristine = false;
        await AssertTopsAreExactAsync("counted");
        var random = new Random(41);
        string[] categories = ["noise.construction", "utilities.streetlight", "traffic.parking"];
        await using (await host.Service<RollupApplier>().HoldAsync(CancellationToken.None))
        {
            var batch = Enumerable.Range(0, 60).Select(i => new IncomingNeed("12345", $"cluster-{random.Next(Busy)}", 2 + i, TestNeeds.BaseTime, "改了",
                    TestNeeds.Offset(_centre, random.Next(-900, 900), random.Next(-900, 900)), CoordinateSystem.Wgs84, null, categories[random.Next(categories.Length)], "test"))
                .DistinctBy(n => n.ExternalId).ToList();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None, false);
            }
            Assert.True(await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM pending_rollups") > 0, "changes wait uncounted");
            await AssertTopsAreExactAsync("pending");
        }
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        await AssertTopsAreExactAsync("counted again");
        // The tie between categories is broken the same way on both paths (the lowest code), and the data has ties to break.
        Assert.True(await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, """
            SELECT count(*) FROM need_tile_square_tops t
            WHERE EXISTS (SELECT 1 FROM need_tile_squares s WHERE (s.level, s.tx, s.ty, s.gx, s.gy) = (t.level, t.tx, t.ty, t.gx, t.gy)
                            AND s.category_code > t.category_code AND s.count = (SELECT max(x.count) FROM need_tile_squares x
                                WHERE (x.level, x.tx, x.ty, x.gx, x.gy) = (t.level, t.tx, t.ty, t.gx, t.gy)))
            """) > 0, "no square had a tie to break");
    }

    [Fact]
    public async Task An_unfiltered_busy_tile_is_read_from_the_square_tops_and_a_categories_tile_from_the_category_rows()
    {
        load.Pristine = false;
        var before = await FeaturesAsync(14, _tile14.X, _tile14.Y, new { }, Admin);
        var noise = await FeaturesAsync(14, _tile14.X, _tile14.Y, new { categoryIn = new[] { "noise" } }, Admin);
        // A mark only the tops carry shows which path answered.
        await host.ExecuteSqlAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"UPDATE need_tile_square_tops SET count = count + 1000 WHERE level = 19 AND tx = {_tile14.X} AND ty = {_tile14.Y}"));
        var after = await FeaturesAsync(14, _tile14.X, _tile14.Y, new { }, Admin);
        Assert.Equal(Total(before) + 1000 * before.Count, Total(after));
        Assert.Equal(Total(noise), Total(await FeaturesAsync(14, _tile14.X, _tile14.Y, new { categoryIn = new[] { "noise" } }, Admin)));
    }

    private static long Total(List<VectorTileReader.Feature> features) =>
        features.Sum(f => f.Properties.TryGetValue("count", out var n) ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : 1);

    // Every z12–z14 tile holding the needs, drawn from the tops and from the category rows: the same clusters.
    private async Task AssertTopsDrawAsTheCategoryRowsAsync(string when)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var tiles = scope.ServiceProvider.GetRequiredService<NeedTiles>();
        var compared = 0;
        foreach (var z in new[] { 12, 13, 14 })
        {
            var (x0, y0) = (_tile14.X >> (14 - z), _tile14.Y >> (14 - z));
            for (var x = x0 - 1; x <= x0 + 1; x++)
            {
                for (var y = y0 - 1; y <= y0 + 1; y++)
                {
                    var tile = new TileAddress(z, x, y);
                    var fromTops = await tiles.ClustersAsync(tile, null, fromTops: true, CancellationToken.None);
                    var fromRows = await tiles.ClustersAsync(tile, null, fromTops: false, CancellationToken.None);
                    Assert.True(fromTops.Needs == fromRows.Needs, $"{when}, {tile}: tops {fromTops.Needs}, category rows {fromRows.Needs}");
                    Assert.Equal(Clusters(fromRows.Tile), Clusters(fromTops.Tile));
                    compared += fromRows.Needs > 0 ? 1 : 0;
                }
            }
        }
        Assert.True(compared >= 3, $"{when}: only {compared} tiles held needs");
    }

    private static List<string> Clusters(byte[]? tile) => tile is null ? [] : [.. VectorTileReader.Read(tile)
        .Select(f => $"{f.X},{f.Y},{f.Properties["count"]},{f.Properties["category"]},{f.Properties["cluster"]}").Order(StringComparer.Ordinal)];

    // The tops kept by the writer against the tops of the category rows, and against the needs counted so far (the needs less
    // the changes still pending, as the squares hold them): both ways empty.
    private async Task AssertTopsAreExactAsync(string when)
    {
        const string Kept = "SELECT level, tx, ty, gx, gy, count, category_code FROM need_tile_square_tops";
        var fromNeeds = $"""
            SELECT s.level, s.tx, s.ty, s.gx, s.gy, sum(s.count)::int, {TileSquareTops.TopSql}
            FROM ({TileSquares.CountedSquaresSql}) AS s(level, tx, ty, gx, gy, category_code, count)
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(s.count) > 0
            """;
        foreach (var (name, expected) in new[] { ("category rows", TileSquareTops.FromSquaresSql), ("needs", fromNeeds) })
        {
            var differ = await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString,
                $"SELECT count(*) FROM (({Kept} EXCEPT {expected}) UNION ALL ({expected} EXCEPT {Kept})) x");
            Assert.True(differ == 0, $"{when}: {differ} tops differ from the {name}");
        }
        var squares = await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM need_tile_square_tops");
        Assert.True(squares > 100, $"{when}: {squares} squares");
    }

    private async Task<List<(short Level, int Tx, int Ty, int X, int Y, string Category, int Count)>> SquaresAsync(NpgsqlConnection? connection = null)
    {
        await using var own = connection is null ? await host.Service<NpgsqlDataSource>().OpenConnectionAsync() : null;
        await using var command = new NpgsqlCommand(
            "SELECT level, tx, ty, gx, gy, category_code, count FROM need_tile_squares ORDER BY 1, 2, 3, 4, 5, 6", connection ?? own);
        var rows = new List<(short, int, int, int, int, string, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt16(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5), reader.GetInt32(6)));
        }
        return rows;
    }

    private async Task<int> CountAsync(object filter, int z, int x, int y, string token)
    {
        var (west, north) = Corner(z, x, y);
        var (east, south) = Corner(z, x + 1, y + 1);
        var body = await host.GraphQLAsync("query($w: NeedFilter) { needs(first: 1, where: $w) { totalCount } }",
            new { w = new { and = new[] { filter, new { bbox = new { west, south, east, north } } } } }, token: token);
        return body["data"]?["needs"]?["totalCount"]?.GetValue<int>() ?? throw new InvalidOperationException(body.ToJsonString());
    }

    private async Task<List<VectorTileReader.Feature>> FeaturesAsync(int z, int x, int y, object filter, string token)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/tiles/needs/{z}/{x}/{y}.mvt?where={Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(filter))}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return VectorTileReader.Read(await response.Content.ReadAsByteArrayAsync());
    }

    private static (int X, int Y) TileOf(GeoPoint p, int z)
    {
        var n = 1 << z;
        var lat = double.DegreesToRadians(p.Latitude);
        return ((int)((p.Longitude + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n));
    }

    private static (double Longitude, double Latitude) Corner(int z, double x, double y)
    {
        var n = Math.Pow(2, z);
        return (x / n * 360 - 180, double.RadiansToDegrees(Math.Atan(Math.Sinh(Math.PI * (1 - 2 * y / n)))));
    }

    private static GeoPoint CentreOf(int z, int x, int y)
    {
        var (lon, lat) = Corner(z, x + 0.5, y + 0.5);
        return new GeoPoint(lon, lat);
    }
}
