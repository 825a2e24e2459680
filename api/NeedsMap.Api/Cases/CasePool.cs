using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Cases;

/// <summary>
/// The needs a large batch may link to, copied into a temporary table with an index over place, time and top category
/// at once (an n-dimensional PostGIS GiST on x, y, day, category number). The needs table's own GiST is ordered by place
/// only, so in a dense district a candidate search walks every need within the search box, of every week of the year, before
/// the time condition drops them; here the box is cut in time and category inside the index. A rebuild builds one for all
/// its batches (see <see cref="CaseLinker.PoolFrom"/> for why a counting batch does not). The box is a superset: <see cref="CaseLinker"/> applies
/// the exact conditions on top, so both paths choose the same candidates.
/// </summary>
public sealed class CasePool : IAsyncDisposable
{
    /// <summary>The temporary table's name, one per session.</summary>
    public const string Table = "case_pool";

    private readonly NpgsqlConnection _connection;

    private CasePool(NpgsqlConnection connection) => _connection = connection;

    // Days as the third coordinate (float4 in the index keeps them to ~3 minutes; the box gets a day either side),
    // the top category's rank as the fourth, so a search box holds one category.
    private const string Create = """
        DROP TABLE IF EXISTS case_pool;
        CREATE TEMP TABLE case_pool (id bigint, received_at timestamptz, location geometry, top text, k geometry);
        INSERT INTO case_pool
        SELECT n.id, n.received_at, n.location, split_part(n.category_code, '.', 1) AS top,
          ST_MakePoint(ST_X(n.location), ST_Y(n.location), extract(epoch FROM n.received_at) / 86400.0,
            dense_rank() OVER (ORDER BY split_part(n.category_code, '.', 1))) AS k
        FROM needs n
        WHERE (@all OR n.id = ANY(@ids) OR (n.id < @below AND n.received_at >= @from AND n.received_at <= @to));
        CREATE INDEX ON case_pool USING gist (k gist_geometry_ops_nd);
        CREATE UNIQUE INDEX ON case_pool (id);
        ANALYZE case_pool;
        """;

    /// <summary>Every need (a rebuild links them all, in id order).</summary>
    public static Task<CasePool> AllAsync(NpgsqlConnection connection, CancellationToken ct) => CreateAsync(connection, [], all: true, 0, ct);

    /// <summary>The batch's needs and every earlier need received within <paramref name="days"/> (and a day) of one of them.</summary>
    public static Task<CasePool> ForAsync(NpgsqlConnection connection, long[] ids, int days, CancellationToken ct) =>
        CreateAsync(connection, ids, all: false, days, ct);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements; values are parameters.")]
    private static async Task<CasePool> CreateAsync(NpgsqlConnection connection, long[] ids, bool all, int days, CancellationToken ct)
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
                from = reader.GetFieldValue<DateTimeOffset>(0).AddDays(-days - 1);
                to = reader.GetFieldValue<DateTimeOffset>(1).AddDays(days + 1);
                below = reader.GetInt64(2);
            }
        }
        await using var command = new NpgsqlCommand(Create, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("all", all);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        command.Parameters.AddWithValue("below", below);
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from.UtcDateTime);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to.UtcDateTime);
        await command.ExecuteNonQueryAsync(ct);
        return new CasePool(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS case_pool", _connection);
        await drop.ExecuteNonQueryAsync();
    }
}
