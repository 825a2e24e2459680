using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.KeyMatters.Rollups;

/// <summary>
/// Adds needs to <c>key_matter_demand</c> from their <c>key_matter_needs</c> rows in one statement: each need spread over
/// its jurisdiction path and its topics (and the category's own row, topic ''), grouped by row key and reporter in the
/// database, merged into existing rows as <see cref="KeyMatterRollupWriter"/>'s per-need deltas are. One piece serves a
/// bulk batch of new needs and the whole rebuild (all needs at once, into an empty table, so nothing conflicts).
/// Only for needs not yet counted: a revision takes its old contribution away first, which the writer does in memory.
/// </summary>
public static class KeyMatterDemandCounter
{
    // Rows go in key order (byte order, as the key's collation), so concurrent writers queue on their locks instead of deadlocking.
    private const string Sql = """
        INSERT INTO key_matter_demand AS x (jurisdiction_code, day, category_code, topic, records, cases, weight, anonymous, reporters, reporter_needs)
        SELECT g.code, g.day, g.cat, g.topic, sum(g.records)::int, sum(g.cases)::int, sum(g.weight), sum(g.anonymous)::int,
          coalesce(array_agg(g.reporter ORDER BY g.reporter) FILTER (WHERE g.reporter IS NOT NULL), '{}'),
          coalesce(array_agg(g.records::int ORDER BY g.reporter) FILTER (WHERE g.reporter IS NOT NULL), '{}')
        FROM (
          SELECT j.code, k.day, k.category_code AS cat, t.topic, k.reporter, count(*) AS records,
            count(*) FILTER (WHERE k.opens_case) AS cases, sum(k.weight) AS weight, count(*) FILTER (WHERE k.reporter IS NULL) AS anonymous
          FROM key_matter_needs k
          CROSS JOIN LATERAL unnest(string_to_array(k.jurisdiction_path, '.')) AS j(code)
          CROSS JOIN LATERAL unnest(array_prepend(''::text, k.topics)) AS t(topic)
          WHERE (@all OR k.need_id = ANY(@ids)) AND j.code <> ''
          GROUP BY j.code, k.day, k.category_code, t.topic, k.reporter) g
        GROUP BY g.code, g.day, g.cat, g.topic
        ORDER BY g.code COLLATE "C", g.day, g.cat COLLATE "C", g.topic COLLATE "C"
        ON CONFLICT (jurisdiction_code, day, category_code, topic) DO UPDATE SET records = x.records + excluded.records,
          cases = x.cases + excluded.cases, weight = x.weight + excluded.weight, anonymous = x.anonymous + excluded.anonymous,
          (reporters, reporter_needs) = (
            SELECT coalesce(array_agg(u.reporter ORDER BY u.reporter), '{}'), coalesce(array_agg(u.needs ORDER BY u.reporter), '{}')
            FROM (SELECT reporter, sum(needs)::int AS needs
                  FROM (SELECT * FROM unnest(x.reporters, x.reporter_needs)
                        UNION ALL SELECT * FROM unnest(excluded.reporters, excluded.reporter_needs)) AS b(reporter, needs)
                  GROUP BY reporter HAVING sum(needs) > 0) AS u)
        """;

    /// <summary>Adds these needs (their <c>key_matter_needs</c> rows written, never counted before) to the rollups.</summary>
    public static Task AddAsync(NpgsqlConnection connection, IReadOnlyCollection<long> needIds, CancellationToken ct) =>
        needIds.Count == 0 ? Task.CompletedTask : RunAsync(connection, all: false, [.. needIds], ct);

    /// <summary>Adds every <c>key_matter_needs</c> row (the rebuild, into an emptied table).</summary>
    public static Task AddAllAsync(NpgsqlConnection connection, CancellationToken ct) => RunAsync(connection, all: true, [], ct);

    private static async Task RunAsync(NpgsqlConnection connection, bool all, long[] ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("all", all);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        await command.ExecuteNonQueryAsync(ct);
    }
}
