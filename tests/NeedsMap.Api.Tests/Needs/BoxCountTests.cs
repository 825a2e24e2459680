using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Api.Weather.Tiles;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>
/// A needs page's <c>totalCount</c> over a bbox (with or without categories) is counted from the tile squares inside the box
/// plus the needs on its edge (<see cref="BoxCounts"/>, issue #18 item 4). From the outside, per role (the public included),
/// it must equal the same question counted row by row: the same filter with a far-future <c>receivedBefore</c>, which the
/// squares cannot answer, and for the city administrator a plain SQL count; also while changes wait uncounted.
/// </summary>
public sealed class BoxCountTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    private const string Query = "query($where: NeedFilter) { needs(first: 1, where: $where) { totalCount } }";
    private static readonly string[] Categories = ["noise.construction", "noise.square_dance", "utilities.streetlight", "traffic.parking"];
    private readonly Random _random = new(418);
    private readonly List<(string Id, GeoPoint At)> _needs = [];
    private GeoPoint _centre;

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE pending_rollups, need_tile_squares, cell_demand, cell_demand_blocks, cells");
        _centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        await IngestAsync(Enumerable.Range(0, 1500).Select(i => NewNeed($"box-{i}", Place())).ToList());
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // Most needs near the centre, some exactly on another's coordinates (so box edges drawn through a need have several there).
    private GeoPoint Place() => _needs.Count > 0 && _random.Next(5) == 0
        ? _needs[_random.Next(_needs.Count)].At
        : TestNeeds.Offset(_centre, _random.Next(-1500, 1500), _random.Next(-1500, 1500));

    private IncomingNeed NewNeed(string id, GeoPoint at, long version = 1)
    {
        if (version == 1)
        {
            _needs.Add((id, at));
        }
        // Over two years, so the needs lie in several quarter partitions.
        return new IncomingNeed(_random.Next(3) == 0 ? "zheliban" : "12345", id, version, TestNeeds.BaseTime.AddHours(-_random.Next(0, 17_000)),
            "测试诉求", at, CoordinateSystem.Wgs84, null, Categories[_random.Next(Categories.Length)], "test");
    }

    private async Task IngestAsync(IReadOnlyList<IncomingNeed> batch, bool awaitRollups = true)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None, awaitRollups);
    }

    private IEnumerable<(string Role, string? Token)> Roles() =>
    [
        ("city_admin", host.Token(RoleRights.CityAdmin, subject: "root")),
        ("department_staff", host.Token(RoleRights.DepartmentStaff, department: "enforcement", subject: "zhao")),
        ("street_officer", host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "li")),
        ("community_worker", host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "wang")),
        ("integrator", host.Token(RoleRights.ChannelIntegrator, subject: "zlb", channel: "zheliban")),
        ("the public", null),
    ];

    /// <summary>Boxes from 30 m to 3.5 km round the needs (the small ones have no inner square, the others cut through dense places), some with edges on a need.</summary>
    private IEnumerable<(double West, double South, double East, double North)> Boxes()
    {
        for (var i = 0; i < 8; i++)
        {
            // Half a metre off the whole metres the needs lie on, so no need is within a rounding error of these edges.
            var corner = TestNeeds.Offset(_centre, _random.Next(-1800, 1200) + 0.5, _random.Next(-1800, 1200) + 0.5);
            var far = TestNeeds.Offset(_centre, _random.Next(-1700, 1700) + 0.5, _random.Next(-1700, 1700) + 0.5);
            yield return (Math.Min(corner.Longitude, far.Longitude), Math.Min(corner.Latitude, far.Latitude),
                Math.Max(corner.Longitude, far.Longitude), Math.Max(corner.Latitude, far.Latitude));
        }
        var a = _needs.Select(n => n.At).First(p => p.Longitude < _centre.Longitude - 0.003 && p.Latitude < _centre.Latitude - 0.003);
        var b = _needs.Select(n => n.At).First(p => p.Longitude > a.Longitude + 0.005 && p.Latitude > a.Latitude + 0.005);
        // Edges through needs (inclusive, as ST_Intersects is): compared squares against rows only, since GraphQL reads
        // these coordinates through a decimal and may land a rounding error off the plain SQL's literal.
        yield return (a.Longitude, a.Latitude, b.Longitude, b.Latitude);
    }

    private async Task<int?> TotalAsync(string? token, JsonObject where)
    {
        var (status, body, response) = await host.PostAsync(Query, new { where }, token);
        response.Dispose();
        Assert.True(status < 500, $"{status}: {body?.ToJsonString()}");
        // The public may not read needs' records: refused (or shown none), on both paths alike.
        return status == 200 && body?["errors"] is null ? body!["data"]!["needs"]!["totalCount"]!.GetValue<int>() : null;
    }

    private static JsonObject Where((double West, double South, double East, double North) box, string? category, bool rowByRow)
    {
        var where = new JsonObject { ["bbox"] = new JsonObject { ["west"] = box.West, ["south"] = box.South, ["east"] = box.East, ["north"] = box.North } };
        if (category is not null)
        {
            where["categoryIn"] = new JsonArray(category);
        }
        if (rowByRow)
        {
            where["receivedBefore"] = "2100-01-01T00:00:00Z";
        }
        return where;
    }

    private async Task<long> SqlCountAsync((double West, double South, double East, double North) box, string? category) =>
        await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, string.Create(CultureInfo.InvariantCulture,
            $"SELECT count(*) FROM needs WHERE ST_Intersects(location, ST_MakeEnvelope({box.West:R}, {box.South:R}, {box.East:R}, {box.North:R}, 4326))")
            + (category is null ? "" : $" AND (category_code = '{category}' OR category_code LIKE '{category}.%')"));

    private async Task AssertBothWaysAgreeAsync(string when)
    {
        var compared = 0;
        var boxes = Boxes().ToList();
        foreach (var box in boxes)
        {
            foreach (var category in new[] { null, "noise", "traffic.parking" })
            {
                var expected = await SqlCountAsync(box, category);
                foreach (var (role, token) in Roles())
                {
                    var fromSquares = await TotalAsync(token, Where(box, category, rowByRow: false));
                    var fromRows = await TotalAsync(token, Where(box, category, rowByRow: true));
                    Assert.True(fromSquares == fromRows, $"{when}, {role}, {box}, {category}: squares {fromSquares}, rows {fromRows}");
                    if (role == "city_admin" && box != boxes[^1])
                    {
                        Assert.True(expected == fromSquares, $"{when}, {box}, {category}: SQL {expected}, GraphQL {fromSquares}");
                        compared += expected > 50 ? 1 : 0;
                    }
                }
            }
        }
        Assert.True(compared > 5, "too few boxes held enough needs to compare");
    }

    [Fact]
    public async Task A_bbox_count_from_the_squares_equals_the_rows_for_every_role_with_changes_counted_and_waiting()
    {
        await AssertBothWaysAgreeAsync("counted");
        // Revisions that move needs and change their category while counting is held back: the squares lag, the pending
        // changes make up for it.
        await using (await host.Service<RollupApplier>().HoldAsync(CancellationToken.None))
        {
            var moved = Enumerable.Range(0, 200).Select(_ => _needs[_random.Next(_needs.Count)].Id).Distinct()
                .Select(id => NewNeed(id, TestNeeds.Offset(_centre, _random.Next(-1500, 1500), _random.Next(-1500, 1500)), version: 2)).ToList();
            await IngestAsync([.. moved, .. Enumerable.Range(0, 100).Select(i => NewNeed($"late-{i}", Place()))], awaitRollups: false);
            Assert.True(await Channels.Faults.DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM pending_rollups") > 250);
            await AssertBothWaysAgreeAsync("pending");
        }
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        await AssertBothWaysAgreeAsync("counted again");
    }

    [Fact]
    public async Task The_squares_answer_a_bbox_with_categories_and_nothing_else()
    {
        var admin = host.Token(RoleRights.CityAdmin, subject: "root");
        var near = TestNeeds.Offset(_centre, -1000, -1000);
        var far = TestNeeds.Offset(_centre, 1000, 1000);
        (double West, double South, double East, double North) box = (near.Longitude, near.Latitude, far.Longitude, far.Latitude);
        var before = (await TotalAsync(admin, Where(box, null, rowByRow: false)))!.Value;
        // A mark only the squares carry shows which path answered: 1,000 more in one inner square of the box.
        var inner = BoxCounts.Inner(new BoundingBox { West = box.West, South = box.South, East = box.East, North = box.North })!.Value;
        await host.ExecuteSqlAsync(string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO need_tile_squares VALUES ({BoxCounts.Level}, {inner.Gx0 >> TileSquares.GridBits}, {inner.Gy0 >> TileSquares.GridBits}, {inner.Gx0}, {inner.Gy0}, 'noise.construction', 1000) ON CONFLICT (level, tx, ty, gx, gy, category_code) DO UPDATE SET count = need_tile_squares.count + 1000"));
        Assert.Equal(before + 1000, await TotalAsync(admin, Where(box, null, rowByRow: false)));
        Assert.Equal(before, await TotalAsync(admin, Where(box, null, rowByRow: true)));
        Assert.Equal(before - (await TotalAsync(admin, Where(box, "noise", rowByRow: true)))!.Value,
            await TotalAsync(admin, new JsonObject { ["and"] = new JsonArray(Where(box, null, false), new JsonObject { ["not"] = new JsonObject { ["categoryIn"] = new JsonArray("noise") } }) }));
        // A community worker's scope (a jurisdiction) is not in the squares: counted row by row, the mark does not show.
        var worker = host.Token(RoleRights.CommunityWorker, TestNeeds.Jimingshan, subject: "wang");
        Assert.Equal(await TotalAsync(worker, Where(box, null, rowByRow: true)), await TotalAsync(worker, Where(box, null, rowByRow: false)));
    }
}
