namespace NeedsMap.Api.Cells.Tiles;

/// <summary>
/// The Web-Mercator squares needs tiles are clustered into at city zooms: a tile at zoom z is <see cref="Grid"/> ×
/// <see cref="Grid"/> squares of level z + <see cref="GridBits"/> (one square is 64 of the tile's 4096 units, a few screen
/// pixels). <c>need_tile_squares</c> counts every need in its square at each of <see cref="Levels"/>, by category and
/// channel (<see cref="NeedTileSquareWriter"/>), so a clustered tile reads at most 4,096 squares' rows instead of every
/// need under it. Below zoom 12 the level-18 squares are merged 2×2, 4×4, … into the tile's grid.
/// </summary>
public static class TileSquares
{
    public const int GridBits = 6;
    public const int Grid = 1 << GridBits;

    /// <summary>The highest zoom served as clusters; above it a tile holds few needs and each is drawn.</summary>
    public const int MaxClusteredZoom = 14;

    public static readonly short[] Levels = [18, 19, 20];

    /// <summary>The stored level a tile at <paramref name="zoom"/> (≤ <see cref="MaxClusteredZoom"/>) reads.</summary>
    public static short LevelFor(int zoom) => (short)Math.Max(Levels[0], zoom + GridBits);

    // The square of a longitude/latitude at a level, in SQL, for the writer, the rebuild and the migration alike
    // (one formula, so incremental counts and a rebuild put a need in the same square).
    public static string XSql(string longitude, string level) =>
        $"floor(({longitude} + 180.0) / 360.0 * power(2.0, {level}))::int";

    public static string YSql(string latitude, string level) =>
        $"floor((1.0 - ln(tan(radians({latitude})) + 1.0 / cos(radians({latitude}))) / pi()) / 2.0 * power(2.0, {level}))::int";

    /// <summary>
    /// The squares of every need that is counted: the needs, less the changes still waiting in <c>pending_rollups</c>
    /// (their new state is in <c>needs</c> but <see cref="NeedTileSquareWriter"/> will add it when it counts them).
    /// </summary>
    public static string CountedSquaresSql => $"""
        SELECT l.level, {XSql("x.lon", "l.level")} AS gx, {YSql("x.lat", "l.level")} AS gy, x.cat, x.chan, sum(x.n)::int AS n
        FROM (
            SELECT ST_X(location) AS lon, ST_Y(location) AS lat, category_code AS cat, channel_code AS chan, 1 AS n FROM needs
            UNION ALL
            SELECT after_longitude, after_latitude, after_category_code, after_channel_code, -1 FROM pending_rollups
            UNION ALL
            SELECT before_longitude, before_latitude, before_category_code, before_channel_code, 1 FROM pending_rollups
            WHERE before_longitude IS NOT NULL) x
        CROSS JOIN (VALUES {string.Join(", ", Levels.Select(l => $"({l}::smallint)"))}) AS l(level)
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(x.n) <> 0
        """;
}
