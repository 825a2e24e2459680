using System.Globalization;
using System.Text.Json.Nodes;
using NeedsMap.Api.Partitions;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Partitions;

/// <summary>
/// Issue #18 item 4 (docs/partitions.md): needs and the cell rollups partitioned by quarter, with a DEFAULT partition
/// for quarters not made yet; the channel key still finds a need across partitions; upkeep and detaching.
/// </summary>
public sealed class PartitionTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    private const string Page = "{ needs(first: 50, order: RECEIVED_AT_ASC) { totalCount edges { node { id externalId text receivedAt } } } }";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<JsonArray> NeedsAsync()
    {
        var result = await host.GraphQLAsync(Page);
        Assert.Null(result["errors"]);
        return result["data"]!["needs"]!["edges"]!.AsArray();
    }

    private Task<string> PartitionOfAsync(string externalId) =>
        ScalarAsync<string>($"SELECT tableoid::regclass::text FROM needs WHERE external_id = '{externalId}'");

    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Needs_and_the_cell_rollups_are_partitioned_by_quarter_and_the_references_hold_through_need_keys()
    {
        foreach (var table in PartitionUpkeep.Tables)
        {
            Assert.Equal("r", await ScalarAsync<string>(
                $"SELECT partstrat::text FROM pg_partitioned_table WHERE partrelid = '{table}'::regclass"));
            Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM pg_inherits WHERE inhparent = '{table}'::regclass AND inhrelid = '{table}_default'::regclass"));
        }
        Assert.Equal("PRIMARY KEY (id, received_at)", await ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'pk_needs'"));
        // The five tables that referenced needs(id) reference need_keys, and so does need_cases (a need's link into a case), so a need's rows still go with it.
        Assert.Equal(6L, await ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = 'need_keys'::regclass AND confdeltype = 'c'"));
        var need = await TestNeeds.AddAsync(host, "路灯不亮", "utilities.streetlight", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), externalId: "goes");
        Assert.True(await ScalarAsync<long>($"SELECT count(*) FROM need_history WHERE need_id = {need.Id}") > 0);
        await host.ExecuteSqlAsync($"DELETE FROM needs WHERE id = {need.Id}");
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM need_history WHERE need_id = {need.Id}"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM need_keys WHERE need_id = {need.Id}"));
    }

    [Fact]
    public async Task A_redelivery_of_an_old_need_updates_it_in_place_whatever_time_the_channel_sends()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var old = new DateTimeOffset(2025, 2, 3, 4, 0, 0, TimeSpan.Zero);
        await host.Service<PartitionUpkeep>().EnsureAheadAsync(CancellationToken.None, 0); // gives 2025's first quarter its partition if the default held one
        var first = await TestNeeds.AddAsync(host, "井盖松动", "utilities.streetlight", at, externalId: "old-1", receivedAt: old);
        await host.Service<PartitionUpkeep>().EnsureAheadAsync(CancellationToken.None, 0);
        Assert.Equal("needs_2025q1", await PartitionOfAsync("old-1"));
        // Version 2 comes a year later and says it was received now: the same need is revised where it lies.
        var second = await TestNeeds.AddAsync(host, "井盖松动，已有人绊倒", "utilities.streetlight", at, externalId: "old-1",
            receivedAt: TestNeeds.BaseTime, version: 2);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM needs WHERE external_id = 'old-1'"));
        Assert.Equal("井盖松动，已有人绊倒", await ScalarAsync<string>("SELECT text FROM needs WHERE external_id = 'old-1'"));
        Assert.Equal(old.UtcDateTime, await ScalarAsync<DateTime>("SELECT received_at FROM needs WHERE external_id = 'old-1'"));
        Assert.Equal("needs_2025q1", await PartitionOfAsync("old-1"));
        Assert.Equal(2L, await ScalarAsync<long>($"SELECT max(version) FROM need_history WHERE need_id = {first.Id}"));
    }

    [Fact]
    public async Task A_need_in_a_quarter_without_a_partition_lands_is_found_and_moves_into_its_quarter_at_the_next_upkeep()
    {
        var far = new DateTimeOffset(2019, 8, 9, 10, 0, 0, TimeSpan.Zero);
        Assert.True(await ScalarAsync<bool>("SELECT to_regclass('needs_2019q3') IS NULL"));
        var need = await TestNeeds.AddAsync(host, "老旧小区加装电梯", "utilities.streetlight", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan),
            externalId: "far-1", receivedAt: far);
        Assert.Equal("needs_default", await PartitionOfAsync("far-1"));
        Assert.Contains(await NeedsAsync(), e => e!["node"]!["externalId"]!.GetValue<string>() == "far-1");

        var made = await host.Service<PartitionUpkeep>().EnsureAheadAsync(CancellationToken.None);
        Assert.Contains("needs_2019q3", made);
        Assert.Equal("needs_2019q3", await PartitionOfAsync("far-1"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM needs_default"));
        // Both tables were analysed as the row moved: the new quarter holds its one need in PostgreSQL's statistics (a table
        // never analysed says -1) and the DEFAULT none, so the planner does not take a full quarter for an empty one.
        Assert.Equal(1f, await ScalarAsync<float>("SELECT reltuples FROM pg_class WHERE relname = 'needs_2019q3'"));
        Assert.Equal(0f, await ScalarAsync<float>("SELECT reltuples FROM pg_class WHERE relname = 'needs_default'"));
        // The move kept its key, its history and its id.
        Assert.Equal(need.Id, await ScalarAsync<long>("SELECT need_id FROM need_keys WHERE external_id = 'far-1'"));
        Assert.True(await ScalarAsync<long>($"SELECT count(*) FROM need_history WHERE need_id = {need.Id}") > 0);
        Assert.Contains(await NeedsAsync(), e => e!["node"]!["externalId"]!.GetValue<string>() == "far-1");
    }

    [Fact]
    public async Task A_bulk_loads_span_gets_its_quarters_first_the_rollups_a_block_earlier_and_only_once()
    {
        var upkeep = host.Service<PartitionUpkeep>();
        var made = await upkeep.EnsureSpanAsync(new DateTimeOffset(2012, 1, 10, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2012, 8, 20, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        foreach (var table in PartitionUpkeep.Tables)
        {
            // 28 days before 10 January is in 2011's last quarter: a 28-day block starting there holds the first days.
            Assert.Equal(new[] { "2011q4", "2012q1", "2012q2", "2012q3" }.Select(q => $"{table}_{q}"), made.Where(m => m.Length == table.Length + "_2012q1".Length && m.StartsWith(table + "_", StringComparison.Ordinal)));
        }
        Assert.Empty(await upkeep.EnsureSpanAsync(new DateTimeOffset(2012, 1, 10, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2012, 8, 20, 0, 0, 0, TimeSpan.Zero), CancellationToken.None));
    }

    [Fact]
    public async Task Upkeep_makes_the_coming_quarters_once_and_a_second_run_changes_nothing()
    {
        var upkeep = new PartitionUpkeep(host.Service<NpgsqlDataSource>(), new At(new DateTimeOffset(2034, 5, 6, 0, 0, 0, TimeSpan.Zero)));
        var made = await upkeep.EnsureAheadAsync(CancellationToken.None);
        foreach (var table in PartitionUpkeep.Tables)
        {
            Assert.Contains($"{table}_2034q2", made);
            Assert.Contains($"{table}_2034q3", made);
            Assert.Contains($"{table}_2034q4", made);
        }
        // (It may also give quarters found in the DEFAULT partitions their own: other tests' rollups lie there.)
        Assert.Equal(9, made.Count(m => m.EndsWith("_2034q2", StringComparison.Ordinal) || m.EndsWith("_2034q3", StringComparison.Ordinal)
            || m.EndsWith("_2034q4", StringComparison.Ordinal)));
        var partitions = await ScalarAsync<long>("SELECT count(*) FROM pg_inherits WHERE inhparent = 'needs'::regclass");
        Assert.Empty(await upkeep.EnsureAheadAsync(CancellationToken.None));
        Assert.Equal(partitions, await ScalarAsync<long>("SELECT count(*) FROM pg_inherits WHERE inhparent = 'needs'::regclass"));
        Assert.Equal("FOR VALUES FROM ('2034-07-01 00:00:00+00') TO ('2034-10-01 00:00:00+00')",
            await ScalarAsync<string>("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'needs_2034q3'"));
        Assert.Equal("FOR VALUES FROM ('2034-07-01') TO ('2034-10-01')",
            await ScalarAsync<string>("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'cell_demand_2034q3'"));
    }

    [Fact]
    public async Task Detaching_takes_old_quarters_out_of_reads_and_leaves_newer_needs_alone()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        await TestNeeds.AddAsync(host, "旧诉求", "utilities.streetlight", at, externalId: "d-old", receivedAt: new DateTimeOffset(2017, 1, 5, 0, 0, 0, TimeSpan.Zero));
        await TestNeeds.AddAsync(host, "新诉求", "utilities.streetlight", at, externalId: "d-new", receivedAt: new DateTimeOffset(2017, 4, 5, 0, 0, 0, TimeSpan.Zero));
        await host.Service<PartitionUpkeep>().EnsureAheadAsync(CancellationToken.None);
        Assert.Equal("needs_2017q1", await PartitionOfAsync("d-old"));
        Assert.Equal("needs_2017q2", await PartitionOfAsync("d-new"));
        // The current-window tables holding a window whose 150 days reach both needs (the day turn only shifts them).
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        await NeedsMap.Api.Weather.Rollups.CellWindowCounts.RecountAloneAsync(host.Service<NpgsqlDataSource>(), new DateOnly(2017, 4, 10), CancellationToken.None);
        const string WindowSums = """
            SELECT (SELECT coalesce(sum(span_count), 0) FROM cell_window_counts WHERE resolution = 500)::text || '|'
                || (SELECT coalesce(sum(span_count), 0) FROM cell_window_category_counts WHERE resolution = 500 AND category_code = 'utilities.streetlight')::text
            """;
        var windowBefore = await ScalarAsync<string>(WindowSums);

        var (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync([DetachPartitionsCommand.Name, "--before", "2017-04-01"], host.Services);
        Assert.Equal(0, exit);
        Assert.Contains("detached needs_2017q1", run.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("needs_2017q2", run.Output.ToString(), StringComparison.Ordinal);

        var seen = (await NeedsAsync()).Select(e => e!["node"]!["externalId"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("d-old", seen);
        Assert.Contains("d-new", seen);
        Assert.Equal("needs_2017q2", await PartitionOfAsync("d-new"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM needs_2017q1 WHERE external_id = 'd-old'")); // kept, outside
        Assert.False(await ScalarAsync<bool>("SELECT relispartition FROM pg_class WHERE relname = 'needs_2017q1'"));
        // The tile squares (not partitioned) are recounted without the detached needs: tiles and bbox counts leave them too.
        await Channels.Faults.DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        Assert.Equal(await ScalarAsync<long>("SELECT count(*) FROM needs"),
            await ScalarAsync<long>("SELECT coalesce(sum(count), 0)::bigint FROM need_tile_squares WHERE level = 19"));
        // So are the current-window tables: the detached need left them too.
        var (cellsBefore, categoryBefore) = (long.Parse(windowBefore.Split('|')[0], CultureInfo.InvariantCulture), long.Parse(windowBefore.Split('|')[1], CultureInfo.InvariantCulture));
        Assert.True(categoryBefore >= 2, windowBefore);
        Assert.Equal($"{cellsBefore - 1}|{categoryBefore - 1}", await ScalarAsync<string>(WindowSums));
        Assert.Empty(await host.Service<PartitionUpkeep>().DetachBeforeAsync(new DateOnly(2017, 4, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Detach_partitions_needs_its_date()
    {
        var (exit, run) = await NeedsMap.Api.Tests.Cli.CliRun.InvokeAsync([DetachPartitionsCommand.Name], host.Services);
        Assert.Equal(2, exit);
        Assert.Contains("--before", run.Error.ToString(), StringComparison.Ordinal);
        Assert.Null(run.SettingsSeen);
    }
}
