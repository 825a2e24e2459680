using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Channels.Batch;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// Issue #17: PostgreSQL stopped and started again under a running server, during pushes and during a file. A sender
/// retries what was not acknowledged, as channel systems do; in the end every acknowledged record is stored exactly once
/// and the derived tables hold what rebuilding them from the needs gives.
/// </summary>
public sealed class DatabaseOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>
{
    private OutageHost Host => fixture.Host;

    private Open311Deliveries Deliveries => new(Host.Service<ReferenceData>());

    private Task<long> ScalarAsync(string sql) => DerivedTables.ScalarAsync(Host.ConnectionString, sql);

    [Fact]
    public async Task Pushes_across_a_database_restart_are_each_stored_exactly_once_and_counted_as_a_rebuild_counts()
    {
        const int deliveries = 40, perDelivery = 5;
        await Host.WaitForPluginAsync("open311");
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var refused = 0;
        var outage = new TaskCompletionSource();

        var sender = Task.Run(async () =>
        {
            for (var d = 0; d < deliveries; d++)
            {
                var payload = Encoding.UTF8.GetBytes(Deliveries.Page("push", d * perDelivery, perDelivery));
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (true)
                {
                    // In process the test server hands the request's exception to the client; over the network it is an error status.
                    var (status, body) = await PushOrFailAsync(payload);
                    if (status == 200)
                    {
                        foreach (var receipt in body!["records"]!.AsArray())
                        {
                            Assert.Contains(receipt!["outcome"]!.GetValue<string>(), new[] { "stored", "unchanged" });
                            acknowledged[receipt["externalId"]!.GetValue<string>()] = receipt["needId"]!.GetValue<string>();
                        }
                        break;
                    }
                    Interlocked.Increment(ref refused);
                    Assert.True(DateTime.UtcNow < deadline, $"delivery {d} was never acknowledged (last status {status})");
                    await Task.Delay(200);
                }
                if (d == deliveries / 4)
                {
                    outage.TrySetResult();
                }
            }
        });
        await outage.Task;
        await fixture.Cluster.StopServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await fixture.Cluster.StartServerAsync();
        await sender;

        Assert.True(refused > 0, "no push met the outage");
        Assert.Equal(deliveries * perDelivery, acknowledged.Count);
        Assert.Equal(deliveries * perDelivery, await ScalarAsync("SELECT count(*) FROM needs WHERE external_id LIKE 'push-%'"));
        Assert.Equal(deliveries * perDelivery, await ScalarAsync("SELECT count(DISTINCT external_id) FROM needs WHERE external_id LIKE 'push-%'"));
        var stored = await IdsAsync("push-%");
        Assert.All(acknowledged, a => Assert.Equal(GlobalId.Encode("Need", stored[a.Key].ToString(System.Globalization.CultureInfo.InvariantCulture)), a.Value));
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(Host.Services, Host.ConnectionString));
    }

    [Fact]
    public async Task A_file_whose_ingest_the_database_restart_broke_is_ingested_again_and_stores_each_record_once()
    {
        const int records = 3000;
        await Host.WaitForPluginAsync("open311");
        var payload = new ChannelPayload(Encoding.UTF8.GetBytes(Deliveries.Page("file", 0, records)), "application/json", "file:outage.json");

        var first = IngestAsync(payload);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await ScalarAsync("SELECT count(*) FROM needs WHERE external_id LIKE 'file-%'") == 0 && !first.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "no chunk of the file was ever stored");
            await Task.Delay(20);
        }
        await fixture.Cluster.StopServerAsync();
        var broken = await Record.ExceptionAsync(() => first);
        Assert.NotNull(broken); // the ingest met the outage mid-file
        await fixture.Cluster.StartServerAsync();

        FileIngestProgress? done = null;
        for (var attempt = 1; done is null; attempt++)
        {
            try
            {
                done = await IngestAsync(payload);
            }
            catch (Exception ex) when (attempt < 5 && ex is Npgsql.NpgsqlException or InvalidOperationException)
            {
                await Task.Delay(500); // pooled connections from before the restart are found broken one by one
            }
        }

        Assert.True(done.Counted);
        Assert.Equal(records, done.Accepted);
        Assert.Equal(records, await ScalarAsync("SELECT count(*) FROM needs WHERE external_id LIKE 'file-%'"));
        Assert.Equal(records, await ScalarAsync("SELECT count(DISTINCT external_id) FROM needs WHERE external_id LIKE 'file-%'"));
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(Host.Services, Host.ConnectionString));
    }

    private async Task<(int Status, System.Text.Json.Nodes.JsonNode? Body)> PushOrFailAsync(byte[] payload)
    {
        try
        {
            return await Host.PushBytesAsync("open311", payload, "application/json");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or HttpRequestException or IOException)
        {
            return (0, null);
        }
    }

    private async Task<FileIngestProgress> IngestAsync(ChannelPayload payload)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FileIngestion>().IngestAsync("open311", payload, "test:file", null, CancellationToken.None, chunkSize: 200);
    }

    private async Task<Dictionary<string, long>> IdsAsync(string pattern)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(Host.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT external_id, id FROM needs WHERE external_id LIKE @p", connection);
        command.Parameters.AddWithValue("p", pattern);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }
        return ids;
    }
}
