using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Api.Tests.Weather;

public sealed class CellRollupTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => WeatherTestData.ResetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<(string ExternalId, GeoPoint At)>> AddScatteredAsync(int count)
    {
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var random = new Random(42);
        var categories = new[] { "noise.construction", "noise.square_dance", "traffic.parking", "education.enrollment" };
        var added = new List<(string, GeoPoint)>();
        for (var i = 0; i < count; i++)
        {
            var at = TestNeeds.Offset(centre, random.Next(-1500, 1500), random.Next(-1500, 1500));
            var id = $"scatter-{i}";
            await TestNeeds.AddAsync(host, "测试诉求", categories[i % categories.Length], at, channel: i % 3 == 0 ? "zheliban" : "12345",
                receivedAt: TestNeeds.BaseTime.AddHours(i * 7), externalId: id);
            added.Add((id, at));
        }
        return added;
    }

    [Fact]
    public async Task Rollups_equal_the_raw_counts_after_ingest()
    {
        await AddScatteredAsync(40);
        var rollups = await WeatherTestData.RollupsAsync(host);
        Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), rollups);
        Assert.Equal(40 * 5, rollups.Values.Sum(v => v.Count));
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
    }

    [Fact]
    public async Task A_revision_moves_its_count_to_the_new_cell_category_and_day()
    {
        var added = await AddScatteredAsync(12);
        foreach (var (externalId, at) in added.Take(5))
        {
            await TestNeeds.AddAsync(host, "改了位置和分类", "traffic.parking", TestNeeds.Offset(at, 2500, -1800),
                channel: int.Parse(externalId.Split('-')[1], CultureInfo.InvariantCulture) % 3 == 0 ? "zheliban" : "12345", externalId: externalId, version: 2,
                receivedAt: TestNeeds.BaseTime);
        }
        var rollups = await WeatherTestData.RollupsAsync(host);
        Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), rollups);
        Assert.Equal(12 * 5, rollups.Values.Sum(v => v.Count));
        Assert.DoesNotContain(rollups.Values, v => v.Count <= 0);
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
    }

    [Fact]
    public async Task Rebuild_from_scratch_gives_the_rows_incremental_upkeep_gave()
    {
        await AddScatteredAsync(25);
        var incremental = await WeatherTestData.RollupsAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
        Assert.Equal(25, result.Needs);
        Assert.Equal(incremental, await WeatherTestData.RollupsAsync(host));
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
    }

    [Fact]
    public async Task Rebuild_mutation_applies_changed_channel_weights()
    {
        await AddScatteredAsync(6);
        await host.ExecuteSqlAsync("UPDATE channels SET weight = 3 WHERE code = '12345'");
        var result = await host.GraphQLAsync("mutation { rebuildCells { rebuild { needs cells rows } errors { __typename ... on Error { code message } } } }");
        Assert.Null(result["errors"]);
        Assert.Equal(6, result["data"]!["rebuildCells"]!["rebuild"]!["needs"]!.GetValue<double>());
        var rollups = await WeatherTestData.RollupsAsync(host);
        Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), rollups);
        Assert.Contains(rollups, kv => kv.Key.EndsWith("|12345", StringComparison.Ordinal) && kv.Value.Weight >= 3);
        await host.ExecuteSqlAsync("UPDATE channels SET weight = 1 WHERE code = '12345'");
    }

    [Fact]
    public async Task Rebuild_cells_command_applies_changed_category_weights_and_prints_each_step()
    {
        await AddScatteredAsync(8);
        await host.ExecuteSqlAsync("UPDATE categories SET weight = 2.5 WHERE code = 'traffic.parking'");
        try
        {
            var (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync([RebuildCellsCommand.Name], host.Services);
            Assert.Equal(0, exit);
            var (output, error) = (run.Output, run.Error);
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(["[1/8]", "[2/8]", "[3/8]", "[4/8]", "[5/8]", "[6/8]", "[7/8]", "[8/8]"], lines[..8].Select(l => l.Split(' ')[0]));
            Assert.StartsWith("rebuild-cells: 8 needs", lines[8], StringComparison.Ordinal);
            Assert.Empty(error.ToString());
            var rollups = await WeatherTestData.RollupsAsync(host);
            Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), rollups);
            Assert.Contains(rollups, kv => kv.Key.Contains("|traffic.parking|", StringComparison.Ordinal) && kv.Value.Weight >= 2.5);
            Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
        }
        finally
        {
            await host.ExecuteSqlAsync("UPDATE categories SET weight = 1 WHERE code = 'traffic.parking'");
        }
    }

    [Fact]
    public async Task Rebuild_cells_command_refuses_arguments()
    {
        var (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync([RebuildCellsCommand.Name, "--now"], host.Services);
        Assert.Equal(2, exit);
        Assert.Contains("Unrecognized command or argument '--now'", run.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("rebuild-cells --help", run.Error.ToString(), StringComparison.Ordinal);
        Assert.Null(run.SettingsSeen); // refused before the services were asked for
    }

    [Fact]
    public async Task Deliveries_across_the_city_at_once_store_their_thousands_of_cells_without_deadlock_or_oversized_notifications()
    {
        // Every community's interior point: one batch touches thousands of new cells, far over pg_notify's 8000 bytes,
        // and four such batches at once insert the same new cells in different orders.
        var points = host.Service<ReferenceData>().Current.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Community)
            .Select(j => new GeoPoint(j.InteriorLongitude, j.InteriorLatitude)).ToList();
        var batches = Enumerable.Range(0, 4).Select(b => points.OrderBy(_ => Random.Shared.Next()).Select((at, i) => new IncomingNeed("12345",
            $"wide-{b}-{i}", 1, TestNeeds.BaseTime.AddHours(b), "路灯不亮", at, CoordinateSystem.Wgs84, null, "utilities.streetlight", "test")).ToList()).ToList();
        var results = await Task.WhenAll(batches.Select(async batch =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BatchIngestion>().IngestAsync(batch, null, CancellationToken.None);
        }));
        Assert.All(results, r => Assert.Empty(r.Rejected));
        Assert.Equal(4 * points.Count, results.Sum(r => r.Accepted.Count));
        Assert.Equal(await WeatherTestData.FromRawNeedsAsync(host), await WeatherTestData.RollupsAsync(host));
        Assert.Equal(0, await WeatherTestData.BlockMismatchesAsync(host));
    }
}
