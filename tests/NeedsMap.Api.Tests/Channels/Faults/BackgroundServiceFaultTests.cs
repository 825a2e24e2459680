using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Channels.Pull;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.Loop;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.MaskedSearch;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Rollups;
using NeedsMap.Api.Operations.Telemetry;
using NeedsMap.Api.Partitions;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Events;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Warnings;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// Issue #17: background services survive their own faults and each other's. One test per background service puts a fault
/// under it (a table gone, a source down, its connection cut, a plugin refused) and shows it is still running and works
/// again once the fault is gone; one shows a service that dies does not take the application or the others with it.
/// </summary>
public sealed class BackgroundServiceFaultTests(ServiceFaultHost host) : IClassFixture<ServiceFaultHost>
{
    /// <summary>Every background service the application runs, each with the test below that faults it.</summary>
    private static readonly Type[] Covered =
    [
        typeof(ChannelPluginWatcher), typeof(PullScheduler), typeof(RollupApplierService), typeof(WarningDetectorService),
        typeof(WhistleEscalationJob), typeof(NeedChangeListener), typeof(WeatherEventListener), typeof(KeyMattersChangeListener),
        typeof(LoopChangeListener), typeof(OperationsSampler), typeof(PartitionUpkeepJob), typeof(NeedsMap.Api.Weather.Rollups.CellWindowTurnJob),
        typeof(PublicCellFeed), typeof(PublicKeyMattersFeed),
    ];

    /// <summary>Services that do their work once at start and then end by design, each with its fault test below.</summary>
    private static readonly Type[] RunOnce = [typeof(MaskedTextIndexer)];

    private BackgroundService Service(Type type) => host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType() == type);

    private void AssertRunning(Type type)
    {
        var task = Service(type).ExecuteTask;
        Assert.True(task is { IsCompleted: false }, $"{type.Name} stopped: {task?.Exception?.GetBaseException().Message}");
    }

    private async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + "; the server logged:\n" + string.Join("\n", host.Logs.Entries.TakeLast(15).Select(e => $"{e.Category}: {e.Message}")));
            await Task.Delay(100);
        }
    }

    private Task<long> ScalarAsync(string sql) => DerivedTables.ScalarAsync(host.ConnectionString, sql);

    [Fact]
    public void Every_background_service_of_the_application_has_a_fault_test_here()
    {
        var running = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Select(s => s.GetType())
            .Where(t => t.Assembly == typeof(PullScheduler).Assembly).ToHashSet();

        Assert.Equal(Covered.Concat(RunOnce).Select(t => t.Name).Order(), running.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task A_background_service_that_throws_stops_neither_the_application_nor_the_others()
    {
        var buggy = host.Services.GetServices<IHostedService>().OfType<ServiceFaultHost.ThrowingService>().Single();
        await EventuallyAsync(() => Task.FromResult(buggy.ExecuteTask is { IsFaulted: true }), "the buggy service never ran");

        using var client = host.CreateClient();
        Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
        Assert.All(Covered, AssertRunning);
        Assert.Null((await host.GraphQLAsync("{ channels { code } }"))["errors"]);
    }

    [Fact]
    public async Task The_plugin_watcher_survives_a_registration_the_database_refuses_and_registers_the_channel_once_it_may()
    {
        await host.ExecuteSqlAsync("ALTER TABLE channels ADD CONSTRAINT refuse_late_good CHECK (code <> 'late-good') NOT VALID");
        try
        {
            TestPlugins.Install(host.Plugins.Root, "Zz.LateGood", TestPlugins.Adapter("late-good"));
            await EventuallyAsync(() => Task.FromResult(host.Logs.Count("ChannelPluginWatcher", "registering its channels failed") >= 2),
                "the watcher never met the refused registration");
            AssertRunning(typeof(ChannelPluginWatcher));
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE channels DROP CONSTRAINT refuse_late_good");
        }
        await EventuallyAsync(async () => await ScalarAsync("SELECT count(*) FROM channels WHERE code = 'late-good'") == 1, "late-good was never registered");
        AssertRunning(typeof(ChannelPluginWatcher));
    }

    [Fact]
    public async Task The_pull_scheduler_survives_a_source_that_throws_on_every_pull_and_keeps_pulling_the_others()
    {
        await EventuallyAsync(async () => await ScalarAsync("SELECT count(*) FROM needs WHERE channel_code = 'pull-steady'") == ServiceFaultHost.SteadyRecords,
            "the steady source was not pulled to its end", seconds: 90);
        Assert.True(host.Logs.Count("PullScheduler", "Polling pull-throws failed") + await ScalarAsync(
            "SELECT count(*) FROM channels WHERE code = 'pull-throws' AND last_error LIKE '%the endpoint is down%'") > 0, "the failing source was never polled");
        AssertRunning(typeof(PullScheduler));
        Assert.Equal(ServiceFaultHost.SteadyRecords, await ScalarAsync("SELECT count(DISTINCT external_id) FROM needs WHERE channel_code = 'pull-steady'"));
    }

    [Fact]
    public async Task The_rollup_applier_survives_counting_that_fails_keeps_the_changes_pending_and_counts_them_once_it_can()
    {
        // The host's steady pull source stores needs for its first seconds: a need stored between reading the counted tables and
        // the rebuild below would show as a difference (run alone, this test met 5 counted against 7 rebuilt), so it goes first.
        await EventuallyAsync(async () => await ScalarAsync("SELECT count(DISTINCT external_id) FROM needs WHERE channel_code = 'pull-steady'") == ServiceFaultHost.SteadyRecords,
            "the steady source was not pulled to its end", seconds: 90);
        await DerivedTables.WaitUntilCountedAsync(host.ConnectionString);
        await host.ExecuteSqlAsync("ALTER TABLE cell_demand RENAME TO cell_demand_away");
        try
        {
            var (status, _) = await host.PushAsync("12345", PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First());
            Assert.Equal(200, status);
            await EventuallyAsync(() => Task.FromResult(host.Logs.Count("RollupApplierService", "they stay pending") >= 1), "counting never failed");
            Assert.True(await ScalarAsync("SELECT count(*) FROM pending_rollups") > 0);
            AssertRunning(typeof(RollupApplierService));
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE cell_demand_away RENAME TO cell_demand");
        }
        Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        AssertRunning(typeof(RollupApplierService));
    }

    [Fact]
    public async Task The_warning_detector_survives_a_run_that_fails_and_runs_cleanly_once_the_fault_is_gone()
    {
        var failures = host.Logs.Count("WarningDetectorService", "The warning detector failed");
        await host.ExecuteSqlAsync("ALTER TABLE cells RENAME TO cells_away");
        try
        {
            host.Service<WarningDetectorTrigger>().Nudge();
            await EventuallyAsync(() => Task.FromResult(host.Logs.Count("WarningDetectorService", "The warning detector failed") > failures), "the detector never failed");
            AssertRunning(typeof(WarningDetectorService));
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE cells_away RENAME TO cells");
        }
        await Task.Delay(1500); // a run already under way when the table came back may still fail once
        failures = host.Logs.Count("WarningDetectorService", "The warning detector failed");
        host.Service<WarningDetectorTrigger>().Nudge();
        await Task.Delay(2500); // the nudged run and a periodic one (every second here)
        Assert.Equal(failures, host.Logs.Count("WarningDetectorService", "The warning detector failed"));
        AssertRunning(typeof(WarningDetectorService));
    }

    [Fact]
    public async Task The_escalation_job_survives_runs_that_fail_and_runs_cleanly_once_the_fault_is_gone()
    {
        var failures = host.Logs.Count("WhistleEscalationJob", "Escalation run failed");
        await host.ExecuteSqlAsync("ALTER TABLE whistles RENAME TO whistles_away");
        try
        {
            await EventuallyAsync(() => Task.FromResult(host.Logs.Count("WhistleEscalationJob", "Escalation run failed") >= failures + 2), "escalation never failed");
            AssertRunning(typeof(WhistleEscalationJob));
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE whistles_away RENAME TO whistles");
        }
        await Task.Delay(700);
        failures = host.Logs.Count("WhistleEscalationJob", "Escalation run failed");
        await Task.Delay(1500); // five runs at 300 ms
        Assert.Equal(failures, host.Logs.Count("WhistleEscalationJob", "Escalation run failed"));
        AssertRunning(typeof(WhistleEscalationJob));
    }

    [Theory]
    [InlineData(typeof(NeedChangeListener))]
    [InlineData(typeof(WeatherEventListener))]
    [InlineData(typeof(KeyMattersChangeListener))]
    [InlineData(typeof(LoopChangeListener))]
    public async Task A_listener_whose_connection_is_cut_reconnects_and_listens_again(Type listener)
    {
        const string listening = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'";
        await EventuallyAsync(async () => await ScalarAsync(listening) == 4, "the four listeners never listened");
        var before = await ScalarAsync("SELECT coalesce(sum(pid), 0) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'");

        await ScalarAsync("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'");

        await EventuallyAsync(async () => await ScalarAsync(listening) == 4
            && await ScalarAsync("SELECT coalesce(sum(pid), 0) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'") != before,
            "the listeners never listened again");
        AssertRunning(listener);
        await EventuallyAsync(() => Task.FromResult(host.Service<NeedsMap.Api.Weather.Caching.CellAnswerCache>().IsListening), "the weather listener is not hearing");
        Assert.All(Covered, AssertRunning);
    }

    [Fact]
    public async Task The_public_feeds_survive_readings_that_fail_and_tell_the_public_again_once_they_can()
    {
        var cellFeed = host.Service<PublicCellFeed>();
        var matterFeed = host.Service<PublicKeyMattersFeed>();
        var cells = new System.Collections.Concurrent.ConcurrentQueue<CellChange>();
        var matters = new System.Collections.Concurrent.ConcurrentQueue<KeyMattersChange>();
        using var watchingCells = cellFeed.Following(HexResolution.R500, host.Service<PublicCellChangeHub>()).Subscribe(cells.Enqueue);
        using var watchingMatters = matterFeed.Following(TestNeeds.Jiangdong, host.Service<PublicKeyMattersChangeHub>()).Subscribe(matters.Enqueue);
        await EventuallyAsync(() => Task.FromResult(cellFeed.HasBaseline(HexResolution.R500) && matterFeed.HasBaseline(TestNeeds.Jiangdong)),
            "the feeds never took their baselines");
        var cellFailures = host.Logs.Count("PublicCellFeed", "Could not read the public's answer");
        var matterFailures = host.Logs.Count("PublicKeyMattersFeed", "Could not read the public's answer");

        await host.ExecuteSqlAsync("ALTER TABLE cell_window_counts RENAME TO cell_window_counts_away; ALTER TABLE key_matter_demand RENAME TO key_matter_demand_away");
        try
        {
            // As after a rebuild: the cached cells answers are dropped and the feeds read again.
            await host.ExecuteSqlAsync($"SELECT pg_notify('{CellNotifications.Channel}', '{CellNotifications.EverythingChanged}')");
            matterFeed.EverythingChanged();
            await EventuallyAsync(() => Task.FromResult(host.Logs.Count("PublicCellFeed", "Could not read the public's answer") > cellFailures
                && host.Logs.Count("PublicKeyMattersFeed", "Could not read the public's answer") > matterFailures), "the readings never failed");
            AssertRunning(typeof(PublicCellFeed));
            AssertRunning(typeof(PublicKeyMattersFeed));
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE cell_window_counts_away RENAME TO cell_window_counts; ALTER TABLE key_matter_demand_away RENAME TO key_matter_demand");
        }

        // Five needs in one spot today: the cell and the street's key matters change on the public's map, and the public hears so.
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        for (var i = 0; i < 5; i++)
        {
            await TestNeeds.AddAsync(host, $"路灯不亮第{i}晚", "noise.construction", at, receivedAt: DateTimeOffset.UtcNow);
        }
        var cellKey = host.Service<IHexGrid>().CellAt(at.Longitude, at.Latitude, HexResolution.R500).Id;
        await EventuallyAsync(() => Task.FromResult(cells.Any(c => c.CellId == cellKey) && !matters.IsEmpty), "the public never heard of the five needs");
        AssertRunning(typeof(PublicCellFeed));
        AssertRunning(typeof(PublicKeyMattersFeed));
    }

    [Fact]
    public async Task The_operations_sampler_survives_a_table_it_cannot_count_and_keeps_sampling()
    {
        await host.ExecuteSqlAsync("ALTER TABLE quarantined_records RENAME TO quarantined_records_away");
        var sampler = ActivatorUtilities.CreateInstance<OperationsSampler>(host.Services);
        try
        {
            await sampler.StartAsync(CancellationToken.None);
            await Task.Delay(1000); // its first sample, taken at start, fails on the missing table
            Assert.True(sampler.ExecuteTask is { IsCompleted: false }, $"The sampler stopped: {sampler.ExecuteTask?.Exception?.GetBaseException().Message}");
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE quarantined_records_away RENAME TO quarantined_records");
            await sampler.StopAsync(CancellationToken.None);
            sampler.Dispose();
        }
        AssertRunning(typeof(OperationsSampler));
    }

    [Fact]
    public async Task The_masked_text_indexer_reports_a_catch_up_that_fails_ends_cleanly_and_catches_up_on_the_next_start()
    {
        var failures = host.Logs.Count("MaskedTextIndexer", "Catching up masked need texts failed");
        await host.ExecuteSqlAsync($"ALTER TABLE {MaskedTexts.Table} RENAME TO masked_away");
        try
        {
            using var failing = ActivatorUtilities.CreateInstance<MaskedTextIndexer>(host.Services);
            await failing.StartAsync(CancellationToken.None);
            await failing.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(failing.ExecuteTask.IsCompletedSuccessfully, "A failed catch-up faulted the service instead of ending it.");
            Assert.Equal(failures + 1, host.Logs.Count("MaskedTextIndexer", "Catching up masked need texts failed"));
        }
        finally
        {
            await host.ExecuteSqlAsync($"ALTER TABLE masked_away RENAME TO {MaskedTexts.Table}");
        }
        // One need left without its masked copy, as a start after a crash leaves it: the catch-up is what masks it.
        var unmasked = await TestNeeds.AddAsync(host, "路灯不亮，李娜说", "utilities.streetlight", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan),
            externalId: "unmasked-catch-up");
        await host.ExecuteSqlAsync($"DELETE FROM {MaskedTexts.Table} WHERE need_id = {unmasked.Id}");
        // The steady pull source keeps storing needs meanwhile, which the rollup applier masks when it counts them: the catch-up
        // answers for every need stored before it began (a need stored after it was seen unmasked here on a busy machine).
        var storedBefore = await ScalarAsync("SELECT coalesce(max(id), 0) FROM needs");
        using var indexer = ActivatorUtilities.CreateInstance<MaskedTextIndexer>(host.Services);
        await indexer.CatchUpAsync(CancellationToken.None);
        Assert.Equal(0, await ScalarAsync(
            $"SELECT count(*) FROM needs n WHERE n.id <= {storedBefore} AND NOT EXISTS (SELECT 1 FROM {MaskedTexts.Table} m WHERE m.need_id = n.id)"));
    }

    [Fact]
    public async Task The_masked_text_indexer_leaves_the_catch_up_to_another_server_when_told()
    {
        var need = await TestNeeds.AddAsync(host, "路灯不亮，张伟说", "utilities.streetlight", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan),
            externalId: "unmasked-1");
        await host.ExecuteSqlAsync($"DELETE FROM {MaskedTexts.Table} WHERE need_id = {need.Id}");
        var off = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MaskedTextIndexer.CatchUpAtStartSetting] = "false" }).Build();
        using (var idle = ActivatorUtilities.CreateInstance<MaskedTextIndexer>(host.Services, (IConfiguration)off))
        {
            await idle.StartAsync(CancellationToken.None);
            await idle.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {MaskedTexts.Table} WHERE need_id = {need.Id}"));

        // By default a server catches up as it starts.
        using var catching = ActivatorUtilities.CreateInstance<MaskedTextIndexer>(host.Services);
        await catching.StartAsync(CancellationToken.None);
        await catching.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM {MaskedTexts.Table} WHERE need_id = {need.Id}"));
    }

    [Fact]
    public async Task The_cells_window_turn_survives_a_turn_that_fails_and_turns_once_it_can()
    {
        var job = host.Services.GetServices<IHostedService>().OfType<NeedsMap.Api.Weather.Rollups.CellWindowTurnJob>().Single();
        var failures = host.Logs.Count("CellWindowTurnJob", "Could not turn the current cells window");
        await host.ExecuteSqlAsync("ALTER TABLE cell_window_state RENAME TO cell_window_state_away");
        try
        {
            Assert.False(await job.TurnIfStaleAsync(CancellationToken.None));
            Assert.True(host.Logs.Count("CellWindowTurnJob", "Could not turn the current cells window") > failures, "the turn never failed");
            AssertRunning(typeof(NeedsMap.Api.Weather.Rollups.CellWindowTurnJob));
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER TABLE cell_window_state_away RENAME TO cell_window_state");
        }
        // Days missed while it failed: the table holds the window of three days ago (counted for that day, as it would be, not
        // only marked so: counts of today under an old day would be added again by the turn), and the next check turns it to today.
        var today = host.Service<NeedsMap.Api.Weather.Rollups.CityDays>().Today;
        await NeedsMap.Api.Weather.Rollups.CellWindowCounts.RecountAloneAsync(host.Service<Npgsql.NpgsqlDataSource>(), today.AddDays(-3), CancellationToken.None);
        Assert.True(await job.TurnIfStaleAsync(CancellationToken.None));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM cell_window_state WHERE last_day <> DATE '{today:yyyy-MM-dd}'"));
        Assert.False(await job.TurnIfStaleAsync(CancellationToken.None));
        AssertRunning(typeof(NeedsMap.Api.Weather.Rollups.CellWindowTurnJob));
    }

    [Fact]
    public async Task The_partition_upkeep_survives_a_run_that_fails_and_makes_the_coming_quarter_once_it_can()
    {
        // The farthest quarter the upkeep makes ahead holds no need yet: take its partition away, and the upkeep's function.
        var coming = PartitionUpkeep.QuarterName("needs", DateTimeOffset.UtcNow.AddMonths(3 * PartitionUpkeep.QuartersAhead));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {coming}"));
        await host.ExecuteSqlAsync($"DROP TABLE {coming}");
        var failures = host.Logs.Count("PartitionUpkeepJob", "Could not make the coming quarters' partitions");
        await host.ExecuteSqlAsync("ALTER FUNCTION needsmap_ensure_quarter(regclass, timestamptz) RENAME TO needsmap_ensure_quarter_away");
        try
        {
            using var failing = ActivatorUtilities.CreateInstance<PartitionUpkeepJob>(host.Services);
            await failing.StartAsync(CancellationToken.None); // its first run is inside the start, before the server serves
            Assert.Equal(failures + 1, host.Logs.Count("PartitionUpkeepJob", "Could not make the coming quarters' partitions"));
            Assert.True(failing.ExecuteTask is { IsCompleted: false }, "A failed run stopped the upkeep.");
            await failing.StopAsync(CancellationToken.None);
        }
        finally
        {
            await host.ExecuteSqlAsync("ALTER FUNCTION needsmap_ensure_quarter_away(regclass, timestamptz) RENAME TO needsmap_ensure_quarter");
        }
        using var upkeep = ActivatorUtilities.CreateInstance<PartitionUpkeepJob>(host.Services);
        await upkeep.StartAsync(CancellationToken.None);
        await upkeep.StopAsync(CancellationToken.None);
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM pg_class WHERE relname = '{coming}' AND relispartition"));
        AssertRunning(typeof(PartitionUpkeepJob));
    }
}
