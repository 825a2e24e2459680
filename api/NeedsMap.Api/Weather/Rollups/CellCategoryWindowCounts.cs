namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// The default cells question by category kept answered (issue #18 item 4): <c>cell_window_category_counts</c> is
/// <see cref="CellWindowCounts"/> split by category, one row per resolution, category and cell with needs of that category in
/// the span (the window and its baselines), so a categoryIn question (with jurisdictions, and, or, not) reads at most cells ×
/// categories rows instead of the day × category × channel rows of <c>cell_demand</c>, which grow with needs a day. Channels
/// are not in the key: a channel filter reads <c>cell_demand</c> as before. Kept like its sibling and in the same statements:
/// the writer adds each batch's per-category deltas, and <see cref="CellWindowCounts.RecountAsync"/> recounts it (from
/// <c>cell_demand</c>: the blocks carry no category) at the day turn, after a rebuild and after a weight change, against the
/// one <c>cell_window_state</c> both tables follow.
/// </summary>
public static class CellCategoryWindowCounts
{
    /// <summary>The writer's deltas (arrays res, q, r, day, cat, cnt, w as in <see cref="CellRollupWriter"/>), one row per cell and category.</summary>
    internal static readonly string AddSql = CellWindowCounts.AddSqlFor("cell_window_category_counts", byCategory: true);

    /// <summary>A category with no need left in a cell's span leaves it, as its day rows leave <c>cell_demand</c>.</summary>
    internal static readonly string RemoveEmptySql = CellWindowCounts.RemoveEmptySqlFor("cell_window_category_counts", byCategory: true,
        "SELECT DISTINCT res AS resolution, cat AS category_code, q, r FROM unnest(@res, @cat, @q, @r) AS k(res, cat, q, r)");

    /// <summary>
    /// Recounts from the day rows in the span of the window <see cref="CellWindowCounts.RecountAsync"/> writes into
    /// <c>cell_window_state</c> (its parameters @last, @days, @baselines; as values, so only the quarters of <c>cell_demand</c>
    /// the span reaches are read): the same day ranges as <see cref="CellReader.BlocksOf"/>'s parts and the writer's sums. Written
    /// in key order, so a category's rows lie on few pages (R500's noise rows: 390 pages at 10M needs; 7,572 for fewer rows unordered at 1M).
    /// </summary>
    internal static readonly string RecountSql = BuildRecountSql();

    private static string BuildRecountSql()
    {
        var cut = CellWindowCounts.Cut.Of("d.day", "@last", "@days", "@baselines");
        return $"""
            DELETE FROM cell_window_category_counts;
            INSERT INTO cell_window_category_counts (resolution, category_code, q, r, jurisdiction_path, span_count, window_count, window_weight,
                                                     previous_count, previous_weight, baseline_weight)
            SELECT d.resolution, d.category_code, d.q, d.r, min(d.jurisdiction_path), sum(d.count),
                   coalesce(sum(d.count) FILTER (WHERE {cut.Window}), 0),
                   coalesce(sum(d.weight) FILTER (WHERE {cut.Window}), 0),
                   coalesce(sum(d.count) FILTER (WHERE {cut.Previous}), 0),
                   coalesce(sum(d.weight) FILTER (WHERE {cut.Previous}), 0),
                   coalesce(sum(d.weight) FILTER (WHERE {cut.Baseline}), 0)
            FROM cell_demand d
            WHERE {cut.Span}
            GROUP BY d.resolution, d.category_code, d.q, d.r
            HAVING sum(d.count) > 0
            ORDER BY d.resolution, d.category_code, d.q, d.r;
            """;
    }
}
