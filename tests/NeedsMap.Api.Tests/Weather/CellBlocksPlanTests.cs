using System.Text.RegularExpressions;
using NeedsMap.Api.Tests.Needs;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// The cells path over the time blocks reads only the quarters its window's blocks lie in (CellReader.BlockSpan): without the
/// span the planner probed every quarter's index once a cell (bench/results/cells-bbox-blocks.md). And the quarters it reads
/// have statistics from the start: the demo year is written into them, not into the DEFAULT partitions.
/// </summary>
[Collection(DemoCityCollection.Name)]
public sealed partial class CellBlocksPlanTests(DemoCityHost host)
{
    [GeneratedRegex(@"^cell_demand_blocks_(\d{4})q(\d)$")]
    private static partial Regex QuarterPartition();

    [Fact]
    public async Task A_window_reads_only_the_quarters_its_blocks_lie_in()
    {
        var window = new CellWindow(new DateOnly(2026, 11, 19), 30);
        const int baselineWindows = 5;
        var cover = CellReader.BlocksOf(window, baselineWindows);
        static int Quarter(DateOnly day) => day.Year * 4 + (day.Month - 1) / 3;
        var (first, last) = (Quarter(cover.Min(b => b.Start)), Quarter(cover.Max(b => b.Start)));

        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var quarters = new Dictionary<string, int>();
        await using (var list = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'cell_demand_blocks'::regclass", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (QuarterPartition().Match(reader.GetString(0)) is { Success: true } m)
                {
                    quarters[m.Value] = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 4
                        + int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
                }
            }
        }
        var inside = quarters.Where(q => q.Value >= first && q.Value <= last).Select(q => q.Key).ToList();
        var outside = quarters.Keys.Except(inside).ToList();
        Assert.NotEmpty(inside);
        Assert.NotEmpty(outside); // the demo year and the partitions made ahead lie outside a five-month span

        await using var explain = new NpgsqlCommand("EXPLAIN " + CellReader.BlocksSql("TRUE"), connection);
        explain.Parameters.AddWithValue("resolution", (short)HexResolution.R100);
        CellReader.BindBlocks(explain, window, baselineWindows);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        var text = string.Join('\n', plan);
        Assert.All(inside, q => Assert.Contains(q, text));
        Assert.All(outside, q => Assert.DoesNotContain(q, text));
    }

    [Fact]
    public async Task The_demo_year_is_written_into_its_quarters_and_none_of_it_into_the_default_partitions()
    {
        // Rows ever inserted: a year loaded into the DEFAULT partitions and moved out by the upkeep (which the planner then
        // read as empty quarters until autovacuum analysed them: 1.4-4 s a bbox question at R100) would count here.
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in NeedsMap.Api.Partitions.PartitionUpkeep.Tables)
        {
            await using var inserted = new NpgsqlCommand("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = @name", connection);
            inserted.Parameters.AddWithValue("name", table + "_default");
            Assert.Equal(0L, (long)(await inserted.ExecuteScalarAsync())!);
        }
        // The quarters holding blocks of the demo year (to 20 November 2026) were analysed when the rebuild analysed their
        // parent; a quarter made ahead of today stays empty and unanalysed until something arrives in it.
        await using var analysed = new NpgsqlCommand("""
            SELECT string_agg(c.relname, ', ') FILTER (WHERE c.reltuples < 0), count(*)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'cell_demand_blocks'::regclass AND c.relname ~ '_\d{4}q\d$' AND c.relname <= 'cell_demand_blocks_2026q4'
            """, connection);
        await using var reader = await analysed.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(0), $"never analysed: {(reader.IsDBNull(0) ? "" : reader.GetString(0))}");
        Assert.True(reader.GetInt64(1) >= 5); // the demo year's five quarters, at least
    }
}
