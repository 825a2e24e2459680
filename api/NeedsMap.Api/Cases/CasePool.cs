using NeedsMap.Api.Data.Sql;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Cases;

/// <summary>
/// The needs a large batch may link to, copied into a temporary table with each need's grid bucket: a cell of the search
/// box's size in x and y (the widest box any pooled need searches) and a time bucket of the window's length. Every
/// candidate the exact conditions keep lies in one of the 3 x 3 neighbouring cells and the neighbouring time buckets of
/// its need, so a search probes nine (category, cell) keys of a b-tree, each one a short range of time buckets, and meets
/// only neighbours. An n-dimensional GiST over place, day and category (the pool before this one) walked every
/// overlapping box at 1M needs: ~13 s for 5,000 needs. A rebuild builds one pool for all its batches (see
/// <see cref="CaseLinker.PoolFrom"/> for why a counting batch does not). The buckets are a superset: <see cref="CaseLinker"/>
/// applies the exact conditions on top, so both paths choose the same candidates.
/// </summary>
public sealed class CasePool : IAsyncDisposable
{
    /// <summary>The temporary table's name, one per session.</summary>
    public const string Table = "case_pool";

    private readonly NpgsqlConnection _connection;

    private CasePool(NpgsqlConnection connection) => _connection = connection;

    // The cell's width is the widest search box's half-width (CaseLinker's box at the pool's highest latitude) and its
    // height the box's half-height, both 1 % wider so a neighbour exactly on the box's edge cannot fall two cells away
    // by rounding; the time bucket is the window's length in days (at least one).
    // Temporary tables live in the session's own buffers, 8 MB unless raised before the session's first temporary table:
    // a pool of 120,000 needs read 116,000 of its pages from the OS in one batch's search (4.2 s; 2.9 s at the same load with
    // 256 MB). A pooled connection that has had a temporary table keeps its size (the error is swallowed): as slow as before.
    private static readonly string Create = $"""
        DO $$ BEGIN PERFORM set_config('temp_buffers', '256MB', false); EXCEPTION WHEN others THEN NULL; END $$;
        DROP TABLE IF EXISTS case_pool;
        CREATE TEMP TABLE case_pool (id bigint, received_at timestamptz, location geometry, top text, gx int, gy int, tb int);
        WITH src AS MATERIALIZED (
          SELECT n.id, n.received_at, n.location, split_part(n.category_code, '.', 1) AS top FROM needs n
          WHERE (@all OR n.id = ANY(@ids) OR (n.id < @below AND n.received_at >= @from AND n.received_at <= @to))),
        g AS (
          SELECT 1.01 * {MetreBox.HalfWidth("coalesce(max(abs(ST_Y(location))), 0)", "@metres")} AS w,
            1.01 * {MetreBox.HalfHeight("@metres")} AS h, 86400.0 * greatest(@days, 1) AS t
          FROM src)
        INSERT INTO case_pool
        SELECT s.id, s.received_at, s.location, s.top, floor(ST_X(s.location) / g.w)::int, floor(ST_Y(s.location) / g.h)::int,
          floor(extract(epoch FROM s.received_at) / g.t)::int
        FROM src s, g;
        CREATE INDEX ON case_pool (top, gx, gy, tb);
        CREATE UNIQUE INDEX ON case_pool (id);
        ANALYZE case_pool;
        """;

    /// <summary>Every need (a rebuild links them all, in id order).</summary>
    public static Task<CasePool> AllAsync(NpgsqlConnection connection, CaseOptions options, CancellationToken ct) =>
        CreateAsync(connection, [], all: true, options, ct);

    /// <summary>The batch's needs and every earlier need received within the window (and a day) of one of them.</summary>
    public static Task<CasePool> ForAsync(NpgsqlConnection connection, long[] ids, CaseOptions options, CancellationToken ct) =>
        CreateAsync(connection, ids, all: false, options, ct);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements; values are parameters.")]
    private static async Task<CasePool> CreateAsync(NpgsqlConnection connection, long[] ids, bool all, CaseOptions options, CancellationToken ct)
    {
        DateTimeOffset from = DateTimeOffset.UnixEpoch, to = DateTimeOffset.UnixEpoch;
        long below = 0;
        if (!all)
        {
            await using var range = new NpgsqlCommand("SELECT min(received_at), max(received_at), max(id) FROM needs WHERE id = ANY(@ids)", connection);
            range.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
            await using var reader = await range.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
            {
                from = reader.GetFieldValue<DateTimeOffset>(0).AddDays(-options.Days - 1);
                to = reader.GetFieldValue<DateTimeOffset>(1).AddDays(options.Days + 1);
                below = reader.GetInt64(2);
            }
        }
        await using var command = new NpgsqlCommand(Create, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("all", all);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        command.Parameters.AddWithValue("below", below);
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from.UtcDateTime);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to.UtcDateTime);
        command.Parameters.AddWithValue("metres", options.Metres);
        command.Parameters.AddWithValue("days", options.Days);
        await command.ExecuteNonQueryAsync(ct);
        return new CasePool(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS case_pool", _connection);
        await drop.ExecuteNonQueryAsync();
    }
}
