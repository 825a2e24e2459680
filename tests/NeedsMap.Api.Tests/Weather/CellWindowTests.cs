using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>Tokens as production checks them, on a hand-moved clock; the day-turn job checks hourly, so the test turns the day itself.</summary>
public sealed class CellWindowHost : SecuredHost
{
    public ManualClock Clock { get; } = new(ClockedWeatherHost.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Weather:WindowCheckSeconds", "3600");
        // Needs are written dated days past the hand-moved clock, then the day is turned over to count them.
        builder.UseSetting("NeedsMap:Ingestion:AheadOfClock", "3650.00:00:00");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

/// <summary>
/// Two paths, one answer (issue #18 item 4): the current-window table (<see cref="CellWindowCounts"/>) against the 1/7/28-day
/// blocks it stands in for, from the outside (GraphQL with each role's token, the public without one), over random needs,
/// revisions that move them and change their category, needs dated after the window, and the city day turning.
/// </summary>
public sealed class CellWindowTests(CellWindowHost host) : IClassFixture<CellWindowHost>, IAsyncLifetime
{
    private static readonly DateOnly Today = CellWindowNeeds.Today;
    private readonly CellWindowNeeds _data = new(host, 2026, "w");

    public async Task InitializeAsync()
    {
        host.Clock.Set(ClockedWeatherHost.Start);
        await WeatherTestData.ResetAsync(host);
        await CellWindowCounts.TurnAsync(host.Service<NpgsqlDataSource>(), Today, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<(string What, string? Token, string Resolution, object? Extra)> Questions()
    {
        var admin = host.Token(RoleRights.CityAdmin);
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, subject: "officer");
        var worker = host.Token(RoleRights.CommunityWorker, TestNeeds.ChouchengFirstCommunity, subject: "worker");
        foreach (var resolution in new[] { "R250", "R500", "R1000" })
        {
            yield return ($"admin {resolution}", admin, resolution, null);
            yield return ($"street officer {resolution}", officer, resolution, null);
            yield return ($"community worker {resolution}", worker, resolution, null);
        }
        foreach (var resolution in new[] { "R500", "R1000", "R2500" })
        {
            yield return ($"public {resolution}", null, resolution, null);
        }
        yield return ("admin R500 jurisdictionCode", admin, "R500", new { jurisdictionCode = TestNeeds.Jiangdong });
        yield return ("admin R500 where jurisdictionIn", admin, "R500", new { where = new { jurisdictionIn = new[] { TestNeeds.ChouchengFirstCommunity } } });
        yield return ("officer R250 where not jurisdictionIn", officer, "R250", new { where = new { not = new { jurisdictionIn = new[] { TestNeeds.Jimingshan } } } });
        yield return ("public R500 jurisdictionCode", null, "R500", new { jurisdictionCode = TestNeeds.Choucheng });
        var centre = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        yield return ("admin R250 bbox", admin, "R250", new { bbox = new { west = centre.Longitude - 0.02, south = centre.Latitude - 0.02, east = centre.Longitude + 0.01, north = centre.Latitude + 0.01 } });
    }

    /// <summary>Every question read from the table, then (the state made not current) from the blocks; both must agree exactly.</summary>
    private Task AssertBothPathsAgreeAsync(DateOnly lastDay) => _data.AssertTableAgreesWithFallbackAsync(lastDay, Questions(), "blocks");

    [Fact]
    public async Task The_current_window_table_answers_every_role_as_the_blocks_do_through_revisions_and_day_turns()
    {
        await _data.WriteRandomlyAsync(Today, created: 70, revised: 15);
        await AssertBothPathsAgreeAsync(Today);

        // The city day turns: the table moves to the new window; needs dated ahead of the old window now count.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await _data.TurnAndCompareWithRecountAsync(Today.AddDays(1), CellWindowCounts.Turn.Shifted);
        await AssertBothPathsAgreeAsync(Today.AddDays(1));

        // Counted incrementally on the turned window, then a day skipped (a server down over two midnights).
        await _data.WriteRandomlyAsync(Today.AddDays(1), created: 30, revised: 15);
        await AssertBothPathsAgreeAsync(Today.AddDays(1));
        await _data.TurnAndCompareWithRecountAsync(Today.AddDays(3), CellWindowCounts.Turn.Shifted);
        await AssertBothPathsAgreeAsync(Today.AddDays(3));
    }

    [Fact]
    public async Task A_turn_forward_by_less_than_a_window_shifts_the_tables_and_any_other_move_recounts_them()
    {
        await _data.WriteRandomlyAsync(Today, created: 60, revised: 10);
        // Every cut moves by 29 days: the most a shift carries.
        await _data.TurnAndCompareWithRecountAsync(Today.AddDays(29), CellWindowCounts.Turn.Shifted);
        // A second server turning the same day finds it turned.
        Assert.Equal(CellWindowCounts.Turn.AlreadyHeld, await CellWindowCounts.TurnAsync(host.Service<NpgsqlDataSource>(), Today.AddDays(29), CancellationToken.None));
        // A whole window or more (a server down for a month), or back (a clock set back): recounted.
        await _data.TurnAndCompareWithRecountAsync(Today.AddDays(59), CellWindowCounts.Turn.Recounted);
        await _data.TurnAndCompareWithRecountAsync(Today, CellWindowCounts.Turn.Recounted);
        await _data.TurnAndCompareWithRecountAsync(Today.AddDays(1), CellWindowCounts.Turn.Shifted);
        await AssertBothPathsAgreeAsync(Today.AddDays(1));
    }

    [Fact]
    public async Task The_public_guard_judges_jurisdiction_only_questions_from_the_counts_read_with_the_answer_from_the_table_and_the_blocks_as_from_the_day_rows()
    {
        await _data.WriteRandomlyAsync(Today, created: 150, revised: 20, revisedSpreadDays: 120);
        var guard = host.Service<NeedsMap.Api.Weather.Rollups.PublicCells>();
        var asked = Questions().Where(q => q.Token is null).Concat(
        [
            ("public R500 where not jurisdictionIn", null, "R500", new { where = new { not = new { jurisdictionIn = new[] { TestNeeds.Jimingshan } } } }),
            ("public R1000 where or", null, "R1000", new { where = new { or = new object[] { new { jurisdictionIn = new[] { TestNeeds.Jiangdong } }, new { jurisdictionIn = new[] { TestNeeds.ChouchengFirstCommunity } } } } }),
        ]).ToList();
        async Task<SortedDictionary<string, string>> CellsCountedFromDaysAsync(string? token, string resolution, DateOnly lastDay, object? extra)
        {
            guard.JudgeFromAnswer = false;
            try
            {
                return await _data.CellsAsync(token, resolution, lastDay, extra);
            }
            finally
            {
                guard.JudgeFromAnswer = true;
            }
        }
        // The answer (and so its counts) from the blocks: the table made to hold another day for the one question.
        async Task<SortedDictionary<string, string>> CellsWithCountsFromBlocksAsync(string? token, string resolution, DateOnly lastDay, object? extra)
        {
            await host.ExecuteSqlAsync("UPDATE cell_window_state SET last_day = last_day - 1000");
            try
            {
                return await _data.CellsAsync(token, resolution, lastDay, extra);
            }
            finally
            {
                await host.ExecuteSqlAsync("UPDATE cell_window_state SET last_day = last_day + 1000");
            }
        }
        var shown = 0;
        var withHistory = 0;
        (string Resolution, object? Extra)? todayWithHistory = null;
        // The guard judges from the counts the answer's statement read: today from the current-window table, 17 days back (not
        // the table's window) or with the table made stale from the blocks. Either must judge as a statement over the day rows.
        foreach (var lastDay in new[] { Today, Today.AddDays(-17) })
        {
            foreach (var (what, token, resolution, extra) in asked)
            {
                var fastest = await _data.CellsAsync(token, resolution, lastDay, extra);
                var fromBlocks = await CellsWithCountsFromBlocksAsync(token, resolution, lastDay, extra);
                var fromDays = await CellsCountedFromDaysAsync(token, resolution, lastDay, extra);
                Assert.True(fastest.SequenceEqual(fromDays), $"{what} on {lastDay}: fastest {string.Join("; ", fastest)} days {string.Join("; ", fromDays)}");
                Assert.True(fromBlocks.SequenceEqual(fromDays), $"{what} on {lastDay}: blocks {string.Join("; ", fromBlocks)} days {string.Join("; ", fromDays)}");
                shown += fastest.Count;
                var history = fastest.Values.Count(v => v.Split('|')[3] != "0");
                withHistory += history;
                if (history > 0 && lastDay == Today)
                {
                    todayWithHistory ??= (resolution, extra);
                }
            }
        }
        Assert.True(shown > 3, $"{shown} cells shown to the public");
        Assert.True(withHistory > 0, "no cell shown with a window before it: the guard's second part was never judged");
        Assert.True(todayWithHistory is not null, "no question of today's window showed a window before it");

        // Today's fastest guard reads the table: a mark only its previous_count carries (the answer shows the window before's
        // weight, not its count) withholds every window before, where the guard over the day rows still shows them.
        await host.ExecuteSqlAsync("UPDATE cell_window_counts SET previous_count = previous_count - 100000");
        try
        {
            var (markedResolution, markedExtra) = todayWithHistory!.Value;
            var marked = await _data.CellsAsync(null, markedResolution, Today, markedExtra);
            var fromDays = await CellsCountedFromDaysAsync(null, markedResolution, Today, markedExtra);
            Assert.All(marked.Values, v => Assert.Equal("0", v.Split('|')[3]));
            Assert.Contains(fromDays.Values, v => v.Split('|')[3] != "0");
        }
        finally
        {
            await host.ExecuteSqlAsync("UPDATE cell_window_counts SET previous_count = previous_count + 100000");
        }
    }

    [Fact]
    public async Task The_public_guard_withholds_a_cell_whose_jurisdiction_it_does_not_know_however_many_needs_it_counted()
    {
        // Every cell row has a community (the nearest when none holds its centre), so only a cell missing from the directory
        // has none. The answer's counts cannot say which combination of conditions its needs meet: it is withheld, not credited.
        var guard = host.Service<PublicCells>();
        var window = new CellWindow(Today, 30);
        var known = new CellDemandSummary(new(NeedsMap.Api.Weather.Grid.HexResolution.R500, 3, 4), TestNeeds.Jimingshan, 40, 40, 30, 30, 4, window);
        var unknown = known with { Cell = new(NeedsMap.Api.Weather.Grid.HexResolution.R500, 5, 6), JurisdictionCode = "" };
        PublicCells.WindowPartCounts[] counts = [new(40, 30, 90), new(40, 30, 90)];

        var withoutConditions = await guard.GuardAsync([known, unknown], counts, NeedsMap.Api.Weather.Grid.HexResolution.R500, null, null, window, 4, 5,
            CancellationToken.None);
        var inJurisdiction = await guard.GuardAsync([known, unknown], counts, NeedsMap.Api.Weather.Grid.HexResolution.R500, TestNeeds.Jimingshan, null,
            window, 4, 5, CancellationToken.None);

        Assert.Equal([known.Cell], withoutConditions.Select(c => c.Cell));
        Assert.Equal([known.Cell], inJurisdiction.Select(c => c.Cell));
        // The known cell keeps its window before and its baseline: all three parts passed.
        Assert.Equal(30, withoutConditions[0].PreviousDemandIndex);
        Assert.Equal(30, withoutConditions[0].Baseline);
    }

    [Fact]
    public async Task Cells_read_the_current_window_table_when_it_holds_the_window_asked_and_the_blocks_otherwise()
    {
        await TestNeeds.AddAsync(host, "施工噪音", "noise.construction", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan), receivedAt: ClockedWeatherHost.Start);
        var admin = host.Token(RoleRights.CityAdmin);
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today)));
        // A mark only the table carries shows which path answered.
        await host.ExecuteSqlAsync("UPDATE cell_window_counts SET window_count = window_count + 1000");
        Assert.Equal("1001", Count(await _data.CellsAsync(admin, "R500", Today)));
        // Another window reads the blocks: the need, received today, is not in the window ending yesterday.
        Assert.Empty(await _data.CellsAsync(admin, "R500", Today.AddDays(-1)));
        // The table holds yesterday's window: today's question goes to the blocks until the day is turned.
        await host.ExecuteSqlAsync("UPDATE cell_window_state SET last_day = last_day - 1");
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today)));
        await CellWindowCounts.RecountAloneAsync(host.Service<NpgsqlDataSource>(), Today, CancellationToken.None);
        Assert.Equal("1", Count(await _data.CellsAsync(admin, "R500", Today)));
        // A TRUNCATE of the blocks (a reset) empties the table with them.
        await host.ExecuteSqlAsync("TRUNCATE cell_demand_blocks");
        Assert.Equal(0, await _data.ScalarAsync("SELECT count(*) FROM cell_window_counts"));
    }

    private static string Count(SortedDictionary<string, string> cells) => cells.Single().Value.Split('|')[1];
}
