using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Needs;
using NpgsqlTypes;

namespace NeedsMap.Api.Weather.Tiles;

/// <summary>
/// Counts the needs in a bbox (and, optionally, categories) exactly without reading each one: the level-19 squares of
/// <c>need_tile_squares</c> wholly inside the box are summed (corrected by the changes still pending in
/// <c>pending_rollups</c>, as <see cref="TileSquares.CountedSquaresSql"/> does), and only the needs in the squares the
/// box's edge cuts are read as rows. A bbox without a time window matches every year of needs there, one heap page each
/// (77,000 pages at 10M for ±0.01° round the centre); the edge holds ~6 % of them. Any other filter (time,
/// channel, status, text, place, a jurisdiction or channel scope, the public's nothing) returns null and is counted row by row.
/// One statement, so the squares, the pending changes and the rows are read in one snapshot.
/// </summary>
public sealed class BoxCounts(NeedsMapDbContext db, NeedFilterSql filterSql) : INeedCountShortcut
{
    /// <summary>The finest stored level: its squares are ~67 m wide at the city, so the edge read is thinnest.</summary>
    public const int Level = 19;

    // Squares within this many degrees (~10 cm) of the box's edge count as cut by it: the SQL computes a need's square in
    // floating point, so a need a rounding error outside the box must not be taken into a square counted as inside.
    private const double Margin = 1e-6;
    private const double Scale = 1 << Level;

    public async Task<int?> TryCountAsync(NeedFilter filter, CancellationToken cancellationToken)
    {
        if (Split(filter) is not { } split || Inner(split.Box) is not { } inner)
        {
            return null;
        }
        var (box, categories) = split;
        var (gx0, gx1, gy0, gy1) = inner;
        var p = new SqlParameters();
        var where = filterSql.Where(filter, p);
        var squares = filterSql.Where(categories, p, "s");
        var pending = filterSql.Where(categories, p, "pr");
        var (w, e) = (p.Add(LongitudeOf(gx0), NpgsqlDbType.Double), p.Add(LongitudeOf(gx1 + 1), NpgsqlDbType.Double));
        var (n, s) = (p.Add(LatitudeOf(gy0), NpgsqlDbType.Double), p.Add(LatitudeOf(gy1 + 1), NpgsqlDbType.Double));
        var (bw, bs, be, bn) = (p.Add(box.West, NpgsqlDbType.Double), p.Add(box.South, NpgsqlDbType.Double),
            p.Add(box.East, NpgsqlDbType.Double), p.Add(box.North, NpgsqlDbType.Double));
        var d = p.Add(Margin, NpgsqlDbType.Double);
        var (x0, x1, y0, y1) = (p.Add(gx0, NpgsqlDbType.Integer), p.Add(gx1, NpgsqlDbType.Integer), p.Add(gy0, NpgsqlDbType.Integer), p.Add(gy1, NpgsqlDbType.Integer));
        var tiles = p.Add(Enumerable.Range(gx0 >> TileSquares.GridBits, (gx1 >> TileSquares.GridBits) - (gx0 >> TileSquares.GridBits) + 1).ToArray(),
            NpgsqlDbType.Array | NpgsqlDbType.Integer);
        string Inside(string lon, string lat) =>
            $"{TileSquares.XSql(lon, Level.ToString(System.Globalization.CultureInfo.InvariantCulture))} BETWEEN {x0} AND {x1} "
            + $"AND {TileSquares.YSql(lat, Level.ToString(System.Globalization.CultureInfo.InvariantCulture))} BETWEEN {y0} AND {y1}";
        // The edge: four strips between the box and the inner squares (a need there may still be in an inner square, or
        // outside the box; the last two conditions decide), read through the GiST index as one bitmap.
        var sql = $"""
            SELECT ((SELECT coalesce(sum(s.count), 0) FROM need_tile_squares s
                     WHERE s.level = {Level} AND s.tx = ANY({tiles}) AND s.ty BETWEEN {y0} >> {TileSquares.GridBits} AND {y1} >> {TileSquares.GridBits}
                       AND s.gx BETWEEN {x0} AND {x1} AND s.gy BETWEEN {y0} AND {y1} AND {squares})
                  + (SELECT coalesce(sum(pr.n), 0) FROM (
                         SELECT after_longitude AS lon, after_latitude AS lat, after_category_code AS category_code, 1 AS n FROM pending_rollups
                         UNION ALL
                         SELECT before_longitude, before_latitude, before_category_code, -1 FROM pending_rollups WHERE before_longitude IS NOT NULL) pr
                     WHERE {Inside("pr.lon", "pr.lat")} AND {pending})
                  + (SELECT count(*) FROM needs n
                     WHERE (n.location && ST_MakeEnvelope({bw}, {bs}, {w} + {d}, {bn}, 4326)
                            OR n.location && ST_MakeEnvelope({e} - {d}, {bs}, {be}, {bn}, 4326)
                            OR n.location && ST_MakeEnvelope({bw}, {n} - {d}, {be}, {bn}, 4326)
                            OR n.location && ST_MakeEnvelope({bw}, {bs}, {be}, {s} + {d}, 4326))
                       AND {where} AND NOT ({Inside("ST_X(n.location)", "ST_Y(n.location)")})))::int AS "Value"
            """;
        return await db.Database.SqlQueryRaw<int>(sql, [.. p.All]).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// The filter as a bbox and a condition on categories alone (and, or, not of categoryIn), when it is one: the bbox at the
    /// top or inside an and (the caller's scope arrives as an and around the question).
    /// </summary>
    public static (BoundingBox Box, NeedFilter Categories)? Split(NeedFilter filter)
    {
        if (filter.Bbox is { } box)
        {
            var rest = filter with { Bbox = null };
            return NeedTiles.AnsweredBySquares(rest) ? (box, rest) : null;
        }
        if (filter.And is not { } and || !NeedTiles.AnsweredBySquares(filter with { And = null }))
        {
            return null;
        }
        for (var i = 0; i < and.Count; i++)
        {
            var others = and.Where((_, j) => j != i).ToList();
            if (Split(and[i]) is { } found && others.All(NeedTiles.AnsweredBySquares))
            {
                return (found.Box, filter with { And = [.. others, found.Categories] });
            }
        }
        return null;
    }

    /// <summary>The level-19 squares wholly inside the box (by <see cref="Margin"/>), as column and row ranges; null when none are.</summary>
    public static (int Gx0, int Gx1, int Gy0, int Gy1)? Inner(BoundingBox box)
    {
        // Mercator rows are only defined away from the poles; the city is far from them, and other boxes count row by row.
        if (!(box.West < box.East && box.South < box.North && box.West >= -180 && box.East <= 180 && box.South > -85 && box.North < 85))
        {
            return null;
        }
        var gx0 = (int)Math.Ceiling(X(box.West + Margin));
        var gx1 = (int)Math.Floor(X(box.East - Margin)) - 1;
        var gy0 = (int)Math.Ceiling(Y(box.North - Margin));
        var gy1 = (int)Math.Floor(Y(box.South + Margin)) - 1;
        return gx0 <= gx1 && gy0 <= gy1 ? (gx0, gx1, gy0, gy1) : null;
    }

    // TileSquares.XSql / YSql in C#, and their inverses (a square's west and north edges).
    private static double X(double longitude) => (longitude + 180.0) / 360.0 * Scale;

    private static double Y(double latitude)
    {
        var r = double.DegreesToRadians(latitude);
        return (1.0 - Math.Log(Math.Tan(r) + 1.0 / Math.Cos(r)) / Math.PI) / 2.0 * Scale;
    }

    private static double LongitudeOf(int gx) => gx / Scale * 360.0 - 180.0;

    private static double LatitudeOf(int gy) => double.RadiansToDegrees(Math.Atan(Math.Sinh(Math.PI * (1 - 2 * gy / Scale))));
}
