using Npgsql;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// The default cells question kept answered (issue #18 item 4): <c>cell_window_counts</c> holds one row per cell and
/// resolution with its count and demand in the current window (<see cref="CellQueryDefaults"/>: 30 days ending on the day in
/// <c>cell_window_state</c>), the window before it and the baseline windows, so <see cref="CellReader"/> reads ~one row a
/// cell instead of hundreds of thousands of block rows, whatever the number of needs. Exact, not approximate:
/// <see cref="CellRollupWriter"/> adds each batch's deltas in the transaction that updates the blocks (days outside the
/// window's span are ignored); when the city day turns (<see cref="CellWindowTurnJob"/>) <see cref="TurnAsync"/> shifts it by the
/// days that changed part (<see cref="CellWindowShift"/>); <see cref="RecountAsync"/> recomputes the whole table from the blocks
/// after a rebuild, a category weight change, detached partitions and any turn that is not a step forward of less than a
/// window. The reader uses the table only when its window is the state's, checked in the same statement (one snapshot), and
/// otherwise reads the blocks.
/// Raw SQL only, like <c>need_tile_squares</c>: the EF model does not know these tables.
/// </summary>
public static class CellWindowCounts
{
    /// <summary>
    /// Whether the tables hold the window a reader asks for (parameters @last, @days, @baselines: <see cref="BindWindow"/>), as
    /// SQL, so the check and the read share one snapshot and a day turn committing in between cannot mix two windows.
    /// </summary>
    internal const string HoldsWindowSql = "EXISTS (SELECT 1 FROM cell_window_state WHERE last_day = @last AND days = @days AND baseline_windows = @baselines)";

    /// <summary>Whether a question's window has the shape the tables keep (the default days and baselines); only then can they hold it.</summary>
    internal static bool KeepsShapeOf(CellWindow window, int baselineWindows) =>
        window.Days == CellQueryDefaults.WindowDays && baselineWindows == CellQueryDefaults.BaselineWindows;

    /// <summary>The parameters of <see cref="HoldsWindowSql"/> for the window asked.</summary>
    internal static void BindWindow(NpgsqlCommand command, CellWindow window, int baselineWindows)
    {
        command.Parameters.AddWithValue("last", window.LastDay);
        command.Parameters.AddWithValue("days", window.Days);
        command.Parameters.AddWithValue("baselines", baselineWindows);
    }

    /// <summary>The writer's deltas (arrays res, q, r, day, cnt, w as in <see cref="CellRollupWriter"/>), one row per cell.</summary>
    internal static readonly string AddSql = AddSqlFor("cell_window_counts", byCategory: false);

    /// <summary>
    /// Where a day falls for the window ending on a last day (SQL expressions of the day, the last day, the days and the
    /// baselines): in its span (the window and the baselines), in the window, in the window before it, in the baselines (the
    /// span before the window). The one place the parts are cut from the days, for the writer's deltas, the recount by
    /// category and the day turn's shift.
    /// </summary>
    internal sealed record Cut(string Span, string Window, string Previous, string Baseline)
    {
        public static Cut Of(string day, string last, string days, string baselines) => new(
            Span: $"{day} <= {last} AND {day} > {last} - {days} * ({baselines} + 1)",
            Window: $"{day} <= {last} AND {day} > {last} - {days}",
            Previous: $"{day} <= {last} - {days} AND {day} > {last} - 2 * {days}",
            Baseline: $"{day} <= {last} - {days} AND {day} > {last} - {days} * ({baselines} + 1)");
    }

    /// <summary>The sums a current-window row keeps, added to what it holds (or inserted when the row is new).</summary>
    internal static string AddOnConflict(string table, bool byCategory) => $"""
        ON CONFLICT (resolution, {(byCategory ? "category_code, " : "")}q, r) DO UPDATE SET
            span_count = {table}.span_count + excluded.span_count,
            window_count = {table}.window_count + excluded.window_count,
            window_weight = {table}.window_weight + excluded.window_weight,
            previous_count = {table}.previous_count + excluded.previous_count,
            previous_weight = {table}.previous_weight + excluded.previous_weight,
            baseline_weight = {table}.baseline_weight + excluded.baseline_weight;
        """;

    /// <summary>
    /// The writer's deltas added to a current-window table, one row per cell (and per category, with the array @cat, when
    /// <paramref name="byCategory"/>), for the window <c>cell_window_state</c> holds.
    /// </summary>
    internal static string AddSqlFor(string table, bool byCategory)
    {
        var (cat, column, array) = byCategory ? ("d.cat, ", "category_code, ", ("@cat, ", "cat, ")) : ("", "", ("", ""));
        var cut = Cut.Of("d.day", "s.last_day", "s.days", "s.baseline_windows");
        return $"""
            INSERT INTO {table} (resolution, {column}q, r, jurisdiction_path, span_count, window_count, window_weight, previous_count, previous_weight,
                                 baseline_weight)
            SELECT d.res, {cat}d.q, d.r, min(c.jurisdiction_path), sum(d.cnt),
                   coalesce(sum(d.cnt) FILTER (WHERE {cut.Window}), 0),
                   coalesce(sum(d.w) FILTER (WHERE {cut.Window}), 0),
                   coalesce(sum(d.cnt) FILTER (WHERE {cut.Previous}), 0),
                   coalesce(sum(d.w) FILTER (WHERE {cut.Previous}), 0),
                   coalesce(sum(d.w) FILTER (WHERE {cut.Baseline}), 0)
            FROM unnest(@res, @q, @r, @day, {array.Item1}@cnt, @w) AS d(res, q, r, day, {array.Item2}cnt, w)
            CROSS JOIN cell_window_state s
            JOIN cells c ON c.resolution = d.res AND c.q = d.q AND c.r = d.r
            WHERE {cut.Span}
            GROUP BY d.res, {cat}d.q, d.r
            {AddOnConflict(table, byCategory)}
            """;
    }

    /// <summary>A cell with no need left in the span leaves the answer, as it leaves the blocks.</summary>
    internal static readonly string RemoveEmptySql = RemoveEmptySqlFor("cell_window_counts", byCategory: false,
        "SELECT DISTINCT res AS resolution, q, r FROM unnest(@res, @q, @r) AS k(res, q, r)");

    /// <summary>
    /// The rows of a current-window table left with no need in the span, among the keys <paramref name="keys"/> selects
    /// (columns resolution, q, r, and category_code when <paramref name="byCategory"/>), deleted: after the writer's deltas and
    /// after a shift.
    /// </summary>
    /// <remarks>
    /// <c>span_count + 0</c>: the planner may not use the column's statistics for the test. They are gathered on settled
    /// tables, where no row is at zero, so it took the emptied rows for one; after a day turn's shift at 1M needs (27,639
    /// keys, 2,347 emptied) it scanned the table once and the shift's keys once per emptied row: 64.9M comparisons, 4.5 s,
    /// where the hash join it picks now takes 0.12 s. The writer's few keys still probe the primary key. The rows deleted are
    /// the same: only the estimate changes.
    /// </remarks>
    internal static string RemoveEmptySqlFor(string table, bool byCategory, string keys) => $"""
        DELETE FROM {table} x USING ({keys}) d
        WHERE x.resolution = d.resolution{(byCategory ? " AND x.category_code = d.category_code" : "")} AND x.q = d.q AND x.r = d.r
          AND x.span_count + 0 <= 0;
        """;

    // The state row first, locked: a weight change's recount and the day turn's shift then take turns on it (the turn reads it
    // FOR UPDATE), never each holding what the other waits for. The parts as CellReader's blocks path numbers them: 0 the
    // window, 1 the window before, 2 the older baseline windows.
    private static readonly string RecountSql = $"""
        INSERT INTO cell_window_state (id, last_day, days, baseline_windows) VALUES (true, @last, @days, @baselines)
        ON CONFLICT (id) DO UPDATE SET last_day = excluded.last_day, days = excluded.days, baseline_windows = excluded.baseline_windows;
        DELETE FROM cell_window_counts;
        INSERT INTO cell_window_counts (resolution, q, r, jurisdiction_path, span_count, window_count, window_weight, previous_count, previous_weight,
                                        baseline_weight)
        SELECT d.resolution, d.q, d.r, min(d.jurisdiction_path), sum(d.count),
               coalesce(sum(d.count) FILTER (WHERE b.part = 0), 0),
               coalesce(sum(d.weight) FILTER (WHERE b.part = 0), 0),
               coalesce(sum(d.count) FILTER (WHERE b.part = 1), 0),
               coalesce(sum(d.weight) FILTER (WHERE b.part = 1), 0),
               coalesce(sum(d.weight) FILTER (WHERE b.part >= 1), 0)
        FROM unnest(@sizes, @starts, @parts) AS b(size, start, part)
        JOIN cell_demand_blocks d ON d.block_days = b.size AND d.block_start = b.start AND {CellReader.BlockSpan}
        GROUP BY d.resolution, d.q, d.r
        HAVING sum(d.count) > 0;
        """;

    /// <summary>
    /// Recomputes both tables for the window ending <paramref name="lastDay"/> (null: the state's own day, after a change of
    /// weights), in the caller's transaction; the caller holds the rollup writers off (a rebuild, a weight change: the tables
    /// locked, or <see cref="TurnAsync"/>: the writers' advisory lock), so no batch is counted twice or lost. Reads every block
    /// and day row of the window's span: seconds at 1M needs, most of a minute at 10M. Does nothing when there is no state and
    /// no day is given.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Both statements are built once from constants; every value is a parameter.")]
    public static async Task RecountAsync(NpgsqlConnection connection, DateOnly? lastDay, CancellationToken cancellationToken)
    {
        var last = lastDay ?? (await StateAsync(connection, forUpdate: true, cancellationToken))?.LastDay;
        if (last is not { } day)
        {
            return;
        }
        var window = new CellWindow(day, CellQueryDefaults.WindowDays);
        // The per-category table follows the same state, in the same statement batch (CellCategoryWindowCounts).
        await using var command = new NpgsqlCommand(RecountSql + CellCategoryWindowCounts.RecountSql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("last", day);
        command.Parameters.AddWithValue("days", CellQueryDefaults.WindowDays);
        command.Parameters.AddWithValue("baselines", CellQueryDefaults.BaselineWindows);
        CellReader.BindBlocks(command, window, CellQueryDefaults.BaselineWindows);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The window the tables hold: its last day, its length and its baseline windows.</summary>
    public sealed record State(DateOnly LastDay, int Days, int BaselineWindows);

    /// <summary>The window the tables hold, or null when they hold none.</summary>
    public static async Task<State?> StateAsync(NpgsqlConnection connection, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT last_day, days, baseline_windows FROM cell_window_state" + (forUpdate ? " FOR UPDATE" : ""), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new State(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt32(2))
            : null;
    }

    /// <summary>What a day turn did.</summary>
    public enum Turn
    {
        /// <summary>The tables already held the window (another server turned it first).</summary>
        AlreadyHeld,

        /// <summary>Moved by the days that entered and left each part (<see cref="CellWindowShift"/>).</summary>
        Shifted,

        /// <summary>Recounted from the span (no state yet, another window length, a jump back or of a window or more).</summary>
        Recounted,
    }

    /// <summary>
    /// Moves both tables to the window ending <paramref name="lastDay"/> in a transaction of its own, taking the rollup writers'
    /// turn first (what the day-turn job runs; idempotent, so several servers may run it). A turn forward by less than a window
    /// shifts the tables by the days that changed part (a few days of day rows, under the lock that holds counting off); any
    /// other move recounts them.
    /// </summary>
    public static async Task<Turn> TurnAsync(NpgsqlDataSource dataSource, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TakeWritersTurnAsync(connection, cancellationToken);
        var held = await StateAsync(connection, forUpdate: true, cancellationToken);
        Turn done;
        if (held is { } state && state.Days == CellQueryDefaults.WindowDays && state.BaselineWindows == CellQueryDefaults.BaselineWindows)
        {
            var step = lastDay.DayNumber - state.LastDay.DayNumber;
            if (step == 0)
            {
                return Turn.AlreadyHeld;
            }
            done = step is > 0 and < CellQueryDefaults.WindowDays ? Turn.Shifted : Turn.Recounted;
        }
        else
        {
            done = Turn.Recounted;
        }
        if (done == Turn.Shifted)
        {
            await CellWindowShift.ApplyAsync(connection, held!.LastDay, lastDay, cancellationToken);
        }
        else
        {
            await RecountAsync(connection, lastDay, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>
    /// Recounts both tables in a transaction of its own, taking the writers' turn, for <paramref name="lastDay"/> (null: the
    /// window they hold): after rows left <c>cell_demand</c> other than through the writer (detached partitions), which a shift
    /// would never take away; and the bench's and the tests' measure of a shift.
    /// </summary>
    public static async Task RecountAloneAsync(NpgsqlDataSource dataSource, DateOnly? lastDay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TakeWritersTurnAsync(connection, cancellationToken);
        await RecountAsync(connection, lastDay, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task TakeWritersTurnAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection);
        turn.Parameters.AddWithValue("key", Needs.Rollups.RollupApplier.RollupLockKey);
        await turn.ExecuteNonQueryAsync(cancellationToken);
    }
}
