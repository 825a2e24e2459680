using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Weather.Rollups;
using Npgsql;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// The derived tables as counting kept them, against what rebuilding them from the stored needs gives: cell rollups,
/// their time blocks and the current window's counts (all categories and by category), needStats' day (with and without the street), month and all-time counts (with the deltas not yet folded), the needs tiles' squares and their tops, and key matters' category rows (records, weight, anonymous records per jurisdiction, day and
/// category). Cases are left out: linking near-duplicates depends on the order needs arrive, which a rebuild replays
/// differently by design.
/// </summary>
internal static class DerivedTables
{
    private const string Snapshot = """
        SELECT 'cell|' || resolution || '|' || q || '|' || r || '|' || day || '|' || category_code || '|' || channel_code || '|' || count
               || '|' || round(weight::numeric, 6) FROM cell_demand WHERE count <> 0
        UNION ALL
        SELECT 'block|' || resolution || '|' || block_days || '|' || block_start || '|' || q || '|' || r || '|' || count || '|' || round(weight::numeric, 6)
        FROM cell_demand_blocks WHERE count <> 0
        UNION ALL
        SELECT 'matter|' || jurisdiction_code || '|' || day || '|' || category_code || '|' || records || '|' || round(weight::numeric, 6) || '|' || anonymous
        FROM key_matter_demand WHERE topic = '' AND records <> 0
        UNION ALL
        SELECT 'window|' || s.last_day || '|' || w.resolution || '|' || w.q || '|' || w.r || '|' || w.span_count || '|' || w.window_count
               || '|' || round(w.window_weight::numeric, 6) || '|' || w.previous_count || '|' || round(w.previous_weight::numeric, 6)
               || '|' || round(w.baseline_weight::numeric, 6)
        FROM cell_window_counts w CROSS JOIN cell_window_state s
        UNION ALL
        SELECT 'catwindow|' || s.last_day || '|' || w.resolution || '|' || w.category_code || '|' || w.q || '|' || w.r || '|' || w.span_count
               || '|' || w.window_count || '|' || round(w.window_weight::numeric, 6) || '|' || w.previous_count
               || '|' || round(w.previous_weight::numeric, 6) || '|' || round(w.baseline_weight::numeric, 6)
        FROM cell_window_category_counts w CROSS JOIN cell_window_state s
        UNION ALL
        SELECT 'statday|' || received_at || '|' || category_code || '|' || channel_code || '|' || status || '|' || jurisdiction_path || '|' || sum(count)
               || '|' || round(sum(weight)::numeric, 6)
        FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_days
              UNION ALL SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_deltas) d
        GROUP BY received_at, category_code, channel_code, status, jurisdiction_path HAVING sum(count) <> 0
        UNION ALL
        SELECT 'statcityday|' || received_at || '|' || category_code || '|' || channel_code || '|' || status || '|' || sum(count)
               || '|' || round(sum(weight)::numeric, 6)
        FROM (SELECT received_at, category_code, channel_code, status, count, weight FROM need_stat_city_days
              UNION ALL SELECT received_at, category_code, channel_code, status, count, weight FROM need_stat_deltas) d
        GROUP BY received_at, category_code, channel_code, status HAVING sum(count) <> 0
        UNION ALL
        SELECT 'statmonth|' || received_at || '|' || category_code || '|' || channel_code || '|' || status || '|' || jurisdiction_path || '|' || sum(count)
               || '|' || round(sum(weight)::numeric, 6)
        FROM (SELECT received_at, category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_months
              UNION ALL SELECT date_trunc('month', received_at, (SELECT zone FROM need_stat_settings)), category_code, channel_code, status,
                               jurisdiction_path, count, weight FROM need_stat_deltas) d
        GROUP BY received_at, category_code, channel_code, status, jurisdiction_path HAVING sum(count) <> 0
        UNION ALL
        SELECT 'stattotal|' || category_code || '|' || channel_code || '|' || status || '|' || jurisdiction_path || '|' || sum(count)
               || '|' || round(sum(weight)::numeric, 6)
        FROM (SELECT category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_totals
              UNION ALL SELECT category_code, channel_code, status, jurisdiction_path, count, weight FROM need_stat_deltas) d
        GROUP BY category_code, channel_code, status, jurisdiction_path HAVING sum(count) <> 0
        UNION ALL
        SELECT 'square|' || level || '|' || tx || '|' || ty || '|' || gx || '|' || gy || '|' || category_code || '|' || count FROM need_tile_squares
        UNION ALL
        SELECT 'squaretop|' || level || '|' || tx || '|' || ty || '|' || gx || '|' || gy || '|' || count || '|' || category_code FROM need_tile_square_tops
        """;

    /// <summary>Waits for background counting to finish, then returns what differs from a rebuild (empty when equal).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesFromRebuildAsync(IServiceProvider services, string connectionString)
    {
        await WaitUntilCountedAsync(connectionString);
        var counted = await ReadAsync(connectionString);
        // After a restart the server's pool may still hold connections the restart cut; each fails once, as a request would.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CellRollupRebuilder>().RebuildAsync(CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<KeyMatterRebuilder>().RebuildAsync(CancellationToken.None);
                break;
            }
            catch (NpgsqlException) when (attempt < 10)
            {
                await Task.Delay(200);
            }
        }
        var rebuilt = await ReadAsync(connectionString);
        return [.. counted.Except(rebuilt).Select(r => "counted only: " + r), .. rebuilt.Except(counted).Select(r => "rebuilt only: " + r)];
    }

    public static async Task WaitUntilCountedAsync(string connectionString, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (await ScalarAsync(connectionString, "SELECT count(*) FROM pending_rollups") > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Background counting never caught up with the pending changes.");
            }
            await Task.Delay(100);
        }
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(Probe(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The test's own look at the database, on connections of its own: never one from the server's pool, which a fault may have cut.
    private static string Probe(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "needsmap-test-probe" }.ConnectionString;

    private static async Task<HashSet<string>> ReadAsync(string connectionString)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(Probe(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Snapshot, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
