using Npgsql;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// The default cells question kept answered (issue #18 item 4): <c>cell_window_counts</c> holds one row per cell and
/// resolution with its count and demand in the current window (<see cref="CellQueryDefaults"/>: 30 days ending on the day in
/// <c>cell_window_state</c>), the window before it and the baseline windows, so <see cref="CellReader"/> reads ~one row a
/// cell instead of hundreds of thousands of block rows, whatever the number of needs. Exact, not approximate:
/// <see cref="CellRollupWriter"/> adds each batch's deltas in the transaction that updates the blocks (days outside the
/// window's span are ignored), and <see cref="RecountAsync"/> recomputes the whole table from the blocks when the city day
/// turns (<see cref="CellWindowTurnJob"/>), after a rebuild and after a category weight changes. The reader uses the table
/// only when its window is the state's, checked in the same statement (one snapshot), and otherwise reads the blocks.
/// Raw SQL only, like <c>need_tile_squares</c>: the EF model does not know these tables.
/// </summary>
public static class CellWindowCounts
{
    /// <summary>The writer's deltas (arrays res, q, r, day, cnt, w as in <see cref="CellRollupWriter"/>), one row per cell.</summary>
    internal static readonly string AddSql = AddSqlFor("cell_window_counts", byCategory: false);

    /// <summary>
    /// The writer's deltas added to a current-window table, one row per cell (and per category, with the array @cat, when
    /// <paramref name="byCategory"/>): the one place the window, the window before and the baseline are cut from the days.
    /// </summary>
    internal static string AddSqlFor(string table, bool byCategory)
    {
        var (cat, column, array) = byCategory ? ("d.cat, ", "category_code, ", ("@cat, ", "cat, ")) : ("", "", ("", ""));
        return $"""
            INSERT INTO {table} (resolution, {column}q, r, jurisdiction_path, span_count, window_count, window_weight, previous_weight, baseline_weight)
            SELECT d.res, {cat}d.q, d.r, min(c.jurisdiction_path), sum(d.cnt),
                   coalesce(sum(d.cnt) FILTER (WHERE d.day > s.last_day - s.days), 0),
                   coalesce(sum(d.w) FILTER (WHERE d.day > s.last_day - s.days), 0),
                   coalesce(sum(d.w) FILTER (WHERE d.day <= s.last_day - s.days AND d.day > s.last_day - 2 * s.days), 0),
                   coalesce(sum(d.w) FILTER (WHERE d.day <= s.last_day - s.days), 0)
            FROM unnest(@res, @q, @r, @day, {array.Item1}@cnt, @w) AS d(res, q, r, day, {array.Item2}cnt, w)
            CROSS JOIN cell_window_state s
            JOIN cells c ON c.resolution = d.res AND c.q = d.q AND c.r = d.r
            WHERE d.day <= s.last_day AND d.day > s.last_day - s.days * (s.baseline_windows + 1)
            GROUP BY d.res, {cat}d.q, d.r
            ON CONFLICT (resolution, {column}q, r) DO UPDATE SET
                span_count = {table}.span_count + excluded.span_count,
                window_count = {table}.window_count + excluded.window_count,
                window_weight = {table}.window_weight + excluded.window_weight,
                previous_weight = {table}.previous_weight + excluded.previous_weight,
                baseline_weight = {table}.baseline_weight + excluded.baseline_weight;
            """;
    }

    /// <summary>A cell with no need left in the span leaves the answer, as it leaves the blocks.</summary>
    internal const string RemoveEmptySql = """
        DELETE FROM cell_window_counts x
        USING (SELECT DISTINCT res, q, r FROM unnest(@res, @q, @r) AS k(res, q, r)) d
        WHERE x.resolution = d.res AND x.q = d.q AND x.r = d.r AND x.span_count <= 0;
        """;

    // The parts as CellReader's blocks path numbers them: 0 the window, 1 the window before, 2 the older baseline windows.
    private const string RecountSql = """
        DELETE FROM cell_window_counts;
        INSERT INTO cell_window_state (id, last_day, days, baseline_windows) VALUES (true, @last, @days, @baselines)
        ON CONFLICT (id) DO UPDATE SET last_day = excluded.last_day, days = excluded.days, baseline_windows = excluded.baseline_windows;
        INSERT INTO cell_window_counts (resolution, q, r, jurisdiction_path, span_count, window_count, window_weight, previous_weight, baseline_weight)
        SELECT d.resolution, d.q, d.r, min(d.jurisdiction_path), sum(d.count),
               coalesce(sum(d.count) FILTER (WHERE b.part = 0), 0),
               coalesce(sum(d.weight) FILTER (WHERE b.part = 0), 0),
               coalesce(sum(d.weight) FILTER (WHERE b.part = 1), 0),
               coalesce(sum(d.weight) FILTER (WHERE b.part >= 1), 0)
        FROM unnest(@sizes, @starts, @parts) AS b(size, start, part)
        JOIN cell_demand_blocks d ON d.block_days = b.size AND d.block_start = b.start
        GROUP BY d.resolution, d.q, d.r
        HAVING sum(d.count) > 0;
        """;

    /// <summary>
    /// Recomputes the table for the window ending <paramref name="lastDay"/> (null: the state's own day, after a change of
    /// weights) from the blocks, in the caller's transaction. No batch may be counted twice or lost: a caller that already
    /// holds the rollup tables locked against writers (a rebuild, a weight change) passes <paramref name="takeTurn"/> false,
    /// since waiting for the writers' advisory lock while holding the tables they wait for would deadlock; the day-turn job
    /// holds nothing and takes the writers' turn first. Does nothing when there is no state and no day is given.
    /// </summary>
    public static async Task RecountAsync(NpgsqlConnection connection, DateOnly? lastDay, bool takeTurn, CancellationToken cancellationToken)
    {
        if (takeTurn)
        {
            await using var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection);
            turn.Parameters.AddWithValue("key", Needs.Rollups.RollupApplier.RollupLockKey);
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }
        var last = lastDay ?? await StateDayAsync(connection, cancellationToken);
        if (last is not { } day)
        {
            return;
        }
        var window = new CellWindow(day, CellQueryDefaults.WindowDays);
        var blocks = CellReader.BlocksOf(window, CellQueryDefaults.BaselineWindows);
        // The per-category table follows the same state, in the same statement batch (CellCategoryWindowCounts).
        await using var command = new NpgsqlCommand(RecountSql + CellCategoryWindowCounts.RecountSql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("last", day);
        command.Parameters.AddWithValue("days", CellQueryDefaults.WindowDays);
        command.Parameters.AddWithValue("baselines", CellQueryDefaults.BaselineWindows);
        command.Parameters.AddWithValue("sizes", blocks.Select(b => b.Size).ToArray());
        command.Parameters.AddWithValue("starts", blocks.Select(b => b.Start).ToArray());
        command.Parameters.AddWithValue("parts", blocks.Select(b => b.Part).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The last day of the window the table holds, or null when it holds none.</summary>
    public static async Task<DateOnly?> StateDayAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_day FROM cell_window_state", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateOnly>(0) : null;
    }

    /// <summary>Recounts in a transaction of its own: what the day-turn job runs.</summary>
    public static async Task TurnAsync(NpgsqlDataSource dataSource, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RecountAsync(connection, lastDay, takeTurn: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
