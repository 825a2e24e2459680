namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// <c>need_tile_square_tops</c>: one row per occupied square of <c>need_tile_squares</c> with its count and most frequent
/// category (ties to the lowest code, as the clusters always broke them). At zooms 12–14 a cluster is one stored square, so an
/// unfiltered tile reads at most <see cref="TileSquares.Grid"/>² rows here, however many categories a square holds: ~29 at 10M
/// needs against ~7 at 1M, which made the busiest tiles read 3–4× the rows. Kept exact by recounting, from the category
/// rows, only the squares a batch touched, in the same transaction as the squares (<see cref="NeedTileSquareWriter"/>).
/// </summary>
public static class TileSquareTops
{
    /// <summary>A square's top category from its category rows <c>s</c>: the one place the tie is broken.</summary>
    public const string TopSql = "(array_agg(s.category_code ORDER BY s.count DESC, s.category_code))[1]";

    /// <summary>
    /// Recounts the tops of the squares <paramref name="touched"/> names (a query of <c>level</c>, <c>gx</c>, <c>gy</c>):
    /// two statements, run after the squares were written; a square left without needs loses its row.
    /// </summary>
    public static string RecountSql(string touched) => $"""
        DELETE FROM need_tile_square_tops t
        USING ({touched}) k
        WHERE t.level = k.level AND t.tx = k.gx >> {TileSquares.GridBits} AND t.ty = k.gy >> {TileSquares.GridBits}
          AND t.gx = k.gx AND t.gy = k.gy;
        INSERT INTO need_tile_square_tops (level, tx, ty, gx, gy, count, category_code)
        SELECT s.level, s.tx, s.ty, s.gx, s.gy, sum(s.count)::int, {TopSql}
        FROM need_tile_squares s
        JOIN ({touched}) k ON s.level = k.level AND s.tx = k.gx >> {TileSquares.GridBits} AND s.ty = k.gy >> {TileSquares.GridBits}
          AND s.gx = k.gx AND s.gy = k.gy
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(s.count) > 0;
        """;

    /// <summary>Every square's top from the category rows, for the rebuild (after the squares are recounted) and the tests.</summary>
    public const string FromSquaresSql = $"""
        SELECT s.level, s.tx, s.ty, s.gx, s.gy, sum(s.count)::int, {TopSql}
        FROM need_tile_squares s
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(s.count) > 0
        """;

    /// <summary>Empties and refills the table from <c>need_tile_squares</c>, in the caller's transaction.</summary>
    public const string RebuildSql = $"""
        LOCK TABLE need_tile_square_tops IN EXCLUSIVE MODE;
        DELETE FROM need_tile_square_tops;
        INSERT INTO need_tile_square_tops (level, tx, ty, gx, gy, count, category_code)
        {FromSquaresSql};
        """;
}
