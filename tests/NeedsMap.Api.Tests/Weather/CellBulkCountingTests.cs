using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// A bulk batch places its thousands of new cells with one join per community and sums the day blocks before writing;
/// a delivery of a few needs places cell by cell. Both must leave the rows a rebuild from the needs leaves.
/// </summary>
public sealed class CellBulkCountingTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => WeatherTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Cells = """
        SELECT coalesce(string_agg(resolution || ':' || q || ':' || r || ':' || jurisdiction_code || ':' || jurisdiction_path, ' '
          ORDER BY resolution, q, r), '') FROM cells
        """;

    private async Task<string> CellsAsync()
    {
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(Cells, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_bulk_batch_and_single_deliveries_leave_the_cells_and_rows_a_rebuild_leaves()
    {
        // Every community's interior point and two points 150 m off it, over three weeks: one batch, thousands of new cells.
        var points = host.Service<ReferenceData>().Current.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Community)
            .Select(j => new GeoPoint(j.InteriorLongitude, j.InteriorLatitude)).ToList();
        var batch = points.SelectMany((at, i) => new[] { at, TestNeeds.Offset(at, 150, 0), TestNeeds.Offset(at, 0, -150) }.Select((p, k) =>
            new IncomingNeed(k == 1 ? "zheliban" : "12345", $"bulk-{i}-{k}", 1, TestNeeds.BaseTime.AddHours((i * 3 + k) % 500), "路灯不亮", p,
                CoordinateSystem.Wgs84, null, k == 2 ? "traffic.parking" : "utilities.streetlight", "test"))).ToList();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None);
            Assert.True(result.Accepted.Count >= batch.Count - 20, $"{result.Rejected.Count} rejected");
        }
        Assert.True(await host.Service<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM cells").ExecuteScalarAsync() is long n
            && n >= CellRollupWriter.BulkCellsFrom, "the batch should take the bulk path");
        // A few single deliveries on top, some in cells the batch made, some in new ones (the cell-by-cell path).
        for (var i = 0; i < 6; i++)
        {
            await TestNeeds.AddAsync(host, "测试诉求", "noise.construction", TestNeeds.Offset(points[i * 50], 60 + 15 * i, 60),
                receivedAt: TestNeeds.BaseTime.AddDays(i), externalId: $"single-{i}");
        }
        var (cells, rollups) = (await CellsAsync(), await WeatherTestData.RollupsAsync(host));
        Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), rollups);
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
        }
        Assert.Equal(cells, await CellsAsync());
        Assert.Equal(rollups, await WeatherTestData.RollupsAsync(host));
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
    }
}
