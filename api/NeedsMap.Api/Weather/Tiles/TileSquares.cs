namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// The Web-Mercator squares needs tiles are clustered into at city zooms: a tile at zoom z is <see cref="Grid"/> ×
/// <see cref="Grid"/> squares of level z + <see cref="GridBits"/> (one square is 128 of the tile's 4096 units, 8 pixels of a
/// 256-pixel tile). <c>need_tile_squares</c> counts every need in its square at each of <see cref="Levels"/>, by category
/// (<see cref="NeedTileSquareWriter"/>), keyed by the tile first (<c>tx</c>, <c>ty</c>) so a tile's squares are one index
/// range: a busy z12 tile reads tens of thousands of rows instead of hundreds of thousands of needs. Below zoom 12 the
/// level-17 squares are merged 2×2, 4×4, … into the tile's grid. Channels are not counted: more than half the rows again.
/// </summary>
public static class TileSquares
{
    public const int GridBits = 5;
    public const int Grid = 1 << GridBits;
    public const int Extent = 4096;

    /// <summary>The highest zoom served as clusters; above it a tile holds few needs and each is drawn.</summary>
    public const int MaxClusteredZoom = 14;

    public static readonly short[] Levels = [17, 18, 19];

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
        SELECT level, gx >> {GridBits}, gy >> {GridBits}, gx, gy, cat, sum(n)::int
        FROM (
            SELECT l.level, {XSql("x.lon", "l.level")} AS gx, {YSql("x.lat", "l.level")} AS gy, x.cat, x.n
            FROM (
                SELECT ST_X(location) AS lon, ST_Y(location) AS lat, category_code AS cat, 1 AS n FROM needs
                UNION ALL
                SELECT after_longitude, after_latitude, after_category_code, -1 FROM pending_rollups
                UNION ALL
                SELECT before_longitude, before_latitude, before_category_code, 1 FROM pending_rollups WHERE before_longitude IS NOT NULL) x
            CROSS JOIN (VALUES {string.Join(", ", Levels.Select(l => $"({l}::smallint)"))}) AS l(level)) s
        GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(n) <> 0
        """;
}
