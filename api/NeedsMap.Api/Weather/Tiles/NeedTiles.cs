using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using Npgsql;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// Draws a needs tile for a filter already restricted to the caller's scope. Up to zoom 14 a busy tile is density, not
/// thousands of overlapping points: when the filter asks only about categories (which <c>need_tile_squares</c>
/// counts), the tile is one feature per occupied square (<see cref="TileSquares"/>) with its
/// <c>count</c> and most frequent <c>category</c>, and <c>cluster</c> = true. A tile with at most <see cref="SparseTile"/>
/// needs, a higher zoom, or a filter the squares cannot answer (channel, time, text, place, status, a jurisdiction or
/// channel scope) is drawn
/// need by need as before, each with its id, category, channel, status and weight.
/// </summary>
public sealed class NeedTiles([FromKeyedServices(ReadDatabase.Key)] NpgsqlDataSource dataSource, NeedFilterSql filterSql)
{
    public const int Extent = 4096;
    public const int MaxNeedsPerTile = 50_000;

    /// <summary>
    /// A tile holding no more needs than this is drawn need by need even where it could be clustered: a few thousand points still
    /// draw and read well, and the map's close-up views (the browser tests count the needs they draw) stay need by need.
    /// </summary>
    public const int SparseTile = 5_000;

    public async Task<byte[]?> DrawAsync(TileAddress tile, NeedFilter? filter, CancellationToken cancellationToken)
    {
        if (tile.Z <= TileSquares.MaxClusteredZoom && AnsweredBySquares(filter))
        {
            var (needs, clustered) = await ClustersAsync(tile, filter, fromTops: true, cancellationToken);
            if (needs > SparseTile)
            {
                return clustered;
            }
        }
        return await SinglesAsync(tile, filter, cancellationToken);
    }

    /// <summary>True when the filter names categories only, combined with and, or, not (or nothing at all).</summary>
    public static bool AnsweredBySquares(NeedFilter? filter) => filter is null
        || (filter with { CategoryIn = null, And = null, Or = null, Not = null } == new NeedFilter()
            && (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not).All(AnsweredBySquares));

    /// <summary>
    /// The tile as clusters and the needs they hold. Where a cluster is one stored square (zoom 12–14) and nothing narrows the
    /// needs, each cluster is one row of <c>need_tile_square_tops</c> (<see cref="TileSquareTops"/>); otherwise the category rows
    /// of <c>need_tile_squares</c> are summed (<paramref name="fromTops"/> false forces that path, to compare both).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The condition comes from NeedFilterSql; values are parameters.")]
    internal async Task<(long Needs, byte[]? Tile)> ClustersAsync(TileAddress tile, NeedFilter? filter, bool fromTops, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        var condition = filterSql.Where(filter, p, "s");
        var level = TileSquares.LevelFor(tile.Z);
        var shift = level - tile.Z - TileSquares.GridBits;
        var step = TileSquares.Extent / TileSquares.Grid;
        // A tile at zoom 12 and up is one (tx, ty) of its level, asked by equality so the index range ends with the tile (a
        // range on tx would read on through every ty after it); below, a range of them.
        var tiles = shift == 0 ? "s.tx = @tx0 AND s.ty = @ty0" : "s.tx BETWEEN @tx0 AND @tx1 AND s.ty BETWEEN @ty0 AND @ty1";
        // Squares are summed by category first, so each cluster can name its most frequent one.
        var clusters = shift == 0 && condition == "TRUE" && fromTops
            ? $"""
                SELECT s.gx AS cx, s.gy AS cy, s.count, s.category_code AS category
                FROM need_tile_square_tops s
                WHERE s.level = @level AND {tiles}
                """
            : $"""
                WITH s AS (
                    SELECT s.gx >> {shift} AS cx, s.gy >> {shift} AS cy, s.category_code, sum(s.count) AS n
                    FROM need_tile_squares s
                    WHERE s.level = @level AND {tiles} AND {condition}
                    GROUP BY 1, 2, 3)
                SELECT cx, cy, sum(n)::int AS count, (array_agg(category_code ORDER BY n DESC, category_code))[1] AS category
                FROM s GROUP BY cx, cy HAVING sum(n) > 0
                """;
        var sql = $"""
            WITH c AS ({clusters})
            SELECT (SELECT coalesce(sum(count), 0) FROM c)::bigint,
                   (SELECT ST_AsMVT(t, 'needs', {Extent}, 'geom') FROM (
                        SELECT ST_MakePoint((c.cx - @cx0) * {step} + {step / 2}, (c.cy - @cy0) * {step} + {step / 2}) AS geom,
                               c.count, c.category, true AS cluster
                        FROM c) t)
            """;
        await using var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        var span = 1 << shift;
        command.Parameters.AddWithValue("level", level);
        command.Parameters.AddWithValue("tx0", tile.X * span);
        command.Parameters.AddWithValue("ty0", tile.Y * span);
        if (shift > 0)
        {
            command.Parameters.AddWithValue("tx1", (tile.X + 1) * span - 1);
            command.Parameters.AddWithValue("ty1", (tile.Y + 1) * span - 1);
        }
        command.Parameters.AddWithValue("cx0", tile.X * TileSquares.Grid);
        command.Parameters.AddWithValue("cy0", tile.Y * TileSquares.Grid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The condition comes from NeedFilterSql; values are parameters.")]
    private async Task<byte[]?> SinglesAsync(TileAddress tile, NeedFilter? filter, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        var condition = filterSql.Where(filter, p);
        var b = tile.Bounds(64.0 / Extent);
        var sql = $"""
            SELECT ST_AsMVT(t, 'needs', {Extent}, 'geom') FROM (
                SELECT ST_AsMVTGeom(ST_Transform(n.location, 3857), ST_TileEnvelope(@z, @x, @y), {Extent}, 64, true) AS geom,
                       n.id, n.category_code AS category, n.channel_code AS channel, n.status, n.weight
                FROM needs n
                WHERE n.location && ST_MakeEnvelope(@west, @south, @east, @north, 4326) AND {condition}
                LIMIT {MaxNeedsPerTile}) t
            """;
        await using var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        command.Parameters.AddWithValue("z", tile.Z);
        command.Parameters.AddWithValue("x", tile.X);
        command.Parameters.AddWithValue("y", tile.Y);
        command.Parameters.AddWithValue("west", b.West);
        command.Parameters.AddWithValue("south", b.South);
        command.Parameters.AddWithValue("east", b.East);
        command.Parameters.AddWithValue("north", b.North);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
