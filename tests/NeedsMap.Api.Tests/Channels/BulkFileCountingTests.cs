using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Tests.Channels.Faults;
using NeedsMap.Api.Weather.Tiles;
using NeedsMap.Sdk;
using Npgsql;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>
/// A bulk file is stored chunk by chunk and counted after, in batches of <see cref="RollupApplier.BatchSize"/> (one batch for
/// these files), through the writers' batch paths (new cells placed by one join, blocks summed first, key matters by one
/// grouped statement, case linking over the batch): the cells, their
/// blocks, the current window, the needs tiles' squares and key matters must come out as a rebuild from the stored needs
/// leaves them (and so as deliveries counted one by one leave them, which other tests hold against the rebuild), also when
/// the file revises needs counted before (their old contribution taken away) and when one file holds a need twice, moved to
/// another cell and category between its two versions (created and revised inside one batch).
/// </summary>
public sealed class BulkFileCountingTests(ChannelHost host) : IClassFixture<ChannelHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await host.ExecuteSqlAsync("TRUNCATE needs, need_history, pending_rollups RESTART IDENTITY CASCADE");
        await host.WaitForPluginAsync("12345");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Labels = ["城乡建设/噪声污染/建筑施工噪声", "城乡建设/市容环卫/生活垃圾", "人力社保/劳动报酬/拖欠工资"];

    private static readonly string[] Texts = ["工地夜里打桩，噪声很大", "小区垃圾好几天没人清运", "公司拖欠三个月工资"];

    // GCJ-02 on a 30 x 30 grid of ~120 m steps around 鸡鸣山社区 (±1.8 km): hundreds of new cells at 100 m, so the batch
    // places them by the bulk join (CellRollupWriter.BulkCellsFrom), a few at the coarse resolutions.
    private static string Order(int id, int place, int label, int day, string updated) => $$"""
        {"gdbh":"BULK-{{id:D4}}","ldsj":"2026-11-{{1 + day % 27:D2}} 08:{{id % 60:D2}}:00","gxsj":"{{updated}}","qdly":"电话",
         "ldrxm":"王小明","lxdh":"138579{{id % 7:D5}}","sqlx":"投诉","sqlb":"{{Labels[label % 3]}}",
         "sqnr":{{JsonSerializer.Serialize($"{Texts[label % 3]}（{id}号）")}},"sqdz":"义乌市江东街道鸡鸣山社区宗泽东路88号附近",
         "ssjd":"江东街道","sssq":"鸡鸣山社区","jd":{{Degrees(120.098233, place % 900 % 30)}},"wd":{{Degrees(29.295318, place % 900 / 30)}},"blzt":"办理中"}
        """;

    private static string Degrees(double centre, int step) => (centre + 0.0012 * (step - 15)).ToString("0.000000", CultureInfo.InvariantCulture);

    private static ChannelPayload File(IReadOnlyList<string> orders) =>
        new(Encoding.UTF8.GetBytes("""{"code":"200","msg":"ok","data":{"total":""" + orders.Count.ToString(CultureInfo.InvariantCulture)
            + ""","rows":[""" + string.Join(',', orders) + "]}}"), "application/json", "file:bulk.json");

    private async Task<FileIngestProgress> IngestAsync(IReadOnlyList<string> orders)
    {
        await using var scope = host.Services.CreateAsyncScope();
        // Chunks of 150: the file is stored in several transactions, then counted at once.
        return await scope.ServiceProvider.GetRequiredService<FileIngestion>().IngestAsync("12345", File(orders), "test:bulk", null,
            CancellationToken.None, chunkSize: 150);
    }

    // need_tile_squares as counted against the squares of the stored needs (nothing is pending once a file returns).
    private async Task<long> TileSquareMismatchesAsync()
    {
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT count(*) FROM (
              (SELECT level, tx, ty, gx, gy, category_code, count FROM need_tile_squares EXCEPT {TileSquares.CountedSquaresSql})
              UNION ALL
              ({TileSquares.CountedSquaresSql} EXCEPT SELECT level, tx, ty, gx, gy, category_code, count FROM need_tile_squares)) x
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_bulk_file_revising_counted_needs_and_moving_needs_inside_itself_counts_as_a_rebuild_does()
    {
        Assert.True(RollupApplier.BatchSize >= 1_000, "each file is counted in one batch");
        // 1. 1,200 new orders over 900 places, three categories and 27 days (key matters by the grouped statement: over
        // KeyMatterRollupWriter.SetBasedFrom new needs).
        var first = Enumerable.Range(0, 1_200).Select(i => Order(i, i * 7, i % 3, i % 27, "2026-11-28 09:00:00")).ToList();
        Assert.Equal(first.Count, (await IngestAsync(first)).Accepted);
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        Assert.Equal(0, await TileSquareMismatchesAsync());

        // 2. The first 600 revised (moved, another category, another day); 200 new orders (key matters in memory); order
        // 1300 new in the first chunk and revised (moved, recategorised) in the last, so both of its changes fall in one
        // batch; and the first 50 revised a second time in the last chunk.
        var second = Enumerable.Range(0, 600).Select(i => Order(i, i * 7 + 311, i % 3 + 1, i % 27 + 3, "2026-11-29 09:00:00"))
            .Prepend(Order(1300, 3, 0, 5, "2026-11-29 09:00:00"))
            .Concat(Enumerable.Range(1_200, 200).Where(i => i != 1300).Select(i => Order(i, i * 7, i % 3, i % 27, "2026-11-29 09:00:00")))
            .Concat(Enumerable.Range(0, 50).Select(i => Order(i, i * 7 + 577, i % 3 + 2, i % 27 + 9, "2026-11-30 09:00:00")))
            .Append(Order(1300, 455, 2, 11, "2026-11-30 09:00:00"))
            .ToList();
        var revised = await IngestAsync(second);
        Assert.Equal(second.Count, revised.Accepted);
        Assert.Equal(1_400, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs"));
        Assert.Equal(1, await DerivedTables.ScalarAsync(host.ConnectionString,
            "SELECT count(*) FROM needs WHERE external_id = 'BULK-1300' AND category_code = 'employment.wage_arrears'"));
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        Assert.Equal(0, await TileSquareMismatchesAsync());
    }
}
