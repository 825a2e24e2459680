using System.Text.RegularExpressions;
using NeedsMap.Api.Tests.Needs;
using NeedsMap.Api.Weather.Grid;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

/// <summary>
/// The cells path over the time blocks reads only the quarters its window's blocks lie in (CellReader.BlockSpan): without the
/// span the planner probed every quarter's index once a cell (bench/results/cells-bbox-blocks.md).
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
}
