using NeedsMap.Api.Reference;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Weather.Caching;
using NeedsMap.Api.Weather.Grid;
using Npgsql;

namespace NeedsMap.Api.Tests.Weather;

internal static class WeatherTestData
{
    public static async Task ResetAsync(NeedsMapHost host)
    {
        await host.ExecuteSqlAsync("TRUNCATE needs, need_history, pending_rollups, cell_demand, cell_demand_blocks, cells, demand_warnings, need_tile_squares RESTART IDENTITY CASCADE");
        // The truncate bypasses the write paths that tell the server its cached cells are out of date.
        host.Service<CellAnswerCache>().Invalidate();
        host.Service<CellDirectory>().Clear();
        // A test that changed a weight with SQL restores it with SQL, which the server's catalog snapshot does not hear: reload
        // it, or the next test's incremental counts use the old weight while a rebuild reads the restored one.
        await host.Service<ReferenceData>().ReloadAsync();
    }

    /// <summary>
    /// Waits for the weather listener's LISTEN (until then nothing is cached, answers or responses) and for the notifications
    /// of the test's own writes to have arrived: each one empties the caches, so one landing late would turn a hit into a miss.
    /// </summary>
    public static async Task WaitUntilSettledAsync(NeedsMapHost host)
    {
        var cache = host.Service<CellAnswerCache>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!cache.IsListening && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(cache.IsListening, "The weather listener never started listening.");
        long generation;
        do
        {
            generation = cache.Generation;
            await Task.Delay(200);
        }
        while (cache.Generation != generation && DateTime.UtcNow < deadline);
    }

    /// <summary>Rollup rows (resolution, cell, day, category, channel) → (count, weight), read straight from the table.</summary>
    public static async Task<Dictionary<string, (int Count, double Weight)>> RollupsAsync(NeedsMapHost host)
    {
        var rows = new Dictionary<string, (int, double)>();
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT resolution, q, r, day, category_code, channel_code, count, weight FROM cell_demand", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var cell = new HexCell((HexResolution)reader.GetInt16(0), reader.GetInt32(1), reader.GetInt32(2));
            rows[$"{cell.Id}|{reader.GetFieldValue<DateOnly>(3):yyyy-MM-dd}|{reader.GetString(4)}|{reader.GetString(5)}"] =
                (reader.GetInt32(6), Math.Round(reader.GetDouble(7), 9));
        }
        return rows;
    }

    /// <summary>Rows of cell_demand_blocks that differ from the blocks derived from cell_demand (none when both agree).</summary>
    public static async Task<long> BlockMismatchesAsync(NeedsMapHost host)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH derived AS (
                SELECT d.resolution, s.size::smallint AS block_days, date '2000-01-03' + ((d.day - date '2000-01-03') / s.size) * s.size AS block_start,
                       d.q, d.r, sum(d.count)::int AS count, round(sum(d.weight)::numeric, 6) AS weight
                FROM cell_demand d CROSS JOIN (VALUES (1), (7), (28)) AS s(size) GROUP BY 1, 2, 3, 4, 5),
            stored AS (SELECT resolution, block_days, block_start, q, r, count, round(weight::numeric, 6) AS weight FROM cell_demand_blocks)
            SELECT (SELECT count(*) FROM (SELECT * FROM derived EXCEPT SELECT * FROM stored) x)
                 + (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM derived) y)
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The same keys computed from the raw needs with the grid, as a rollup should hold them.</summary>
    public static async Task<Dictionary<string, (int Count, double Weight)>> FromRawNeedsAsync(NeedsMapHost host)
    {
        var grid = host.Service<IHexGrid>();
        var raw = new Dictionary<string, (int Count, double Weight)>();
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT ST_X(location), ST_Y(location), (received_at AT TIME ZONE 'Asia/Shanghai')::date, category_code, channel_code, weight
            FROM needs
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            foreach (var resolution in grid.Resolutions)
            {
                var cell = grid.CellAt(reader.GetDouble(0), reader.GetDouble(1), resolution);
                var key = $"{cell.Id}|{reader.GetFieldValue<DateOnly>(2):yyyy-MM-dd}|{reader.GetString(3)}|{reader.GetString(4)}";
                var (count, weight) = raw.GetValueOrDefault(key);
                raw[key] = (count + 1, weight + reader.GetDouble(5));
            }
        }
        return raw.ToDictionary(kv => kv.Key, kv => (kv.Value.Count, Math.Round(kv.Value.Weight, 9)));
    }
}
