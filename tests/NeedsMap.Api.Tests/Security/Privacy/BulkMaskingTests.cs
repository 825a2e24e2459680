using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.MaskedSearch;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Sdk;
using Npgsql;

namespace NeedsMap.Api.Tests.Security.Privacy;

/// <summary>
/// A bulk file is counted without masking its texts (jieba's tagger was 40 % of counting a file), then masked before
/// <c>ingest</c> returns: the same masked texts a delivery writes, for created and for revised needs, and none of a
/// revised need's old text left behind.
/// </summary>
public sealed class BulkMaskingTests(ChannelHost host) : IClassFixture<ChannelHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await host.ExecuteSqlAsync("TRUNCATE needs, need_history, pending_rollups RESTART IDENTITY CASCADE");
        await host.WaitForPluginAsync("12345");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Order(int i, string text, string updated) => $$"""
        {"gdbh":"BULK-{{i:D4}}","ldsj":"2026-11-27 08:{{i % 60:D2}}:00","gxsj":"{{updated}}","qdly":"电话","ldrxm":"王小明","lxdh":"13857901234",
         "sqlx":"投诉","sqlb":"城乡建设/噪声污染/建筑施工噪声","sqnr":{{JsonSerializer.Serialize(text)}},"sqdz":"义乌市江东街道鸡鸣山社区宗泽东路88号附近",
         "ssjd":"江东街道","sssq":"鸡鸣山社区","jd":120.098233,"wd":29.295318,"blzt":"办理中"}
        """;

    private static ChannelPayload File(int count, Func<int, string> text, string updated) =>
        new(Encoding.UTF8.GetBytes("""{"code":"200","msg":"ok","data":{"total":""" + count.ToString(CultureInfo.InvariantCulture) + ""","rows":["""
            + string.Join(',', Enumerable.Range(0, count).Select(i => Order(i, text(i), updated))) + "]}}"),
            "application/json", "file:bulk.json");

    private async Task<Dictionary<long, (string Text, string? Masked)>> TextsAsync()
    {
        var texts = new Dictionary<long, (string, string?)>();
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT n.id, n.text, m.text FROM needs n LEFT JOIN {MaskedTexts.Table} m ON m.need_id = n.id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts[reader.GetInt64(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return texts;
    }

    private async Task<(FileIngestProgress Done, int MaskedWhenCounted)> IngestAsync(ChannelPayload file)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var maskedWhenCounted = -1;
        var done = await scope.ServiceProvider.GetRequiredService<FileIngestion>().IngestAsync("12345", file, "test:file", p =>
        {
            if (p.Counted)
            {
                // Read while the file is reported counted and before it is masked: what counting itself left in the table.
                using var connection = new NpgsqlConnection(host.ConnectionString);
                connection.Open();
                using var count = new NpgsqlCommand($"SELECT count(*) FROM {MaskedTexts.Table} m JOIN needs n ON n.id = m.need_id WHERE n.external_id LIKE 'BULK-%'", connection);
                maskedWhenCounted = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }, CancellationToken.None, chunkSize: 400);
        return (done, maskedWhenCounted);
    }

    [Fact]
    public async Task A_bulk_file_is_masked_after_it_is_counted_as_a_delivery_masks_it_and_a_revision_leaves_no_old_text()
    {
        const int count = 1_200; // more than a chunk, counted in one bulk batch
        var (first, maskedWhenCounted) = await IngestAsync(File(count, i => $"{i}号楼：我是王建国，电话13912341111，工地夜里打桩", "2026-11-27 09:00:00"));
        Assert.Equal(count, first.Accepted);
        Assert.Equal(0, maskedWhenCounted); // counting did not mask
        var texts = await TextsAsync();
        Assert.Equal(count, texts.Count);
        foreach (var (text, masked) in texts.Values)
        {
            Assert.Equal(PersonalDataMask.Scrub(text), masked);
            Assert.Contains("139****1111", masked, StringComparison.Ordinal);
            Assert.DoesNotContain("13912341111", masked, StringComparison.Ordinal);
            Assert.DoesNotContain("王建国", masked, StringComparison.Ordinal);
        }

        // The same orders, revised with new texts: their old masked texts go with the counting, the new ones follow.
        var (second, keptWhenCounted) = await IngestAsync(File(count, i => $"{i}号楼：联系人李秀英，手机13857905678，噪声依旧", "2026-11-28 09:00:00"));
        Assert.Equal(count, second.Accepted);
        Assert.Equal(0, keptWhenCounted);
        texts = await TextsAsync();
        Assert.Equal(count, texts.Count);
        foreach (var (text, masked) in texts.Values)
        {
            Assert.Contains("噪声依旧", masked, StringComparison.Ordinal);
            Assert.Equal(PersonalDataMask.Scrub(text), masked);
            Assert.DoesNotContain("13857905678", masked, StringComparison.Ordinal);
            Assert.DoesNotContain("王**", masked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_catch_up_masks_every_need_without_a_current_masked_text_batch_after_batch_wherever_its_id_lies()
    {
        const int count = 1_200;
        var (done, _) = await IngestAsync(File(count, i => $"{i}号楼：我是王建国，电话13912341111，工地夜里打桩", "2026-11-27 09:00:00"));
        Assert.Equal(count, done.Accepted);
        // Gaps anywhere in the ids: copies missing, and copies made by an older masking (with a text it would no longer write).
        var missing = await ScalarAsync($"WITH d AS (DELETE FROM {MaskedTexts.Table} WHERE need_id % 3 = 0 RETURNING 1) SELECT count(*) FROM d");
        var stale = await ScalarAsync($"WITH u AS (UPDATE {MaskedTexts.Table} SET version = version - 1, text = 'stale' WHERE need_id % 7 = 1 RETURNING 1) SELECT count(*) FROM u");
        Assert.True(missing > 300 && stale > 100, $"{missing} missing, {stale} stale");

        using var indexer = ActivatorUtilities.CreateInstance<MaskedTextIndexer>(host.Services);
        Assert.False(await indexer.AllCurrentAsync(CancellationToken.None));
        indexer.BatchSize = 97; // many batches, most of them starting past gaps and past masked needs
        Assert.Equal(missing + stale, await indexer.CatchUpAsync(CancellationToken.None));

        var texts = await TextsAsync();
        Assert.Equal(count, texts.Count);
        Assert.All(texts.Values, t => Assert.Equal(PersonalDataMask.Scrub(t.Text), t.Masked));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {MaskedTexts.Table} WHERE version <> {PersonalDataMask.Version}"));
        // Caught up: the next start finds nothing.
        Assert.True(await indexer.AllCurrentAsync(CancellationToken.None));
        Assert.Equal(0, await indexer.CatchUpAsync(CancellationToken.None));

        // The start's check sees one missing copy, or one from an older masking, at either end of the ids, and the walk mends it.
        var last = await ScalarAsync($"SELECT max(need_id) FROM {MaskedTexts.Table}");
        var first = await ScalarAsync($"SELECT min(need_id) FROM {MaskedTexts.Table}");
        foreach (var change in new[]
        {
            $"DELETE FROM {MaskedTexts.Table} WHERE need_id = {last}",
            $"UPDATE {MaskedTexts.Table} SET version = version - 1, text = 'stale' WHERE need_id = {first}",
        })
        {
            Assert.Equal(1, await ScalarAsync($"WITH c AS ({change} RETURNING 1) SELECT count(*) FROM c"));
            Assert.False(await indexer.AllCurrentAsync(CancellationToken.None), change);
            Assert.Equal(1, await indexer.CatchUpAsync(CancellationToken.None));
            Assert.True(await indexer.AllCurrentAsync(CancellationToken.None), change);
        }
        texts = await TextsAsync();
        Assert.All(texts.Values, t => Assert.Equal(PersonalDataMask.Scrub(t.Text), t.Masked));
    }

    private async Task<int> ScalarAsync(string sql)
    {
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
