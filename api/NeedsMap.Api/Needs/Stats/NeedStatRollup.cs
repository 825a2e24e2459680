using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Needs.Rollups;
using Npgsql;

namespace NeedsMap.Api.Needs.Stats;

/// <summary>
/// needStats' counts kept by a rollup (issue #18 item 4; migration <c>NeedStatRollup</c>): needs and the sum of their weights
/// per city day (<c>need_stat_days</c>; <c>need_stat_city_days</c> without the street), city month (<c>need_stat_months</c>) or all time (<c>need_stat_totals</c>), category, channel, status and street
/// (the jurisdiction path cut after the street, <c>needsmap_stat_street</c>). Triggers on <c>needs</c> write every change of
/// those columns (inserts, revisions, moves, status changes, deletes, bulk files alike: they are all statements on needs)
/// as signed rows into <c>need_stat_deltas</c>, which no two writers contend on; this hook folds them into the four tables in
/// the rollup applier's transaction. Readers add the deltas not yet folded, so what they read is exact at any moment.
/// </summary>
public sealed class NeedStatRollup : INeedWriteHook
{
    public const string Days = "need_stat_days";

    /// <summary>The day rows without the street, for questions no jurisdiction filters or groups (migration <c>NeedStatCityDays</c>).</summary>
    public const string CityDays = "need_stat_city_days";
    public const string Months = "need_stat_months";
    public const string Totals = "need_stat_totals";
    public const string Deltas = "need_stat_deltas";

    /// <summary>The deepest jurisdiction level the rollup keeps (street): finer filters and groupings read the needs.</summary>
    public const int DeepestLevel = 2;

    /// <summary>
    /// Takes every committed delta, adds it to its day (with and without the street), its month and the totals, then drops the rows
    /// it brought to zero. The deltas of transactions still open stay for the next fold (readers add them meanwhile).
    /// </summary>
    private const string Fold = """
        WITH taken AS (DELETE FROM need_stat_deltas RETURNING *),
        days AS (
          SELECT received_at, category_code, channel_code, status, jurisdiction_path, sum(count)::int AS count, sum(weight) AS weight
          FROM taken GROUP BY 1, 2, 3, 4, 5),
        into_days AS (
          INSERT INTO need_stat_days AS t (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
          SELECT * FROM days WHERE count <> 0 OR weight <> 0 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (received_at, category_code, channel_code, status, jurisdiction_path)
          DO UPDATE SET count = t.count + excluded.count, weight = t.weight + excluded.weight),
        into_city_days AS (
          INSERT INTO need_stat_city_days AS t (received_at, category_code, channel_code, status, count, weight)
          SELECT received_at, category_code, channel_code, status, sum(count), sum(weight)
          FROM days GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0 OR sum(weight) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (received_at, category_code, channel_code, status)
          DO UPDATE SET count = t.count + excluded.count, weight = t.weight + excluded.weight),
        into_months AS (
        INSERT INTO need_stat_months AS t (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
        SELECT date_trunc('month', received_at, (SELECT zone FROM need_stat_settings)), category_code, channel_code, status, jurisdiction_path,
               sum(count), sum(weight)
        FROM days GROUP BY 1, 2, 3, 4, 5 HAVING sum(count) <> 0 OR sum(weight) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (received_at, category_code, channel_code, status, jurisdiction_path)
        DO UPDATE SET count = t.count + excluded.count, weight = t.weight + excluded.weight)
        INSERT INTO need_stat_totals AS t (category_code, channel_code, status, jurisdiction_path, count, weight)
        SELECT category_code, channel_code, status, jurisdiction_path, sum(count), sum(weight)
        FROM days GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0 OR sum(weight) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (category_code, channel_code, status, jurisdiction_path)
        DO UPDATE SET count = t.count + excluded.count, weight = t.weight + excluded.weight;
        DELETE FROM need_stat_days WHERE count = 0;
        DELETE FROM need_stat_city_days WHERE count = 0;
        DELETE FROM need_stat_months WHERE count = 0;
        DELETE FROM need_stat_totals WHERE count = 0;
        """;

    /// <summary>Called for every batch the applier counts (and labelling's); the deltas are not tied to the batch's changes.</summary>
    public async Task OnStoredAsync(NpgsqlConnection connection, IReadOnlyList<StoredNeedChange> changes, CancellationToken cancellationToken) =>
        await FoldAsync(connection, cancellationToken);

    /// <summary>Folds the committed deltas, under the rollup lock (a no-op when the applier holds it already).</summary>
    public static async Task FoldAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);" + Fold, connection);
        command.Parameters.AddWithValue("key", RollupApplier.RollupLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Recounts the four tables from the needs for the city's zone <paramref name="zone"/>, in the caller's transaction (the cells
    /// rebuild), which must hold the rollup lock (<see cref="RollupApplier.RollupLockKey"/>) so no fold runs meanwhile. Writers
    /// keep storing needs and their deltas: the deltas are taken and the needs counted in one statement, under one snapshot,
    /// so each need is counted once, by the rebuild or by a delta that statement did not see.
    /// </summary>
    public static async Task RebuildAsync(NpgsqlConnection connection, string zone, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE need_stat_settings SET zone = @zone;
            DELETE FROM need_stat_days;
            DELETE FROM need_stat_city_days;
            DELETE FROM need_stat_months;
            DELETE FROM need_stat_totals;
            WITH taken AS (DELETE FROM need_stat_deltas RETURNING 1),
            counted AS (
              SELECT date_trunc('day', received_at, @zone) AS received_at, category_code, channel_code, status,
                     needsmap_stat_street(jurisdiction_path) AS jurisdiction_path, count(*)::int AS count, sum(weight) AS weight
              FROM needs GROUP BY 1, 2, 3, 4, 5),
            into_days AS (
              INSERT INTO need_stat_days (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
              SELECT * FROM counted),
            into_city_days AS (
              INSERT INTO need_stat_city_days (received_at, category_code, channel_code, status, count, weight)
              SELECT received_at, category_code, channel_code, status, sum(count), sum(weight)
              FROM counted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4),
            into_months AS (
              INSERT INTO need_stat_months (received_at, category_code, channel_code, status, jurisdiction_path, count, weight)
              SELECT date_trunc('month', received_at, @zone), category_code, channel_code, status, jurisdiction_path, sum(count), sum(weight)
              FROM counted GROUP BY 1, 2, 3, 4, 5)
            INSERT INTO need_stat_totals (category_code, channel_code, status, jurisdiction_path, count, weight)
            SELECT category_code, channel_code, status, jurisdiction_path, sum(count), sum(weight)
            FROM counted GROUP BY 1, 2, 3, 4;
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("zone", zone);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
