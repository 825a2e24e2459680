using Npgsql;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// The day turn as a shift, not a recount: when the window moves forward by k days (fewer than a window), a day's part
/// changes only where a cut moved, in four runs of k days: the days entering the window, those passing from the window into
/// the window before (and into the baselines), those passing from the window before into the older baselines, and those
/// leaving the span. Their day rows of <c>cell_demand</c> are read (by resolution and day, its index), the difference of
/// each row's parts between the old and the new window summed per cell and category, and added to both current-window
/// tables, so the turn reads ~4k days of rows instead of the span's 150 (k = 1: 49 s at 10M needs by recount, under the
/// lock that holds counting off). Exact as the recount is: the tests compare the two after every turn.
/// </summary>
internal static class CellWindowShift
{
    private static readonly short[] Resolutions = Enum.GetValues<Grid.HexResolution>().Select(r => (short)r).ToArray();

    /// <summary>The batch: the differences into a temporary table, added to both tables, emptied rows removed, the state moved.</summary>
    internal static readonly string Sql = BuildSql();

    private static string BuildSql()
    {
        var before = CellWindowCounts.Cut.Of("d.day", "@old", "@days", "@baselines");
        var after = CellWindowCounts.Cut.Of("d.day", "@new", "@days", "@baselines");
        static string Moved(string after, string before) => $"(({after})::int - ({before})::int)";
        const string Sums = "span_count, window_count, window_weight, previous_count, previous_weight, baseline_weight";
        return $"""
            CREATE TEMPORARY TABLE cell_window_shift ON COMMIT DROP AS
            SELECT d.resolution, d.category_code, d.q, d.r, min(d.jurisdiction_path) AS jurisdiction_path,
                   sum(d.count * {Moved(after.Span, before.Span)})::integer AS span_count,
                   sum(d.count * {Moved(after.Window, before.Window)})::integer AS window_count,
                   sum(d.weight * {Moved(after.Window, before.Window)}) AS window_weight,
                   sum(d.count * {Moved(after.Previous, before.Previous)})::integer AS previous_count,
                   sum(d.weight * {Moved(after.Previous, before.Previous)}) AS previous_weight,
                   sum(d.weight * {Moved(after.Baseline, before.Baseline)}) AS baseline_weight
            FROM cell_demand d
            WHERE d.resolution = ANY(@resolutions)
              AND ((d.day > @old AND d.day <= @new)
                OR (d.day > @old - @days AND d.day <= @new - @days)
                OR (d.day > @old - 2 * @days AND d.day <= @new - 2 * @days)
                OR (d.day > @old - @days * (@baselines + 1) AND d.day <= @new - @days * (@baselines + 1)))
            GROUP BY d.resolution, d.category_code, d.q, d.r;
            INSERT INTO cell_window_category_counts (resolution, category_code, q, r, jurisdiction_path, {Sums})
            SELECT resolution, category_code, q, r, jurisdiction_path, {Sums} FROM cell_window_shift
            {CellWindowCounts.AddOnConflict("cell_window_category_counts", byCategory: true)}
            {CellWindowCounts.RemoveEmptySqlFor("cell_window_category_counts", byCategory: true, "SELECT resolution, category_code, q, r FROM cell_window_shift")}
            INSERT INTO cell_window_counts (resolution, q, r, jurisdiction_path, {Sums})
            SELECT resolution, q, r, min(jurisdiction_path), sum(span_count), sum(window_count), sum(window_weight),
                   sum(previous_count), sum(previous_weight), sum(baseline_weight)
            FROM cell_window_shift GROUP BY resolution, q, r
            {CellWindowCounts.AddOnConflict("cell_window_counts", byCategory: false)}
            {CellWindowCounts.RemoveEmptySqlFor("cell_window_counts", byCategory: false, "SELECT DISTINCT resolution, q, r FROM cell_window_shift")}
            UPDATE cell_window_state SET last_day = @new;
            """;
    }

    /// <summary>Shifts both tables from the window ending <paramref name="from"/> to the one ending <paramref name="to"/>, in the caller's transaction and turn.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Sql is built once from constants; every value is a parameter.")]
    internal static async Task ApplyAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("old", from);
        command.Parameters.AddWithValue("new", to);
        command.Parameters.AddWithValue("days", CellQueryDefaults.WindowDays);
        command.Parameters.AddWithValue("baselines", CellQueryDefaults.BaselineWindows);
        command.Parameters.AddWithValue("resolutions", Resolutions);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
