using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// A bulk file's chunks are stored without waiting for the derived tables; the rollup applier counts the queued
/// changes later, on any server. Whatever the batching and however many appliers run at once, each change is
/// counted exactly once and the rollups end equal to a count of the raw needs.
/// </summary>
public sealed class DeferredCountTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await WeatherTestData.ResetAsync(host);
        await host.ExecuteSqlAsync("TRUNCATE key_matter_needs, key_matter_demand, cases RESTART IDENTITY CASCADE");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static IncomingNeed Need(int i, long version, GeoPoint at, string category) =>
        new("12345", $"deferred-{i}", version, TestNeeds.BaseTime.AddHours(i * 5 + version), version == 1 ? "夜间施工噪声扰民" : "小区门口乱停车",
            at, CoordinateSystem.Wgs84, null, category, "test")
        {
            ReporterKey = $"resident-{i % 7}",
        };

    [Fact]
    public async Task Deferred_creations_and_revisions_are_counted_exactly_once_by_concurrent_appliers()
    {
        var ingestion = host.Service<BatchIngestion>();
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var random = new Random(7);
        var points = Enumerable.Range(0, 30).Select(_ => TestNeeds.Offset(centre, random.Next(-1200, 1200), random.Next(-1200, 1200))).ToList();
        await ingestion.IngestAsync(points.Select((p, i) => Need(i, 1, p, "noise.construction")).ToList(), null, CancellationToken.None,
            awaitRollups: false);
        // Revisions of a third of them move, change category and day, some in the same batch as a new creation.
        var revisions = points.Take(10).Select((p, i) => Need(i, 2, TestNeeds.Offset(p, 900, -700), "traffic.parking"))
            .Append(Need(30, 1, centre, "noise.construction")).ToList();
        await ingestion.IngestAsync(revisions, null, CancellationToken.None, awaitRollups: false);

        var applier = host.Service<RollupApplier>();
        await Task.WhenAll(applier.ApplyAsync(null, CancellationToken.None), applier.ApplyAsync(null, CancellationToken.None));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pending_rollups"));
        Assert.Equal(0, await applier.ApplyAsync(null, CancellationToken.None));

        var rollups = await WeatherTestData.RollupsAsync(host);
        Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), rollups);
        Assert.Equal(31 * 5, rollups.Values.Sum(v => v.Count));
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
        Assert.Equal(31, await ScalarAsync("SELECT count(*) FROM key_matter_needs"));
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM key_matter_needs WHERE category_code = 'traffic.parking'"));
        // Every level of the path counts each need once: the city's records equal the needs.
        Assert.Equal(31, await ScalarAsync("""
            SELECT sum(records) FROM key_matter_demand d JOIN jurisdictions j ON j.code = d.jurisdiction_code
            WHERE j.parent_code IS NULL AND d.topic = ''
            """));
        // Each city row keeps exactly the reporters of its needs, with how many each made, after the revisions moved some away.
        Assert.Equal(7, await ScalarAsync("""
            SELECT count(DISTINCT r) FROM key_matter_demand d JOIN jurisdictions j ON j.code = d.jurisdiction_code, unnest(d.reporters) AS r
            WHERE j.parent_code IS NULL
            """));
        Assert.Equal(0, await ScalarAsync("""
            WITH expected AS (
              SELECT day, category_code, array_agg(reporter ORDER BY reporter) AS reporters, array_agg(n ORDER BY reporter) AS needs
              FROM (SELECT day, category_code, reporter, count(*)::int AS n FROM key_matter_needs WHERE reporter IS NOT NULL GROUP BY 1, 2, 3) x
              GROUP BY 1, 2),
            actual AS (
              SELECT d.day, d.category_code, d.reporters, d.reporter_needs AS needs
              FROM key_matter_demand d JOIN jurisdictions j ON j.code = d.jurisdiction_code
              WHERE j.parent_code IS NULL AND d.topic = '' AND cardinality(d.reporters) > 0)
            SELECT count(*) FROM ((SELECT * FROM expected EXCEPT SELECT * FROM actual) UNION ALL (SELECT * FROM actual EXCEPT SELECT * FROM expected)) m
            """));
    }

    [Fact]
    public async Task A_single_delivery_returns_with_its_changes_counted()
    {
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        await host.Service<BatchIngestion>().IngestAsync([Need(0, 1, centre, "noise.construction")], null, CancellationToken.None);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pending_rollups"));
        Assert.Equal(5, (await WeatherTestData.RollupsAsync(host)).Values.Sum(v => v.Count));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
