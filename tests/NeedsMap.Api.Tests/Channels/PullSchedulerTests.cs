using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>The Open311 plugin's pull source, polled by the running server from a GeoReport endpoint, across a restart.</summary>
public sealed class PullSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Pulled_requests_arrive_and_after_a_restart_the_server_resumes_from_its_checkpoint_without_repulling()
    {
        await using var geoReport = await FakeGeoReportEndpoint.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            geoReport.Add($"YW-311-10{i}", $"稠城街道第{i + 1}处路灯不亮。", Start.AddMinutes(10 * i), 120.075 + 0.001 * i, 29.307);
        }
        var database = TestDatabase.NewDatabaseConnectionString("pull");
        try
        {
            await using (var first = new PullHost(database, geoReport.Endpoint))
            {
                await first.InitializeAsync();
                await WaitForNeedsAsync(database, 3);
                Assert.Null(geoReport.Queries[0].UpdatedAfter);
                // The checkpoint is saved once the pulled page is stored and counted, a moment after the needs appear.
                Assert.Equal(Start.AddMinutes(20), await WaitForCheckpointAsync(database, Start.AddMinutes(20)));
            }

            geoReport.ForgetQueries();
            geoReport.Add("YW-311-103", "稠城街道第4处路灯不亮。", Start.AddMinutes(30), 120.078, 29.307);
            geoReport.Add("YW-311-104", "稠城街道第5处路灯不亮。", Start.AddMinutes(40), 120.079, 29.307);
            await using (var second = new PullHost(database, geoReport.Endpoint))
            {
                await second.InitializeAsync();
                await WaitForNeedsAsync(database, 5);
                var queries = geoReport.Queries;
                Assert.Equal(Start.AddMinutes(20), DateTimeOffset.Parse(queries[0].UpdatedAfter!, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(["YW-311-103", "YW-311-104"], queries.SelectMany(q => q.Served).Order());
            }
            Assert.Equal(5, await ScalarAsync(database, "SELECT count(DISTINCT external_id) FROM needs WHERE channel_code = 'open311'"));
            Assert.Equal(5, await ScalarAsync(database, "SELECT count(*) FROM needs"));
            Assert.Equal(0, await ScalarAsync(database, "SELECT count(*) FROM need_history WHERE kind <> 'created'"));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    private static async Task WaitForNeedsAsync(string database, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ScalarAsync(database, "SELECT count(*) FROM needs WHERE channel_code = 'open311'") < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} pulled needs arrived.");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<DateTimeOffset?> WaitForCheckpointAsync(string database, DateTimeOffset expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var saved = await CheckpointAsync(database) is { } text
                ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            if (saved == expected || DateTime.UtcNow > deadline)
            {
                return saved;
            }
            await Task.Delay(100);
        }
    }

    private static async Task<string?> CheckpointAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT checkpoint FROM channel_checkpoints WHERE channel_code = 'open311'", connection);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
