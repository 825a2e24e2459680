using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// Keeps <c>need_tile_squares</c> current in the rollup applier's transaction: a created need adds one to its square at
/// each level (<see cref="TileSquares.Levels"/>) with its category, a revision first takes one away where the need was counted before. One
/// command per batch; the squares are computed in SQL with the same formula as the rebuild. The squares it touched then get
/// their count and top category recounted in <c>need_tile_square_tops</c> (<see cref="TileSquareTops"/>), in the same command.
/// </summary>
public sealed class NeedTileSquareWriter : INeedWriteHook
{
    private static readonly string Add = $"""
        INSERT INTO need_tile_squares (level, tx, ty, gx, gy, category_code, count)
        SELECT level, gx >> {TileSquares.GridBits}, gy >> {TileSquares.GridBits}, gx, gy, cat, sum(n)
        FROM (SELECT l.level, {TileSquares.XSql("d.lon", "l.level")} AS gx, {TileSquares.YSql("d.lat", "l.level")} AS gy, d.cat, d.n
              FROM unnest(@lon, @lat, @cat, @n) AS d(lon, lat, cat, n) CROSS JOIN unnest(@levels) AS l(level)) s
        GROUP BY 1, 2, 3, 4, 5, 6
        HAVING sum(n) <> 0
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (level, tx, ty, gx, gy, category_code) DO UPDATE SET count = need_tile_squares.count + excluded.count;
        """;

    // Only a revision can bring a square to zero; the rows it left empty go, so the table holds occupied squares only.
    private static readonly string RemoveEmpty = $"""
        DELETE FROM need_tile_squares s
        USING (SELECT DISTINCT l.level, {TileSquares.XSql("d.lon", "l.level")} AS gx, {TileSquares.YSql("d.lat", "l.level")} AS gy, d.cat
               FROM unnest(@lon, @lat, @cat, @n) AS d(lon, lat, cat, n) CROSS JOIN unnest(@levels) AS l(level)
               WHERE d.n < 0) k
        WHERE s.level = k.level AND s.tx = k.gx >> {TileSquares.GridBits} AND s.ty = k.gy >> {TileSquares.GridBits}
          AND s.gx = k.gx AND s.gy = k.gy AND s.category_code = k.cat AND s.count <= 0;
        """;

    // Every square of the batch's facts, before and after, at each level.
    private static readonly string Touched = $"""
        SELECT DISTINCT l.level, {TileSquares.XSql("d.lon", "l.level")} AS gx, {TileSquares.YSql("d.lat", "l.level")} AS gy
        FROM unnest(@lon, @lat) AS d(lon, lat) CROSS JOIN unnest(@levels) AS l(level)
        """;

    private static readonly string Tops = TileSquareTops.RecountSql(Touched);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements built from this class's and TileSquares' constants; values are parameters.")]
    public async Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        var facts = changes.SelectMany(c => c.Before is { } before ? new[] { (before, -1), (c.After, 1) } : [(c.After, 1)]).ToList();
        var removes = facts.Any(f => f.Item2 < 0);
        // Ingestion's hooks take turns on this lock already; taken again (a no-op then) for callers that count outside it.
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);" + Add + (removes ? RemoveEmpty : "") + Tops, connection);
        command.Parameters.AddWithValue("key", RollupApplier.RollupLockKey);
        command.Parameters.Add(new NpgsqlParameter("lon", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = facts.Select(f => f.Item1.Longitude).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("lat", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = facts.Select(f => f.Item1.Latitude).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("cat", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = facts.Select(f => f.Item1.CategoryCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = facts.Select(f => f.Item2).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("levels", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = TileSquares.Levels });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Recounts the squares from the needs and their tops from the squares, in the caller's transaction (the cells rebuild).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements built from this class's and TileSquares' constants; values are parameters.")]
    public static async Task RebuildAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            LOCK TABLE need_tile_squares IN EXCLUSIVE MODE;
            DELETE FROM need_tile_squares;
            INSERT INTO need_tile_squares (level, tx, ty, gx, gy, category_code, count)
            {TileSquares.CountedSquaresSql};
            {TileSquareTops.RebuildSql}
            """, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Recounts the squares and their tops in a transaction of its own, after needs left without a revision (a detached quarter).</summary>
    public static async Task RecountAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RebuildAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
