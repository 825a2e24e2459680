using System.Net;
using System.Text.Json.Nodes;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Replica;

/// <summary>
/// With a standby configured, the map's lag-tolerant reads (cells, key matters, needStats, warnings) are answered from it;
/// when it goes away they fall over to the primary with the same answers and no error, <c>/health/ready</c> stays ready
/// and says the replica is degraded; when it returns, it serves again.
/// </summary>
public sealed class ReplicaFailoverTests(ReplicaHost host) : IClassFixture<ReplicaHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // The window ends before the other test's need (2026-06-11), so the two tests may run in either order.
    private const string ReadMix = """
        { cells(resolution: R500, window: { lastDay: "2026-06-01", days: 30 }) { id count }
          keyMatters(window: { lastDay: "2026-06-01", days: 30 }) { records categories { category { code } rank demandIndex } }
          needStats(groupBy: CATEGORY, where: { receivedBefore: "2026-06-02T00:00:00Z" }) { totalCount groups { key count } }
          warnings { id } }
        """;

    [Fact]
    public async Task Lag_tolerant_reads_go_to_the_replica_and_fall_over_to_the_primary_when_it_stops()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        for (var i = 0; i < 3; i++)
        {
            await TestNeeds.AddAsync(host, $"工地夜间施工噪声 {i}", "noise", TestNeeds.Offset(at, 30 * i, 0));
        }
        var ready = await ReadyAsync(c => c["status"]!.GetValue<string>() == "ok");
        Assert.StartsWith("replica streaming", ready["checks"]!["read_replica"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // The counts arrive on the standby once the rollups are applied on the primary and replayed.
        var onReplica = await AnswerAsync(a => a["needStats"]!["totalCount"]!.GetValue<int>() == 3
            && a["cells"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()) == 3 && a["keyMatters"]!["records"]!.GetValue<int>() == 3);
        Assert.True(await TestReplica.ConnectionsOfAsync(host.ReplicaConnectionString, host.ApplicationName) > 0, "no read connection reached the replica");
        Assert.Equal(0, await TestReplica.ConnectionsOfAsync(host.ConnectionString, host.ApplicationName));

        try
        {
            host.Proxy.Stop();
            var degraded = await ReadyAsync(c => c["checks"]!["read_replica"]!["status"]!.GetValue<string>() == "degraded");
            Assert.Equal("degraded", degraded["status"]!.GetValue<string>());
            Assert.Contains("unreachable", degraded["checks"]!["read_replica"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

            var onPrimary = await AnswerAsync(_ => true);
            Assert.Equal(onReplica.ToJsonString(), onPrimary.ToJsonString());
            Assert.True(await TestReplica.ConnectionsOfAsync(host.ConnectionString, host.ApplicationName) > 0, "the reads did not fall over to the primary");
        }
        finally
        {
            host.Proxy.Start();
        }
        await ReadyAsync(c => c["checks"]!["read_replica"]!["status"]!.GetValue<string>() == "ok");
        Assert.Equal(onReplica.ToJsonString(), (await AnswerAsync(_ => true)).ToJsonString());
    }

    [Fact]
    public async Task A_count_read_from_the_replica_before_it_replayed_a_change_is_dropped_from_the_cache_once_it_has()
    {
        await ReadyAsync(c => c["checks"]!["read_replica"]!["status"]!.GetValue<string>() == "ok");
        const string cells = """{ cells(resolution: R500, window: { lastDay: "2026-06-15", days: 10 }) { count } }""";
        async Task<int> CountAsync()
        {
            var body = await host.GraphQLAsync(cells);
            Assert.True(body["errors"] is null, body.ToJsonString());
            return body["data"]!["cells"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>());
        }
        var before = await CountAsync();
        var answers = host.Service<NeedsMap.Api.Weather.Caching.CellAnswerCache>();
        await using var standby = new Npgsql.NpgsqlConnection(host.ReplicaConnectionString);
        await standby.OpenAsync();
        // Pause only once the standby has replayed everything written so far. Paused while behind (the suite writes hundreds of
        // MB a minute), replay can stop inside a transaction of this database that holds an ACCESS EXCLUSIVE lock (a vacuum
        // truncating an emptied queue table), and every read of that table on the standby then waits until replay resumes.
        var written = await PrimaryScalarAsync("SELECT pg_current_wal_lsn()::text");
        await WaitAsync(async () => await StandbyAsync(standby, $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn") is true);
        await StandbyAsync(standby, "SELECT pg_wal_replay_pause()");
        try
        {
            await WaitAsync(async () => await StandbyAsync(standby, "SELECT pg_get_wal_replay_pause_state()") is "paused");
            var generation = answers.Generation;
            await TestNeeds.AddAsync(host, "夜里工地打桩", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan),
                receivedAt: TestNeeds.BaseTime.AddDays(10));
            // Counted on the primary and announced (LISTEN): the answer cache moved on, and the next read asks the paused standby.
            await WaitAsync(async () => await PendingRollupsAsync() == 0 && answers.Generation > generation);
            Assert.Equal(before, await CountAsync());
            Assert.Equal(before, await CountAsync());
        }
        finally
        {
            await StandbyAsync(standby, "SELECT pg_wal_replay_resume()");
        }
        // Replayed: the monitor sees the standby move and drops the answer read before, with no further change on the primary.
        await WaitAsync(async () => await CountAsync() == before + 1);
    }

    private static async Task<object?> StandbyAsync(Npgsql.NpgsqlConnection standby, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, standby);
        return await command.ExecuteScalarAsync();
    }

    private async Task<long> PendingRollupsAsync() => (long)(await PrimaryScalarAsync("SELECT count(*) FROM pending_rollups"))!;

    private async Task<object?> PrimaryScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(100);
        }
    }

    /// <summary>The read mix's data, polled until <paramref name="done"/>; any error fails at once (no 500, no error code tolerated here).</summary>
    private async Task<JsonNode> AnswerAsync(Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var body = await host.GraphQLAsync(ReadMix);
            Assert.True(body["errors"] is null, body.ToJsonString());
            var data = body["data"]!;
            if (done(data))
            {
                return data;
            }
            Assert.True(DateTime.UtcNow < deadline, "still " + data.ToJsonString());
            await Task.Delay(200);
        }
    }

    /// <summary><c>/health/ready</c> answering 200 (the replica never makes the server unready) once <paramref name="wanted"/> holds.</summary>
    private async Task<JsonNode> ReadyAsync(Func<JsonNode, bool> wanted)
    {
        using var client = host.CreateClient();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.StatusCode == HttpStatusCode.OK && body["checks"]?["read_replica"] is not null && wanted(body))
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"/health/ready: {(int)response.StatusCode} {body.ToJsonString()}");
            await Task.Delay(200);
        }
    }
}
